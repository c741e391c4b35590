"""The forms of rounds and sessions: a new round, a group meeting, moving the waiting list, and
an opening's headcount by sex and age band."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from dokumentation.falt import DatumField, Efterregistreras
from dokumentation.tillfallen.models import Omgang
from dokumentation.tillfallen.services import omgangens_regelbrott
from dokumentation.val import (
    Aldersgrupp,
    Kon,
)
from grund.tid import idag
from insatser.forms import lagg_till_fel
from organisation.indata import Indatakontroll


class OmgangForm(Indatakontroll, forms.ModelForm):  # type: ignore[type-arg]
    nyckel = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = Omgang
        fields = [
            "insats",
            "benamning",
            "startdatum",
            "antal_traffar",
            "min_deltagare",
            "max_deltagare",
        ]
        widgets = {"startdatum": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, insatser: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update({"nyckel": uuid.uuid4()})
        super().__init__(*args, **kwargs)
        self.fields["insats"].queryset = insatser
        self.fields["antal_traffar"].validators.append(minst_ett)
        self.fields["max_deltagare"].validators.append(minst_ett)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lagg_till_fel(
            self,
            omgangens_regelbrott(
                benamning=data.get("benamning") or "",
                min_deltagare=data.get("min_deltagare"),
                max_deltagare=data.get("max_deltagare"),
            ),
        )
        return data


def minst_ett(varde: int | None) -> None:
    if varde is not None and varde < 1:
        raise ValidationError("Ange minst 1.", code="min_value")


class TraffForm(Indatakontroll, Efterregistreras, forms.Form):
    nyckel = forms.UUIDField(widget=forms.HiddenInput)
    datum = DatumField(label="Datum för träffen")
    langd_minuter = forms.IntegerField(
        label="Längd (minuter)", required=False, min_value=1, max_value=600
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update({"nyckel": uuid.uuid4(), "datum": idag()})
        super().__init__(*args, **kwargs)


class StallInForm(Indatakontroll, forms.Form):
    flytta_till = forms.ModelChoiceField(
        queryset=Omgang.objects.none(), label="Flytta listan till omgång"
    )

    def __init__(self, *args: Any, omgang: Omgang, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["flytta_till"].queryset = (
            Omgang.objects.filter(
                insats=omgang.insats, utforare=omgang.utforare, status=Omgang.Status.PLANERAD
            )
            .exclude(pk=omgang.pk)
            .select_related("insats")  # each choice is labelled with its insats
        )


KON_I_RAKNING = [Kon.KVINNA, Kon.MAN, Kon.ANNAT]


GRUPPER_I_RAKNING = [g for g in Aldersgrupp if g != Aldersgrupp.OKAND]


class OppningForm(Indatakontroll, Efterregistreras, forms.Form):
    """One page: the opening and its headcount by sex and age band."""

    nyckel = forms.UUIDField(widget=forms.HiddenInput)
    datum = DatumField(label="Datum")
    langd_minuter = forms.IntegerField(
        label="Öppet (minuter)", required=False, min_value=1, max_value=24 * 60
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update({"nyckel": uuid.uuid4(), "datum": idag()})
        super().__init__(*args, **kwargs)
        for kon in KON_I_RAKNING:
            for grupp in GRUPPER_I_RAKNING:
                self.fields[f"antal_{kon}_{grupp}"] = forms.IntegerField(
                    label=f"{kon.label}, {grupp.label}",
                    required=False,
                    min_value=0,
                    max_value=500,
                    initial=0,
                    widget=forms.NumberInput(attrs={"class": "raknare", "inputmode": "numeric"}),
                )

    def rader(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (grupp.label, [self[f"antal_{kon}_{grupp}"] for kon in KON_I_RAKNING])
            for grupp in GRUPPER_I_RAKNING
        ]

    def antal(self) -> dict[tuple[str, str], int]:
        return {
            (str(kon), str(grupp)): self.cleaned_data.get(f"antal_{kon}_{grupp}") or 0
            for kon in KON_I_RAKNING
            for grupp in GRUPPER_I_RAKNING
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not any(self.antal().values()):
            self.add_error(None, "Ange hur många som kom.")
        return data
