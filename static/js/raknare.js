// Large − and + buttons beside each headcount field, for the mouse and touch. They are left
// out of the Tab order: a keyboard user types the number, or uses the arrow keys, in the field
// itself, so Tab goes from count to count. Without JavaScript the fields are plain number
// inputs and the page works the same.
document.querySelectorAll("input.raknare").forEach(function (falt) {
  function knapp(text, etikett, steg) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "raknarknapp";
    b.tabIndex = -1;
    b.textContent = text;
    b.setAttribute("aria-label", etikett);
    b.addEventListener("click", function () {
      var varde = Math.max(0, (parseInt(falt.value, 10) || 0) + steg);
      falt.value = String(varde);
      falt.dispatchEvent(new Event("change"));
    });
    return b;
  }
  var namn = falt.labels && falt.labels[0] ? falt.labels[0].textContent : "";
  falt.before(knapp("−", "En färre: " + namn, -1));
  falt.after(knapp("+", "En till: " + namn, 1));
});
