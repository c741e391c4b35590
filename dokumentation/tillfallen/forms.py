"""The forms of rounds and sessions: a new round, a group meeting, moving the waiting list, and
an opening's headcount by sex and age band."""

from __future__ import annotations

import copy
import datetime
import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from dokumentation.deltagande.forms import AvslutaForm
from dokumentation.deltagande.models import Deltagande
from dokumentation.falt import DatumField, Efterregistreras
from dokumentation.kontakter.forms import KontaktForm
from dokumentation.regler import datumfel, sol_11_kap_6_information, sol_14_kap_4_5_fritexter
from dokumentation.tillfallen.avslut import Slutrad
from dokumentation.tillfallen.models import Omgang
from dokumentation.tillfallen.services import omgangens_regelbrott
from dokumentation.val import (
    Aldersgrupp,
    Kanal,
    Kon,
    Samtycke,
    Svar,
    Utfall,
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
                insats=data.get("insats"),
                antal_traffar=data.get("antal_traffar"),
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
    # The button "Ja, registrera träff N+1" sends it: a meeting beyond the round's plan is
    # registered only when asked for (utover_planen in the view).
    utover_planen = forms.BooleanField(required=False, widget=forms.HiddenInput)

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
                    # Empty is none: the fields are typed into, with nothing to clear first.
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


# Group intake: the page and one row per participant.
FLER_RADER = 4
HOGST_RADER = 40


class GruppintagForm(Indatakontroll, forms.Form):
    """What the whole page shares: the day, the channel, and the duty to inform (11 kap. 6 §),
    confirmed once for everyone on the page."""

    nyckel = forms.UUIDField(widget=forms.HiddenInput)
    rader = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=HOGST_RADER)
    datum = DatumField(label="Datum")
    kanal = forms.ChoiceField(
        label="Hur kontakten togs", choices=Kanal.choices, initial=Kanal.PA_PLATS
    )
    informerad = forms.BooleanField(
        label="Jag har informerat var och en om rätten att ansöka om behovsprövade insatser",
        required=False,
    )

    def __init__(self, *args: Any, rader: int, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update(
            {"nyckel": uuid.uuid4(), "datum": idag(), "rader": rader}
        )
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lagg_till_fel(self, sol_11_kap_6_information(informerad=data.get("informerad", False)))
        return data

    def gemensamt(self) -> dict[str, Any]:
        """What each row's check reads from the page. The duty to inform is checked once, on
        the page, so the rows are told it was met and the service gets the real answer."""
        d = getattr(self, "cleaned_data", {})
        return {
            "datum": d.get("datum") or idag(),
            "kanal": d.get("kanal") or Kanal.PA_PLATS,
            "informerad": True,
        }


class DeltagarradForm(KontaktForm):
    """One participant on the intake page: the contact form's own fields, rules and checks,
    without what the page asks once (day, channel, information) and what is asked later (the
    start questions, which the participation page and the end form ask)."""

    PAGE = ("nyckel", "datum", "kanal", "informerad", "fodelsear", "omgang", "samtal_minuter")
    SENARE = ("maende_start", "boende_start", "sysselsattning_start")

    def __init__(self, *args: Any, gemensamt: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, empty_permitted=True, use_required_attribute=False, **kwargs)
        self.gemensamt = gemensamt
        for namn in (*self.PAGE, *self.SENARE):
            self.fields.pop(namn, None)
        self.fields["alder"].label = "Ålder"
        if "barnets_alder" in self.fields:
            self.fields["barnets_alder"].label = "Barnets ålder"
        self.fields["kon"] = forms.ChoiceField(label="Kön", choices=[("", ""), *Kon.choices])
        for nr, v in enumerate(self.villkor, start=1):
            self.fields[f"villkor_{nr}"] = forms.ChoiceField(
                label=v.klartext(),
                required=False,
                choices=[("", ""), *Svar.choices],
                widget=forms.Select(attrs={"class": "villkorssvar"}),
            )
        self.fields["utfall"] = forms.ChoiceField(
            label="Utfall", choices=Utfall.choices, initial=Utfall.DELTAR
        )
        # Consent is asked only where 21 kap. 2 § calls for it: the contact form decides
        # (sol_21_kap_2_fragor) and leaves the questions out elsewhere.
        self.kan_vara_barn = "samtycke" in self.fields
        if self.kan_vara_barn:
            self.fields["samtycke"].label = "Vårdnadshavares samtycke"
            self.fields["samtycke"].help_text = ""
            self.fields["samtycke"].choices = [("", "Inte aktuellt, vuxen"), *Samtycke.choices]
        if "unga_vill" in self.fields:
            self.fields["unga_vill"].label = "Vill själv (15–17 år)"
        if "skyddad_identitet" in self.fields:
            self.fields["personnummer"].help_text = ""
            self.fields["personnummer"].label = "Personnummer"
        self.order_fields(
            [
                *("personnummer", "fornamn", "efternamn", "skyddad_identitet"),
                *("alder", "barnets_alder", "kon"),
                *(f"villkor_{nr}" for nr in range(1, len(self.villkor) + 1)),
                *("utfall", "samtycke", "unga_vill"),
            ]
        )

    def clean(self) -> dict[str, Any]:
        self.cleaned_data.update(self.gemensamt)
        return super().clean()

    def falt(self) -> list[forms.BoundField]:
        """The row's fields in the order of the table's columns."""
        return [self[n] for n in self.fields]


# Ending a round's participants together: the page and one row per ongoing participant.
SLUTFRAGOR = ("maende_slut", "boende_slut", "sysselsattning_slut", "problem", "problem_text")


class AvslutaDeltagareForm(Indatakontroll, forms.Form):
    """What the whole page shares: the one-time key and the day they ended."""

    nyckel = forms.UUIDField(widget=forms.HiddenInput)
    slutdatum = DatumField(label="Slutdatum")
    # At the round's last meeting staff end everyone and close the round: one step, not two.
    avsluta_omgangen = forms.BooleanField(
        label="Avsluta också omgången",
        required=False,
        help_text="När alla deltagare avslutas stängs omgången samtidigt. De som väntar på "
        "plats i den står kvar på insatsens väntelista.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update({"nyckel": uuid.uuid4(), "slutdatum": idag()})
        super().__init__(*args, **kwargs)


class SlutradForm(Indatakontroll, forms.Form):
    """One ongoing participant: ticked to end as planned, with the questions the single end
    form asks at a planned end (the same fields, so both ask alike) and its identity guard on
    the free text (14 kap. 4–5 §§)."""

    avsluta = forms.BooleanField(label="Avsluta", required=False, initial=True)

    def __init__(
        self,
        *args: Any,
        deltagande: Deltagande,
        slutdatum: datetime.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, prefix=f"d{deltagande.pk}", use_required_attribute=False, **kwargs)
        self.deltagande = deltagande
        self.slutdatum = slutdatum  # the page's, checked against this one's start
        for namn in SLUTFRAGOR:
            self.fields[namn] = copy.deepcopy(AvslutaForm.base_fields[namn])
        self.fields["problem_text"].label = "Problem, kort"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("avsluta"):
            lagg_till_fel(
                self,
                sol_14_kap_4_5_fritexter(
                    {"problem_text": data.get("problem_text", "")},
                    identifierad=self.deltagande.ar_identifierad,
                ),
            )
            if self.slutdatum is not None:
                lagg_till_fel(
                    self,
                    datumfel(
                        self.slutdatum,
                        tidigast=self.deltagande.startdatum,
                        idag=idag(),
                        falt="slutdatum",
                    ),
                )
        return data

    def slutrad(self) -> Slutrad:
        d = self.cleaned_data
        return Slutrad(
            deltagande_id=self.deltagande.pk,
            maende_slut=d.get("maende_slut"),
            boende_slut=d.get("boende_slut", ""),
            sysselsattning_slut=d.get("sysselsattning_slut", ""),
            problem=d.get("problem", ""),
            problem_text=d.get("problem_text", ""),
        )
