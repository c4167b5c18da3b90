// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Buttons that ask for confirmation carry data-confirm="question".
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // The skip link moves the focus into the page without putting #main in the address: a
  // form that posts back to that address would come back with it, and browsers skip a
  // page's autofocus (the field "Add item" just made) when the address names a fragment.
  var skipLink = document.querySelector(".skip-link");
  var main = document.getElementById("main");
  if (skipLink && main) {
    skipLink.addEventListener("click", function (event) {
      event.preventDefault();
      main.focus();
      main.scrollIntoView();
    });
  }

  // Work-sample form: show only the input (file or link) that the chosen source needs.
  // Without JavaScript both stay visible and the server ignores the unused one.
  document.querySelectorAll("form.work-sample-form").forEach(function (form) {
    var radios = form.querySelectorAll('input[name="source"]');
    var groups = { file: form.querySelector("#div_id_file"), link: form.querySelector("#div_id_url") };
    function update() {
      var chosen = form.querySelector('input[name="source"]:checked');
      Object.keys(groups).forEach(function (source) {
        if (groups[source]) {
          groups[source].hidden = !!chosen && chosen.value !== source;
        }
      });
    }
    radios.forEach(function (radio) { radio.addEventListener("change", update); });
    update();
  });
})();
