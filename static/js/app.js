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

  // A form is sent once: a second press (a double click, an impatient click on a slow line)
  // while its answer is on its way would make a second copy, or meet the first save and come
  // back refused as changed meanwhile. Long after, the press sends again: the person stopped
  // the page, or the connection dropped, and nothing they typed may be stuck behind a lock.
  var SENDING_MS = 10000;
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.method || "").toLowerCase() !== "post") {
      return;
    }
    var sentAt = Number(form.getAttribute("data-sent-at"));
    if (sentAt && Date.now() - sentAt < SENDING_MS) {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-sent-at", String(Date.now()));
  });
  // Back to a page the browser kept as it was: its forms were never answered here.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.querySelectorAll("form[data-sent-at]").forEach(function (form) {
        form.removeAttribute("data-sent-at");
      });
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

  // A table wider than the screen scrolls in its own box: make the box reachable from the
  // keyboard (arrow keys then scroll it) and name it after its table's caption (WCAG 2.1.1).
  function reachableScrollBoxes() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", (caption && caption.textContent.trim()) || "Table");
        box.setAttribute("data-scroll-box", "");
      } else if (!scrolls && box.hasAttribute("data-scroll-box")) {
        ["tabindex", "role", "aria-label", "data-scroll-box"].forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
  }
  reachableScrollBoxes();
  var resizing;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(reachableScrollBoxes, 100);
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

  // On a phone the queue's filters fold away (they filled the first screen) unless they
  // narrow the queue; wider, they are always open. Without JavaScript they stay open.
  var fold = document.querySelector("details.filters-fold");
  if (fold) {
    var phone = window.matchMedia("(max-width: 575.98px)");
    var settle = function () {
      fold.open = !phone.matches || fold.hasAttribute("data-narrowed");
    };
    settle();
    phone.addEventListener("change", settle);
  }
})();
