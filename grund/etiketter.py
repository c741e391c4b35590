"""How a field's label is written: Django ends every label with the form's label suffix
(":"), which belongs to a label in front of something to fill in, not to a checkbox, whose
label is the statement the box says yes to ("Personen har fått informationen")."""

from __future__ import annotations

from typing import Any

from django.forms import BoundField
from django.utils.safestring import SafeString


class Falt(BoundField):
    """BoundField for every form (Formularrenderare.bound_field_class): a checkbox's label
    has no suffix, wherever the page renders it (as_field_group or label_tag by hand)."""

    def label_tag(
        self,
        contents: str | None = None,
        attrs: dict[str, Any] | None = None,
        label_suffix: str | None = None,
        tag: str | None = None,
    ) -> SafeString:
        if label_suffix is None and self.widget_type == "checkbox":
            label_suffix = ""
        return super().label_tag(contents, attrs, label_suffix, tag)
