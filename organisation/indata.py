"""Checks that every form runs on what people type, whatever the field: no invisible
characters that turn the direction of text (a name or a note that reads differently from what
is stored), no invisible characters between letters and no look-alike letters of another
script inside a word (two names that look the same but are not), and dates within the
register's years."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from grund.formular import Basfalt, frys_val
from grund.uppladdning import inom_uppladdningsgransen
from identitetsskydd.tecken import LIKNANDE, OSYNLIGA

# Bidi controls: embeddings, overrides, isolates, marks.
STYRTECKEN = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# Zero-width spaces and joiners, the soft hyphen and the like: "Föräldra\u200bstöd" looks like
# "Föräldrastöd" to a resident and to the secretary, but is another insats (the identity
# guard removes them before it reads; a name or a catalogue text should never hold one).
OSYNLIGA_TECKEN = re.compile(f"[{OSYNLIGA}]")
# A Cyrillic or Greek letter that looks like a Latin one, in a word with Latin letters
# ("Fаmiljecentralen" with a Cyrillic а). A word wholly in another script is a word; the
# dotless ı is Turkish (Yıldız), not a look-alike here.
_LATINSKA = "A-Za-zÀ-ÖØ-öø-ÿ"
_LIKNANDE = LIKNANDE[0].replace("ı", "")
BLANDAD_SKRIFT = re.compile(
    f"[{_LATINSKA}][{_LATINSKA}]*[{_LIKNANDE}]|[{_LIKNANDE}][{_LIKNANDE}]*[{_LATINSKA}]"
)
FORSTA_DAG = datetime.date(2000, 1, 1)
SISTA_DAG = datetime.date(2100, 12, 31)


def _texter(varde: Any) -> list[str]:
    """The texts of a field's value: one, or each line of a field of lines (RaderField)."""
    if isinstance(varde, str):
        return [varde]
    if isinstance(varde, list | tuple):
        return [v for v in varde if isinstance(v, str)]
    return []


def utan_styrtecken(varde: Any) -> None:
    if any(STYRTECKEN.search(t) for t in _texter(varde)):
        raise ValidationError(
            "Texten innehåller osynliga tecken som vänder textens riktning. Skriv den utan dem.",
            code="styrtecken",
        )


def osynliga_eller_liknande(varde: str) -> str | None:
    """What is wrong with a text of invisible or look-alike characters, or None."""
    if OSYNLIGA_TECKEN.search(varde):
        return (
            "Texten innehåller osynliga tecken (till exempel ett mellanslag utan bredd eller ett "
            "mjukt bindestreck), ofta från en kopierad text. Skriv den utan dem."
        )
    if traff := BLANDAD_SKRIFT.search(varde):
        return (
            f"Ordet med ”{traff.group()}” blandar latinska bokstäver med kyrilliska eller "
            "grekiska som ser likadana ut. Skriv ordet med svenska bokstäver."
        )
    return None


def utan_osynliga_tecken(varde: Any) -> None:
    for text in _texter(varde):
        if fel := osynliga_eller_liknande(text):
            raise ValidationError(fel, code="osynliga_tecken")


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
    outside 2000–2100, every number field says its limits in plain Swedish, every file field
    a file refused for its size while it was uploaded (also fields a form adds in its own
    __init__)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Once per form class: its choices are shared, not deep-copied for every form.
        klass = type(self)
        if "_frysta_val" not in klass.__dict__:
            frys_val(klass.base_fields.values())  # type: ignore[attr-defined]
            klass.base_fields = Basfalt(klass.base_fields)  # type: ignore[attr-defined]
            klass._frysta_val = True  # type: ignore[attr-defined]
        super().__init__(*args, **kwargs)

    def full_clean(self) -> None:
        for falt in self.fields.values():
            kontrollera(falt)
        super().full_clean()  # type: ignore[misc]


def kontrollera(falt: forms.Field) -> None:
    """Give `falt` the checks of its kind (Indatakontroll); a field that has them already is
    left as it is."""
    if isinstance(falt, forms.DateField) and rimligt_datum not in falt.validators:
        falt.validators.append(rimligt_datum)
    elif isinstance(falt, forms.CharField) and utan_styrtecken not in falt.validators:
        falt.validators += [utan_styrtecken, utan_osynliga_tecken]
    elif isinstance(falt, forms.IntegerField | forms.DecimalField | forms.FloatField):
        tal_i_klartext(falt)
    elif isinstance(falt, forms.FileField) and inom_uppladdningsgransen not in falt.validators:
        falt.validators.append(inom_uppladdningsgransen)
