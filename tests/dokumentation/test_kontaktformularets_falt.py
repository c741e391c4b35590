"""The contact form's fields are made once per kind of form (kontaktens_falt) and copied for
each form: every form gets fields of its own, the form follows its insats's catalogue as it
stands, and the fields come in the order the form was always built in."""

from __future__ import annotations

import pytest

from dokumentation.kontakter.forms import KontaktForm, kontaktens_falt
from insatser.models import Insats
from tests.factories import InsatsFactory, VillkorFactory

pytestmark = pytest.mark.django_db


def _form(insats: Insats) -> KontaktForm:
    # As a view reads it: the insats with its villkor.
    return KontaktForm(None, insats=Insats.objects.prefetch_related("villkor").get(pk=insats.pk))


def test_each_form_has_fields_of_its_own(grupp):
    forsta, andra = _form(grupp), _form(grupp)
    for namn, falt in forsta.fields.items():
        annat = andra.fields[namn]
        assert falt is not annat and falt.widget is not annat.widget
        assert falt.widget.attrs is not annat.widget.attrs
        assert falt.validators is not annat.validators
    forsta.fields["villkor_1"].label = "Ändrad"
    forsta.fields["villkor_1"].widget.attrs["aria-invalid"] = "true"
    forsta.fields["datum"].validators.append(lambda v: None)
    ny = _form(grupp)
    assert ny.fields["villkor_1"].label != "Ändrad"
    assert "aria-invalid" not in ny.fields["villkor_1"].widget.attrs
    assert len(ny.fields["datum"].validators) == len(andra.fields["datum"].validators)


def test_the_form_follows_the_catalogue_as_it_stands(katalog, utforare):
    insats = InsatsFactory(katalog=katalog, utforare=utforare, beslutad=True)
    villkor = VillkorFactory(insats=insats, typ="alder", min_alder=18, kommun=None)
    assert _form(insats).fields["villkor_1"].label == "Du ska ha fyllt 18 år."
    villkor.min_alder = 20
    villkor.save()
    assert _form(insats).fields["villkor_1"].label == "Du ska ha fyllt 20 år."
    VillkorFactory(insats=insats, ordning=2)
    assert [n for n in _form(insats).fields if n.startswith("villkor_")] == [
        "villkor_1",
        "villkor_2",
    ]


def test_the_checks_of_every_field_are_there_before_the_form_is_cleaned(full_dokumentation):
    """Indatakontroll's checks come with the fields made once, as they did per form."""
    form = _form(full_dokumentation)
    kontrollerad = _form(full_dokumentation)
    kontrollerad.full_clean()
    for namn, falt in form.fields.items():
        assert [v.__name__ for v in falt.validators if hasattr(v, "__name__")] == [
            v.__name__ for v in kontrollerad.fields[namn].validators if hasattr(v, "__name__")
        ], namn


def test_a_round_comes_after_the_villkor_and_before_the_first_talk_and_the_person(
    katalog, utforare
):
    from dokumentation.tillfallen.models import Omgang
    from tests.dokumentation.conftest import IDAG

    insats = InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        dokumentationsregel="14:3",
        dokumentation_motivering=None,
        form=Insats.Form.INDIVIDUELL_ELLER_GRUPP,
    )
    VillkorFactory(insats=insats, typ="alder", min_alder=3, max_alder=12, avser="barnet")
    utan = list(_form(insats).fields)
    Omgang.objects.create(
        insats=insats,
        utforare=utforare,
        benamning="Höst",
        startdatum=IDAG,
        antal_traffar=4,
        min_deltagare=2,
        max_deltagare=6,
    )
    med = list(_form(insats).fields)
    plats = utan.index("samtal_minuter")
    assert med == [*utan[:plats], "omgang", *utan[plats:]]
    assert utan[plats - 1] == "barnets_alder" and utan[plats + 1] == "personnummer"


def test_the_fields_are_made_once_per_kind_of_form(grupp, oppen):
    kontaktens_falt.cache_clear()
    _form(grupp), _form(grupp), _form(oppen)
    info = kontaktens_falt.cache_info()
    assert (info.misses, info.hits) == (2, 1)
