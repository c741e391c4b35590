"""How form fields and widgets are rendered: with Jinja2 from Django's own widget templates,
which is the same HTML at a fraction of the cost of the Django template engine (a contact form
has some sixty radio buttons and options, each one template). Widgets that only have Django
templates, such as the admin's, are rendered by the Django template engine as usual."""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates, Jinja2
from django.template.exceptions import TemplateDoesNotExist


class Formularrenderare(Jinja2):
    """FORM_RENDERER: Jinja2 where Django ships a Jinja2 template, else Django templates."""

    reserv = DjangoTemplates()

    def get_template(self, template_name: str) -> Any:
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.reserv.get_template(template_name)
