// Wide tables on a narrow screen (a register, a month of payments on a phone): each scrolls
// sideways in its own box, never the whole page, and says so above it, since a cut-off column
// (often the amount) gives no sign of being there. Without JavaScript the page scrolls instead.
(function () {
  "use strict";
  var HINT = "Scroll the table sideways to see every column.";

  function box(table) {
    var existing = table.closest(".opcc-table-scroll, .md-typeset__scrollwrap");
    if (existing) return existing;
    var wrap = document.createElement("div");
    wrap.className = "opcc-table-scroll";
    // A box that scrolls must be reachable by keyboard (its arrow keys scroll it) and named.
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", table.caption ? table.caption.textContent.trim() : "Table");
    table.parentNode.insertBefore(wrap, table);
    wrap.appendChild(wrap.ownerDocument.adoptNode(table));
    return wrap;
  }

  function mark(wrap) {
    var hint = wrap.previousElementSibling;
    var has = hint && hint.classList.contains("opcc-scroll-hint");
    var wide = wrap.scrollWidth > wrap.clientWidth + 1;
    if (wide && !has) {
      hint = document.createElement("p");
      hint.className = "opcc-scroll-hint";
      hint.textContent = HINT;
      wrap.parentNode.insertBefore(hint, wrap);
    } else if (!wide && has) {
      hint.remove();
    }
    wrap.classList.toggle("opcc-table-scroll--wide", wide);
  }

  var boxes = Array.prototype.map.call(document.querySelectorAll(".md-typeset table"), box);
  boxes.forEach(mark);
  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(function () { boxes.forEach(mark); }, 150);
  });
})();
