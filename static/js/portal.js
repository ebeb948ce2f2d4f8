// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Submit a form as soon as one of its [data-autosubmit] selects changes (language switch, filters).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
      target.form.requestSubmit ? target.form.requestSubmit() : target.form.submit();
    }
  });
  // Ask before destructive actions marked with data-confirm="message".
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form instanceof HTMLFormElement ? form.getAttribute("data-confirm") : null;
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
  // Hide the submit button of auto-submitting forms once JavaScript is known to run.
  document.querySelectorAll("[data-autosubmit-button]").forEach(function (button) {
    button.classList.add("visually-hidden");
  });
})();
