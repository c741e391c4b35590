from typing import Any

from django import forms

from grund.formular import RADIOGRUPP
from organisation.indata import Indatakontroll
from uppfoljning.models import Arsuppfoljning


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for namn in ("bedomning", "forslag"):
            self.fields[namn].choices = self.fields[namn].choices[1:]
            self.fields[namn].template_name = RADIOGRUPP
        self.fields["version"].initial = self.instance.version
