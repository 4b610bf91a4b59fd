// The search page: queries the Pagefind index written by `opcc build` (site/pagefind/).
// The form is an ordinary GET form, so the query is in the address (?q=...&type=...&year=...)
// and every search can be bookmarked, shared and repeated with the browser's back button.
(function () {
  "use strict";
  var script = document.currentScript;
  var siteRoot = new URL("../../", script.src);            // this file is assets/javascripts/search.js
  var form = document.getElementById("search-form");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var params = new URLSearchParams(location.search);
  var PAGE = 20;  // results fetched at a time: each is a fragment download, so a search stays small
  var pagefind, found = [], shown = 0;

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

  async function run() {
    var term = form.elements.q.value.trim();
    var filters = {};
    form.querySelectorAll("select[data-filter]").forEach(function (select) {
      if (select.value) filters[select.dataset.filter] = select.value;
    });
    var options = { filters: filters };
    if (form.elements.sort.value) options.sort = { date: form.elements.sort.value };
    list.replaceChildren();
    more.hidden = true;
    if (!term && !Object.keys(filters).length) {
      status.textContent = "Type a word to search for, or choose a type or year.";
      return;
    }
    status.textContent = "Searching…";
    var search = await pagefind.search(term || null, options);
    found = search.results;
    shown = 0;
    status.textContent = found.length + (found.length === 1 ? " result" : " results") +
      (term ? " for \u201c" + term + "\u201d" : "");
    await showMore();
  }

  async function showMore() {
    var batch = found.slice(shown, shown + PAGE);
    var results = await Promise.all(batch.map(function (r) { return r.data(); }));
    var first = null;
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = data.meta.title || data.url;
      var heading = document.createElement("h2");
      heading.appendChild(link);
      item.appendChild(heading);
      item.appendChild(excerptNode(data.excerpt || ""));
      list.appendChild(item);
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
