"""The board report is kept per process (uppfoljning/rapportcache.py): sent again without being
built, and built anew as soon as anything it shows may have changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.uppfoljning.test_namndrapport import AR, _tre_ar, tre_ar  # noqa: F401 - a fixture
from uppfoljning import rapportcache, services
from uppfoljning.models import Arsuppfoljning, Folkmangd, Namndrapport

pytestmark = pytest.mark.django_db


@pytest.fixture
def byggen(monkeypatch):
    """How many times the report was built."""
    from uppfoljning import rapport, views

    antal = {"n": 0}
    bygg = rapport.bygg_rapport

    def raknad(*args, **kwargs):
        antal["n"] += 1
        return bygg(*args, **kwargs)

    monkeypatch.setattr(views, "bygg_rapport", raknad)
    return antal


@pytest.mark.parametrize("format", ["html", "csv", "xlsx"])
def test_a_report_is_built_once_and_again_when_what_it_shows_changes(
    client, tre_ar, verksamhetschef, enhetschef, byggen, format
):
    client.force_login(verksamhetschef)
    url = (
        reverse("uppfoljning:rapport", args=[AR])
        if format == "html"
        else reverse("uppfoljning:rapport_fil", args=[AR, format])
    )
    forsta = client.get(url).content
    andra = client.get(url).content
    assert byggen["n"] == 1
    if format != "html":  # a page carries its own form token
        assert andra == forsta
    # The cover, the population, a new signature, the catalogue: each builds it anew.
    Namndrapport.objects.create(katalog=tre_ar["katalog"], ar=AR, diarienummer="2099/1")
    client.get(url)
    assert byggen["n"] == 2
    Folkmangd.objects.filter(ar=AR).update(invanare=26_000)
    client.get(url)
    assert byggen["n"] == 3
    services.spara_arsuppfoljning(
        uppfoljning=Arsuppfoljning(
            insats=tre_ar["liten"],
            ar=AR,
            analys="Liten men viktig.",
            sammanfattning="Få deltagare.",
            slutsats="Insatsen behålls.",
            bedomning="uppnatt",
            forslag="behall",
        ),
        version=1,
        signera=True,
        anvandare=enhetschef,
    )
    client.get(url)
    assert byggen["n"] == 4
    ny = tre_ar["ny"]
    ny.namn = "Nytt namn"
    ny.save()  # the database replaces the catalogue's version token
    svar = client.get(url)
    assert byggen["n"] == 5
    if format != "xlsx":
        assert "Nytt namn" in svar.content.decode("utf-8-sig")


def test_the_kept_report_is_each_municipalitys_own(client, tre_ar, verksamhetschef, byggen):
    from organisation.models import Roll
    from tests.factories import AnvandareFactory, KatalogFactory, provkommun

    client.force_login(verksamhetschef)
    url = reverse("uppfoljning:rapport", args=[AR])
    assert client.get(url).status_code == 200
    annan = provkommun("Annanstad")
    KatalogFactory(kommunen=annan)
    client.force_login(AnvandareFactory.med_roll(Roll.VERKSAMHETSCHEF, kommun=annan))
    assert client.get(url).status_code == 404  # nothing published there: not the other's


def test_kept_on_disk_the_report_outlives_the_process(
    client, tre_ar, verksamhetschef, byggen, settings, tmp_path
):
    """With RAPPORTER_KATALOG the workers share what is built, and a restart keeps it."""
    from django.core.cache import caches
    from django.core.cache.backends.filebased import FileBasedCache

    settings.CACHES = {
        **settings.CACHES,
        "rapporter": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    client.force_login(verksamhetschef)
    url = reverse("uppfoljning:rapport_fil", args=[AR, "csv"])
    forsta = client.get(url).content
    assert byggen["n"] == 1 and any(tmp_path.iterdir())
    assert isinstance(caches["rapporter"], FileBasedCache)
    # A new process has a cache of its own on the same directory, and finds the report there.
    nyckel = rapportcache.nyckel(tre_ar["katalog"], AR, "csv")
    assert FileBasedCache(str(tmp_path), {}).get(nyckel) == forsta.decode("utf-8")
    assert client.get(url).content == forsta and byggen["n"] == 1
