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
