"""Loggkontroll: the enhetschef reviews their utförare's access log; the review flags reads
outside one's own participations, protected identities, bulk reads and odd hours, and is
itself logged."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg import granskning as loggkontroll
from dokumentation.logg.granskning import senaste_manader
from dokumentation.logg.models import Atkomstlogg, Logggranskning
from organisation.models import Roll
from tests.dokumentation.conftest import registrera
from tests.factories import AnvandareFactory


@pytest.fixture
def loggdata(personal, utforare, full_dokumentation):
    kollega = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare, username="kollega")
    egen = registrera(
        personal,
        full_dokumentation,
        svar=["uppfyllt"],
        person=Personuppgifter("198112189876", "A", "B", False),
    ).deltagande
    skyddad = registrera(
        personal,
        full_dokumentation,
        svar=["uppfyllt"],
        person=Personuppgifter("196408233234", "C", "D", True),
    ).deltagande
    manad = timezone.localdate().replace(day=1)
    dagtid = timezone.make_aware(
        datetime.datetime.combine(
            manad + datetime.timedelta(days=(7 - manad.weekday()) % 7), datetime.time(10, 0)
        )
    )
    natt = dagtid.replace(hour=2)

    def post(anvandare, deltagande, tid):
        logg = Atkomstlogg.objects.create(
            anvandare=anvandare,
            utforare=utforare,
            handling="lasa",
            deltagande=deltagande,
            vad="Öppnade",
        )
        Atkomstlogg.objects.filter(pk=logg.pk).update(tidpunkt=tid) if False else None
        return logg

    return {
        "kollega": kollega,
        "egen": egen,
        "skyddad": skyddad,
        "manad": manad,
        "dagtid": dagtid,
        "natt": natt,
        "post": post,
    }


def test_monthly_review_flags_and_is_logged(client, enhetschef, personal, loggdata):
    d = loggdata
    d["post"](personal, d["egen"], d["dagtid"])  # own participation: fine by day
    d["post"](d["kollega"], d["egen"], d["dagtid"])  # someone else's
    d["post"](personal, d["skyddad"], d["dagtid"])  # protected identity
    client.force_login(enhetschef)
    svar = client.get(reverse("dokumentation:granskning", args=[d["manad"].year, d["manad"].month]))
    assert svar.status_code == 200
    skal = {
        (f.post.anvandare.username, f.post.deltagande_id): f.skal for f in svar.context["flaggor"]
    }
    assert "Läsning utanför egna deltaganden" in skal[("kollega", d["egen"].pk)]
    assert "Skyddad identitet" in skal[("personal", d["skyddad"].pk)]
    assert not Logggranskning.objects.exists()  # looking records nothing
    url = reverse("dokumentation:granskning", args=[d["manad"].year, d["manad"].month])
    assert client.post(url).status_code == 302
    granskning = Logggranskning.objects.get()
    assert granskning.granskare == enhetschef and granskning.manad == d["manad"]


def test_monthly_review_shows_the_first_flagged_rows_and_counts_them_all(
    client, enhetschef, loggdata, monkeypatch
):

    monkeypatch.setattr(loggkontroll, "VISA_HOGST", 2)
    d = loggdata
    for _ in range(3):
        d["post"](d["kollega"], d["egen"], d["dagtid"])
    client.force_login(enhetschef)
    svar = client.get(reverse("dokumentation:granskning", args=[d["manad"].year, d["manad"].month]))
    text = svar.content.decode()
    assert "3 flaggade" in text and "Tabellen visar de 2 första" in text
    assert text.count("Läsning utanför egna deltaganden") == 2
    assert "<title>Logggranskning" in text and "<form" not in text.split("</title>")[0]


def test_log_filters_and_roles(client, alla_roller, annan_utforare, loggdata):
    d = loggdata
    d["post"](d["kollega"], d["egen"], d["dagtid"])
    client.force_login(alla_roller["enhetschef"])
    url = reverse("dokumentation:logg")
    svar = client.get(url)
    assert len(svar.context["rader"]) >= 1
    # Each row says which record in words, without naming the person.
    egen = d["egen"]
    assert f"{egen.insats.namn}, deltagande från {egen.startdatum:%Y-%m-%d} (nr {egen.pk})" in (
        svar.text
    )
    assert "A B" not in svar.text
    assert len(client.get(url, {"anvandare": d["kollega"].pk}).context["rader"]) == 1
    assert len(client.get(url, {"handling": "andra"}).context["rader"]) == 0
    assert client.get(url, {"fran": "skräp"}).status_code == 200
    for roll in [
        "personal",
        "personal_annan",
        "sekreterare",
        "verksamhetschef",
        "systemadministrator",
    ]:
        client.force_login(alla_roller[roll])
        assert client.get(url).status_code == 404, roll
    client.force_login(AnvandareFactory.med_roll(Roll.ENHETSCHEF, annan_utforare))
    assert len(client.get(url).context["rader"]) == 0


def test_the_just_ended_month_is_first_to_review():

    assert senaste_manader(datetime.date(2026, 12, 1), 3) == [
        datetime.date(2026, 11, 1),
        datetime.date(2026, 10, 1),
        datetime.date(2026, 9, 1),
    ]
    assert senaste_manader(datetime.date(2026, 3, 31), 1) == [datetime.date(2026, 2, 1)]


def test_nobody_reviews_their_own_reads_and_the_review_keeps_what_it_showed(
    client, enhetschef, loggdata
):
    d = loggdata
    kollegans = d["post"](d["kollega"], d["egen"], d["dagtid"])
    d["post"](enhetschef, d["skyddad"], d["dagtid"])  # the reviewer's own, flagged
    client.force_login(enhetschef)
    url = reverse("dokumentation:granskning", args=[d["manad"].year, d["manad"].month])
    svar = client.get(url)
    assert [f.post.pk for f in svar.context["flaggor"]] == [kollegans.pk]
    assert "1 flaggade poster är dina egna läsningar" in svar.text
    client.post(url)
    granskning = Logggranskning.objects.get()
    assert granskning.visade == [kollegans.pk] and granskning.egna_undantagna == 1


def test_opening_a_form_is_a_read_and_sending_it_a_change(client, personal, loggdata):
    d = loggdata
    client.force_login(personal)
    url = reverse("dokumentation:avsluta", args=[d["egen"].pk])
    client.get(url)
    rad = Atkomstlogg.objects.latest("pk")
    assert rad.handling == "lasa" and rad.vad == "Öppnade formuläret: avslutade deltagandet"
    client.post(url, {"slutdatum": timezone.localdate().isoformat(), "avbrott": "nej"})
    assert Atkomstlogg.objects.latest("pk").handling == "andra"


def test_the_log_keeps_the_client_address_behind_the_proxy(
    client, personal, personal_annan, loggdata, settings, caplog
):
    """Behind the municipality's proxy every request comes from the proxy: the access log and
    the refused reads name the client it forwarded for (PROXY_ANTAL), as the lockout does,
    never the proxy nor an address the client wrote into the header itself."""
    settings.PROXY_ANTAL = 1
    bakom_proxy = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.66, 198.51.100.9"}
    url = reverse("dokumentation:deltagande", args=[loggdata["egen"].pk])
    client.force_login(personal)
    client.get(url, **bakom_proxy)
    assert Atkomstlogg.objects.latest("pk").ip == "198.51.100.9"

    client.force_login(personal_annan)
    with caplog.at_level("WARNING", logger="iub.sakerhet"):
        assert client.get(url, **bakom_proxy).status_code == 404
    assert "från 198.51.100.9" in caplog.text and "10.0.0.1" not in caplog.text


def test_the_same_review_sent_twice_is_recorded_once(client, enhetschef, loggdata):
    d = loggdata
    d["post"](d["kollega"], d["egen"], d["dagtid"])
    client.force_login(enhetschef)
    url = reverse("dokumentation:granskning", args=[d["manad"].year, d["manad"].month])
    client.post(url)
    assert "var redan registrerad" in client.post(url, follow=True).text
    assert Logggranskning.objects.count() == 1
    d["post"](d["kollega"], d["skyddad"], d["dagtid"])  # a new read since: a new review
    client.post(url)
    assert Logggranskning.objects.count() == 2
