// The decision register's filters and column sorting: progressive enhancement of a table that is
// complete without JavaScript. Filters are ordinary <select>s (keyboard operable); sorting is by
// buttons in the column headers, with aria-sort telling screen readers the order.
(function () {
  "use strict";
  var table = document.getElementById("register");
  var form = document.getElementById("register-filters");
  if (!table || !form) return;
  var count = document.getElementById("register-count");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var selects = form.querySelectorAll("select[data-filter]");

  function applyFilters() {
    var shown = 0;
    rows.forEach(function (row) {
      var visible = Array.prototype.every.call(selects, function (select) {
        if (!select.value) return true;
        var value = row.dataset[select.dataset.filter] || "";
        return select.dataset.filter === "topics" ? value.split("|").indexOf(select.value) >= 0 : value === select.value;
      });
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = shown === rows.length
      ? rows.length + (rows.length === 1 ? " decision" : " decisions")
      : "Showing " + shown + " of " + rows.length + " decisions";
  }

  function sortBy(index, button) {
    var header = button.closest("th");
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var key = function (row) {
      var cell = row.cells[index];
      return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim().toLowerCase();
    };
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
    });
    var body = table.tBodies[0];
    rows.forEach(function (row) { body.appendChild(row); });
  }

  table.querySelectorAll("thead th").forEach(function (th, index) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    button.addEventListener("click", function () { sortBy(index, button); });
    th.replaceChildren(button);
  });
  selects.forEach(function (select) { select.addEventListener("change", applyFilters); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
})();
