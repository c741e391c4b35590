"""Forms for staff at the utförare. They run the same rule functions as the services, so the
law's checks show next to the field before anything is saved."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from personnummer import personnummer

from dokumentation import services
from dokumentation.models import (
    Aldersgrupp,
    Avbrottsorsak,
    Boende,
    Journalanteckning,
    Kanal,
    Kon,
    Maende,
    Omgang,
    Problem,
    Samtycke,
    Svar,
    Sysselsattning,
    Utfall,
)
from dokumentation.regler import sol_14_kap_3_identifieras, sol_14_kap_4_5_fritext
from grund.formular import RADIOGRUPP
from grund.tid import idag
from insatser.forms import lagg_till_fel
from insatser.models import Insats, Villkor
from organisation.indata import Indatakontroll

MAX_ALDER = 120
F = TypeVar("F", bound=forms.Field)


class DatumField(forms.DateField):
    """A date that cannot lie in the future."""

    widget = forms.DateInput(attrs={"type": "date"})

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and value > idag():
            raise ValidationError("Datumet kan inte ligga i framtiden.", code="framtid")


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


class KontaktForm(Indatakontroll, forms.Form):
    """Someone turns to the utförare: the summary check of the villkor, the duty to inform
    and the outcome, on one page generated from the catalogue."""

    nyckel = forms.UUIDField(widget=forms.HiddenInput)
    datum = DatumField(label="Datum")
    kanal = radio(Kanal.choices, label="Hur kontakten togs", initial=Kanal.PA_PLATS)
    alder = forms.IntegerField(label="Ålder (år)", required=False, min_value=0, max_value=MAX_ALDER)
    fodelsear = forms.IntegerField(label="eller födelseår", required=False, min_value=1900)
    kon = radio(Kon.choices, label="Kön")
    informerad = forms.BooleanField(
        label="Jag har informerat om rätten att ansöka om behovsprövade insatser", required=False
    )
    utfall = radio(Utfall.choices, label="Utfall")
    samtycke = forms.ChoiceField(
        label="Vilka vårdnadshavare har samtyckt?",
        required=False,
        choices=[("", "Inte aktuellt – deltagaren är vuxen"), *Samtycke.choices],
        help_text="Gäller barn under 18 år, om inte nämnden beslutat att insatsen ges från "
        "15 år utan samtycke.",
    )
    unga_vill = forms.BooleanField(
        label="Den unga (15–17 år) vill själv ta del av insatsen", required=False
    )
    maende_start = forms.TypedChoiceField(
        label="Mående vid start (självskattat)",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Inte besvarat"), *Maende.choices],
    )
    boende_start = forms.ChoiceField(
        label="Boende vid start", required=False, choices=[("", "Inte besvarat"), *Boende.choices]
    )
    sysselsattning_start = forms.ChoiceField(
        label="Sysselsättning vid start",
        required=False,
        choices=[("", "Inte besvarat"), *Sysselsattning.choices],
    )

    def __init__(self, *args: Any, insats: Insats, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update({"nyckel": uuid.uuid4(), "datum": idag()})
        super().__init__(*args, **kwargs)
        self.insats = insats
        self.villkor = list(insats.villkor.all())
        self.identifieras = sol_14_kap_3_identifieras(
            dokumentationsregel=insats.dokumentationsregel,
            verksamhetssystem=insats.verksamhetssystem,
        )
        for nr, v in enumerate(self.villkor, start=1):
            self.fields[f"villkor_{nr}"] = radio(Svar.choices, label=v.klartext(), required=False)
        if any(v.typ == Villkor.Typ.ALDER and v.galler_barnet for v in self.villkor):
            self.fields["barnets_alder"] = forms.IntegerField(
                label="Barnets ålder (år)", required=False, min_value=0, max_value=25
            )
        # Each choice is labelled "insats – benämning": the insats comes with the round. Only
        # insatser given in groups have rounds.
        omgangar = Omgang.objects.filter(
            insats=insats, status__in=[Omgang.Status.PLANERAD, Omgang.Status.PAGAR]
        ).select_related("insats")
        if insats.form in Insats.GRUPPFORMER and omgangar.exists():
            self.fields["omgang"] = forms.ModelChoiceField(
                queryset=omgangar,
                required=False,
                label="Omgång",
                empty_label="Ingen särskild omgång",
                help_text="Den omgång personen börjar i, eller står i kö till.",
            )
        if insats.form != Insats.Form.GRUPP and insats.form != Insats.Form.OPPEN_VERKSAMHET:
            self.fields["samtal_minuter"] = forms.IntegerField(
                label="Samtalet hölls nu: längd i minuter",
                required=False,
                min_value=1,
                max_value=600,
                help_text="Fyll i om första samtalet hölls vid kontakten.",
            )
        if self.identifieras:
            self.fields["personnummer"] = forms.CharField(
                label="Personnummer eller samordningsnummer",
                required=False,
                max_length=13,
                help_text="ÅÅÅÅMMDD-NNNN",
            )
            self.fields["fornamn"] = forms.CharField(
                label="Förnamn", required=False, max_length=100
            )
            self.fields["efternamn"] = forms.CharField(
                label="Efternamn", required=False, max_length=100
            )
            self.fields["skyddad_identitet"] = forms.BooleanField(
                label="Skyddad identitet", required=False
            )

    def villkorsfalt(self) -> list[forms.BoundField]:
        return [self[f"villkor_{nr}"] for nr in range(1, len(self.villkor) + 1)]

    def clean_personnummer(self) -> str:
        varde = self.cleaned_data.get("personnummer", "")
        return normaliserat_personnummer(varde) if varde else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("alder") is None and data.get("fodelsear"):
            if data["fodelsear"] > idag().year:
                self.add_error("fodelsear", "Födelseåret ligger i framtiden.")
            else:
                data["alder"] = idag().year - data["fodelsear"]
        if self.errors:
            return data
        if (
            self.identifieras
            and data.get("personnummer")
            and not (data.get("fornamn") and data.get("efternamn"))
        ):
            self.add_error("fornamn", "Ange för- och efternamn.")
            return data
        lagg_till_fel(
            self,
            services.kontaktens_regelbrott(
                insats=self.insats,
                villkor=self.villkor,
                uppgifter=self.kontaktuppgifter(),
                person=self.personuppgifter(),
            ),
        )
        return data

    def kontaktuppgifter(self) -> services.Kontaktuppgifter:
        d = self.cleaned_data
        return services.Kontaktuppgifter(
            datum=d["datum"],
            kanal=d["kanal"],
            alder=d.get("alder"),
            barnets_alder=d.get("barnets_alder"),
            kon=d["kon"],
            svar=[d.get(f"villkor_{nr}") or None for nr in range(1, len(self.villkor) + 1)],
            informerad=d.get("informerad", False),
            utfall=d["utfall"],
            samtycke=d.get("samtycke", ""),
            unga_vill=d.get("unga_vill", False),
        )

    def personuppgifter(self) -> services.Personuppgifter | None:
        d = self.cleaned_data
        if not d.get("personnummer"):
            return None
        return services.Personuppgifter(
            personnummer=d["personnummer"],
            fornamn=d["fornamn"].strip(),
            efternamn=d["efternamn"].strip(),
            skyddad_identitet=d.get("skyddad_identitet", False),
        )

    def startuppgifter(self) -> services.Startuppgifter:
        d = self.cleaned_data
        return services.Startuppgifter(
            maende_start=d.get("maende_start"),
            boende_start=d.get("boende_start", ""),
            sysselsattning_start=d.get("sysselsattning_start", ""),
        )


class SamtalForm(Indatakontroll, forms.Form):
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
        if not self.identifierad:
            for falt in ("problem_text", "avbrott_text"):
                lagg_till_fel(self, sol_14_kap_4_5_fritext(data.get(falt, ""), falt=falt))
        if data.get("avbrott") and not data.get("avbrottsorsak"):
            self.add_error("avbrottsorsak", "Ange orsaken till avbrottet.")
        return data


class JournalForm(Indatakontroll, forms.Form):
    text = forms.CharField(
        label="Ny anteckning", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    rattar = forms.ModelChoiceField(
        queryset=Journalanteckning.objects.none(),
        required=False,
        label="Rättar anteckning",
        empty_label="Ingen – ny uppgift",
    )

    def __init__(self, *args: Any, deltagande: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rattar"].queryset = deltagande.anteckningar.all()


class OmgangForm(Indatakontroll, forms.ModelForm):  # type: ignore[type-arg]
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
        super().__init__(*args, **kwargs)
        self.fields["insats"].queryset = insatser
        self.fields["antal_traffar"].validators.append(_minst_ett)
        self.fields["max_deltagare"].validators.append(_minst_ett)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A round's name is shown on every list and in the follow-up: never a person's.
        lagg_till_fel(self, sol_14_kap_4_5_fritext(data.get("benamning") or "", falt="benamning"))
        mn, mx = data.get("min_deltagare"), data.get("max_deltagare")
        if mn is not None and mx is not None and mn > mx:
            self.add_error("max_deltagare", "Högsta antal kan inte vara lägre än minsta antal.")
        return data


def _minst_ett(varde: int | None) -> None:
    if varde is not None and varde < 1:
        raise ValidationError("Ange minst 1.", code="min_value")


class TraffForm(Indatakontroll, forms.Form):
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


class OppningForm(Indatakontroll, forms.Form):
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
