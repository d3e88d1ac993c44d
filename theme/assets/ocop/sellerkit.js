/* The seller's kit, made on the seller's own device. The page holds only what differs per product
   or must work without script (product.html: the badge, the HTML snippet to select by hand, the
   open data, and the product's words for the drawings as data attributes of [data-ocop-kit]); this
   script adds what is the same on every page of a language, 2.3 KB less on each of 40,000 pages:
   the copy buttons, the Markdown snippet (made from the HTML one), and, when asked for, the PNG
   badge (for marketplaces that take uploaded images only) in Vietnamese or English and the square
   sticker with the QR code. As files made by the build those were three per product, a third of
   the site's size budget; here they cost one script for the whole site.

   Its words are in WORDS, by <html lang>; the product's come from the kit's data attributes
   (generator/site/badge.py `kit` decides them), the QR code from the product's own qr.svg (same
   origin, so the canvas can still be exported). Everything is made with DOM methods and
   textContent, words on the canvas with fillText: nothing here turns text into markup. Without
   this script the HTML snippet, the badge and the QR code's SVG and PNG links serve. */
(function () {
  "use strict";
  var kit = document.querySelector("[data-ocop-kit]");
  var snippet = document.getElementById("badge-html");
  if (!kit || !snippet) return;

  // The kit's own words (moved here from generator/site/strings.py: the same on every page).
  var WORDS = {
    vi: {
      heading: "Cho người bán: huy hiệu và nhãn dán",
      copy: "Sao chép",
      copied: "Đã sao chép",
      pngHelp: "Sàn thương mại điện tử (Shopee, Lazada, Tiki…) chỉ nhận ảnh tải lên: dùng huy hiệu PNG hoặc nhãn dán vuông có mã QR.",
      png: "Huy hiệu PNG",
      languages: ["tiếng Việt", "tiếng Anh"],
      sticker: "Nhãn dán vuông có mã QR (PNG, tiếng Việt và tiếng Anh)",
      stickerHelp: "Nhãn dán ghi ngày hết hiệu lực, không ghi “còn hiệu lực”: in ra hay tải lên rồi vẫn đúng.",
      failed: "Không tạo được ảnh trên máy này: hãy tải mã QR dạng SVG hoặc PNG."
    },
    en: {
      heading: "For sellers: badge and sticker",
      copy: "Copy",
      copied: "Copied",
      pngHelp: "Marketplaces (Shopee, Lazada, Tiki…) take uploaded images only: use the PNG badge or the square sticker with the QR code.",
      png: "PNG badge",
      languages: ["Vietnamese", "English"],
      sticker: "Square sticker with the QR code (PNG, Vietnamese and English)",
      stickerHelp: "The sticker states the end date, not “valid”: it stays true once printed or uploaded.",
      failed: "This device could not make the image: download the QR code as SVG or PNG instead."
    }
  };
  var LANGUAGES = ["vi", "en"];  // the badges' order, and data-badge's (badge.py KIT_LANGUAGES)
  var SCAN = "Quét mã để kiểm tra · Scan to check";  // on the sticker: both languages, whichever page
  var words = WORDS[document.documentElement.lang] || WORDS.vi;
  var stem = kit.getAttribute("data-ocop-kit");

  function element(name, text, attributes) {
    var el = document.createElement(name);
    if (text) el.textContent = text;
    for (var key in attributes || {}) el.setAttribute(key, attributes[key]);
    return el;
  }

  // A copy button for a snippet's box: the clipboard where the page is a secure context, else the
  // text selected and copied the old way (plain http); the text stays selected if both fail.
  function copier(box, what) {
    var label = words.copy + " " + what;
    var button = element("button", label, {type: "button", "class": "ocop-copy"});
    button.addEventListener("click", function () {
      var done = function () {
        button.textContent = words.copied;
        setTimeout(function () { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(box.value).then(done, function () { box.select(); });
      } else {
        box.select();
        try { if (document.execCommand("copy")) done(); } catch (e) { /* the text stays selected */ }
      }
    });
    return button;
  }

  // What follows the HTML snippet, in the page's order: its copy button, the Markdown snippet
  // with its own (made from the HTML one: the same page, badge and words), then the drawings.
  var made = document.createDocumentFragment();
  function add(node) { made.appendChild(document.createTextNode(" ")); made.appendChild(node); }
  add(copier(snippet, "HTML"));
  var parts = /^<a href="([^"]*)"><img src="([^"]*)" alt="([^"]*)"/.exec(snippet.value);
  var page = parts ? parts[1] : "";
  if (parts) {
    var markdown = element("textarea", "", {id: "badge-md", readonly: "", rows: "2"});
    markdown.value = "[![" + parts[3] + "](" + parts[2] + ")](" + page + ")";
    add(element("label", "Markdown", {"for": "badge-md"}));
    add(markdown);
    add(copier(markdown, "Markdown"));
  }
  kit.insertBefore(element("h3", words.heading), kit.firstChild);

  // The drawings need canvas export and fetch; without them only the QR code's links serve.
  var probe = document.createElement("canvas");
  var drawable = window.fetch && window.URL && URL.createObjectURL && probe.getContext && probe.toBlob;
  if (!drawable) {
    snippet.parentNode.insertBefore(made, snippet.nextSibling);
    return;
  }

  var FONT = '"DejaVu Sans", Verdana, Geneva, sans-serif';  // badge.svg's
  var LABEL = "OCOP";
  var DARK = "#263238";  // the badge's label part (badge.py)
  var PLAIN_BG = "#eceff1", PLAIN_INK = "#263238";  // not rated yet: one light part (badge.py UNRATED_*)
  var WHITE = "#ffffff", INK = "#212121";
  var colour = kit.getAttribute("data-colour");
  var plain = kit.hasAttribute("data-plain");
  var qr = document.querySelector(".ocop-qr img").getAttribute("src");  // the product's qr.svg
  var host = page.split("://").pop().split("/")[0];  // the public address's, under the QR code

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
  function sticker() {
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
      var head = kit.getAttribute("data-head");
      if (head) {
        g.font = "bold 80px " + FONT;
        g.fillText(head, MIDDLE, 84);
      }
      var vi = kit.getAttribute("data-vi"), en = kit.getAttribute("data-en");
      g.font = fitted(g, vi, 52, SIDE - 80, "bold ");
      g.fillText(vi, MIDDLE, 176);
      g.font = fitted(g, en, 52, SIDE - 80, "");
      g.fillText(en, MIDDLE, 248);
      var module = Math.floor(Math.min(680 / modules, 740 / rows));
      var width = modules * module;
      g.imageSmoothingEnabled = false;
      g.drawImage(img, Math.round((SIDE - width) / 2), BAND, width, rows * module);
      g.fillStyle = INK;
      g.font = fitted(g, SCAN, 48, SIDE - 80, "bold ");
      g.fillText(SCAN, MIDDLE, 1100);
      g.font = "36px " + FONT;
      g.fillText(host, MIDDLE, 1160);
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

  // A button that draws its image and downloads it as `file`; says so when this device cannot.
  function offer(label, file, draw) {
    var button = element("button", label, {type: "button"});
    button.addEventListener("click", function () {
      if (button.disabled) return;
      button.disabled = true;
      draw().then(function (c) {
        return download(c, file);
      }).then(function () {
        button.disabled = false;
      }, function () {
        button.textContent = words.failed;
        setTimeout(function () { button.textContent = label; button.disabled = false; }, 4000);
      });
    });
    return button;
  }

  var drawings = element("div", "", {"class": "ocop-kit"});
  drawings.appendChild(element("p", words.pngHelp));
  var badges = drawings.appendChild(element("p"));
  LANGUAGES.forEach(function (code, i) {
    // The words are read when clicked: data-badge is "vi words|en words".
    badges.appendChild(offer(words.png + " (" + words.languages[i] + ")",
                             stem + (code === "vi" ? "-badge.png" : "-badge-" + code + ".png"),
                             function () { return badge(kit.getAttribute("data-badge").split("|")[i] || ""); }));
    badges.appendChild(document.createTextNode(" "));
  });
  var stickers = drawings.appendChild(element("p"));
  stickers.appendChild(offer(words.sticker, stem + "-sticker.png", sticker));
  stickers.appendChild(element("br"));
  stickers.appendChild(document.createTextNode(words.stickerHelp));
  made.appendChild(drawings);
  snippet.parentNode.insertBefore(made, snippet.nextSibling);
})();
