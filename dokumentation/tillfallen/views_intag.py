"""Group intake: a row per participant on one page, all saved together or none."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from dokumentation.logg.atkomst import hamta_insats, hamta_omgang, logga
from dokumentation.logg.models import Atkomstlogg
from dokumentation.sidor import heltal, personal, post
from dokumentation.tillfallen.forms import FLER_RADER, HOGST_RADER, DeltagarradForm, GruppintagForm
from dokumentation.tillfallen.intag import Deltagarrad, Gruppintag, RaderBrott, skriv_in_grupp
from dokumentation.tillfallen.models import Omgang
from dokumentation.tillfallen.services import ledigt_i
from grund.formular import NYCKEL_ANVAND, ny_nyckel
from insatser.forms import lagg_till_fel
from insatser.services import RegelBrott
from organisation.behorighet import InloggadRequest


@personal
def skriv_in(request: InloggadRequest, pk: int) -> HttpResponse:
    """Group intake: a row per participant, all saved together or none."""
    o = hamta_omgang(request.user, pk)
    if o.status not in (Omgang.Status.PLANERAD, Omgang.Status.PAGAR):
        raise Http404
    insats = hamta_insats(request.user, o.insats_id)  # its villkor, for the rows and the rules
    rader = _antal_rader(request, o)
    sida = GruppintagForm(post(request), rader=rader)
    sida.is_valid()  # the rows read the day from it
    gemensamt = sida.gemensamt()
    radformer = [
        DeltagarradForm(post(request), prefix=f"rad-{nr}", insats=insats, gemensamt=gemensamt)
        for nr in range(1, rader + 1)
    ]
    fler = request.method == "POST" and "fler" in request.POST
    ifyllda = [(nr, r) for nr, r in enumerate(radformer, start=1) if r.has_changed()]
    if request.method == "POST" and not fler:
        rader_ok = all([r.is_valid() for _, r in ifyllda])  # every row, for every message
        if not ifyllda:
            sida.add_error(None, "Fyll i minst en deltagare.")
        if sida.is_valid() and rader_ok:
            try:
                intag = skriv_in_grupp(
                    anvandare=request.user,
                    insats=insats,
                    omgang=o,
                    rader=[
                        Deltagarrad(
                            nr=nr,
                            uppgifter=replace(
                                r.kontaktuppgifter(), informerad=sida.cleaned_data["informerad"]
                            ),
                            person=r.personuppgifter(),
                        )
                        for nr, r in ifyllda
                    ],
                    nyckel=sida.cleaned_data["nyckel"],
                )
            except RaderBrott as e:
                for nr, r in ifyllda:
                    lagg_till_fel(r, e.per_rad.get(nr, []))
                if any(o.kod == NYCKEL_ANVAND for fel in e.per_rad.values() for o in fel):
                    ny_nyckel(sida)  # the rows' keys are made from the page's
            except RegelBrott as e:
                lagg_till_fel(sida, e.overtradelser)
            else:
                return _inskrivna(request, intag)
    return render(
        request,
        "dokumentation/skriv_in.html",
        {
            "o": o,
            "insats": insats,
            "sida": sida,
            "radformer": list(enumerate(radformer, start=1)),
            "kolumner": radformer[0].falt(),
            "visa_fel": request.method == "POST" and not fler,
            "har_fel": request.method == "POST"
            and not fler
            and (bool(sida.errors) or any(r.errors for _, r in ifyllda)),
        },
    )


def _antal_rader(request: InloggadRequest, o: Omgang) -> int:
    """As many rows as the round has free places (at most 8 to start with); "Fler rader"
    adds some, keeping what was typed."""
    if request.method == "POST" and heltal(request.POST.get("rader", "")):
        rader = int(request.POST["rader"])
        if "fler" in request.POST:
            rader += FLER_RADER
        return max(1, min(rader, HOGST_RADER))
    return max(1, min(ledigt_i(o), 8))


def _inskrivna(request: InloggadRequest, intag: Gruppintag) -> HttpResponse:
    antal = len(intag.kontakter)
    if intag.redan_sparad:
        messages.info(request, "Redan sparad: deltagarna skrevs in när du skickade första gången.")
    else:
        messages.success(request, f"{antal} deltagare är inskrivna i omgången.")
        deltaganden = [k.deltagande for k in intag.kontakter if hasattr(k, "deltagande")]
        for d in deltaganden:
            if d.ar_identifierad:
                logga(request, d, Atkomstlogg.Handling.SKAPA, "Registrerade deltagande")
        # The cards with the codes are shown once, on the round's page.
        request.session["visa_koder"] = [d.pk for d in deltaganden if d.deltagarkod]
    return redirect(intag.omgang)
