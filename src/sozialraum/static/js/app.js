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

  // A form that is being sent is not sent a second time by a double click. The server refuses
  // repeated create forms anyway (lib/idempotency.py); this spares edit forms a conflict page.
  // The buttons come back after a few seconds (in case the answer never came) and when the
  // browser shows the page again from its history. Download forms are marked data-sends-file.
  var RELEASE_AFTER_MS = 3000;

  function buttonsOf(form) {
    return Array.prototype.slice.call(
      form.querySelectorAll("button[type='submit'], button:not([type]), input[type='submit']")
    );
  }

  function release(form) {
    delete form.dataset.sending;
    buttonsOf(form).forEach(function (button) {
      button.disabled = false;
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form || form.tagName !== "FORM") {
      return;
    }
    if ((form.getAttribute("method") || "").toLowerCase() !== "post" || form.hasAttribute("hx-post")) {
      return;
    }
    if (form.hasAttribute("data-sends-file")) {
      // A download leaves the page as it is; its buttons stay usable.
      return;
    }
    if (form.dataset.sending) {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "true";
    // Disabled only after the browser has collected the form data, which includes the button.
    window.setTimeout(function () {
      buttonsOf(form).forEach(function (button) {
        button.disabled = true;
      });
    }, 0);
    window.setTimeout(function () {
      release(form);
    }, RELEASE_AFTER_MS);
  });

  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-sending]"), release);
  });

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
