/* Sozialraum: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") {
      fn();
    } else {
      document.addEventListener("DOMContentLoaded", fn);
    }
  }

  ready(function () {
    // After a form was sent back with errors, move the keyboard focus to the error summary
    // so screen readers read it first.
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }

    // Links in the error summary: focus the field itself, not only scroll to it.
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("[data-error-summary] a[href^='#']") : null;
      if (!link) {
        return;
      }
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) {
        return;
      }
      event.preventDefault();
      var group = field.closest("fieldset, .kern-form-input, .kern-form-check");
      (group || field).scrollIntoView({ block: "start" });
      field.focus({ preventScroll: true });
    });
  });
})();
