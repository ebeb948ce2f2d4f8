// Editor page: keep the live preview fresh while writing (the preview button works without this).
(function () {
  "use strict";
  var button = document.querySelector("[data-release-preview]");
  var form = document.getElementById("release-form");
  if (!button || !form || !window.htmx) {
    return;
  }
  var timer = null;
  function refresh() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { window.htmx.trigger(button, "click"); }, 1200);
  }
  form.addEventListener("input", refresh);
  // CKEditor 5 writes into its textarea on every change; hook in once the editor exists.
  var attempts = 0;
  var wait = window.setInterval(function () {
    attempts += 1;
    var editors = window.editors || {};
    Object.keys(editors).forEach(function (id) {
      if (!editors[id].__previewHooked) {
        editors[id].model.document.on("change:data", refresh);
        editors[id].__previewHooked = true;
      }
    });
    if (Object.keys(editors).length || attempts > 40) {
      window.clearInterval(wait);
    }
  }, 250);
})();
