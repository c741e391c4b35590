"""The forms of a participation's course: a talk, and the end (as planned or early, with the
situation at the end)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms

from dokumentation.falt import DatumField, Efterregistreras, radiogrupp
from dokumentation.regler import avbrott_utan_orsak, sol_14_kap_4_5_fritexter
from dokumentation.val import (
    Avbrottsorsak,
    Boende,
    Kanal,
    Maende,
    Problem,
    Sysselsattning,
)
from grund.tid import idag
from insatser.forms import lagg_till_fel
from organisation.indata import Indatakontroll


class SamtalForm(Indatakontroll, Efterregistreras, forms.Form):
    nyckel = forms.UUIDField(widget=forms.HiddenInput)
    datum = DatumField(label="Datum")
    langd_minuter = forms.IntegerField(
        label="Längd (minuter)", required=False, min_value=1, max_value=600
    )
    kanal = forms.ChoiceField(label="Kanal", choices=Kanal.choices, initial=Kanal.PA_PLATS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update({"nyckel": uuid.uuid4(), "datum": idag()})
        super().__init__(*args, **kwargs)


class AvslutaForm(Indatakontroll, forms.Form):
    slutdatum = DatumField(label="Slutdatum")
    avbrott = radiogrupp(
        forms.TypedChoiceField(
            label="Hur slutade deltagandet?",
            widget=forms.RadioSelect,
            coerce=lambda v: v == "ja",
            choices=[("nej", "Enligt plan"), ("ja", "Avbrutet i förtid")],
            initial="nej",
        )
    )
    maende_slut = forms.TypedChoiceField(
        label="Mående vid slut (självskattat)",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Inte besvarat"), *Maende.choices],
    )
    boende_slut = forms.ChoiceField(
        label="Boende vid slut", required=False, choices=[("", "Inte besvarat"), *Boende.choices]
    )
    sysselsattning_slut = forms.ChoiceField(
        label="Sysselsättning vid slut",
        required=False,
        choices=[("", "Inte besvarat"), *Sysselsattning.choices],
    )
    problem = forms.ChoiceField(
        label="Problem som uppstått", required=False, choices=[("", "Inga"), *Problem.choices]
    )
    problem_text = forms.CharField(
        label="Problem, kort beskrivning", required=False, max_length=300, widget=forms.TextInput
    )
    avbrottsorsak = forms.ChoiceField(
        label="Orsak till avbrott", required=False, choices=[("", "–"), *Avbrottsorsak.choices]
    )
    avbrott_text = forms.CharField(
        label="Avbrott, kort beskrivning", required=False, max_length=300, widget=forms.TextInput
    )

    def __init__(self, *args: Any, identifierad: bool, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update({"slutdatum": idag()})
        super().__init__(*args, **kwargs)
        self.identifierad = identifierad

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        texter = {falt: data.get(falt, "") for falt in ("problem_text", "avbrott_text")}
        lagg_till_fel(self, sol_14_kap_4_5_fritexter(texter, identifierad=self.identifierad))
        lagg_till_fel(
            self,
            avbrott_utan_orsak(
                avbrott=bool(data.get("avbrott")), avbrottsorsak=data.get("avbrottsorsak", "")
            ),
        )
        return data
