// notification/job (an external file: the Content-Security-Policy allows no inline script)
(function () {
  var box = document.getElementById("progress-box");
  var bar = document.getElementById("progress");
  var text = document.getElementById("progress-text");
  var retry = document.getElementById("retry");
  var retryText = document.getElementById("retry-text");
  var failures = 0;
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (j) {
        failures = 0;
        bar.max = Math.max(j.total, 1);
        bar.value = j.done;
        text.textContent = j.done + " sur " + j.total
          + (j.state === "RUNNING" ? " — en cours…" : (j.state === "DONE" ? " — terminé." : " — arrêté."));
        retryText.textContent = j.retry || "";
        retry.classList.toggle("fr-hidden", !j.retry);
        if (j.state === "RUNNING") { setTimeout(poll, 1000); } else { window.location.reload(); }
      })
      .catch(function () {
        failures++;
        if (failures < 5) { setTimeout(poll, 2000); }
        else { text.textContent = "L'avancement ne peut pas être lu pour le moment : rechargez la page pour le revoir."; }
      });
  }
  setTimeout(poll, 500);
})();
