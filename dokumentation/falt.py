"""Form fields the registration forms share: a date that cannot lie in the future, radio
groups, and the personnummer normalised to twelve digits."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from personnummer import personnummer

from dokumentation.regler import datum_langt_tillbaka, datumfel
from dokumentation.val import Efterregistrering
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


class Efterregistreras(forms.Form):
    """A form mixin for a record's date: a date more than a year back needs a reason
    (datum_langt_tillbaka). The reason's field is shown only then: after a post whose date was
    that old, or when it has a value (`visa_efterregistrering`)."""

    efterregistrering = forms.ChoiceField(
        label="Varför registreras det mer än ett år i efterhand?",
        required=False,
        choices=[("", "Välj ett skäl"), *Efterregistrering.choices],
    )

    def visa_efterregistrering(self) -> bool:
        return self.is_bound and (
            bool(self.data.get(self.add_prefix("efterregistrering")))
            or self.has_error("efterregistrering")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("datum"):
            for fel in datum_langt_tillbaka(
                data["datum"], idag=idag(), orsak=data.get("efterregistrering", "")
            ):
                self.add_error("efterregistrering", ValidationError(fel.meddelande, code=fel.kod))
        return data


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
