// The navigation drawer on a phone, by keyboard: Material's menu button is a <label> for a hidden
// checkbox, which the Tab key never reaches, and the closed drawer's links, though off-screen,
// stay in the Tab order. Here the button takes focus and opens the drawer with Enter or Space,
// Escape closes it (focus back on the button), and a closed drawer is inert (out of the Tab order).
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector("label.md-header__button[for='__drawer']");
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !button || !drawer) return;
  var overlay = window.matchMedia("(max-width: 76.1875em)");  // where Material shows the navigation as a drawer
  drawer.id = drawer.id || "opcc-drawer";
  button.tabIndex = 0;
  button.setAttribute("role", "button");
  button.setAttribute("aria-controls", drawer.id);
  if (!button.getAttribute("aria-label")) button.setAttribute("aria-label", "Menu");

  function sync() {
    drawer.inert = overlay.matches && !toggle.checked;
    button.setAttribute("aria-expanded", String(toggle.checked));
  }

  function set(open) {
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    if (open) {
      var first = drawer.querySelector("a[href], input, button");
      if (first) first.focus();
    } else {
      button.focus();
    }
  }

  button.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      set(!toggle.checked);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked && overlay.matches) set(false);
  });
  toggle.addEventListener("change", sync);
  overlay.addEventListener("change", sync);
  sync();
})();
