// Polls a sending's counts while it runs and updates the progress page; stops when done.
(function () {
  "use strict";
  var box = document.getElementById("sending-progress");
  if (!box) return;
  var bar = box.querySelector("[data-progress-bar]");
  var meter = box.querySelector("[role=progressbar]");

  function show(data) {
    Object.keys(data).forEach(function (key) {
      var el = box.querySelector('[data-field="' + key + '"]');
      if (el) el.textContent = data[key];
    });
    var processed = data.sent + data.failed + data.bounced;
    var total = data.to_send || 0;
    var percent = total ? Math.round((processed * 100) / total) : 100;
    bar.style.width = percent + "%";
    meter.setAttribute("aria-valuenow", String(processed));
    meter.setAttribute("aria-valuemax", String(total));
  }

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        show(data);
        if (data.done) {
          box.dataset.done = "1";
        } else {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  var initial = {
    sent: Number(box.querySelector('[data-field="sent"]').textContent),
    failed: Number(box.querySelector('[data-field="failed"]').textContent),
    bounced: Number(box.querySelector('[data-field="bounced"]').textContent),
    to_send: Number(meter.getAttribute("aria-valuemax")),
  };
  show(initial);
  if (box.dataset.done !== "1") poll();
})();
