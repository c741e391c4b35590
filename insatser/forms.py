"""Forms for the nämndsekreterare. They run the same rule functions as the services, so the
secretary sees each problem next to its field before anything is saved."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from grund.formular import NYCKEL_ANVAND, ny_nyckel
from insatser.katalogkontroll import for_stor_katalogfil
from insatser.models import (
    KATALOGENS_FALT,
    SAKUPPGIFTER,
    Beslut,
    Dokumentationsregel,
    Insats,
    Katalog,
    Villkor,
)
from insatser.regler import (
    Overtradelse,
    giltighetstid_fel,
    gruppstorlek_fel,
    sol_11_kap_5_beslutsdatum,
    sol_11_kap_5_villkor,
)
from organisation.indata import Indatakontroll
from organisation.models import Utforare


class RaderField(forms.CharField):
    """A list of texts edited as one line each."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [rad.strip() for rad in text.splitlines() if rad.strip()]

    def run_validators(self, value: Any) -> None:
        # Each line is a text: the validators (NUL, length, direction controls) read each one.
        for rad in value or []:
            super().run_validators(rad)


def lagg_till_fel(form: forms.BaseForm, overtradelser: list[Overtradelse]) -> None:
    """Show each violation next to its field, or at the top of the form. A form whose key was
    used by another form or person gets a fresh one: sent again, it saves."""
    for o in overtradelser:
        falt = o.falt if o.falt in form.fields else None
        form.add_error(falt, ValidationError(o.meddelande, code=o.kod))
        if o.kod == NYCKEL_ANVAND:
            ny_nyckel(form)


class InsatsForm(Indatakontroll, forms.ModelForm):  # type: ignore[type-arg]
    villkor_text = RaderField(
        label="Villkor som de står i beslutet",
        required=False,
        help_text="Ett villkor per rad, med nämndens formulering.",
    )
    sprak = RaderField(label="Språk", required=False, help_text="Ett språk per rad.")
    delar = RaderField(
        label="Programmets delar",
        required=False,
        help_text="En del per rad, i ordning – till exempel träffarnas teman.",
    )

    class Meta:
        model = Insats
        fields = [*SAKUPPGIFTER, "giltig_fran", "giltig_till", "anmarkning"]
        widgets = {
            "innehall": forms.Textarea(attrs={"rows": 4}),
            "malgrupp": forms.Textarea(attrs={"rows": 2}),
            "omfattning": forms.Textarea(attrs={"rows": 2}),
            "dokumentation_motivering": forms.Textarea(attrs={"rows": 3}),
            "uppfoljning": forms.Textarea(attrs={"rows": 2}),
            "plats": forms.Textarea(attrs={"rows": 2}),
            "tider": forms.Textarea(attrs={"rows": 2}),
            "avgift": forms.Textarea(attrs={"rows": 1}),
            "kontakt_text": forms.Textarea(attrs={"rows": 2}),
            "anmarkning": forms.Textarea(attrs={"rows": 2}),
            "giltig_fran": forms.DateInput(attrs={"type": "date"}),
            "giltig_till": forms.DateInput(attrs={"type": "date"}),
            "utan_samtycke_fran_15": forms.NullBooleanSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["utforare"].queryset = Utforare.objects.order_by("namn")
        # Every insats is classified: the 11 kap. 5 § exclusions are read from its kind.
        self.fields["slag"].required = True
        self.fields["slag"].choices = [("", "Välj slags insats"), *Insats.Slag.choices]
        self.fields["utan_samtycke_fran_15"].widget.choices = [
            ("unknown", "Som nämndens beslut för hela katalogen"),
            ("true", "Ja – får ges från 15 år utan samtycke (undantag)"),
            ("false", "Nej – samtycke krävs till 18 år (undantag)"),
        ]
        for namn in (
            "max_tillfallen",
            "max_varaktighet_manader",
            "gruppstorlek_min",
            "gruppstorlek_max",
        ):
            self.fields[namn].widget.attrs.update({"min": 1, "inputmode": "numeric"})
            self.fields[namn].min_value = 1
            self.fields[namn].validators.append(_minst_ett)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lagg_till_fel(
            self,
            gruppstorlek_fel(
                minst=data.get("gruppstorlek_min"), hogst=data.get("gruppstorlek_max")
            ),
        )
        lagg_till_fel(
            self,
            giltighetstid_fel(
                giltig_fran=data.get("giltig_fran"), giltig_till=data.get("giltig_till")
            ),
        )
        return data


def _minst_ett(varde: int | None) -> None:
    if varde is not None and varde < 1:
        raise ValidationError("Ange minst 1.", code="min_value")


class VillkorForm(Indatakontroll, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Villkor
        fields = list(Villkor.PARAMETRAR)
        widgets = {"text": forms.TextInput}


class BaseVillkorFormSet(forms.BaseInlineFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        formular = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        villkor = [f.instance for f in formular]
        for o in sol_11_kap_5_villkor(villkor):
            lagg_till_fel(formular[(o.nr or 1) - 1], [o])

    def villkor(self) -> list[Villkor]:
        """The villkor as the secretary left them, in order, not yet saved."""
        return [
            f.instance for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


VillkorFormSet = forms.inlineformset_factory(
    Insats,
    Villkor,
    form=VillkorForm,
    formset=BaseVillkorFormSet,
    extra=2,
    can_delete=True,
    # A tampered form count (99999999999999999999) builds no more than this many forms.
    max_num=30,
    absolute_max=30,
    validate_max=True,
)


class BeslutValField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Beslut) -> str:
        return str(obj)


class AndringsbeslutForm(Indatakontroll, forms.Form):
    """What a change to a decided insats stands on: a new recorded decision of the nämnd,
    which applies from its effective date, or a correction (rättelse) of the decision the
    insats stands under, which applies from that decision's date and is no new decision."""

    NYTT_BESLUT, RATTELSE = "beslut", "rattelse"

    andring = forms.ChoiceField(
        label="Vad är ändringen?",
        choices=[
            (NYTT_BESLUT, "Ett nytt beslut av nämnden – gäller från beslutets datum"),
            (RATTELSE, "En rättelse av det gällande beslutet (till exempel ett skrivfel)"),
        ],
        initial=NYTT_BESLUT,
        widget=forms.RadioSelect,
        required=False,
    )
    beslut = BeslutValField(
        queryset=Beslut.objects.none(),
        label="Nämndbeslut",
        help_text="Vid ett nytt beslut: ändringen registreras under detta beslut och gäller "
        "från den dag beslutet börjar gälla.",
        required=False,
    )
    rattelse = forms.CharField(
        label="Vad rättas och varför",
        max_length=200,
        required=False,
        help_text="Till exempel ”Stavfel i målgruppen”. Rättelsen gäller från det gällande "
        "beslutets datum och visas inte som ett nytt beslut.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, katalog: Katalog, kravs: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An unknown decision (a file without beslutsdatum) is no ground for a change.
        self.fields["beslut"].queryset = katalog.beslut.filter(okant=False)
        self.kravs = kravs
        if not kravs:  # a draft has no decision to correct
            del self.fields["andring"]
            del self.fields["rattelse"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.kravs:
            return data
        if data.get("andring") == self.RATTELSE:
            data["beslut"] = None
            if not (data.get("rattelse") or "").strip() and "rattelse" not in self.errors:
                self.add_error("rattelse", "Skriv kort vad som rättas och varför.")
        else:
            data["rattelse"] = ""
            if not data.get("beslut") and "beslut" not in self.errors:
                self.add_error(
                    "beslut",
                    ValidationError(
                        "Välj nämndens beslut, eller spara ändringen som en rättelse.",
                        code="beslut_kravs",
                    ),
                )
        return data


class BeslutForm(Indatakontroll, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Beslut
        fields = ["organ", "datum", "galler_fran", "paragraf", "diarienummer", "rubrik"]
        widgets = {
            "datum": forms.DateInput(attrs={"type": "date"}),
            "galler_fran": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["galler_fran"].required = False

    def clean_datum(self) -> datetime.date:
        datum: datetime.date = self.cleaned_data["datum"]
        for o in sol_11_kap_5_beslutsdatum(datum=datum, idag=datetime.date.today()):
            raise ValidationError(o.meddelande, code="framtid")
        return datum

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        datum, fran = data.get("datum"), data.get("galler_fran")
        if datum and not fran:
            data["galler_fran"] = datum
        elif datum and fran and fran < datum:
            self.add_error(
                "galler_fran", "Ett beslut kan inte gälla från en dag före beslutsdatum."
            )
        # A later day is fine: what the decision changes waits for it (BeslutadAndring).
        return data


class BeslutaForm(Indatakontroll, forms.Form):
    """Decide drafts under a recorded decision."""

    insatser = forms.ModelMultipleChoiceField(
        queryset=Insats.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Utkast att besluta",
    )

    def __init__(self, *args: Any, beslut: Beslut, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Nothing is decided under an unknown decision: record the nämnd's first.
        self.fields["insatser"].queryset = (
            Insats.objects.none()
            if beslut.okant
            else beslut.katalog.insatser.filter(status=Insats.Status.UTKAST)
        )


class UpphorForm(Indatakontroll, forms.Form):
    beslut = BeslutValField(queryset=Beslut.objects.none(), label="Nämndbeslut")
    sista_dag = forms.DateField(
        label="Sista dag insatsen gäller", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, katalog: Katalog, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["beslut"].queryset = katalog.beslut.filter(okant=False)


class AterkallaForm(Indatakontroll, forms.Form):
    orsak = forms.CharField(
        label="Varför återkallas ändringen?",
        max_length=300,
        help_text="Till exempel ”Fel insats vald” eller ”Beslutet gällde en annan insats”. "
        "Skälet sparas i historiken.",
        error_messages={"required": "Skriv kort varför ändringen återkallas."},
    )


class FilterForm(Indatakontroll, forms.Form):
    """Filters of the secretary's list. Unknown values are ignored, never an error page."""

    omrade = forms.ChoiceField(label="Område", required=False)
    regel = forms.ChoiceField(
        label="Dokumentationsregel",
        required=False,
        choices=[("", "Alla"), *Dokumentationsregel.choices],
    )
    utforare = forms.ModelChoiceField(
        label="Utförare", required=False, queryset=Utforare.objects.all(), empty_label="Alla"
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Alla utom upphörda"), *Insats.Status.choices]
    )

    def __init__(self, *args: Any, omraden: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["omrade"].choices = [("", "Alla"), *((o, o) for o in omraden)]


class KatalogForm(Indatakontroll, forms.ModelForm):  # type: ignore[type-arg]
    allmanna_villkor = RaderField(
        label="Allmänna villkor",
        required=False,
        help_text="Gäller alla insatser. Ett stycke per rad.",
    )
    beslut = BeslutValField(
        queryset=Beslut.objects.none(),
        required=False,
        label="Nämndbeslut",
        help_text="Beslutet som ändrar katalogens uppgifter, till exempel om unga från 15 år. "
        "Gäller det från en senare dag gäller uppgifterna som i dag fram till den dagen. Tomt: "
        "en rättelse av uppgifterna eller en uppgift som inte är beslutad av nämnden.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["beslut"].queryset = self.instance.beslut.filter(okant=False)

    class Meta:
        model = Katalog
        fields = list(KATALOGENS_FALT)
        widgets = {
            "beslutsdatum": forms.DateInput(attrs={"type": "date"}),
            "galler_fran": forms.DateInput(attrs={"type": "date"}),
        }


class ImportForm(Indatakontroll, forms.Form):
    fil = forms.FileField(
        label="Katalogfil (JSON)", help_text="En hel katalog i utbytesformatet katalog.schema.json."
    )

    def clean_fil(self) -> Any:
        fil = self.cleaned_data["fil"]
        # Refused before it is read; the import refuses it too, whichever way it comes.
        if for_stor := for_stor_katalogfil(fil.size):
            raise forms.ValidationError(for_stor)
        return fil


class DatumForm(Indatakontroll, forms.Form):
    datum = forms.DateField(label="Datum", widget=forms.DateInput(attrs={"type": "date"}))
