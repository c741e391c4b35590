"""The public catalogue: no login, only what is decided and in force."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import InsatsFactory, KatalogFactory, VillkorFactory


@pytest.fixture
def katalog(db):
    katalog = KatalogFactory(kommun="Testköping", informationstext="Ring mottagningen.")
    abc = InsatsFactory(
        katalog=katalog,
        beslutad=True,
        namn="Föräldragrupp ABC",
        omrade="Föräldraskap",
        malgrupp="Föräldrar till barn 3–12 år",
    )
    VillkorFactory(insats=abc, typ="alder", min_alder=3, max_alder=12, avser="barnet", kommun=None)
    vuxen = InsatsFactory(katalog=katalog, beslutad=True, namn="Stödsamtal vuxna", omrade="Vuxna")
    VillkorFactory(insats=vuxen, typ="alder", min_alder=18, kommun=None)
    InsatsFactory(katalog=katalog, namn="Hemligt utkast")
    InsatsFactory(
        katalog=katalog,
        beslutad=True,
        namn="Upphörd",
        status="upphord",
        giltig_till=datetime.date(2026, 3, 1),
    )
    InsatsFactory(
        katalog=katalog,
        beslutad=True,
        namn="Framtida",
        giltig_fran=datetime.date.today() + datetime.timedelta(days=10),
    )
    return katalog


def namn(svar):
    return [i.namn for grupp in svar.context["grupper"].values() for i in grupp]


def test_start_goes_to_the_only_catalogue(client, katalog):
    svar = client.get(reverse("publik:start"))
    assert svar.status_code == 302 and svar["Location"] == katalog.get_absolute_url()


def test_start_lists_catalogues_when_several(client, katalog):
    KatalogFactory(kommun="Annanstad")
    svar = client.get(reverse("publik:start"))
    assert svar.status_code == 200 and "Annanstad" in svar.text


def test_only_decided_insatser_in_force_are_public(client, katalog):
    svar = client.get(katalog.get_absolute_url())
    assert svar.status_code == 200
    assert sorted(namn(svar)) == ["Föräldragrupp ABC", "Stödsamtal vuxna"]
    assert "Barnet ska vara 3–12 år." in svar.text
    assert "Du har alltid rätt att ansöka" in svar.text and "Ring mottagningen." in svar.text


@pytest.mark.parametrize(
    ("parametrar", "vantat"),
    [
        ({"q": "föräldrar"}, ["Föräldragrupp ABC"]),
        ({"omrade": "Vuxna"}, ["Stödsamtal vuxna"]),
        ({"alder": "30"}, ["Föräldragrupp ABC", "Stödsamtal vuxna"]),  # a parent of a child
        ({"alder": "16"}, ["Föräldragrupp ABC"]),
        ({"alder": "-4"}, ["Föräldragrupp ABC", "Stödsamtal vuxna"]),  # refused, shows all
        ({"omrade": "<script>"}, ["Föräldragrupp ABC", "Stödsamtal vuxna"]),
    ],
)
def test_search_and_filter_by_who_it_is_for(client, katalog, parametrar, vantat):
    svar = client.get(katalog.get_absolute_url(), parametrar)
    assert svar.status_code == 200
    assert sorted(namn(svar)) == vantat


def test_insats_page(client, katalog, utforare):
    insats = katalog.insatser.get(namn="Föräldragrupp ABC")
    insats.utforare = utforare
    insats.save()
    svar = client.get(reverse("publik:insats", args=[katalog.slug, insats.pk]))
    assert svar.status_code == 200
    assert utforare.telefon in svar.text


def test_unpublished_insats_is_404(client, katalog):
    for namn_ in ["Hemligt utkast", "Upphörd", "Framtida"]:
        insats = katalog.insatser.get(namn=namn_)
        url = reverse("publik:insats", args=[katalog.slug, insats.pk])
        assert client.get(url).status_code == 404


def test_printable_catalogue_as_decided_on_a_date(client, katalog):
    url = reverse("publik:utskrift", args=[katalog.slug])
    svar = client.get(url)
    assert svar.status_code == 200
    assert (
        sorted(r.insats.namn for r in svar.context["insatser"])
        == ["Föräldragrupp ABC", "Stödsamtal vuxna", "Upphörd"][:2]
    )
    assert client.get(url, {"datum": "1999-01-01"}).context["insatser"] == []
    # A date in the future shows today's catalogue; garbage does too.
    assert client.get(url, {"datum": "2999-01-01"}).context["datum"] == datetime.date.today()
    assert client.get(url, {"datum": "igår"}).status_code == 200


def test_public_pages_need_no_login_and_few_queries(client, katalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(katalog.get_absolute_url())
    InsatsFactory.create_batch(20, katalog=katalog, beslutad=True)
    with django_assert_max_num_queries(6):
        assert client.get(katalog.get_absolute_url()).status_code == 200
