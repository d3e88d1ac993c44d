/* Recompute a product's certificate status in the visitor's browser.
   The page was built on `data-as-of`; a certificate may have expired since. Without this script
   the page still shows the status as of the build date, which it states in words. */
(function () {
  "use strict";
  var panel = document.querySelector(".ocop-verify[data-valid-until]");
  if (!panel) return;
  var status = panel.getAttribute("data-status");
  var until = panel.getAttribute("data-valid-until");
  if (!until || (status !== "valid" && status !== "expiring")) return;
  // Valid through the whole of its last day in Vietnam (UTC+7).
  var end = new Date(until + "T23:59:59.999+07:00").getTime();
  var now = Date.now();
  var next = status;
  if (now > end) next = "expired";
  else if (end - now <= 90 * 864e5) next = "expiring";
  var recheck = panel.querySelector("[data-ocop-recheck]");
  if (recheck) recheck.hidden = false;
  if (next === status) return;
  panel.setAttribute("data-status", next);
  var words = panel.querySelector("[data-ocop-status-text]");
  if (words) words.textContent = panel.getAttribute("data-text-" + next);
  var icon = panel.querySelector(".ocop-verify__icon");
  if (icon) icon.textContent = next === "expired" ? "\u2716" : "\u26a0";
})();
