// The search page: queries the Pagefind index written by `opcc build` (site/pagefind/).
// The form is an ordinary GET form, so the query is in the address (?q=...&type=...&year=...)
// and every search can be bookmarked, shared and repeated with the browser's back button.
//
// Pagefind matches the last letters of a word loosely: a word on no page falls back to the
// longest prefix that is on one, so "ANPR" would give every page with "an". The page therefore
// asks twice: each word quoted (Pagefind's exact mode, which still matches a word's stem:
// "budgets" finds "budget") says which pages truly contain it; the ranked search orders them and
// offers the rest as nearest matches, under their own heading, or not at all when all they share
// with the word typed is a few letters.
(function () {
  "use strict";
  var script = document.currentScript;
  var siteRoot = new URL("../../", script.src);            // this file is assets/javascripts/search.js
  var form = document.getElementById("search-form");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var near = document.getElementById("search-near");
  var nearNote = document.getElementById("search-near-note");
  var nearList = document.getElementById("search-near-results");
  var more = document.getElementById("search-more");
  var params = new URLSearchParams(location.search);
  var PAGE = 20;  // results fetched at a time: each is a fragment download, so a search stays small
  var pagefind, found = [], shown = 0;

  function quote(text) { return "\u201c" + text + "\u201d"; }

  function normal(word) { return word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ""); }

  function sharedStart(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  // A nearest match is worth offering when the word it matched begins like the word typed for
  // at least half that word's letters (and three): "commissioner" for "commissionerate", not "an" for "ANPR".
  function isNear(matched, missing) {
    var shared = sharedStart(normal(matched), normal(missing));
    return shared >= 3 && shared * 2 >= normal(missing).length;
  }

  // The words of a result that Pagefind matched (its locations index the page's words).
  function matchedWords(data) {
    var words = data.content.split(/\s+/);
    return data.locations.map(function (at) { return words[at] || ""; });
  }

  // Pagefind's excerpts mark matches with <mark>; rebuild them from text so nothing else is markup.
  function excerptNode(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var p = document.createElement("p");
    template.content.childNodes.forEach(function (node) {
      var text = document.createTextNode(node.textContent);
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.appendChild(text);
        p.appendChild(mark);
      } else {
        p.appendChild(text);
      }
    });
    return p;
  }

  function fillFilters(filters) {
    form.querySelectorAll("select[data-filter]").forEach(function (select) {
      var values = Object.keys(filters[select.dataset.filter] || {}).sort();
      if (select.dataset.filter === "year") values.reverse();
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value + " (" + filters[select.dataset.filter][value] + ")";
        select.appendChild(option);
      });
      select.value = params.get(select.name) || "";
    });
  }

  // The ids of the pages that contain every word of the query (exactly or by its stem).
  async function pagesWithEvery(words, options) {
    var sets = await Promise.all(words.map(async function (word) {
      var search = await pagefind.search("\"" + word + "\"", options);
      return { word: word, ids: new Set(search.results.map(function (r) { return r.id; })) };
    }));
    var missing = sets.filter(function (set) { return !set.ids.size; }).map(function (set) { return set.word; });
    var every = sets.length ? sets.reduce(function (a, b) {
      return { ids: new Set(Array.from(a.ids).filter(function (id) { return b.ids.has(id); })) };
    }).ids : new Set();
    return { missing: missing, ids: every };
  }

  // The ranked results that miss a word: offered as nearest matches only if each missing word
  // has a near one on the page (their data is fetched to tell, at most a page of them).
  async function nearestTo(missing, results) {
    var batch = results.slice(0, PAGE);
    var data = await Promise.all(batch.map(function (r) { return r.data(); }));
    return batch.filter(function (result, i) {
      var words = matchedWords(data[i]);
      return missing.every(function (word) { return words.some(function (m) { return isNear(m, word); }); });
    });
  }

  async function run() {
    var term = form.elements.q.value.trim();
    var filters = {};
    form.querySelectorAll("select[data-filter]").forEach(function (select) {
      if (select.value) filters[select.dataset.filter] = select.value;
    });
    var options = { filters: filters };
    if (form.elements.sort.value) options.sort = { date: form.elements.sort.value };
    list.replaceChildren();
    nearList.replaceChildren();
    near.hidden = true;
    more.hidden = true;
    if (!term && !Object.keys(filters).length) {
      status.textContent = "Type a word to search for, or choose a type or year.";
      return;
    }
    status.textContent = "Searching…";
    var ranked = (await pagefind.search(term || null, options)).results;
    // A quoted phrase is already exact; otherwise each word that can match (has a letter or digit) is asked.
    var words = /"/.test(term) ? [] : term.split(/\s+/).filter(function (w) { return normal(w); });
    var exact = [], nearest = [], missing = [];
    if (words.length) {
      var every = await pagesWithEvery(words.map(function (w) { return w.replace(/"/g, ""); }), options);
      missing = every.missing;
      exact = ranked.filter(function (r) { return every.ids.has(r.id); });
      nearest = ranked.filter(function (r) { return !every.ids.has(r.id); });
      if (missing.length) nearest = await nearestTo(missing, nearest);
    } else {
      exact = ranked;
    }
    found = exact.map(function (r) { return { result: r, near: false }; })
      .concat(nearest.map(function (r) { return { result: r, near: true }; }));
    shown = 0;
    status.textContent = describe(term, exact.length, nearest.length, missing);
    if (nearest.length) {
      nearNote.textContent = missing.length
        ? "No page contains " + missing.map(quote).join(" or ") + ": these pages have words that begin like it."
        : "These pages have words that begin with the words searched for, but not the words themselves.";
    }
    await showMore();
  }

  function describe(term, exact, nearest, missing) {
    var text = exact + (exact === 1 ? " result" : " results") + (term ? " for " + quote(term) : "") + ".";
    if (term && !exact) {
      text = "No pages contain " + (missing.length ? missing.map(quote).join(" or ") : quote(term)) + ".";
    }
    if (nearest) {
      text += " " + nearest + (nearest === 1 ? " nearest match" : " nearest matches") +
        " below, for words that begin the same way.";
    }
    return text;
  }

  async function showMore() {
    var batch = found.slice(shown, shown + PAGE);
    var results = await Promise.all(batch.map(function (entry) { return entry.result.data(); }));
    var first = null;
    results.forEach(function (data, i) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = data.meta.title || data.url;
      var heading = document.createElement(batch[i].near ? "h3" : "h2");
      heading.appendChild(link);
      item.appendChild(heading);
      item.appendChild(excerptNode(data.excerpt || ""));
      (batch[i].near ? nearList : list).appendChild(item);
      if (batch[i].near) near.hidden = false;
      first = first || link;
    });
    if (shown > 0 && first) first.focus();  // after "Show more", carry on reading from the new results
    shown += batch.length;
    more.hidden = shown >= found.length;
  }

  async function start() {
    pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
    await pagefind.options({ baseUrl: siteRoot.pathname });
    fillFilters(await pagefind.filters());
    form.elements.q.value = params.get("q") || "";
    form.elements.sort.value = params.get("sort") || "";
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = new URLSearchParams(new FormData(form));
      history.replaceState(null, "", "?" + query.toString());
      run();
    });
    more.addEventListener("click", showMore);
    run();
  }

  start().catch(function (error) {
    status.textContent = "Search is not available: " + error.message;
  });
})();
