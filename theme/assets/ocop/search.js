/* The search page. The index (generator/site/search.py) is split so that one query fetches only
   the word list, the shards holding its words, and the 10 cards it shows; filter values are fetched
   only when filters are used. Toneless typing works: words are folded the same way as in the index
   (lower case, tone marks removed, đ→d). Shareable URLs: ?q=ca+phe&stars=5&group=food.
   Nothing from the index is ever parsed as HTML (textContent only). */
(function () {
  "use strict";
  var form = document.querySelector("[data-ocop-search]");
  if (!form) return;
  var root = form.getAttribute("data-root") || "./";  // the site root, for shared files (photos, api)
  var pages = form.getAttribute("data-pages") || root;  // this language's root, for product pages
  var base = new URL(form.getAttribute("data-index"), document.baseURI).href;
  var words = JSON.parse(form.getAttribute("data-words") || "{}");
  var labels = words.labels || {};
  function w(key, n, q) {
    return String(words[key] || key).replace("{n}", n).replace("{q}", q == null ? "" : q);
  }
  var ui = document.querySelector("[data-ocop-search-ui]");
  var input = form.querySelector("input[name=q]");
  var statusEl = document.querySelector("[data-ocop-status]");
  var list = document.querySelector("[data-ocop-results]");
  var more = document.querySelector("[data-ocop-more]");
  var filtersEl = document.querySelector("[data-ocop-filters]");
  var panel = document.querySelector("[data-ocop-filter-panel]");
  var FACETS = ["group", "stars", "status", "district", "producer"];
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var PAGE = 10, MAX_SHARDS = 3;
  var files = {}, results = [], shown = 0, serial = 0, selected = {};

  function fold(text) {  // mirrors fold() in generator/site/search.py
    return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/\p{Mn}/gu, "");
  }
  function terms(text) { return fold(text).match(/[\p{L}\p{N}]+/gu) || []; }
  window.ocopFold = terms;  // for the browser test that checks this agrees with the index

  function load(path) {
    if (!files[path]) {
      files[path] = fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
      files[path].catch(function () { delete files[path]; });  // a network error can be retried
    }
    return files[path];
  }

  // --- the word list ---------------------------------------------------------------------------
  var vocab = null;
  function vocabulary() {
    return vocab ? Promise.resolve(vocab) : load("words.json").then(function (data) {
      vocab = { words: data.words ? data.words.split(" ") : [], shards: data.shards, docs: data.docs, per: data.per };
      return vocab;
    });
  }
  function lowerBound(list, word) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < word) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function shardOf(i) { return lowerBound(vocab.shards, i + 1) - 1; }
  // The vocabulary entries a query word stands for: itself, and while it is the word being typed,
  // the words it begins (at most MAX_SHARDS shards of them, nearest first).
  function expand(term, prefix) {
    var i = lowerBound(vocab.words, term), found = [], shards = {};
    if (vocab.words[i] === term) { found.push({ i: i, exact: true }); shards[shardOf(i)] = 1; i++; }
    if (prefix && term.length >= 2) {
      for (; i < vocab.words.length && vocab.words[i].lastIndexOf(term, 0) === 0; i++) {
        var s = shardOf(i);
        if (!shards[s] && Object.keys(shards).length >= MAX_SHARDS) break;
        shards[s] = 1;
        found.push({ i: i, exact: false });
      }
    }
    return found;
  }
  // For a word that matches nothing: the index words within a small edit distance (typing
  // mistakes), nearest first, at most MAX_CANDIDATES. Words are folded syllables, so a slip is
  // a letter or two ("ogn" for "ong").
  var MAX_CANDIDATES = 6;
  function near(term) {
    var limit = term.length > 5 ? 3 : 2, found = [];
    vocab.words.forEach(function (word) {
      if (Math.abs(word.length - term.length) >= limit) return;
      var cost = distance(term, word, limit);
      if (cost < limit) found.push({ word: word, cost: cost });
    });
    found.sort(function (a, b) { return a.cost - b.cost; });
    return found.filter(function (c) { return c.cost === found[0].cost; }).slice(0, MAX_CANDIDATES);
  }
  // Edit distance where swapping two neighbouring letters is one slip, not two (optimal string
  // alignment); gives up at `limit`.
  function distance(a, b, limit) {
    var before = null, row = [], i, j;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 1; i <= a.length; i++) {
      var next = [i], low = i;
      for (j = 1; j <= b.length; j++) {
        var cost = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, before[j - 2] + 1);
        next.push(cost); if (cost < low) low = cost;
      }
      if (low >= limit) return limit;
      before = row; row = next;
    }
    return row[b.length];
  }

  // --- matching and ranking --------------------------------------------------------------------
  function postings(index) {
    var word = vocab.words[index];
    return load("t/" + shardOf(index) + ".json").then(function (shard) { return shard[word] || []; });
  }
  // A posting's place (generator/site/search.py): 0-5 a field, 6+i the i-th word of the name.
  var FIELD_WEIGHTS = [9, 6, 6, 4, 3, 2], NAME_WEIGHT = 12, NAMED = FIELD_WEIGHTS.length;
  // One query word -> Map(document -> {w: weight, p: position in the name or -1}); a whole word
  // counts twice a word only begun.
  function matches(term, prefix) {
    var found = expand(term, prefix);
    return Promise.all(found.map(function (f) { return postings(f.i); })).then(function (lists) {
      var map = new Map();
      lists.forEach(function (coded, k) {
        var doc = 0, factor = found[k].exact ? 2 : 1;
        for (var j = 0; j < coded.length; j++) {
          doc += Math.floor(coded[j] / 32);
          var place = coded[j] % 32, named = place >= NAMED;
          var weight = (named ? NAME_WEIGHT : FIELD_WEIGHTS[place]) * factor, best = map.get(doc);
          if (!best || best.w < weight) map.set(doc, { w: weight, p: named ? place - NAMED : -1 });
        }
      });
      return map;
    });
  }
  // -> {docs: [document numbers, best first], all: every word matched?, missing: [words matching
  // nothing], corrected: the query with those words replaced, when that finds something}
  // Score: the sum of weight × rarity of each word, plus a bonus for query words that follow each
  // other in the name ("che shan tuyet": "Chè Shan tuyết …" before "Chè búp Shan tuyết …").
  function find(query) {
    var list = terms(query);
    var typing = !/\s$/.test(query);
    return vocabulary().then(function () {
      return Promise.all(list.map(function (term, k) { return matches(term, typing && k === list.length - 1); }));
    }).then(function (maps) {
      var found = rank(maps);
      found.missing = list.filter(function (term, k) { return maps[k].size === 0; });
      if (!found.missing.length) return found;
      return correct(list, maps).then(function (fixed) {
        if (!fixed) return found;
        var better = rank(fixed.maps);
        if (!better.docs.length) return found;
        better.missing = found.missing;
        better.corrected = fixed.terms.join(" ");
        return better;
      });
    });
  }
  function rank(maps) {
    var score = new Map(), hits = new Map();
    maps.forEach(function (map, k) {
      var idf = Math.log(1 + vocab.docs / (1 + map.size)), before = maps[k - 1];
      map.forEach(function (m, doc) {
        var prev = before && before.get(doc);
        var bonus = prev && prev.p >= 0 && m.p === prev.p + 1 ? NAME_WEIGHT : 0;
        score.set(doc, (score.get(doc) || 0) + (m.w + bonus) * idf);
        hits.set(doc, (hits.get(doc) || 0) + 1);
      });
    });
    var docs = Array.from(score.keys());
    var all = docs.filter(function (d) { return hits.get(d) === maps.length; });
    var complete = all.length > 0 || maps.length < 2;
    if (complete) docs = all;
    docs.sort(function (a, b) {
      return (hits.get(b) - hits.get(a)) || (score.get(b) - score.get(a)) || (a - b);
    });
    return { docs: docs, all: complete };
  }
  // Each word that matches nothing replaced by the nearby index word that goes best with the
  // others: the one found in most of the products the other words find, then the commonest
  // ("mat ogn": "ong", which follows "mat" in honey products, not "on"). -> {terms, maps} or null
  function correct(list, maps) {
    var changed = false, out = list.slice(), outMaps = maps.slice();
    var steps = list.map(function (term, k) {
      if (maps[k].size) return null;
      var options = near(term);
      if (!options.length) return null;
      changed = true;
      return Promise.all(options.map(function (o) { return matches(o.word, false); })).then(function (found) {
        var best = -1, bestKey = null;
        found.forEach(function (map, i) {
          var together = 0;
          map.forEach(function (m, doc) {
            if (maps.every(function (other, j) { return j === k || !other.size || other.has(doc); })) together++;
          });
          var key = [together, map.size];
          if (!bestKey || key[0] > bestKey[0] || (key[0] === bestKey[0] && key[1] > bestKey[1])) { best = i; bestKey = key; }
        });
        out[k] = options[best].word; outMaps[k] = found[best];
      });
    });
    return Promise.all(steps).then(function () { return changed ? { terms: out, maps: outMaps } : null; });
  }

  // --- filters -----------------------------------------------------------------------------------
  var facets = null;
  function facetData() {
    return facets ? Promise.resolve(facets) : load("f.json").then(function (data) {
      var columns = {};
      FACETS.forEach(function (f) {
        var text = data.docs[f], width = data.values[f].length <= 64 ? 1 : 2;
        var column = new Uint16Array(text.length / width);
        for (var i = 0; i < column.length; i++) {
          var v = 0;
          for (var k = 0; k < width; k++) v = v * 64 + ALPHABET.indexOf(text[i * width + k]);
          column[i] = v;
        }
        columns[f] = column;
      });
      facets = { values: data.values, columns: columns, names: data.district_names || {} };
      return facets;
    });
  }
  function wanted() {  // facet -> {value index: true} for the boxes ticked
    var out = {};
    Object.keys(selected).forEach(function (f) {
      var values = facets.values[f] || [];
      out[f] = {};
      selected[f].forEach(function (v) { var i = values.indexOf(v); if (i >= 0) out[f][i] = true; });
    });
    return out;
  }
  // Keep the documents that pass every ticked filter; count, for each filter, the values among
  // documents passing all the *other* filters (so ticking a box never hides its neighbours).
  function applyFilters(docs) {
    var want = wanted(), keys = Object.keys(want), counts = {};
    FACETS.forEach(function (f) { counts[f] = new Uint32Array(facets.values[f].length); });
    var kept = docs.filter(function (d) {
      var failed = null, fails = 0;
      for (var k = 0; k < keys.length; k++) {
        if (!want[keys[k]][facets.columns[keys[k]][d]]) { failed = keys[k]; fails++; }
      }
      if (fails === 0) FACETS.forEach(function (f) { counts[f][facets.columns[f][d]]++; });
      else if (fails === 1) counts[failed][facets.columns[failed][d]]++;
      return fails === 0;
    });
    return { docs: kept, counts: counts };
  }
  function facetLabel(f, v) {
    if (f === "district") return facets.names[v] || v;
    return (labels[f] && labels[f][v]) || v;
  }
  function renderFilters(counts) {
    filtersEl.textContent = "";
    FACETS.forEach(function (f) {
      var values = facets.values[f];
      var box = el("fieldset", "ocop-facet");
      box.appendChild(el("legend", null, w("f." + f)));
      values.forEach(function (v, i) {
        var checked = (selected[f] || []).indexOf(v) >= 0;
        if (!counts[f][i] && !checked) return;
        var id = "f-" + f + "-" + v;
        var wrap = el("div", "ocop-facet__item");
        var cb = el("input"); cb.type = "checkbox"; cb.id = id; cb.value = v; cb.name = f;
        cb.checked = checked;
        cb.addEventListener("change", function () {
          var cur = (selected[f] || []).filter(function (x) { return x !== v; });
          if (cb.checked) cur.push(v);
          if (cur.length) selected[f] = cur; else delete selected[f];
          run();
        });
        var text = el("label", null, facetLabel(f, v) + " (" + counts[f][i] + ")"); text.htmlFor = id;
        if (f === "district") text.lang = "vi";
        wrap.appendChild(cb); wrap.appendChild(text); box.appendChild(wrap);
      });
      if (box.childNodes.length > 1) filtersEl.appendChild(box);
    });
  }

  // --- the page ----------------------------------------------------------------------------------
  function params() {
    var p = new URLSearchParams(location.search);
    input.value = p.get("q") || "";
    selected = {};
    FACETS.forEach(function (f) { var v = p.getAll(f); if (v.length) selected[f] = v; });
  }
  function pushState() {
    var p = new URLSearchParams();
    if (input.value.trim()) p.set("q", input.value.trim());
    FACETS.forEach(function (f) { (selected[f] || []).forEach(function (v) { p.append(f, v); }); });
    var qs = p.toString();
    history.replaceState(null, "", qs ? "?" + qs : location.pathname);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function span(cls, text, lang) { var s = el("span", cls, text); if (lang) s.lang = lang; return s; }
  function card(m) {
    var li = el("li", "ocop-card ocop-card--" + (m.status || ""));
    if (m.image) {
      var img = el("img", "ocop-card__img");
      img.src = root + m.image; img.alt = ""; img.width = 96; img.height = 72; img.loading = "lazy";
      li.appendChild(img);
    }
    var body = el("div", "ocop-card__body");
    var english = words.lang === "en" && m.name_en;
    var a = el("a", "ocop-card__name", english ? m.name_en : m.name);
    a.lang = english ? "en" : "vi";
    a.href = pages + "p/" + encodeURIComponent(m.id) + "/";
    body.appendChild(a);
    var second = english ? m.name : m.name_en;
    if (second) body.appendChild(span("ocop-card__producer", second, english ? "vi" : "en"));
    var meta = span("ocop-card__meta");
    if (m.stars) {
      var st = span("ocop-stars", "★".repeat(+m.stars)); st.setAttribute("aria-hidden", "true");
      meta.appendChild(st); meta.appendChild(document.createTextNode(" " + m.stars + " " + w("stars") + " · "));
    }
    meta.appendChild(span("ocop-pill ocop-pill--" + (m.status || ""), (labels.status || {})[m.status] || m.status));
    meta.appendChild(document.createTextNode(" · " + ((labels.group || {})[m.group] || m.group) + " · "));
    meta.appendChild(span(null, m.district || "", "vi"));
    body.appendChild(meta);
    var summaryEn = words.lang === "en" && m.summary_en;
    if (m.summary) body.appendChild(span("ocop-card__producer", summaryEn ? m.summary_en : m.summary, summaryEn ? "en" : "vi"));
    if (m.producer) body.appendChild(span("ocop-card__producer", m.producer, "vi"));
    li.appendChild(body);
    return li;
  }
  function showMore() {
    var slice = results.slice(shown, shown + PAGE);
    shown += slice.length;
    more.hidden = shown >= results.length;
    var mine = serial;
    return Promise.all(slice.map(function (d) {
      return load("d/" + Math.floor(d / vocab.per) + ".json").then(function (group) { return group[d % vocab.per]; });
    })).then(function (cards) {
      if (mine === serial) cards.forEach(function (m) { list.appendChild(card(m)); });
    });
  }
  function say(text, cls) {
    statusEl.textContent = "";
    statusEl.appendChild(el("p", cls, text));
  }
  // Results shown for a corrected query: say so, and link the correction (shareable).
  function corrected(fixed) {
    var p = el("p", "ocop-search__suggest", w("did_you_mean") + " ");
    var a = el("a", null, fixed);
    a.href = "?q=" + encodeURIComponent(fixed);
    a.addEventListener("click", function (e) { e.preventDefault(); input.value = fixed; run(); });
    p.appendChild(a);
    return p;
  }
  // Where to go when nothing is found: the listings (a copy of the page's template of links).
  function browseLinks() {
    var template = document.querySelector("[data-ocop-browse]");
    return template ? template.content.cloneNode(true) : document.createTextNode("");
  }
  // A product id (printed under every QR code) opens that product.
  var ID = /^\s*([a-z]{1,4}-[a-z0-9]{1,6}-\d{1,6})\s*$/i;
  function byId(query) {
    var m = ID.exec(query);
    if (!m) return Promise.resolve(null);
    var id = m[1].toUpperCase();
    return fetch(root + "api/p/" + id + ".json").then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) {
        if (!p || !p.record) return null;
        var r = p.record, d = p.derived || {};
        var active = d.status === "valid" || d.status === "expiring";
        return { id: r.id, name: r.name, name_en: r.name_en, summary: r.summary, summary_en: r.summary_en,
                 stars: active ? d.stars : null, status: d.status, group: r.group,
                 district: d.district_name, producer: (r.producer || {}).name };
      }).catch(function () { return null; });
  }
  // A barcode number (GTIN-8, -12, -13 or -14, printed on the pack) opens its product: the GS1
  // Digital Link page /01/<GTIN-14>/ names it. Spaces and dashes as typed from a label are ignored.
  var GTIN = /^(\d{8}|\d{12,14})$/;
  function byGtin(query) {
    var digits = query.replace(/[\s-]/g, "");
    if (!GTIN.test(digits)) return Promise.resolve(null);
    while (digits.length < 14) digits = "0" + digits;
    return fetch(root + "01/" + digits + "/").then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        var m = /url=[^"]*?p\/([A-Za-z0-9-]+)\//.exec(html);
        return m ? byId(m[1]) : null;
      }).catch(function () { return null; });
  }
  function lookup(query) {
    return byId(query).then(function (p) { return p || byGtin(query); });
  }
  function run() {
    pushState();
    var mine = ++serial;
    var query = input.value;
    var hasQuery = terms(query).length > 0;
    var filtering = Object.keys(selected).length > 0;
    if (!hasQuery && !filtering) {
      list.textContent = ""; more.hidden = true; say(w("type_or_filter"));
      return panel.open ? facetData().then(function () {
        if (mine === serial) renderFilters(applyFilters(allDocs()).counts);
      }) : Promise.resolve();
    }
    statusEl.textContent = w("searching");
    return lookup(query).then(function (product) {
      if (mine !== serial) return;
      if (product) {
        results = []; shown = 0; list.textContent = ""; more.hidden = true;
        list.appendChild(card(product));
        say(w("n_products", 1));
        return;
      }
      var needFacets = filtering || panel.open;
      return Promise.all([hasQuery ? find(query) : vocabulary().then(function () { return { docs: allDocs(), all: true, missing: [] }; }),
                          needFacets ? facetData() : null]).then(function (done) {
        if (mine !== serial) return;
        var found = done[0], docs = found.docs;
        if (needFacets) {
          var filtered = applyFilters(docs);
          docs = filtered.docs;
          renderFilters(filtered.counts);
        }
        results = docs; shown = 0; list.textContent = "";
        more.hidden = true;
        if (!docs.length) {
          var q = hasQuery ? (words.lang === "en" ? " for “" : " cho “") + query.trim() + "”" : "";
          say(w("no_results", "", q), "ocop-search__none");
          statusEl.appendChild(browseLinks());
          return;
        }
        say(w("n_products", docs.length) + (found.all ? "" : " · " + w("some_words")));
        if (found.corrected) statusEl.appendChild(corrected(found.corrected));
        return showMore();
      });
    }).catch(function () {
      if (mine === serial) say(w("search_failed"));
    });
  }
  function allDocs() {
    var docs = [];
    for (var i = 0; i < vocab.docs; i++) docs.push(i);
    return docs;
  }
  var timer = null;
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
  more.addEventListener("click", showMore);
  panel.addEventListener("toggle", function () { if (panel.open) vocabulary().then(run); });
  ui.hidden = false;
  params();
  if (Object.keys(selected).length) panel.open = true;  // a shared link with filters shows them
  if (!input.value && !panel.open) say(w("type_or_filter"));
  else vocabulary().then(run, function () { say(w("search_failed")); });
})();
