"""Worry about a child: the municipality's procedure for reporting, and recording that a
report was made."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dokumentation.falt import DatumField
from dokumentation.logg.atkomst import hamta_insats, mina_insatser
from dokumentation.orosanmalan.services import kan_registrera_oro, registrera_orosanmalan
from dokumentation.sidor import personal, post, sparat
from grund.tid import idag
from insatser.forms import lagg_till_fel
from insatser.services import RegelBrott
from organisation.behorighet import InloggadRequest
from organisation.indata import Indatakontroll


class OroForm(Indatakontroll, forms.Form):
    """Only that a report was made, and when: no field for whom or why."""

    nyckel = forms.UUIDField(widget=forms.HiddenInput)
    datum = DatumField(label="Datum för anmälan")
    gjord = forms.BooleanField(
        label="Jag har gjort en orosanmälan till socialtjänsten",
        error_messages={"required": "Bekräfta att anmälan är gjord."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update({"nyckel": uuid.uuid4(), "datum": idag()})
        super().__init__(*args, **kwargs)


@personal
def valj_insats(request: InloggadRequest) -> HttpResponse:
    insatser = [i for i in mina_insatser(request.user).order_by("namn") if kan_registrera_oro(i)]
    return render(request, "dokumentation/oro_valj.html", {"insatser": insatser})


@personal
def oro(request: InloggadRequest, insats_pk: int) -> HttpResponse:
    insats = hamta_insats(request.user, insats_pk)
    if not kan_registrera_oro(insats):
        raise Http404
    form = OroForm(post(request))
    if request.method == "POST" and form.is_valid():
        try:
            anmalan = registrera_orosanmalan(
                anvandare=request.user,
                insats=insats,
                datum=form.cleaned_data["datum"],
                nyckel=form.cleaned_data["nyckel"],
                idag=timezone.localdate(),
            )
        except RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            sparat(
                request,
                anmalan,
                "orosanmälan",
                f"Att en orosanmälan gjordes {anmalan.datum:%Y-%m-%d} är registrerat. Inget om "
                "vem den gäller sparas här.",
            )
            return redirect("dokumentation:oro_valj")
    return render(request, "dokumentation/oro.html", {"insats": insats, "form": form})
