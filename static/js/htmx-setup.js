// htmx settings for a page whose CSP allows no inline style or script: read before htmx
// starts (it starts when the document has loaded), so it never adds its indicator <style>.
(function () {
  "use strict";
  if (!window.htmx) {
    return;
  }
  htmx.config.includeIndicatorStyles = false;
  htmx.config.allowEval = false;
  htmx.config.allowScriptTags = false;
  htmx.config.selfRequestsOnly = true;
})();

// What an editor's row button did ("Item 2 removed.") comes in the editor htmx swaps in, a
// new element each time, which screen readers do not reliably announce: its text goes to the
// page's own live region, #announcer, there from the start. Without htmx the page reloads
// and the note is read where it stands.
(function () {
  "use strict";
  var announcer = document.getElementById("announcer");
  if (!window.htmx || !announcer) {
    return;
  }
  function unsaid() {
    return document.querySelectorAll("[data-announce]:not([data-announced])");
  }
  unsaid().forEach(function (note) {
    note.setAttribute("data-announced", "");
  });
  // On the content swapped in: an editor replaces itself (outerHTML), and an event on the
  // element it replaced no longer reaches the document.
  htmx.onLoad(function () {
    var notes = Array.prototype.slice.call(unsaid());
    if (!notes.length) {
      return;
    }
    var text = notes
      .map(function (note) {
        note.setAttribute("data-announced", "");
        return note.textContent.trim();
      })
      .join(" ");
    // Emptied first, so the same words twice in a row are announced twice.
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = text;
    }, 50);
  });
})();
