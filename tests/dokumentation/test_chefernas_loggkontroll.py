"""The enhetschefer's own reads: nobody reviews their own, and at an utförare with one
enhetschef there is no colleague to do it, so the verksamhetschef of the municipality whose
insatser they read reviews them (a review of its own, which does not stand in for the
enhetschef's monthly review in the internal control)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from dokumentation.logg.granskning import senaste_manader
from dokumentation.logg.models import Logggranskning
from dokumentation.statistik import loggkontroll
from organisation.models import Behorighet, Roll
from tests.dokumentation.test_loggkontroll import loggdata  # noqa: F401 - the fixture
from tests.factories import AnvandareFactory, provkommun

pytestmark = pytest.mark.django_db


def _url(d, namn="dokumentation:chefernas_granskning"):
    return reverse(namn, args=[d["manad"].year, d["manad"].month])


@pytest.fixture
def chefens(enhetschef, personal, loggdata):
    d = loggdata
    d["chefens"] = d["post"](enhetschef, d["egen"], d["dagtid"])  # not the chef's own record
    d["post"](personal, d["skyddad"], d["dagtid"])  # staff: the enhetschef reviews these
    d["post"](d["kollega"], d["egen"], d["dagtid"])
    return d


def test_the_lone_enhetschefs_own_reads_wait_for_the_verksamhetschef(client, enhetschef, chefens):
    client.force_login(enhetschef)
    svar = client.get(_url(chefens, "dokumentation:granskning"))
    assert chefens["chefens"].pk not in [f.post.pk for f in svar.context["flaggor"]]
    assert "och av verksamhetschefen i kommunen" in svar.text


def test_the_verksamhetschef_reviews_the_enhetschefs_reads(
    client, verksamhetschef, utforare, chefens
):
    d = chefens
    client.force_login(verksamhetschef)
    lista = client.get(reverse("dokumentation:chefernas_logg"))
    forra = senaste_manader(timezone.localdate(), 1)[0]
    assert lista.status_code == 200
    assert reverse("dokumentation:chefernas_granskning", args=[forra.year, forra.month]) in (
        lista.text
    )
    svar = client.get(_url(d))
    assert svar.status_code == 200
    assert [f.post.pk for f in svar.context["flaggor"]] == [d["chefens"].pk]
    assert "Läsning utanför egna deltaganden" in svar.text
    # Which record in words, no person and no way into the record (the role reads none).
    egen = d["egen"]
    assert f"{egen.insats.namn}, deltagande från {egen.startdatum:%Y-%m-%d} (nr {egen.pk})" in (
        svar.text
    )
    assert "A B" not in svar.text and "198112189876" not in svar.text
    assert reverse("dokumentation:deltagande", args=[egen.pk]) not in svar.text
    assert not Logggranskning.objects.exists()  # looking records nothing
    assert client.post(_url(d)).status_code == 302
    granskning = Logggranskning.objects.get()
    assert granskning.granskare == verksamhetschef and granskning.utforare == utforare
    assert granskning.kommun == provkommun() and granskning.visade == [d["chefens"].pk]
    assert granskning.flaggade == 1
    # It is not the enhetschef's monthly review of the utförare's log.
    assert loggkontroll([utforare.pk], d["manad"].year)[1] == 0
    lista = client.get(reverse("dokumentation:chefernas_logg")).text
    assert f"{d['manad']:%Y-%m} av {verksamhetschef}" in lista


def test_a_verksamhetschef_elsewhere_sees_and_records_nothing_of_it(client, chefens):
    annan = AnvandareFactory.med_roll(Roll.VERKSAMHETSCHEF, kommun=provkommun("Annanstad"))
    client.force_login(annan)
    svar = client.get(_url(chefens))
    assert svar.status_code == 200 and svar.context["flaggor"] == []
    client.post(_url(chefens))
    assert not Logggranskning.objects.filter(kommun=provkommun()).exists()
    assert not Logggranskning.objects.filter(utforare=chefens["chefens"].utforare).exists()


def test_other_roles_find_no_such_page(client, alla_roller, chefens):
    for roll in ("personal", "personal_annan", "enhetschef", "sekreterare", "systemadministrator"):
        client.force_login(alla_roller[roll])
        for url in (reverse("dokumentation:chefernas_logg"), _url(chefens)):
            assert client.get(url).status_code == 404, (roll, url)
            assert client.post(url).status_code == 404, (roll, url)
    assert not Logggranskning.objects.exists()


def test_a_month_that_is_no_month_is_not_found(client, verksamhetschef, chefens):
    client.force_login(verksamhetschef)
    for args in ([2026, 13], [1999, 1], [chefens["manad"].year + 1, 1]):
        url = reverse("dokumentation:chefernas_granskning", args=args)
        assert client.get(url).status_code == 404, args


def test_a_verksamhetschef_who_is_also_enhetschef_does_not_review_their_own(
    client, verksamhetschef, enhetschef, utforare, chefens
):
    Behorighet.objects.create(anvandare=verksamhetschef, roll=Roll.ENHETSCHEF, utforare=utforare)
    d = chefens
    egna = d["post"](verksamhetschef, d["skyddad"], d["dagtid"])
    client.force_login(verksamhetschef)
    svar = client.get(_url(d))
    assert egna.pk not in [f.post.pk for f in svar.context["flaggor"]]
    assert d["chefens"].pk in [f.post.pk for f in svar.context["flaggor"]]
    client.post(_url(d))
    assert Logggranskning.objects.get(kommun__isnull=False).egna_undantagna == 1


def test_the_same_review_sent_twice_is_recorded_once(client, verksamhetschef, chefens):
    client.force_login(verksamhetschef)
    client.post(_url(chefens))
    svar = client.post(_url(chefens), follow=True)
    assert "var redan registrerad" in svar.text
    assert Logggranskning.objects.count() == 1
    # A new read since: the next review is a review of its own.
    chefens["post"](chefens["chefens"].anvandare, chefens["skyddad"], chefens["dagtid"])
    client.post(_url(chefens))
    assert Logggranskning.objects.count() == 2
