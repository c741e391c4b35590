"""How form fields and widgets are rendered: with Jinja2 from Django's own widget templates,
which is the same HTML at a fraction of the cost of the Django template engine (a contact form
has some sixty radio buttons and options, each one template). The project's jinja2/ folder adds
the radio-group field template and copies of the few widget templates every field uses, with
their small includes written out (held equal to Django's by tests/test_formular.py). Widgets
that only have Django templates, such as the admin's, are rendered by the Django template engine
as usual."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import django.forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates, Jinja2
from django.template.backends.base import BaseEngine
from django.template.exceptions import TemplateDoesNotExist
from django.utils.functional import cached_property

# A group of radio buttons: a fieldset with the label as its legend, help, errors and one
# line per choice. A field opts in with `template_name=RADIOGRUPP`, and the page writes
# `{{ form.falt.as_field_group }}`.
RADIOGRUPP = "falt/radiogrupp.html"


class Formularrenderare(Jinja2):
    """FORM_RENDERER: Jinja2 where Django ships a Jinja2 template, else Django templates."""

    reserv = DjangoTemplates()

    @cached_property
    def engine(self) -> BaseEngine:
        # The project's templates in jinja2/ first: RADIOGRUPP, and the few of Django's own that
        # every field renders (input, select, label, error list), the same markup with their
        # small includes written out; tests/test_formular.py holds them equal to Django's.
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    settings.BASE_DIR / "jinja2",
                    Path(django.forms.__file__).parent / "jinja2",
                ],
                "NAME": "formular",
                "OPTIONS": {},
            }
        )

    def get_template(self, template_name: str) -> Any:
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.reserv.get_template(template_name)
