"""Form fields the registration forms share: a date that cannot lie in the future, radio
groups, and the personnummer normalised to twelve digits."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from personnummer import personnummer

from dokumentation.regler import datumfel
from grund.formular import RADIOGRUPP
from grund.tid import idag

MAX_ALDER = 120


F = TypeVar("F", bound=forms.Field)


class DatumField(forms.DateField):
    """A date that cannot lie in the future."""

    widget = forms.DateInput(attrs={"type": "date"})

    def validate(self, value: Any) -> None:
        super().validate(value)
        for fel in datumfel(value, idag=idag()) if value else []:
            raise ValidationError(fel.meddelande, code=fel.kod)


def radiogrupp(falt: F) -> F:
    """A field with radio buttons, shown as a group by `as_field_group` (RADIOGRUPP)."""
    falt.template_name = RADIOGRUPP
    return falt


def radio(choices: Any, **kwargs: Any) -> forms.ChoiceField:
    return radiogrupp(forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **kwargs))


def normaliserat_personnummer(varde: str) -> str:
    """12 digits, century included; raises ValidationError in Swedish."""
    try:
        pnr = personnummer.Personnummer(varde.strip())
    except (personnummer.PersonnummerException, ValueError, TypeError) as e:
        raise ValidationError(
            "Personnumret eller samordningsnumret är inte giltigt. Kontrollera siffrorna "
            "(ÅÅÅÅMMDD-NNNN).",
            code="ogiltigt",
        ) from e
    if pnr.get_date() > idag():
        raise ValidationError("Födelsedatumet ligger i framtiden.", code="framtid")
    return str(pnr.format(True))
