// Progressive enhancement for the profile editor: "Add another" adds the row in place
// instead of a round trip. Without this file the button submits and the server adds it.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-add-row]");
    if (!button) {
      return;
    }
    var key = button.getAttribute("data-add-row");
    var template = document.getElementById(key + "-template");
    var total = document.getElementById("id_" + key + "-TOTAL_FORMS");
    var rows = document.querySelector('[data-rows="' + key + '"]');
    var max = parseInt(button.getAttribute("data-max"), 10);
    if (!template || !total || !rows) {
      return;
    }
    var index = parseInt(total.value, 10);
    if (isNaN(index) || index >= max) {
      return;
    }
    event.preventDefault();
    var html = template.innerHTML
      .replace(/__prefix__/g, String(index))
      .replace(/__num__/g, String(index + 1));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var field = rows.lastElementChild.querySelector("input:not([type=checkbox]), select, textarea");
    if (field) {
      field.focus();
    }
    if (index + 1 >= max) {
      button.hidden = true;
    }
  });
})();
