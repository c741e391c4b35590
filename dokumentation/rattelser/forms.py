"""The correction form (the correctable fields of one kind of record, with the values as they
are) and the voiding form: both ask why."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.db.models import QuerySet

from dokumentation.deltagande.models import Deltagande
from dokumentation.falt import MAX_ALDER, DatumField, radio
from dokumentation.kontakter.models import Kontakt
from dokumentation.rattelser.models import Rattelseorsak
from dokumentation.rattelser.services import RATTBARA, Orsak, besok, post_for
from dokumentation.tillfallen.forms import GRUPPER_I_RAKNING, KON_I_RAKNING
from dokumentation.tillfallen.models import Tillfalle
from dokumentation.val import Aldersgrupp, Kanal, Kon
from insatser.models import Insats
from organisation.indata import Indatakontroll
from organisation.models import Anvandare


class DatumForm(Indatakontroll, forms.Form):
    """Which registrations the list shows: the day they are about, the insats and, for the
    enhetschef, who registered them. Every field may be left empty."""

    datum = forms.DateField(
        # The day the contact or session was, not the day it was registered.
        label="Kontaktens eller tillfällets datum",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    insats = forms.ModelChoiceField(
        queryset=Insats.objects.none(), required=False, label="Insats", empty_label="Alla"
    )
    personal = forms.ModelChoiceField(
        queryset=Anvandare.objects.none(),
        required=False,
        label="Registrerad av",
        empty_label="Alla",
        error_messages={"invalid_choice": "Välj någon som har registrerat i listan."},
    )

    def __init__(
        self,
        *args: Any,
        insatser: QuerySet[Insats],
        personal: QuerySet[Anvandare] | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["insats"].queryset = insatser
        self.fields["insats"].error_messages["invalid_choice"] = "Välj en av utförarens insatser."
        if personal is None:  # staff see only their own
            del self.fields["personal"]
        else:
            self.fields["personal"].queryset = personal
            self.fields["personal"].label_from_instance = lambda a: (
                a.get_full_name() or a.get_username()
            )


class OrsakForm(Indatakontroll, forms.Form):
    nyckel = forms.UUIDField(widget=forms.HiddenInput)
    orsak = radio(
        Rattelseorsak.choices, label="Orsak", error_messages={"required": "Välj en orsak."}
    )
    kommentar = forms.CharField(
        label="Kommentar (frivillig)",
        required=False,
        max_length=200,
        help_text="Skriv aldrig namn eller annat som kan visa vem det gäller.",
    )

    # The reasons this form offers; None offers all.
    orsaker: tuple[Rattelseorsak, ...] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("nyckel", uuid.uuid4())
        super().__init__(*args, **kwargs)
        if self.orsaker is not None:
            self.fields["orsak"].choices = [(o.value, o.label) for o in self.orsaker]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("orsak") == Rattelseorsak.ANNAT and not data.get("kommentar"):
            self.add_error("kommentar", "Säg kort vad som var fel när orsaken är Annat.")
        return data

    def orsaken(self) -> Orsak:
        return Orsak(self.cleaned_data["orsak"], self.cleaned_data.get("kommentar") or "")


class MakuleringForm(OrsakForm):
    """Voiding: the record should not be there at all. A wrong date or detail is corrected."""

    orsaker = (
        Rattelseorsak.FEL_INSATS,
        Rattelseorsak.DUBBEL,
        Rattelseorsak.MISSTAG,
        Rattelseorsak.ANNAT,
    )


class RattelseForm(OrsakForm):
    """The record's correctable fields, filled in with what it says now. A record on the wrong
    insats, or one that should not be there, is voided instead (the page says so)."""

    orsaker = (Rattelseorsak.FEL_DATUM, Rattelseorsak.FEL_UPPGIFT, Rattelseorsak.ANNAT)

    sag = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, objekt: Kontakt | Deltagande | Tillfalle, sag: int, **kw: Any):
        self.objekt = objekt
        post = post_for(objekt)
        initial = {f: getattr(objekt, f) for f in RATTBARA[post]} | {"sag": sag}
        self.oppning = isinstance(objekt, Tillfalle) and objekt.typ == Tillfalle.Typ.OPPNING
        if isinstance(objekt, Tillfalle) and self.oppning:
            initial |= {f"antal_{k.replace('/', '_')}": n for k, n in besok(objekt).items()}
        kw.setdefault("initial", {}).update(initial)
        super().__init__(*args, **kw)
        falt: dict[str, forms.Field] = {}
        if isinstance(objekt, Kontakt):
            falt["datum"] = DatumField(label="Datum")
            falt["kanal"] = radio(Kanal.choices, label="Kanal")
            falt["aldersgrupp"] = radio(Aldersgrupp.choices, label="Åldersgrupp")
            falt["kon"] = radio(Kon.choices, label="Kön")
        elif isinstance(objekt, Deltagande):
            falt["startdatum"] = DatumField(label="Startdatum")
            falt["alder"] = forms.IntegerField(
                label="Ålder (år)", required=False, min_value=0, max_value=MAX_ALDER
            )
            falt["kon"] = radio(Kon.choices, label="Kön")
        else:
            falt["datum"] = DatumField(label="Datum")
            falt["langd_minuter"] = forms.IntegerField(
                label="Längd (minuter)", required=False, min_value=1, max_value=24 * 60
            )
            if objekt.typ == Tillfalle.Typ.INDIVIDUELLT:
                falt["kanal"] = radio(Kanal.choices, label="Kanal")
        # The record's fields first, then why.
        self.fields = falt | self.fields
        if self.oppning:
            for kon in KON_I_RAKNING:
                for grupp in GRUPPER_I_RAKNING:
                    self.fields[f"antal_{kon}_{grupp}"] = forms.IntegerField(
                        label=f"{kon.label}, {grupp.label}",
                        required=False,
                        min_value=0,
                        max_value=500,
                        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                    )

    def rader(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (grupp.label, [self[f"antal_{kon}_{grupp}"] for kon in KON_I_RAKNING])
            for grupp in GRUPPER_I_RAKNING
        ]

    def postfalt(self) -> list[forms.BoundField]:
        return [self[f] for f in RATTBARA[post_for(self.objekt)] if f in self.fields]

    def andringar(self) -> dict[str, Any]:
        return {
            f: self.cleaned_data.get(f) for f in RATTBARA[post_for(self.objekt)] if f in self.fields
        }

    def antal(self) -> dict[str, int] | None:
        if not self.oppning:
            return None
        return {
            f"{kon}/{grupp}": self.cleaned_data.get(f"antal_{kon}_{grupp}") or 0
            for kon in KON_I_RAKNING
            for grupp in GRUPPER_I_RAKNING
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.oppning and not self.errors and not any((self.antal() or {}).values()):
            self.add_error(None, "En öppning utan besök makuleras i stället för att rättas.")
        return data
