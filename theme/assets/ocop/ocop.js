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
  // Calendar days between today in Vietnam (UTC+7) and the last valid day, counted exactly as the
  // build counts them (generator/derive.py): expired after that day, expiring within 90 days.
  var todayVN = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  var days = Math.round((Date.parse(until) - Date.parse(todayVN)) / 864e5);
  var next = status;
  if (days < 0) next = "expired";
  else if (days <= 90) next = "expiring";
  var recheck = panel.querySelector("[data-ocop-recheck]");
  if (recheck) recheck.hidden = false;
  if (next === status) return;
  panel.setAttribute("data-status", next);
  var words = panel.querySelector("[data-ocop-status-text]");
  if (words) words.textContent = panel.getAttribute("data-text-" + next);
  var icon = panel.querySelector(".ocop-verify__icon");
  if (icon) icon.textContent = next === "expired" ? "\u2716" : "\u26a0";
})();
