// Group intake: the consent fields of a row are only asked for a child (21 kap. 2 §), so they
// are hidden, and out of the Tab order, until the row's age is under 18. Without JavaScript
// every row shows them and the rules say when they apply.
document.querySelectorAll("table.intag tbody tr").forEach(function (rad) {
  var alder = rad.querySelector("input[name$='-alder']");
  var samtycke = rad.querySelectorAll("[name$='-samtycke'], [name$='-unga_vill']");
  if (!alder || !samtycke.length) return;
  function visa() {
    var varde = parseInt(alder.value, 10);
    var barn = !isNaN(varde) && varde < 18;
    samtycke.forEach(function (falt) {
      falt.hidden = !barn;
    });
  }
  alder.addEventListener("input", visa);
  visa();
});
