// Light or dark, as the system is set. Loaded from <head> as a file (the CSP allows no inline
// script) and before the body, so the first paint already has the right colours; the "js"
// class lets the stylesheet keep the menu open when scripts do not run.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function apply() {
    root.setAttribute("data-bs-theme", dark && dark.matches ? "dark" : "light");
  }
  apply();
  if (dark && dark.addEventListener) {
    dark.addEventListener("change", apply);
  }
})();
