"""The journal note form."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms

from dokumentation.journal.models import Journalanteckning
from organisation.indata import Indatakontroll


class JournalForm(Indatakontroll, forms.Form):
    nyckel = forms.UUIDField(widget=forms.HiddenInput)
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
        kwargs.setdefault("initial", {}).update({"nyckel": uuid.uuid4()})
        super().__init__(*args, **kwargs)
        self.fields["rattar"].queryset = deltagande.anteckningar.all()
