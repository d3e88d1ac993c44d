/* Search page: Pagefind (tone-insensitive, loads only the index chunks a query needs), filters with
   counts, and shareable URLs (?q=ca+phe&group=Thực+phẩm&stars=4+sao). Results are drawn from the
   metadata of each product, so the folded spellings indexed for "đ" never show. */
(function () {
  "use strict";
  var form = document.querySelector("[data-ocop-search]");
  if (!form) return;
  var root = form.getAttribute("data-root") || "./";  // the site root, for shared files (photos, pagefind)
  var pages = form.getAttribute("data-pages") || root;  // this language's root, for product pages
  var words = JSON.parse(form.getAttribute("data-words") || "{}");
  function w(key, n, q) {
    return String(words[key] || key).replace("{n}", n).replace("{q}", q == null ? "" : q);
  }
  function label(value) { return (words.labels && words.labels[value]) || value; }
  var ui = document.querySelector("[data-ocop-search-ui]");
  var input = form.querySelector("input[name=q]");
  var statusEl = document.querySelector("[data-ocop-status]");
  var list = document.querySelector("[data-ocop-results]");
  var more = document.querySelector("[data-ocop-more]");
  var filtersEl = document.querySelector("[data-ocop-filters]");
  var panel = document.querySelector("[data-ocop-filter-panel]");
  var FILTERS = [["group", w("f.group")], ["stars", w("f.stars")], ["status", w("f.status")],
                 ["district", w("f.district")], ["producer", w("f.producer")]];
  var PAGE = 10;
  var pagefind = null, results = [], shown = 0, serial = 0, selected = {};

  function params() {
    var p = new URLSearchParams(location.search);
    input.value = p.get("q") || "";
    selected = {};
    FILTERS.forEach(function (f) { var v = p.getAll(f[0]); if (v.length) selected[f[0]] = v; });
  }
  function pushState() {
    var p = new URLSearchParams();
    if (input.value.trim()) p.set("q", input.value.trim());
    Object.keys(selected).forEach(function (k) { selected[k].forEach(function (v) { p.append(k, v); }); });
    var qs = p.toString();
    history.replaceState(null, "", qs ? "?" + qs : location.pathname);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;  // textContent: nothing from the index is parsed as HTML
    return e;
  }
  function card(data) {
    var m = data.meta || {};
    var li = el("li", "ocop-card ocop-card--" + (m.status || ""));
    if (m.image) {
      var img = el("img", "ocop-card__img");
      img.src = root + m.image; img.alt = ""; img.width = 96; img.height = 72; img.loading = "lazy";
      li.appendChild(img);
    }
    var body = el("div", "ocop-card__body");
    var english = words.lang === "en" && m.name_en;
    var a = el("a", "ocop-card__name", (english ? m.name_en : m.title) || data.url);
    a.lang = english ? "en" : "vi";
    a.href = pages + data.url.replace(/^\//, "");
    body.appendChild(a);
    var second = english ? m.title : m.name_en;
    if (second) { var sub = el("span", "ocop-card__producer", second); sub.lang = english ? "vi" : "en"; body.appendChild(sub); }
    var meta = el("span", "ocop-card__meta");
    if (m.stars) {
      var st = el("span", "ocop-stars", "★".repeat(+m.stars)); st.setAttribute("aria-hidden", "true");
      meta.appendChild(st); meta.appendChild(document.createTextNode(" " + m.stars + " " + w("stars") + " · "));
    }
    meta.appendChild(el("span", "ocop-pill ocop-pill--" + (m.status || ""), label(m.status_text || "")));
    meta.appendChild(document.createTextNode(" · " + label(m.group || "") + " · "));
    var place = el("span", null, m.district || ""); place.lang = "vi"; meta.appendChild(place);
    body.appendChild(meta);
    if (m.summary) { var sm = el("span", "ocop-card__producer", m.summary); sm.lang = "vi"; body.appendChild(sm); }
    if (m.producer) { var pr = el("span", "ocop-card__producer", m.producer); pr.lang = "vi"; body.appendChild(pr); }
    li.appendChild(body);
    return li;
  }
  function renderFilters(counts) {
    filtersEl.textContent = "";
    FILTERS.forEach(function (f) {
      var values = counts[f[0]] || {};
      var names = Object.keys(values).sort();
      (selected[f[0]] || []).forEach(function (v) { if (names.indexOf(v) < 0) names.push(v); });
      if (!names.length) return;
      var box = el("fieldset", "ocop-facet");
      box.appendChild(el("legend", null, f[1]));
      names.forEach(function (v) {
        var id = "f-" + f[0] + "-" + v.replace(/[^\w]+/g, "_");
        var wrap = el("div", "ocop-facet__item");
        var cb = el("input"); cb.type = "checkbox"; cb.id = id; cb.value = v; cb.name = f[0];
        cb.checked = (selected[f[0]] || []).indexOf(v) >= 0;
        cb.addEventListener("change", function () {
          var cur = selected[f[0]] || [];
          if (cb.checked) cur.push(v); else cur = cur.filter(function (x) { return x !== v; });
          if (cur.length) selected[f[0]] = cur; else delete selected[f[0]];
          run();
        });
        var text = el("label", null, label(v) + " (" + (values[v] || 0) + ")"); text.htmlFor = id;
        wrap.appendChild(cb); wrap.appendChild(text); box.appendChild(wrap);
      });
      filtersEl.appendChild(box);
    });
  }
  function showMore() {
    var slice = results.slice(shown, shown + PAGE);
    shown += slice.length;
    more.hidden = shown >= results.length;
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (items) {
      items.forEach(function (d) { list.appendChild(card(d)); });
    });
  }
  function run() {
    pushState();
    var mine = ++serial;
    var q = input.value.trim();
    var filters = {};
    Object.keys(selected).forEach(function (k) { filters[k] = { any: selected[k] }; });
    if (!q && !Object.keys(filters).length) {
      list.textContent = ""; more.hidden = true; statusEl.textContent = w("type_or_filter");
      return panel.open ? pagefind.filters().then(renderFilters) : null;
    }
    statusEl.textContent = w("searching");
    return pagefind.search(q || null, { filters: filters }).then(function (res) {
      if (mine !== serial) return;
      results = res.results; shown = 0; list.textContent = "";
      renderFilters(res.filters || {});
      if (!results.length) {
        statusEl.textContent = "";
        var p = el("p", "ocop-search__none");
        p.textContent = w("no_results", "", q ? (words.lang === "en" ? " for “" : " cho “") + q + "”" : "");
        statusEl.appendChild(p);
        more.hidden = true;
        return;
      }
      statusEl.textContent = w("n_products", results.length);
      return showMore();
    });
  }
  var timer = null;
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
  more.addEventListener("click", showMore);
  // Filter counts need Pagefind's filter index (tens of KB at national scale): fetch it only
  // when the visitor opens the filters, so a first query stays light.
  var filtersLoaded = false;
  panel.addEventListener("toggle", function () {
    if (!panel.open || filtersLoaded || !pagefind) return;
    filtersLoaded = true;
    pagefind.filters().then(run);
  });
  // import() resolves against this script, not the page: make the URL absolute first.
  import(new URL(root + "pagefind/pagefind.js", document.baseURI).href).then(function (pf) {
    pagefind = pf;
    return pf.options({ excerptLength: 0 });
  }).then(function () {
    ui.hidden = false;
    params();
    if (Object.keys(selected).length) panel.open = true;  // a shared link with filters shows them
    return run();
  }).catch(function () {
    statusEl.textContent = w("search_failed");
    ui.hidden = false;
  });
})();
