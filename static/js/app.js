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
