// settings/notes (an external file: the Content-Security-Policy allows no inline script)
(function () {
  var daily = document.getElementById("notesMode-DAILY");
  var table = document.getElementById("due-dates");
  function toggle() { table.hidden = daily.checked; }
  document.querySelectorAll("input[name=notesMode]").forEach(function (r) { r.addEventListener("change", toggle); });
  toggle();
})();

