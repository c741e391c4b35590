"""The forms of a participation's course: a talk, and the end (as planned or early, with the
situation at the end)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms

from dokumentation.deltagande.services import HOGST_TIDIGARE
from dokumentation.falt import MAX_ALDER, DatumField, Efterregistreras, radio, radiogrupp
from dokumentation.regler import (
    avbrott_utan_orsak,
    sol_11_kap_6_information,
    sol_14_kap_4_5_fritexter,
)
from dokumentation.val import (
    Avbrottsorsak,
    Boende,
    Kanal,
    Kon,
    Maende,
    Problem,
    SkalOverTak,
    Sysselsattning,
)
from grund.tid import idag
from insatser.forms import lagg_till_fel
from insatser.models import Insats
from organisation.indata import Indatakontroll


class SamtalForm(Indatakontroll, Efterregistreras, forms.Form):
    nyckel = forms.UUIDField(widget=forms.HiddenInput)
    datum = DatumField(label="Datum")
    langd_minuter = forms.IntegerField(
        label="Längd (minuter)", required=False, min_value=1, max_value=600
    )
    kanal = forms.ChoiceField(label="Kanal", choices=Kanal.choices, initial=Kanal.PA_PLATS)
    # Shown only at a cap of 11 kap. 5 §: an explicit choice to give one more session.
    over_taket = forms.ChoiceField(
        label="Registrera ändå, över taket – skäl",
        required=False,
        choices=[("", "Välj skäl"), *SkalOverTak.choices],
        help_text="Skälet sparas med samtalet och räknas i uppföljningen.",
    )

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


class NyKodForm(Indatakontroll, forms.Form):
    """A participant without identity who lost their card: a new deltagarkod that continues
    the count of talks, declared by staff."""

    nyckel = forms.UUIDField(widget=forms.HiddenInput)
    tidigare_tillfallen = forms.IntegerField(
        label="Antal samtal personen har haft hittills",
        min_value=1,
        max_value=HOGST_TIDIGARE,
        help_text="Fråga personen. Den nya koden fortsätter med så många tidigare samtal, och "
        "taket räknar dem. Ingenting kopplar den nya koden till den gamla.",
        error_messages={"required": "Ange hur många samtal personen har haft."},
    )
    datum = DatumField(label="Datum")
    kanal = radio(Kanal.choices, label="Hur kontakten togs", initial=Kanal.PA_PLATS)
    alder = forms.IntegerField(label="Ålder (år)", required=False, min_value=0, max_value=MAX_ALDER)
    kon = radio(Kon.choices, label="Kön")
    informerad = forms.BooleanField(
        label="Jag har informerat om rätten att ansöka om behovsprövade insatser", required=False
    )

    tidigare_start = DatumField(
        label="Började delta, ungefär",
        required=False,
        help_text="Fråga personen; ungefär räcker. Den längsta tiden utan behovsprövning räknas "
        "från den dagen, inte från den nya koden.",
    )

    def __init__(self, *args: Any, insats: Insats, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update({"nyckel": uuid.uuid4(), "datum": idag()})
        super().__init__(*args, **kwargs)
        if insats.max_varaktighet_manader is None:
            del self.fields["tidigare_start"]  # no longest time to continue

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lagg_till_fel(self, sol_11_kap_6_information(informerad=bool(data.get("informerad"))))
        return data


class AvslutaVilandeForm(Indatakontroll, forms.Form):
    """The quiet participations' page: its one-time key. Which are ticked is read as a list of
    ids (`avsluta`), each checked to be the user's utförare's by the view."""

    nyckel = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update({"nyckel": uuid.uuid4()})
        super().__init__(*args, **kwargs)
