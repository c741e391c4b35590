"""How form fields and widgets are rendered: with Jinja2 from Django's own widget templates,
which is the same HTML at a fraction of the cost of the Django template engine (a contact form
has some sixty radio buttons and options, each one template). The project's jinja2/ folder adds
the radio-group field template and copies of the few widget templates every field uses, with
their small includes written out (held equal to Django's by tests/test_formular.py). Widgets
that only have Django templates, such as the admin's, are rendered by the Django template engine
as usual."""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import django.forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates, Jinja2
from django.http import QueryDict
from django.template.backends.base import BaseEngine
from django.template.exceptions import TemplateDoesNotExist
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import cached_property

from grund.etiketter import Falt

# A group of radio buttons: a fieldset with the label as its legend, help, errors and one
# line per choice. A field opts in with `template_name=RADIOGRUPP`, and the page writes
# `{{ form.falt.as_field_group }}`.
RADIOGRUPP = "falt/radiogrupp.html"
DJANGOS_MALLAR = Path(django.forms.__file__).parent / "jinja2"
BARA_INCLUDE = re.compile(r"""\{% include (["'])([^"']+)\1 %\}""")


class Formularrenderare(Jinja2):
    """FORM_RENDERER: Jinja2 where Django ships a Jinja2 template, else Django templates."""

    reserv = DjangoTemplates()
    # Every form's BoundField: a checkbox's label without the ":" (grund/etiketter.py).
    bound_field_class = Falt

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
                    DJANGOS_MALLAR,
                ],
                "NAME": "formular",
                "OPTIONS": {},
            }
        )

    @cached_property
    def genvagar(self) -> dict[str, str]:
        """Django's widget templates that are nothing but one include of another (text,
        number, date, radio …), unless the project has its own: each is rendered as the one it
        includes, one template instead of two for every field."""
        egna = settings.BASE_DIR / "jinja2"
        vagar = {}
        for fil in DJANGOS_MALLAR.rglob("*.html"):
            namn = fil.relative_to(DJANGOS_MALLAR).as_posix()
            bara = BARA_INCLUDE.fullmatch(fil.read_text(encoding="utf-8").strip())
            if bara and not (egna / namn).exists():
                vagar[namn] = bara[2]
        return vagar

    def get_template(self, template_name: str) -> Any:
        while template_name in self.genvagar:
            template_name = self.genvagar[template_name]
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.reserv.get_template(template_name)


class FrystaVal(BaseChoiceIterator):
    """A choice field's choices that no form changes in place: shared by every copy of the
    field instead of deep-copied for each form (Django copies a form's fields per instance,
    and a contact form has some forty choices). A form that wants other choices assigns new
    ones, as always."""

    def __init__(self, val: Iterable[Any]) -> None:
        self.val = tuple(val)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.val)

    def __len__(self) -> int:
        return len(self.val)

    def __copy__(self) -> FrystaVal:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrystaVal:
        return self


def _ytlig(obj: Any) -> Any:
    """copy.copy for a plain object with a __dict__ (a field, a widget), without the pickle
    protocol copy.copy goes through."""
    kopia = object.__new__(type(obj))
    kopia.__dict__.update(obj.__dict__)
    return kopia


_FALTETS_KOPIA = (
    vars(django.forms.Field)["__deepcopy__"],
    vars(django.forms.ChoiceField)["__deepcopy__"],
)
_WIDGETENS_KOPIA = (
    django.forms.Widget.__deepcopy__,
    django.forms.widgets.ChoiceWidget.__deepcopy__,
)


def _faltets_kopia(falt: django.forms.Field) -> django.forms.Field:
    """What Field.__deepcopy__ (and ChoiceField's, Widget's, ChoiceWidget's) make of `falt`,
    made directly; any other kind of field or widget is deep-copied as Django does."""
    widget = falt.widget
    if (
        type(falt).__deepcopy__ not in _FALTETS_KOPIA  # type: ignore[attr-defined]
        or type(widget).__deepcopy__ not in _WIDGETENS_KOPIA
    ):
        return copy.deepcopy(falt)
    kopia: Any = _ytlig(falt)
    kopia.widget = _ytlig(widget)
    kopia.widget.attrs = widget.attrs.copy()
    # Frozen choices are shared as they are: what copying and normalising them gives back
    # (FrystaVal's __copy__ and __deepcopy__ return it, normalize_choices passes it through).
    if isinstance(widget, django.forms.widgets.ChoiceWidget) and not isinstance(
        widget.choices, FrystaVal
    ):
        kopia.widget.choices = copy.copy(widget.choices)
    kopia.error_messages = falt.error_messages.copy()
    kopia.validators = falt.validators[:]
    if isinstance(falt, django.forms.ChoiceField) and not isinstance(falt._choices, FrystaVal):  # type: ignore[attr-defined]
        kopia._choices = copy.deepcopy(falt._choices)  # type: ignore[attr-defined]
    return kopia  # type: ignore[no-any-return]


class Basfalt(dict[str, django.forms.Field]):
    """A form class's base_fields that each form copies field by field as Django would, but
    without copy.deepcopy's generic machinery: that was half of building a contact form
    (bench/RESULTS.md, fifteenth session). Set by organisation.indata.Indatakontroll."""

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, django.forms.Field]:
        return {namn: _faltets_kopia(falt) for namn, falt in self.items()}


def frys_val(falt: Iterable[django.forms.Field]) -> None:
    """Freeze the choices of the choice fields among `falt` (a form class's base_fields)."""
    for f in falt:
        if isinstance(f, django.forms.ChoiceField) and isinstance(f.choices, list | tuple):
            f.choices = FrystaVal(f.choices)


# The code of the violation "this one-time key was used by another form or person": a form
# that gets it is given a fresh key (ny_nyckel), so that sending it again saves it anew.
NYCKEL_ANVAND = "nyckel_anvand"


def ny_nyckel(form: django.forms.BaseForm) -> None:
    """Give a bound form a fresh one-time key (its hidden field `nyckel`) for the next send."""
    if form.is_bound and "nyckel" in form.fields:
        data = QueryDict(mutable=True)  # the form's data as sent, every value of every field
        data.update(form.data)
        data[form.add_prefix("nyckel")] = str(uuid.uuid4())
        form.data = data
