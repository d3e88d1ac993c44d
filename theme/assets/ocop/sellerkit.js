/* The seller's kit, drawn on the seller's own device when asked for: the PNG badge (for marketplaces
   that take uploaded images only) in Vietnamese or English, and the square sticker with the QR
   code. As files made by the build they were three per product, a third of the site's size budget;
   here they cost one script for the whole site.

   Everything drawn comes from the page: the words and colour from the kit's data attributes
   (generator/site/badge.py `kit` decides them), the QR code from the product's own qr.svg (same
   origin, so the canvas can still be exported). Words are only ever drawn with fillText: nothing
   here turns text into markup. Without this script (or without canvas export) the kit stays
   hidden; the QR code's SVG and PNG links serve instead. */
(function () {
  "use strict";
  var kit = document.querySelector("[data-ocop-kit]");
  if (!kit || !window.fetch || !window.URL || !URL.createObjectURL) return;
  var probe = document.createElement("canvas");
  if (!probe.getContext || !probe.toBlob) return;

  var FONT = '"DejaVu Sans", Verdana, Geneva, sans-serif';  // badge.svg's
  var LABEL = "OCOP";
  var DARK = "#263238";  // the badge's label part (badge.py)
  var PLAIN_BG = "#eceff1", PLAIN_INK = "#263238";  // not rated yet: one light part (badge.py UNRATED_*)
  var WHITE = "#ffffff", INK = "#212121";
  var colour = kit.getAttribute("data-colour");
  var plain = kit.hasAttribute("data-plain");

  function canvas(width, height) {
    var c = document.createElement("canvas");
    c.width = width;
    c.height = height;
    return c;
  }

  // The largest size (at most `size` px) at which `text` fits in `width`.
  function fitted(g, text, size, width, weight) {
    for (; size > 12; size--) {
      g.font = weight + size + "px " + FONT;
      if (g.measureText(text).width <= width) break;
    }
    return g.font;
  }

  // The badge: badge.svg's two parts (20 px high) drawn three times as large, sharp on any phone.
  var SCALE = 3;
  function badge(words) {
    var size = 11 * SCALE, pad = 6 * SCALE, height = 20 * SCALE;
    var regular = size + "px " + FONT, bold = "bold " + regular;
    var g = probe.getContext("2d");
    g.font = bold;
    var left = plain ? 0 : Math.ceil(g.measureText(LABEL).width) + 2 * pad;
    g.font = regular;
    var c = canvas(left + Math.ceil(g.measureText(words).width) + 2 * pad, height);
    g = c.getContext("2d");
    g.textBaseline = "middle";
    if (plain) {
      g.fillStyle = PLAIN_BG;
      g.fillRect(0, 0, c.width, height);
      g.strokeStyle = PLAIN_INK;
      g.lineWidth = SCALE;
      g.strokeRect(SCALE / 2, SCALE / 2, c.width - SCALE, height - SCALE);
      g.fillStyle = PLAIN_INK;
    } else {
      g.fillStyle = DARK;
      g.fillRect(0, 0, left, height);
      g.fillStyle = colour;
      g.fillRect(left, 0, c.width - left, height);
      g.fillStyle = WHITE;
      g.font = bold;
      g.fillText(LABEL, pad, height / 2);
    }
    g.font = regular;
    g.fillText(words, left + pad, height / 2);
    return Promise.resolve(c);
  }

  // The sticker, 1200 px square (10 cm at 300 dpi): a band in the status colour with "OCOP" and the
  // stars, the verdict with its date in Vietnamese and English; the QR code with the product id
  // under it (qr.svg, drawn at a whole number of pixels a module: sharp edges); "scan to check" and
  // the site's host.
  var SIDE = 1200, BAND = 300, MIDDLE = SIDE / 2;
  function sticker(button) {
    var qr = button.getAttribute("data-qr");
    return fetch(qr).then(function (response) {
      if (!response.ok) throw new Error(qr + ": " + response.status);
      return response.text();
    }).then(function (svg) {
      // viewBox "0 0 <modules with quiet zone> <the same and the id's line>"
      var box = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
      if (!box) throw new Error(qr + ": no viewBox");
      return new Promise(function (resolve, reject) {
        var img = new Image();
        img.onload = function () { resolve([img, +box[1], +box[2]]); };
        img.onerror = reject;
        img.src = qr;
      });
    }).then(function (loaded) {
      var img = loaded[0], modules = loaded[1], rows = loaded[2];
      var c = canvas(SIDE, SIDE), g = c.getContext("2d");
      g.fillStyle = WHITE;
      g.fillRect(0, 0, SIDE, SIDE);
      g.fillStyle = colour;
      g.fillRect(0, 0, SIDE, BAND);
      g.fillStyle = WHITE;
      g.textAlign = "center";
      g.textBaseline = "middle";
      var head = button.getAttribute("data-head");
      if (head) {
        g.font = "bold 80px " + FONT;
        g.fillText(head, MIDDLE, 84);
      }
      g.font = fitted(g, button.getAttribute("data-vi"), 52, SIDE - 80, "bold ");
      g.fillText(button.getAttribute("data-vi"), MIDDLE, 176);
      g.font = fitted(g, button.getAttribute("data-en"), 52, SIDE - 80, "");
      g.fillText(button.getAttribute("data-en"), MIDDLE, 248);
      var module = Math.floor(Math.min(680 / modules, 740 / rows));
      var width = modules * module;
      g.imageSmoothingEnabled = false;
      g.drawImage(img, Math.round((SIDE - width) / 2), BAND, width, rows * module);
      g.fillStyle = INK;
      g.font = fitted(g, button.getAttribute("data-scan"), 48, SIDE - 80, "bold ");
      g.fillText(button.getAttribute("data-scan"), MIDDLE, 1100);
      g.font = "36px " + FONT;
      g.fillText(button.getAttribute("data-host"), MIDDLE, 1160);
      return c;
    });
  }

  function download(c, name) {
    return new Promise(function (resolve, reject) {
      c.toBlob(function (blob) {
        if (!blob) { reject(new Error("toBlob")); return; }
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = name;
        document.body.appendChild(link);
        link.click();
        document.body.removeChild(link);
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
        resolve();
      }, "image/png");
    });
  }

  function offer(button, draw) {
    var label = button.textContent;
    button.addEventListener("click", function () {
      if (button.disabled) return;
      button.disabled = true;
      draw().then(function (c) {
        return download(c, button.getAttribute("data-file"));
      }).then(function () {
        button.disabled = false;
      }, function () {
        button.textContent = kit.getAttribute("data-failed");
        setTimeout(function () { button.textContent = label; button.disabled = false; }, 4000);
      });
    });
  }

  Array.prototype.forEach.call(kit.querySelectorAll("[data-ocop-badge]"), function (button) {
    offer(button, function () { return badge(button.getAttribute("data-ocop-badge")); });
  });
  Array.prototype.forEach.call(kit.querySelectorAll("[data-ocop-sticker]"), function (button) {
    offer(button, function () { return sticker(button); });
  });
  kit.hidden = false;
})();
