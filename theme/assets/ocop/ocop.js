/* Recompute a product's certificate status in the visitor's browser.
   The page was built on `data-as-of`; a certificate may have expired since. The page shows the
   verdict as built (status word, date, stars as current or as history) and carries, in the
   verdict's `data-later`, what differs in each status it can turn into (generator/site/view.py,
   later_verdicts): this script only puts those words in, so the words, the icon and the stars
   always agree. Without it the page shows the status as of the build date, which it states in words. */
(function () {
  "use strict";
  var panel = document.querySelector(".ocop-verify[data-valid-until]");
  if (!panel) return;
  var status = panel.getAttribute("data-status");
  var until = panel.getAttribute("data-valid-until");
  if (!until || (status !== "valid" && status !== "expiring")) return;
  // Calendar days between today in Vietnam (UTC+7) and the last valid day, counted exactly as the
  // build counts them (generator/derive.py): expired after that day, expiring within 90 days.
  var todayVN = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  var days = Math.round((Date.parse(until) - Date.parse(todayVN)) / 864e5);
  var next = days < 0 ? "expired" : days <= 90 ? "expiring" : "valid";
  var verdict = panel.querySelector(".ocop-verdict");
  var later = {};
  try { later = JSON.parse(verdict.getAttribute("data-later") || "{}"); } catch (e) { return; }
  // A status the build did not prepare (a clock set before the build date): keep the built verdict.
  if (next !== status && !later[next]) return;
  // Said only by this script, so its words are here, not on every page (40,000 pages at national scale).
  var asOf = panel.querySelector(".ocop-verify__asof");
  if (asOf) {
    var recheck = document.createElement("span");
    recheck.className = "ocop-verify__recheck";
    recheck.setAttribute("data-ocop-recheck", "");
    recheck.textContent = " " + (document.documentElement.lang === "en"
      ? "Checked again against today's date on your device."
      : "Đã kiểm tra lại theo ngày hôm nay trên thiết bị của bạn.");
    asOf.appendChild(recheck);
  }
  if (next === status) return;
  var v = later[next];
  var text = function (selector, words) {
    var el = verdict.querySelector(selector);
    if (el && words !== undefined) el.textContent = words;
  };
  panel.setAttribute("data-status", next);
  verdict.className = "ocop-verdict ocop-verdict--" + next;  // and its icon (ocop.css)
  text("[data-ocop-status-text]", v.words);
  text(".ocop-verify__until", v.when);
  text(".ocop-verify__stars-text", v.stars_text);
  if (v.current === false) {  // the stars become history: grey, never the rating's gold
    var stars = verdict.querySelector(".ocop-verify__stars");
    if (stars) {
      stars.className = "ocop-verify__stars ocop-verify__stars--past";
      stars.firstElementChild.className = "ocop-stars-past";
    }
  }
  if (v.note) {
    var note = document.createElement("p");
    note.className = "ocop-verify__note";
    note.textContent = v.note;
    verdict.appendChild(note);
  }
})();

/* Share the page: the phone's own share sheet where there is one (Web Share: Zalo, Messenger, SMS…
   as installed), else the page's address copied (desktop browsers; Chromium headless has no
   navigator.share). Hidden without this script: the address stays printed in the panel. */
(function () {
  "use strict";
  var button = document.querySelector("[data-ocop-share]");
  if (!button) return;
  var url = button.getAttribute("data-url");
  var words = button.querySelector("span");
  var label = words.textContent;
  var said = function () {
    words.textContent = button.getAttribute("data-done");
    setTimeout(function () { words.textContent = label; }, 2000);
  };
  var copy = function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(said, select);
    } else {
      var box = document.createElement("textarea");  // plain http: copy the old way
      box.value = url;
      box.setAttribute("readonly", "");
      box.style.position = "fixed";
      box.style.opacity = "0";
      document.body.appendChild(box);
      box.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { /* below */ }
      document.body.removeChild(box);
      if (done) said(); else select();
    }
  };
  // Nothing could be copied: select the printed address, for the visitor to copy by hand.
  var select = function () {
    var printed = document.querySelector(".ocop-verify__official .ocop-url");
    if (!printed) return;
    var range = document.createRange();
    range.selectNodeContents(printed);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    printed.scrollIntoView({ block: "center" });
  };
  button.hidden = false;
  button.addEventListener("click", function () {
    if (navigator.share) {
      navigator.share({ title: button.getAttribute("data-title"), url: url }).catch(function (e) {
        if (e && e.name !== "AbortError") copy();  // the visitor closing the sheet is not a failure
      });
    } else {
      copy();
    }
  });
})();
