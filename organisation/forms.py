from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class InloggningsForm(AuthenticationForm):
    """Django's login form, with the username's length checked before anything is tried:
    Django only sets maxlength on the widget, and the lockout (django-axes) would otherwise
    try to store a 300-character name."""

    def clean_username(self) -> Any:
        namn = self.cleaned_data.get("username") or ""
        if len(namn) > 150 or "\x00" in namn:
            raise forms.ValidationError("Användarnamnet är för långt eller ogiltigt.")
        return namn
