"""Checks that every form runs on what people type, whatever the field: no invisible
characters that turn the direction of text (a name or a note that reads differently from what
is stored), and dates within the register's years."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from grund.formular import frys_val

# Bidi controls: embeddings, overrides, isolates, marks.
STYRTECKEN = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
FORSTA_DAG = datetime.date(2000, 1, 1)
SISTA_DAG = datetime.date(2100, 12, 31)


def utan_styrtecken(varde: Any) -> None:
    if isinstance(varde, str) and STYRTECKEN.search(varde):
        raise ValidationError(
            "Texten innehåller osynliga tecken som vänder textens riktning. Skriv den utan dem.",
            code="styrtecken",
        )


def rimligt_datum(varde: Any) -> None:
    if isinstance(varde, datetime.date) and not FORSTA_DAG <= varde <= SISTA_DAG:
        raise ValidationError(
            f"Ange ett datum mellan {FORSTA_DAG:%Y-%m-%d} och {SISTA_DAG:%Y-%m-%d}.",
            code="datum_utanfor",
        )


def tal_i_klartext(falt: forms.Field) -> None:
    """A number field's limits said plainly next to it ("Värdet kan inte vara negativt.")
    rather than Django's "Kontrollera att detta värde är större än eller lika med 0."; a
    message the field or the model sets itself stays."""
    meddelanden = falt.error_messages
    if "min_value" not in meddelanden:
        meddelanden["min_value"] = (
            "Värdet kan inte vara negativt."
            if getattr(falt, "min_value", None) == 0
            else "Ange minst %(limit_value)s."
        )
    meddelanden.setdefault("max_value", "Ange högst %(limit_value)s.")


class Indatakontroll:
    """A form mixin: every text field refuses direction controls, every date field dates
    outside 2000–2100, every number field says its limits in plain Swedish (also fields a
    form adds in its own __init__)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Once per form class: its choices are shared, not deep-copied for every form.
        klass = type(self)
        if "_frysta_val" not in klass.__dict__:
            frys_val(klass.base_fields.values())  # type: ignore[attr-defined]
            klass._frysta_val = True  # type: ignore[attr-defined]
        super().__init__(*args, **kwargs)

    def full_clean(self) -> None:
        for falt in self.fields.values():
            if isinstance(falt, forms.DateField) and rimligt_datum not in falt.validators:
                falt.validators.append(rimligt_datum)
            elif isinstance(falt, forms.CharField) and utan_styrtecken not in falt.validators:
                falt.validators.append(utan_styrtecken)
            elif isinstance(falt, forms.IntegerField | forms.DecimalField | forms.FloatField):
                tal_i_klartext(falt)
        super().full_clean()  # type: ignore[misc]
