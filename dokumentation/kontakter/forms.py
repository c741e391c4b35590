"""The contact form: who turned to the utförare, the villkor answers, the outcome, and what the
insats's documentation rule asks for at start."""

from __future__ import annotations

import copy
import functools
import uuid
from typing import Any

from django import forms

from dokumentation.falt import (
    MAX_ALDER,
    DatumField,
    Efterregistreras,
    normaliserat_personnummer,
    radio,
)
from dokumentation.kontakter.services import (
    Kontaktuppgifter,
    Personuppgifter,
    Startuppgifter,
    fodd_av,
    kontaktens_regelbrott,
)
from dokumentation.regler import (
    SPARAS_VID_UTFALL,
    alder_motsager,
    alder_pa_dag,
    inget_tappas_vid_utfallet,
    sol_11_kap_5_summarisk_kontroll,
    sol_11_kap_6_information,
    sol_14_kap_3_identifieras,
    sol_21_kap_2_fragor,
)
from dokumentation.tillfallen.models import Omgang
from dokumentation.val import (
    Boende,
    Kanal,
    Kon,
    Maende,
    Samtycke,
    Svar,
    Sysselsattning,
    Utfall,
)
from grund.formular import Basfalt, frys_val
from grund.tid import idag
from insatser.forms import lagg_till_fel
from insatser.models import Insats, Villkor
from organisation.indata import Indatakontroll, kontrollera


class KontaktForm(Indatakontroll, Efterregistreras, forms.Form):
    """Someone turns to the utförare: the summary check of the villkor, the duty to inform
    and the outcome, on one page generated from the catalogue."""

    nyckel = forms.UUIDField(widget=forms.HiddenInput)
    # What is missing, said next to the field in words of the contact (not Django's generic
    # "Detta fält måste fyllas i").
    datum = DatumField(
        label="Datum",
        error_messages={
            "required": "Ange kontaktens datum.",
            "invalid": "Ange kontaktens datum som år-månad-dag, till exempel 2026-03-12.",
        },
    )
    kanal = radio(
        Kanal.choices,
        label="Hur kontakten togs",
        initial=Kanal.PA_PLATS,
        error_messages={"required": "Välj hur kontakten togs."},
    )
    alder = forms.IntegerField(label="Ålder (år)", required=False, min_value=0, max_value=MAX_ALDER)
    fodelsear = forms.IntegerField(label="eller födelseår", required=False, min_value=1900)
    kon = radio(
        Kon.choices,
        label="Kön",
        error_messages={"required": "Välj kön, eller ”Vill inte uppge”."},
    )
    informerad = forms.BooleanField(
        label="Jag har informerat om rätten att ansöka om behovsprövade insatser", required=False
    )
    utfall = radio(
        Utfall.choices,
        label="Utfall",
        error_messages={"required": "Välj vad kontakten ledde till."},
    )
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
        self.insats = insats
        self.villkor = list(insats.villkor.all())
        self.identifieras = sol_14_kap_3_identifieras(
            dokumentationsregel=insats.dokumentationsregel,
            verksamhetssystem=insats.verksamhetssystem,
        )
        # 21 kap. 2 §: the questions about children only where someone under 18 can take part.
        self.fraga_samtycke, self.fraga_unga = sol_21_kap_2_fragor(
            self.villkor, unga_utan_samtycke=insats.unga_utan_samtycke
        )
        # The fields of this insats's form, built once per kind of form and copied for each
        # form as Django copies a form class's fields (bench/RESULTS.md, sixteenth session):
        # BaseForm copies `self.base_fields`, so this form's own stand in for its class's.
        self.base_fields = kontaktens_falt(  # type: ignore[misc]
            tuple(v.klartext() for v in self.villkor),
            barnets_alder=any(v.typ == Villkor.Typ.ALDER and v.galler_barnet for v in self.villkor),
            samtycke=self.fraga_samtycke,
            unga=self.fraga_unga,
            samtal=insats.form != Insats.Form.GRUPP and insats.form != Insats.Form.OPPEN_VERKSAMHET,
            identifieras=self.identifieras,
        )
        super().__init__(*args, **kwargs)
        # Each choice is labelled "insats – benämning": the insats comes with the round. Only
        # insatser given in groups have rounds.
        if insats.form in Insats.GRUPPFORMER:
            self._omgangsfalt(insats)

    def _omgangsfalt(self, insats: Insats) -> None:
        omgangar = Omgang.objects.filter(
            insats=insats, status__in=[Omgang.Status.PLANERAD, Omgang.Status.PAGAR]
        ).select_related("insats")
        if omgangar.exists():
            falt = forms.ModelChoiceField(
                queryset=omgangar,
                required=False,
                label="Omgång",
                empty_label="Ingen särskild omgång",
                help_text="Den omgång personen börjar i, eller står i kö till.",
            )
            # After the villkor, before the first talk and the person.
            rader = list(self.fields.items())
            plats = next(
                (i for i, (namn, _) in enumerate(rader) if namn in EFTER_OMGANGEN), len(rader)
            )
            self.fields = dict([*rader[:plats], ("omgang", falt), *rader[plats:]])

    def villkorsfalt(self) -> list[forms.BoundField]:
        return [self[f"villkor_{nr}"] for nr in range(1, len(self.villkor) + 1)]

    def clean_personnummer(self) -> str:
        varde = self.cleaned_data.get("personnummer", "")
        return normaliserat_personnummer(varde) if varde else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dag = data.get("datum") or idag()
        if data.get("fodelsear") and data["fodelsear"] > dag.year:
            self.add_error("fodelsear", "Födelseåret ligger i framtiden.")
        elif data.get("alder") is not None and data.get("fodelsear"):
            lagg_till_fel(
                self, alder_motsager(dag=dag, alder=data["alder"], fodelsear=data["fodelsear"])
            )
        elif data.get("alder") is None and data.get("fodelsear"):
            data["alder"] = dag.year - data["fodelsear"]
        if data.get("alder") is None and data.get("personnummer"):
            fodd = fodd_av(data["personnummer"])
            if fodd is not None:  # the age the personnummer gives, when none was typed
                data["alder"] = alder_pa_dag(fodd, dag)
        if self.errors:
            # The rules need every required answer, but what else is missing is said now
            # too, each at its field, so that nobody has to send the form once per gap.
            svar = [data.get(f"villkor_{nr}") or None for nr in range(1, len(self.villkor) + 1)]
            saknas = [
                o
                for o in sol_11_kap_5_summarisk_kontroll(
                    self.villkor, svar, alder=None, barnets_alder=None
                )
                if o.kod == "svar_saknas"
            ]
            lagg_till_fel(
                self, saknas + sol_11_kap_6_information(informerad=data.get("informerad", False))
            )
            return data
        lagg_till_fel(
            self,
            inget_tappas_vid_utfallet(
                utfall=data["utfall"],
                ifyllda=[
                    f
                    for f in SPARAS_VID_UTFALL
                    if f in self.fields and data.get(f) not in (None, "", False)
                ],
            ),
        )
        if (
            self.identifieras
            and data.get("personnummer")
            and not (data.get("fornamn") and data.get("efternamn"))
        ):
            self.add_error("fornamn", "Ange för- och efternamn.")
            return data
        lagg_till_fel(
            self,
            kontaktens_regelbrott(
                insats=self.insats,
                villkor=self.villkor,
                uppgifter=self.kontaktuppgifter(),
                person=self.personuppgifter(),
            ),
        )
        return data

    def kontaktuppgifter(self) -> Kontaktuppgifter:
        d = self.cleaned_data
        return Kontaktuppgifter(
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
            efterregistrering=d.get("efterregistrering", ""),
        )

    def personuppgifter(self) -> Personuppgifter | None:
        d = self.cleaned_data
        if not d.get("personnummer"):
            return None
        return Personuppgifter(
            personnummer=d["personnummer"],
            fornamn=d["fornamn"].strip(),
            efternamn=d["efternamn"].strip(),
            skyddad_identitet=d.get("skyddad_identitet", False),
        )

    def startuppgifter(self) -> Startuppgifter:
        d = self.cleaned_data
        return Startuppgifter(
            maende_start=d.get("maende_start"),
            boende_start=d.get("boende_start", ""),
            sysselsattning_start=d.get("sysselsattning_start", ""),
        )


# The fields a contact form puts after the round's, when it has one.
EFTER_OMGANGEN = frozenset({"samtal_minuter", "personnummer"})


@functools.lru_cache(maxsize=256)
def kontaktens_falt(
    villkor: tuple[str, ...],
    *,
    barnets_alder: bool,
    samtycke: bool,
    unga: bool,
    samtal: bool,
    identifieras: bool,
) -> Basfalt:
    """The fields of a contact form asking `villkor` (their texts) and what the insats's rules
    ask (the arguments), but the round's: made once per kind of form, never changed, copied by
    each form. Keyed on everything they are made of, so a catalogue changed is a new key."""
    falt: dict[str, forms.Field] = copy.deepcopy(KontaktForm.base_fields)
    if not samtycke:
        del falt["samtycke"]
    if not unga:
        del falt["unga_vill"]
    for nr, text in enumerate(villkor, start=1):
        falt[f"villkor_{nr}"] = radio(Svar.choices, label=text, required=False)
    if barnets_alder:
        falt["barnets_alder"] = forms.IntegerField(
            label="Barnets ålder (år)", required=False, min_value=0, max_value=25
        )
    if samtal:
        falt["samtal_minuter"] = forms.IntegerField(
            label="Samtalet hölls nu: längd i minuter",
            required=False,
            min_value=1,
            max_value=600,
            help_text="Fyll i om första samtalet hölls vid kontakten.",
        )
    if identifieras:
        # The browser keeps no list of the clients' numbers and names for the next form.
        falt["personnummer"] = forms.CharField(
            label="Personnummer eller samordningsnummer",
            required=False,
            max_length=13,
            help_text="ÅÅÅÅMMDD-NNNN",
            widget=forms.TextInput(attrs={"autocomplete": "off"}),
        )
        falt["fornamn"] = forms.CharField(
            label="Förnamn",
            required=False,
            max_length=100,
            widget=forms.TextInput(attrs={"autocomplete": "off"}),
        )
        falt["efternamn"] = forms.CharField(
            label="Efternamn",
            required=False,
            max_length=100,
            widget=forms.TextInput(attrs={"autocomplete": "off"}),
        )
        falt["skyddad_identitet"] = forms.BooleanField(label="Skyddad identitet", required=False)
    frys_val(falt.values())
    for f in falt.values():
        kontrollera(f)
    return Basfalt(falt)
