// codes/creation (an external file: the Content-Security-Policy allows no inline script)
(function () {
  var all = document.getElementById("check-all");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#couples-table input.app-couple:not([disabled])"));
  document.getElementById("check-all-group").hidden = false;
  function sync() {
    var ticked = boxes.filter(function (b) { return b.checked; }).length;
    all.checked = boxes.length > 0 && ticked === boxes.length;
    all.indeterminate = ticked > 0 && ticked < boxes.length;
  }
  all.addEventListener("change", function () {
    boxes.forEach(function (b) { b.checked = all.checked; });
    sync();
  });
  boxes.forEach(function (b) { b.addEventListener("change", sync); });
  sync();
})();

