"""Registerutdrag (GDPR art. 15): everything the register holds about a person in a 14 kap.
3 § insats at the enhetschef's utförare, and who has read it. The personnummer is sent in the
request body, never in an address or a log; the extract itself is logged (the access log, as a
print, and a security event)."""

from __future__ import annotations

from django import forms
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dokumentation.deltagande.models import Deltagande, Person
from dokumentation.falt import normaliserat_personnummer
from dokumentation.journal.models import Journalanteckning
from dokumentation.logg.atkomst import logga_visade
from dokumentation.logg.models import Atkomstlogg
from dokumentation.tillfallen.models import Narvaro, Tillfalle
from organisation.behorighet import InloggadRequest, kraver_roll, utforare_ids
from organisation.indata import Indatakontroll
from organisation.models import Roll, Sakerhetshandelse


class UtdragForm(Indatakontroll, forms.Form):
    personnummer = forms.CharField(
        label="Personnummer eller samordningsnummer",
        max_length=20,
        help_text="ÅÅÅÅMMDD-NNNN",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean_personnummer(self) -> str:
        return normaliserat_personnummer(self.cleaned_data["personnummer"])


@kraver_roll(Roll.ENHETSCHEF)
def registerutdrag(request: InloggadRequest) -> HttpResponse:
    form = UtdragForm(request.POST if request.method == "POST" else None)
    personer: list[Person] = []
    loggar: list[Atkomstlogg] = []
    sokt = False
    if request.method == "POST" and form.is_valid():
        sokt = True
        egna = utforare_ids(request.user, Roll.ENHETSCHEF)
        personer = list(
            Person.objects.filter(
                utforare_id__in=egna, personnummer=form.cleaned_data["personnummer"]
            )
            .select_related("utforare")
            .prefetch_related(
                Prefetch(
                    "deltaganden",
                    queryset=Deltagande.objects.select_related("insats", "kontakt", "omgang")
                    .prefetch_related(
                        "kontakt__svar",
                        Prefetch(
                            "tillfallen",
                            queryset=Tillfalle.objects.order_by("datum").select_related("personal"),
                        ),
                        Prefetch(
                            "narvaro",
                            queryset=Narvaro.objects.select_related("tillfalle").order_by(
                                "tillfalle__datum"
                            ),
                        ),
                        Prefetch(
                            "anteckningar",
                            queryset=Journalanteckning.objects.select_related(
                                "signerad_av"
                            ).order_by("signerad"),
                        ),
                    )
                    .order_by("startdatum"),
                )
            )
        )
        deltaganden = [d for p in personer for d in p.deltaganden.all()]
        loggar = list(
            Atkomstlogg.objects.filter(deltagande__in=deltaganden)
            .select_related("anvandare", "deltagande__insats")
            .order_by("tidpunkt")
        )
        if deltaganden:
            logga_visade(
                request, deltaganden, "Registerutdrag", handling=Atkomstlogg.Handling.SKRIVA_UT
            )
        Sakerhetshandelse.objects.create(
            typ=Sakerhetshandelse.Typ.REGISTERUTDRAG,
            utford_av=request.user,
            beskrivning=(
                f"{len(deltaganden)} deltaganden vid "
                + (", ".join(sorted({p.utforare.namn for p in personer})) or "ingen utförare")
            ),
        )
    return render(
        request,
        "dokumentation/registerutdrag.html",
        {
            "form": form,
            "personer": personer,
            "loggar": loggar,
            "sokt": sokt,
            "nu": timezone.now(),
        },
    )
