// settings/accueil (an external file: the Content-Security-Policy allows no inline script)
// The editor in French; no file attachment (the message holds text and links only).
Object.assign(Trix.config.lang, {
  attachFiles: "Joindre des fichiers", bold: "Gras", bullets: "Liste à puces", byte: "octet", bytes: "octets",
  captionPlaceholder: "Ajouter une légende…", code: "Code", heading1: "Titre", indent: "Augmenter le retrait",
  italic: "Italique", link: "Lien", numbers: "Liste numérotée", outdent: "Diminuer le retrait", quote: "Citation",
  redo: "Rétablir", remove: "Retirer", strike: "Barré", undo: "Annuler", unlink: "Retirer le lien", url: "Adresse du lien",
  urlPlaceholder: "Saisissez l'adresse (https://…)"
});
document.addEventListener("trix-file-accept", function (event) { event.preventDefault(); });
(function () {
  var max = 1000;
  function count(event) {
    var editor = event.target;
    if (!editor.editor) { return; }
    var text = editor.editor.getDocument().toString().replace(/\s+/g, " ").trim();
    var counter = document.getElementById("welcomeMessage-count");
    var over = document.getElementById("welcomeMessage-over");
    counter.textContent = text.length.toLocaleString("fr-FR");
    over.hidden = text.length <= max;
    document.getElementById("welcomeMessage-counter").classList.toggle("app-counter--over", text.length > max);
  }
  document.addEventListener("trix-initialize", count);
  document.addEventListener("trix-change", count);
})();

