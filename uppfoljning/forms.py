import re
from typing import Any

from django import forms

from grund.formular import RADIOGRUPP
from organisation.indata import Indatakontroll
from uppfoljning.models import Arsuppfoljning, Namndrapport, Riktlinjeuppfoljning


class ArsuppfoljningForm(Indatakontroll, forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Arsuppfoljning
        fields = [
            "analys",
            "sammanfattning",
            "slutsats",
            "bedomning",
            "forslag",
            "forslag_text",
            "kostnad",
        ]
        widgets = {
            "analys": forms.Textarea(attrs={"rows": 5}),
            "sammanfattning": forms.Textarea(attrs={"rows": 3}),
            "slutsats": forms.Textarea(attrs={"rows": 3}),
            "forslag_text": forms.Textarea(attrs={"rows": 2}),
            "bedomning": forms.RadioSelect,
            "forslag": forms.RadioSelect,
        }
        error_messages = {"kostnad": {"min_value": "Kostnaden kan inte vara negativ."}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for namn in ("bedomning", "forslag"):
            self.fields[namn].choices = self.fields[namn].choices[1:]
            self.fields[namn].template_name = RADIOGRUPP
        self.fields["version"].initial = self.instance.version


DIARIENUMMER = re.compile(r"[0-9A-Za-zÅÄÖåäöÉé .:/-]*")


class NamndrapportForm(Indatakontroll, forms.ModelForm):  # type: ignore[type-arg]
    """The cover of the board paper, its summary in words and the population of the report's
    years (for cost per inhabitant)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Namndrapport
        fields = ["namnd", "diarienummer", "datum", "ansvarig", "ansvarig_titel", "sammanfattning"]
        widgets = {
            "datum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "sammanfattning": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, folkmangd: dict[int, int | None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.ar_folkmangd = sorted(folkmangd)
        for ar in self.ar_folkmangd:
            self.fields[f"folkmangd_{ar}"] = forms.IntegerField(
                label=f"Folkmängd 31 december {ar}",
                required=False,
                min_value=1,
                max_value=10_000_000,
                initial=folkmangd[ar],
                help_text="Enligt SCB. Ger kostnad per invånare.",
            )

    def clean_diarienummer(self) -> str:
        # Printed in the PDF's running head too: letters, digits and the usual separators.
        varde = str(self.cleaned_data.get("diarienummer") or "").strip()
        if not DIARIENUMMER.fullmatch(varde):
            raise forms.ValidationError(
                "Skriv diarienumret med bokstäver, siffror, mellanslag och . / : - (t.ex. "
                "SN 2027/14).",
                code="diarienummer",
            )
        return varde

    def folkmangd_falt(self) -> list[forms.BoundField]:
        return [self[f"folkmangd_{ar}"] for ar in self.ar_folkmangd]


class RiktlinjeuppfoljningForm(Indatakontroll, forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Riktlinjeuppfoljning
        fields = ["anvandning", "rattigheter", "dokumentation", "risker", "forslag"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in fields}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
