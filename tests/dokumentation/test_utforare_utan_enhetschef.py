"""An utförare with no (active) enhetschef: nobody would review its staff's reads, so the
verksamhetschef of the municipality reviews them on the page of the managers' reads, and the
internal control counts a month as reviewed only when every read in it was reviewed by the one
whose job it is (dokumentation/logg/ansvar.py, dokumentation/statistik/kontroll.py)."""

import datetime

import pytest
from django.urls import reverse

from dokumentation.logg.models import Logggranskning
from dokumentation.statistik import loggkontroll, loggkontroll_per_manad
from organisation.models import Anvandare, Behorighet, Roll
from tests.conftest import VerifieradKlient
from tests.dokumentation.test_loggkontroll import loggdata  # noqa: F401 - the fixture
from tests.factories import AnvandareFactory, provkommun
from uppfoljning.internkontrollplan import AVVIKELSE, INGEN_AVVIKELSE, _loggkontrollen
from uppfoljning.rapportcache import nyckel

pytestmark = pytest.mark.django_db


def _url(d):
    return reverse("dokumentation:chefernas_granskning", args=[d["manad"].year, d["manad"].month])


@pytest.fixture
def utan_chef(personal, loggdata):
    """A read by the staff of an utförare that has no enhetschef."""
    d = loggdata
    d["personalens"] = d["post"](personal, d["skyddad"], d["dagtid"])
    return d


def test_the_verksamhetschef_reviews_the_staffs_reads_where_there_is_no_enhetschef(
    client, verksamhetschef, utforare, utan_chef
):
    d = utan_chef
    ar = d["manad"].year
    assert loggkontroll([utforare.pk], ar) == (1, 0)  # nobody has reviewed: not fine
    client.force_login(verksamhetschef)
    lista = client.get(reverse("dokumentation:chefernas_logg"))
    assert "Utförare utan enhetschef" in lista.text and utforare.namn in lista.text
    svar = client.get(_url(d))
    assert [f.post.pk for f in svar.context["flaggor"]] == [d["personalens"].pk]
    assert "Skyddad identitet" in svar.text and "C D" not in svar.text
    assert client.post(_url(d)).status_code == 302
    granskning = Logggranskning.objects.get()
    assert granskning.personalens and granskning.kommun == provkommun()
    assert granskning.visade == [d["personalens"].pk]
    assert loggkontroll([utforare.pk], ar) == (1, 1)


def test_with_an_enhetschef_the_staffs_reads_are_the_enhetschefs_to_review(
    client, verksamhetschef, enhetschef, utforare, utan_chef
):
    d = utan_chef
    client.force_login(verksamhetschef)
    assert (
        "Utförare utan enhetschef" not in client.get(reverse("dokumentation:chefernas_logg")).text
    )
    assert client.get(_url(d)).context["flaggor"] == []
    client.post(_url(d))
    assert not Logggranskning.objects.get().personalens
    # The verksamhetschef's review does not stand in for the enhetschef's here.
    assert loggkontroll([utforare.pk], d["manad"].year) == (1, 0)


def test_an_enhetschef_whose_account_is_closed_is_no_enhetschef(
    client, verksamhetschef, enhetschef, utforare, utan_chef
):
    Anvandare.objects.filter(pk=enhetschef.pk).update(is_active=False)
    client.force_login(verksamhetschef)
    svar = client.get(_url(utan_chef))
    assert [f.post.pk for f in svar.context["flaggor"]] == [utan_chef["personalens"].pk]


def test_a_verksamhetschef_elsewhere_sees_and_records_none_of_it(client, utforare, utan_chef):
    annan = AnvandareFactory.med_roll(Roll.VERKSAMHETSCHEF, kommun=provkommun("Annanstad"))
    client.force_login(annan)
    assert utforare.namn not in client.get(reverse("dokumentation:chefernas_logg")).text
    assert client.get(_url(utan_chef)).context["flaggor"] == []
    client.post(_url(utan_chef))
    assert not Logggranskning.objects.filter(utforare=utforare).exists()
    assert loggkontroll([utforare.pk], utan_chef["manad"].year) == (1, 0)


@pytest.mark.parametrize("roll", ["personal", "personal_annan", "sekreterare", "enhetschef"])
def test_other_roles_find_no_such_page(client, alla_roller, utan_chef, roll):
    Behorighet.objects.filter(roll=Roll.ENHETSCHEF).delete()  # the utförare has none
    client.force_login(alla_roller[roll])
    for url in (reverse("dokumentation:chefernas_logg"), _url(utan_chef)):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert not Logggranskning.objects.exists()


def test_the_enhetschefs_own_reads_need_the_verksamhetschefs_review(
    client, enhetschef, verksamhetschef, utforare, utan_chef
):
    """A lone enhetschef's monthly review leaves their own reads aside; the month is reviewed
    when the verksamhetschef has reviewed those too, not before."""
    d = utan_chef
    d["post"](enhetschef, d["egen"], d["dagtid"])
    ar, manad = d["manad"].year, d["manad"].month
    client.force_login(enhetschef)
    client.post(reverse("dokumentation:granskning", args=[ar, manad]))
    assert Logggranskning.objects.get().egna_undantagna == 1
    assert loggkontroll_per_manad([utforare.pk], ar) == {(utforare.pk, manad): False}
    client.force_login(verksamhetschef)
    client.post(_url(d))
    assert loggkontroll_per_manad([utforare.pk], ar) == {(utforare.pk, manad): True}


def test_a_verksamhetschef_does_not_clear_their_own_reads(
    client, verksamhetschef, utforare, utan_chef
):
    """A verksamhetschef who is also enhetschef at the utförare leaves their own reads for
    another reviewer: until one has reviewed, the month is not reviewed."""
    Behorighet.objects.create(anvandare=verksamhetschef, roll=Roll.ENHETSCHEF, utforare=utforare)
    d = utan_chef
    d["post"](verksamhetschef, d["skyddad"], d["dagtid"])
    ar = d["manad"].year
    client.force_login(AnvandareFactory.med_roll(Roll.ENHETSCHEF, utforare, username="ec2"))
    client.post(reverse("dokumentation:granskning", args=[ar, d["manad"].month]))
    client.force_login(verksamhetschef)
    client.post(_url(d))
    assert Logggranskning.objects.get(kommun__isnull=False).egna_undantagna == 1
    assert loggkontroll([utforare.pk], ar) == (1, 0)
    annan = AnvandareFactory.med_roll(Roll.VERKSAMHETSCHEF, kommun=provkommun(), username="vc2")
    client.force_login(annan)
    client.post(_url(d))
    assert loggkontroll([utforare.pk], ar) == (1, 1)


def test_the_internal_control_names_the_months_not_reviewed(
    client, verksamhetschef, utforare, utan_chef
):
    d = utan_chef
    rad = _loggkontrollen(d["manad"].year, [utforare.pk])
    assert rad.slutsats == AVVIKELSE
    assert f"Ej granskade: {utforare.namn} {d['manad']:%Y-%m}." in rad.resultat
    assert "utan enhetschef" in rad.kontroll
    client.force_login(verksamhetschef)
    client.post(_url(d))
    rad = _loggkontrollen(d["manad"].year, [utforare.pk])
    assert rad.slutsats == INGEN_AVVIKELSE and "Ej granskade" not in rad.resultat


def test_the_reports_cache_key_follows_the_reviews_and_the_enhetschefer(
    client, verksamhetschef, utforare, katalog, utan_chef
):
    """The board report kept for a year is rebuilt when a review it counts is saved (the
    verksamhetschef's too) or when who is enhetschef at the utförare changes."""
    ar = utan_chef["manad"].year
    forst = nyckel(katalog, ar, "html")
    client.force_login(verksamhetschef)
    client.post(_url(utan_chef))
    granskad = nyckel(katalog, ar, "html")
    assert granskad != forst
    chef = AnvandareFactory.med_roll(Roll.ENHETSCHEF, utforare, username="ny_chef")
    med_chef = nyckel(katalog, ar, "html")
    assert med_chef != granskad
    Anvandare.objects.filter(pk=chef.pk).update(is_active=False)
    assert nyckel(katalog, ar, "html") != med_chef


def test_a_review_sent_from_another_site_is_refused(verksamhetschef, enhetschef, utan_chef):
    """CSRF: a form on another site cannot record either review in the reviewer's name."""
    d = utan_chef
    for anvandare, url in (
        (verksamhetschef, _url(d)),
        (enhetschef, reverse("dokumentation:granskning", args=[d["manad"].year, d["manad"].month])),
    ):
        klient = VerifieradKlient(enforce_csrf_checks=True)
        klient.force_login(anvandare)
        assert klient.post(url).status_code == 403
    assert not Logggranskning.objects.exists()


def test_a_month_in_the_url_is_only_the_reviewers_own(client, verksamhetschef, utan_chef):
    """The month is the only thing in the address: another month's review records that month
    of the reviewer's own municipality, with none of this month's reads."""
    d = utan_chef
    forra = (d["manad"] - datetime.timedelta(days=1)).replace(day=1)
    client.force_login(verksamhetschef)
    url = reverse("dokumentation:chefernas_granskning", args=[forra.year, forra.month])
    assert client.get(url).context["flaggor"] == []
    client.post(url)
    assert set(Logggranskning.objects.values_list("manad", "kommun", "flaggade")) == {
        (forra, provkommun().pk, 0)
    }
    assert loggkontroll_per_manad([d["personalens"].utforare_id], d["manad"].year) == {
        (d["personalens"].utforare_id, d["manad"].month): False
    }
