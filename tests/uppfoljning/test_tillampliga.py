"""The yearly follow-up shows the rows that apply to the insats, and says why the others are
missing; a row that does not apply but has figures is shown all the same."""

import datetime

import pytest
from django.urls import reverse

from insatser.models import Insats
from tests.factories import InsatsFactory, KatalogFactory
from uppfoljning.tillampliga import tillampliga, varfor_inte

AR = datetime.date.today().year - 1


def _insats(**falt):
    return InsatsFactory.build(**{"dokumentationsregel": "14:4", **falt})


@pytest.mark.parametrize(
    ("form", "galler_inte", "galler"),
    [
        (Insats.Form.OPPEN_VERKSAMHET, ["avbrutna", "unika", "samtal", "narvaro"], ["besok"]),
        (Insats.Form.INDIVIDUELL, ["narvaro", "grupptraffar", "vantelista_nu", "besok"], []),
        (Insats.Form.GRUPP, ["samtal", "oppningar", "nya_deltagarkoder"], ["narvaro"]),
        (
            Insats.Form.INDIVIDUELL_ELLER_GRUPP,
            ["besok"],
            ["samtal", "narvaro", "nya_deltagarkoder", "avbrutna"],
        ),
    ],
)
def test_rows_by_the_insats_form(form, galler_inte, galler):
    insats = _insats(form=form, max_tillfallen=5)
    assert all(varfor_inte(n, insats) for n in galler_inte)
    assert not any(varfor_inte(n, insats) for n in [*galler, "kontakter", "informerade"])


def test_a_reason_of_stopping_follows_its_total():
    insats = _insats(form=Insats.Form.OPPEN_VERKSAMHET)
    assert varfor_inte("avbrutna.orsak.flyttade", insats) == varfor_inte("avbrutna", insats)


def test_caps_consent_and_identity():
    utan_tak = _insats(form=Insats.Form.INDIVIDUELL, max_tillfallen=None)
    assert "tak" in varfor_inte("over_taket", utan_tak)
    assert varfor_inte("over_taket", _insats(form="individuell", max_varaktighet_manader=6)) is None
    identifierad = _insats(form=Insats.Form.INDIVIDUELL, dokumentationsregel="14:3")
    assert "utan identitet" in varfor_inte("nya_deltagarkoder", identifierad)
    assert varfor_inte("orosanmalningar", identifierad)
    assert varfor_inte("orosanmalningar", _insats(form="individuell")) is None


def test_a_row_with_figures_is_kept_and_an_unkeyed_signed_row_too():
    insats = _insats(form=Insats.Form.INDIVIDUELL)
    figurer = {
        "perioder": ["1", "2", "3"],
        "rader": [
            {"rubrik": "Närvaro vid gruppträffar", "nyckel": "narvaro", "celler": ["0", "–", "0"]},
            {"rubrik": "– gruppträffar", "nyckel": "grupptraffar", "celler": ["0", "×", "0"]},
            {"rubrik": "På väntelista vid årets slut", "celler": ["0", "0", "0"]},
        ],
    }
    kvar, utelamnade = tillampliga(figurer, insats)
    rubriker = [r["rubrik"] for r in kvar["rader"]]
    assert rubriker == ["– gruppträffar", "På väntelista vid årets slut"]
    assert [r for r, _ in utelamnade] == ["Närvaro vid gruppträffar"]


def test_the_page_leaves_out_and_explains(client, enhetschef, utforare):
    oppen = InsatsFactory(
        katalog=KatalogFactory(),
        utforare=utforare,
        beslutad=True,
        namn="Träffpunkten",
        form=Insats.Form.OPPEN_VERKSAMHET,
    )
    client.force_login(enhetschef)
    svar = client.get(reverse("uppfoljning:arsuppfoljning", args=[oppen.pk, AR]))
    assert svar.status_code == 200
    tabell, _, forklaring = svar.text.partition("gäller inte Träffpunkten")
    assert "Avbrutna i förtid" not in tabell and "Besök i öppen verksamhet" in tabell
    assert "Avbrutna i förtid" in forklaring and "inga deltaganden registreras" in forklaring


def test_the_means_follow_what_they_are_a_mean_of():
    oppen = _insats(form=Insats.Form.OPPEN_VERKSAMHET)
    assert varfor_inte("medel.maende_start", oppen) and varfor_inte("medel.vantetid", oppen)
    samtal = _insats(form=Insats.Form.INDIVIDUELL)
    assert varfor_inte("medel.vantetid", samtal)
    assert varfor_inte("medel.maende_slut", samtal) is None
