// The warning before the idle timeout (WCAG 2.2.1): a dialog some minutes before the sign-in
// ends, with a button that keeps it going. The server says how many seconds are left; each
// page load restarts the timeout, and the tabs of the register share the latest end in
// localStorage, so work in one tab keeps the others from warning. Without JavaScript nothing
// here runs: the header says when the sign-in ends, and a form posted after it is kept.
(function () {
  var dialog = document.getElementById("sessionen");
  if (!dialog || typeof dialog.showModal !== "function" || !window.fetch) return;
  var NYCKEL = "iub-sessionen-slutar";
  var nu = Date.now();
  var slut = nu + 1000 * parseInt(dialog.dataset.kvar, 10);
  var absolutSlut = nu + 1000 * parseInt(dialog.dataset.absolutKvar, 10);
  var varning = 1000 * parseInt(dialog.dataset.varning, 10);
  var rubrik = document.getElementById("sessionen-rubrik");
  var text = document.getElementById("sessionen-text");
  var utloggad = dialog.querySelector("[data-utloggad]");
  var formular = dialog.querySelector("[data-forlang]");
  var fortsatt = formular.querySelector("button[type=submit]");
  var stangd = false;
  var utloggadVisad = false;

  function dela(t) {
    try { localStorage.setItem(NYCKEL, String(t)); } catch (e) { /* private mode: one tab */ }
  }
  function delad() {
    try { return parseInt(localStorage.getItem(NYCKEL), 10) || 0; } catch (e) { return 0; }
  }
  // The clock in the register's time zone (TIME_ZONE), as the header printed it: a browser
  // or a remote desktop set to UTC must not turn 12:30 into 10:30.
  var tidszon = dialog.dataset.tidszon;
  function klocka(t) {
    var d = new Date(t);
    try {
      return new Intl.DateTimeFormat("sv-SE", {
        timeZone: tidszon, hour: "2-digit", minute: "2-digit", hourCycle: "h23"
      }).format(d);
    } catch (e) { /* no Intl or an unknown zone: the browser's own clock */ }
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }
  // The same instant for <time datetime>, as ISO 8601 with the register's UTC offset
  // (2026-12-02T06:39:09+01:00), so the attribute says what the text says.
  function iso(t) {
    var d = new Date(Math.floor(t / 1000) * 1000);
    try {
      var del = {};
      new Intl.DateTimeFormat("en-US", {
        timeZone: tidszon, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
        hour: "2-digit", minute: "2-digit", second: "2-digit"
      }).formatToParts(d).forEach(function (p) { del[p.type] = p.value; });
      var vagg = Date.UTC(+del.year, +del.month - 1, +del.day, +del.hour, +del.minute, +del.second);
      var minuter = Math.round((vagg - d.getTime()) / 60000);
      var tecken = minuter < 0 ? "-" : "+";
      var a = Math.abs(minuter);
      return del.year + "-" + del.month + "-" + del.day + "T" + del.hour + ":" + del.minute +
        ":" + del.second + tecken + ("0" + Math.floor(a / 60)).slice(-2) + ":" + ("0" + (a % 60)).slice(-2);
    } catch (e) { /* no Intl or an unknown zone: UTC is still a correct instant */ }
    return d.toISOString();
  }
  function visaTid(mal) {
    dialog.querySelectorAll("[data-slutar]").forEach(function (e) { e.textContent = klocka(mal); });
    var huvud = document.getElementById("sessionen-slutar");
    if (huvud) {
      huvud.textContent = klocka(mal);
      huvud.setAttribute("datetime", iso(mal));
    }
  }
  function oppna() {
    if (!dialog.open && !stangd) dialog.showModal();
  }

  function kontrollera() {
    slut = Math.max(slut, delad());
    var mal = Math.min(slut, absolutSlut);
    var kvar = mal - Date.now();
    visaTid(mal);
    if (kvar <= 0) {
      rubrik.textContent = "Du har loggats ut";
      text.textContent = "Du loggades ut kl. " + klocka(mal) + " eftersom du inte gjorde något på en stund.";
      utloggad.hidden = false;
      fortsatt.hidden = true;
      if (!utloggadVisad) {
        utloggadVisad = true;
        stangd = false;
        oppna();
      }
      return; // nothing more to count down
    }
    if (kvar <= varning) {
      if (absolutSlut <= slut) {
        // The absolute limit cannot be extended: only say when, and that work is kept.
        rubrik.textContent = "Inloggningen avslutas snart";
        text.textContent = "En inloggning varar som längst en arbetsdag. Du loggas ut kl. " +
          klocka(mal) + ": spara det du skriver och logga in igen.";
        fortsatt.hidden = true;
      }
      oppna();
    } else if (dialog.open) {
      dialog.close(); // another tab kept the sign-in going
    }
    window.setTimeout(kontrollera, Math.min(10000, Math.max(1000, kvar - varning)));
  }

  formular.addEventListener("submit", function (h) {
    h.preventDefault();
    fetch(formular.action, {
      method: "POST",
      body: new FormData(formular),
      headers: { "Accept": "application/json" },
      credentials: "same-origin",
      redirect: "manual"
    }).then(function (svar) {
      if (!svar.ok) throw new Error("utloggad");
      return svar.json();
    }).then(function (data) {
      var t = Date.now();
      slut = t + 1000 * data.kvar;
      absolutSlut = t + 1000 * data.absolut_kvar;
      dela(slut);
      stangd = false;
      dialog.close();
      visaTid(Math.min(slut, absolutSlut));
    }).catch(function () {
      slut = Date.now();
      absolutSlut = slut;
      kontrollera();
    });
  });
  dialog.querySelector("[data-stang]").addEventListener("click", function () {
    stangd = true; // closed by the user: not reopened until the sign-in has ended
    dialog.close();
  });
  dialog.addEventListener("cancel", function () { stangd = true; });

  dela(Math.max(slut, delad()));
  kontrollera();
})();
