// codes/creation (an external file: the Content-Security-Policy allows no inline script)
(function () {
  var box = document.getElementById("lifecycles");
  var bar = document.getElementById("lifecycles-progress");
  var text = document.getElementById("lifecycles-text");
  var failures = 0;
  function codes(n) { return n > 1 ? n + " codes" : n + " code"; }
  function show(p) {
    var max = Math.max(p.codes, 1);
    bar.max = max;
    bar.value = p.done ? max : Math.min(p.lifecyclesStarted, max);
    var line;
    if (!p.done) {
      line = "Suivi en place pour " + p.lifecyclesStarted + " code" + (p.lifecyclesStarted > 1 ? "s" : "") + " sur " + p.codes + "…";
    } else if (p.lifecyclesStarted >= p.codes) {
      line = "Terminé : le suivi est en place pour " + (p.codes > 1 ? "les " : "le ") + codes(p.codes) + ".";
    } else {
      line = "Terminé : le suivi est en place pour " + p.lifecyclesStarted + " code" + (p.lifecyclesStarted > 1 ? "s" : "")
        + " sur " + p.codes + " (les autres ont été invalidés entre-temps).";
    }
    if (text.textContent !== line) { text.textContent = line; }
    box.dataset.done = p.done ? "true" : "false";
  }
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (p) { failures = 0; show(p); if (!p.done) { setTimeout(poll, 1000); } })
      .catch(function () {
        failures++;
        if (failures < 5) { setTimeout(poll, 1000); }
        else { text.textContent = "L'avancement ne peut pas être lu pour le moment : rechargez la page pour le revoir."; }
      });
  }
  poll();
})();
