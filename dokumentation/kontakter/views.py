"""Registering a contact, from choosing the insats to the receipt."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from dokumentation.deltagande.models import Deltagande
from dokumentation.gemensamt import redan_sparad
from dokumentation.kontakter import blankett
from dokumentation.kontakter.forms import KontaktForm
from dokumentation.kontakter.models import Kontakt
from dokumentation.kontakter.services import registrera_kontakt
from dokumentation.logg.atkomst import (
    hamta_insats,
    logga,
    logga_visade,
    mina_insatser,
    mina_utforare_ids,
)
from dokumentation.logg.models import Atkomstlogg
from dokumentation.sidor import likadan, personal, post, sparat
from dokumentation.tillfallen.models import Tillfalle
from dokumentation.tillfallen.services import omgangar_med_platser
from insatser.forms import lagg_till_fel
from insatser.models import Insats
from insatser.services import RegelBrott
from organisation import ram
from organisation.behorighet import InloggadRequest
from organisation.sparat_arbete import sparar_arbete


@personal
def kontakt_valj_insats(request: InloggadRequest) -> HttpResponse:
    insatser = list(
        mina_insatser(request.user).select_related("utforare", "katalog").order_by("namn")
    )
    # An utförare serving several municipalities sees whose insats each one is.
    flera = len({i.katalog_id for i in insatser}) > 1
    return render(
        request, "dokumentation/kontakt_valj.html", {"insatser": insatser, "flera_kommuner": flera}
    )


@sparar_arbete()
@personal
def kontakt_ny(request: InloggadRequest, insats_pk: int) -> HttpResponse:
    insats = hamta_insats(request.user, insats_pk)  # its villkor too, for the form and the rules
    data = post(request)
    if data is None and (html := blankett.tom(request, insats)) is not None:
        # The blank form as kept for this insats and catalogue version, in the page as kept
        # for this user (organisation.ram; bench/RESULTS.md).
        kept = ram.sida(
            request,
            "dokumentation/kontakt_ny.html",
            lambda m: {"insats": {"namn": m("insatsens_namn")}, "blankett": m("blankett")},
            text={"insatsens_namn": insats.namn},
            html={"blankett": html},
        )
        if kept is not None:
            return kept
        sida = {"insats": insats, "blankett": html}
        return render(request, "dokumentation/kontakt_ny.html", sida)
    form = KontaktForm(data, insats=insats)
    if request.method == "POST" and form.is_valid() and not likadan(request, form):
        try:
            kontakt = registrera_kontakt(
                anvandare=request.user,
                insats=insats,
                uppgifter=form.kontaktuppgifter(),
                start=form.startuppgifter(),
                person=form.personuppgifter(),
                omgang=form.cleaned_data.get("omgang"),
                forsta_samtal_minuter=form.cleaned_data.get("samtal_minuter"),
                nyckel=form.cleaned_data["nyckel"],
            )
        except RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            deltagande = getattr(kontakt, "deltagande", None)
            if deltagande is not None and deltagande.deltagarkod:
                # The card with the code is shown once, right after registration.
                request.session["visa_kod"] = deltagande.pk
            klar = reverse("dokumentation:kontakt_klar", args=[kontakt.pk])
            sparat(request, kontakt, "kontakten", "Kontakten är registrerad.", form=form, url=klar)
            if not redan_sparad(kontakt) and deltagande is not None and deltagande.ar_identifierad:
                logga(request, deltagande, Atkomstlogg.Handling.SKAPA, "Registrerade deltagande")
            return HttpResponseRedirect(klar)  # a path: redirect() would first try it as a name
    return render(
        request,
        "dokumentation/kontakt_ny.html",
        {"insats": insats, "form": form, "katalog": insats.katalog},
    )


@personal
def kontakt_klar(request: InloggadRequest, pk: int) -> HttpResponse:
    kontakt = get_object_or_404(
        Kontakt.objects.select_related("insats"),
        pk=pk,
        utforare_id__in=mina_utforare_ids(request.user),
    )
    deltagande = Deltagande.objects.filter(kontakt=kontakt).first()
    visa_kort = deltagande is not None and request.session.pop("visa_kod", None) == deltagande.pk
    return render(
        request,
        "dokumentation/kontakt_klar.html",
        {"kontakt": kontakt, "deltagande": deltagande, "visa_kort": visa_kort},
    )


def startuppgifter(request: InloggadRequest) -> dict[str, object]:
    """What the staff start page shows: today's sessions, ongoing participations, open rounds
    with free places. Gathered here, rendered by the start page in config; the people it
    shows are logged."""
    utforare = mina_utforare_ids(request.user)
    idag = timezone.localdate()
    pagaende = list(
        Deltagande.objects.filter(utforare_id__in=utforare)
        .pagaende()
        .select_related("insats", "person", "kontakt")  # kontakt: far_oppna, per row
        .order_by("-startdatum")[:10]
    )
    logga_visade(request, pagaende, "Såg på startsidan", som_lista=True)
    return {
        "idag_tillfallen": Tillfalle.objects.filter(utforare_id__in=utforare, datum=idag)
        .select_related("insats", "omgang")
        .order_by("id"),
        "pagaende": pagaende,
        "antal_pagaende": Deltagande.objects.filter(utforare_id__in=utforare).pagaende().count(),
        "omgangar": omgangar_med_platser(utforare),
        "oppna_insatser": Insats.objects.publicerade()
        .filter(utforare_id__in=utforare, form=Insats.Form.OPPEN_VERKSAMHET)
        .exists(),
    }
