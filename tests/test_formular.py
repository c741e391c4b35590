"""grund/formular.py: the project's copies of Django's input, select, label and error-list
templates give the same HTML as Django's own, for every kind of field and state."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import Jinja2

from dokumentation.kontakter.forms import KontaktForm
from grund.etiketter import Falt
from grund.formular import Formularrenderare, FrystaVal
from organisation.indata import Indatakontroll
from tests.factories import InsatsFactory, VillkorFactory


class AllaSlag(forms.Form):
    text = forms.CharField(label="Text", max_length=5, help_text="Hjälp <b>här</b>")
    tal = forms.IntegerField(label="Tal", min_value=0, required=False)
    datum = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    epost = forms.EmailField(required=False)
    losen = forms.CharField(widget=forms.PasswordInput, required=False)
    dold = forms.CharField(widget=forms.HiddenInput, required=False)
    kryss = forms.BooleanField(required=False)
    val = forms.ChoiceField(choices=[("", "Inget"), ("a", "A & a"), ("b", "B")])
    grupper = forms.ChoiceField(
        choices=[("Första", [("1", "Ett"), ("2", "Två")]), ("3", "Tre")], required=False
    )
    flera = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], required=False)
    kryssflera = forms.MultipleChoiceField(
        choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple, required=False
    )
    radio = forms.ChoiceField(choices=[("j", "Ja"), ("n", "Nej")], widget=forms.RadioSelect)
    lang = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    fil = forms.FileField(required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {
            "text": "för lång <text>",
            "tal": "-1",
            "datum": "2026-13-01",
            "val": "b",
            "grupper": "2",
            "flera": ["x", "y"],
            "kryssflera": ["y"],
            "radio": "n",
            "kryss": "on",
            "lang": '"citat"',
            "dold": "<x>",
        },
    ],
    ids=["obunden", "tom", "med fel"],
)
def test_the_same_html_as_djangos_own_templates(data):
    egen = AllaSlag(data, renderer=Formularrenderare())
    # The same labels on both sides: the templates are what is compared here.
    django = AllaSlag(data, renderer=Jinja2(), bound_field_class=Falt)
    assert egen.is_bound is (data is not None)
    for namn in egen.fields:
        assert egen[namn].as_field_group() == django[namn].as_field_group(), namn
        assert str(egen[namn]) == str(django[namn]), namn
    assert egen.render() == django.render()


@pytest.mark.django_db
def test_the_contact_form_is_the_same_html(utforare):
    insats = InsatsFactory(utforare=utforare, beslutad=True)
    VillkorFactory(insats=insats, ordning=1)
    for data in (None, {"datum": "i morgon", "alder": "-3"}):
        egen = KontaktForm(data, insats=insats, renderer=Formularrenderare())
        django = KontaktForm(data, insats=insats, renderer=Jinja2(), bound_field_class=Falt)
        for namn in egen.fields:
            if namn == "nyckel" or egen[namn].field.template_name:
                continue  # a random key each time; RADIOGRUPP is the project's own markup
            assert egen[namn].as_field_group() == django[namn].as_field_group(), namn


def test_a_widget_template_that_only_includes_another_is_rendered_as_that_one():
    renderare = Formularrenderare()
    assert renderare.genvagar["django/forms/widgets/text.html"] == "django/forms/widgets/input.html"
    assert renderare.genvagar["django/forms/widgets/radio.html"] == (
        "django/forms/widgets/multiple_input.html"
    )
    # Templates with markup of their own, and the project's own copies, are rendered as they are.
    assert "django/forms/widgets/select.html" not in renderare.genvagar
    assert "django/forms/widgets/input.html" not in renderare.genvagar
    assert "django/forms/field.html" not in renderare.genvagar


class MedVal(Indatakontroll, forms.Form):
    val = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])


def test_frozen_choices_are_shared_by_the_forms_and_a_form_can_still_set_its_own():
    forsta, andra = MedVal(), MedVal()
    assert isinstance(forsta.fields["val"].choices, FrystaVal)
    assert forsta.fields["val"].choices is andra.fields["val"].choices
    assert list(forsta.fields["val"].choices) == [("a", "A"), ("b", "B")]
    forsta.fields["val"].choices = [("c", "C")]
    assert list(forsta.fields["val"].widget.choices) == [("c", "C")]
    assert list(andra.fields["val"].choices) == [("a", "A"), ("b", "B")]
    assert list(MedVal().fields["val"].widget.choices) == [("a", "A"), ("b", "B")]
    assert MedVal({"val": "b"}).is_valid()
    assert not MedVal({"val": "c"}).is_valid()


class AllaSlagKontrollerade(Indatakontroll, AllaSlag):
    """Every kind of field, copied per form by grund.formular.Basfalt."""


def test_each_form_gets_its_own_copy_of_every_field_as_djangos_deepcopy_gives():
    """Basfalt copies a form's fields as Field/Widget.__deepcopy__ would: its own field,
    widget, attrs, messages and validators, the frozen choices shared; a field or widget of
    another kind (a FileField's, a MultipleChoiceField's) deep-copied by Django itself."""
    import copy

    forsta, andra = AllaSlagKontrollerade(), AllaSlagKontrollerade()
    django_kopia = copy.deepcopy(dict(AllaSlag.base_fields))
    for namn, falt in forsta.fields.items():
        annat = andra.fields[namn]
        assert falt is not annat and falt.widget is not annat.widget
        assert falt.widget.attrs is not annat.widget.attrs
        assert falt.error_messages is not annat.error_messages
        assert falt.validators is not annat.validators
        assert type(falt) is type(django_kopia[namn])
        assert type(falt.widget) is type(django_kopia[namn].widget)
        assert vars(falt).keys() == vars(django_kopia[namn]).keys()
    forsta.fields["text"].widget.attrs["aria-invalid"] = "true"
    forsta.fields["tal"].validators.append(lambda v: None)
    forsta.fields["val"].error_messages["required"] = "Ändrat"
    ny = AllaSlagKontrollerade()
    assert "aria-invalid" not in ny.fields["text"].widget.attrs
    assert len(ny.fields["tal"].validators) == len(andra.fields["tal"].validators)
    assert ny.fields["val"].error_messages["required"] != "Ändrat"
    data = {"text": "för lång", "tal": "-1", "val": "b", "radio": "j", "datum": "2026-01-02"}
    med_djangos = AllaSlagKontrollerade(data)
    med_djangos.fields = copy.deepcopy(dict(AllaSlagKontrollerade.base_fields))
    assert str(AllaSlagKontrollerade(data)) == str(med_djangos)
    assert AllaSlagKontrollerade(data).errors == med_djangos.errors


def test_a_checkbox_label_has_no_colon_and_a_text_field_label_has_one():
    form = AllaSlag()
    assert form["kryss"].label_tag() == '<label for="id_kryss">Kryss</label>'
    assert "Kryss</label>" in form["kryss"].as_field_group()
    assert form["text"].label_tag() == '<label for="id_text">Text:</label>'
    # A group of checkboxes is a question and keeps its colon, as a page may still ask for one.
    assert "Kryssflera:</legend>" in form["kryssflera"].as_field_group()
    assert form["kryss"].label_tag(label_suffix="?").endswith("Kryss?</label>")


@pytest.mark.django_db
def test_the_contact_forms_confirmation_has_no_colon(utforare):
    insats = InsatsFactory(utforare=utforare, beslutad=True)
    etikett = str(KontaktForm(None, insats=insats)["informerad"].label_tag())
    assert not etikett.removesuffix("</label>").endswith(":"), etikett
