"""The blank contact form kept per insats, catalogue token and day
(dokumentation/kontakter/blankett.py): the same page as rendered afresh, its own CSRF token and
one-time key on every request, nothing of one user or utförare shown to another, and a change
to the catalogue, a new day or a new round seen at once."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse

from dokumentation.kontakter import blankett
from dokumentation.kontakter.models import Kontakt
from dokumentation.tillfallen.models import Omgang
from insatser.models import Insats, Villkor
from tests.conftest import VerifieradKlient
from tests.factories import AnvandareFactory, VillkorFactory

pytestmark = [
    pytest.mark.django_db,
    # The form is kept under the catalogue token, which PostgreSQL's triggers replace; on
    # SQLite (the local demo only) nothing is kept.
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the triggers exist on PostgreSQL only"
    ),
]

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NYCKEL = re.compile(r'name="nyckel" value="([^"]+)"')


@pytest.fixture
def insats(radgivning):
    VillkorFactory(insats=radgivning, ordning=1, kommun="Testköping")
    return radgivning


@pytest.fixture
def renderingar(monkeypatch):
    """How many times the blank form was rendered rather than taken from what was kept."""
    antal = []
    rendera = blankett._rendera

    def rakna(insats):
        antal.append(insats.pk)
        return rendera(insats)

    monkeypatch.setattr(blankett, "_rendera", rakna)
    return antal


def url(insats: Insats) -> str:
    return reverse("dokumentation:kontakt_ny", args=[insats.pk])


def klient(anvandare) -> VerifieradKlient:
    c = VerifieradKlient(enforce_csrf_checks=True)
    c.force_login(anvandare)
    return c


def huvudinnehall(html: str) -> str:
    """The page's main part, with this request's CSRF token and one-time key left out."""
    main = html[html.index("<main") : html.index("</main>")]
    return NYCKEL.sub('name="nyckel" value=""', CSRF.sub("csrf", main))


def sida(c: VerifieradKlient, insats: Insats) -> str:
    svar = c.get(url(insats))
    assert svar.status_code == 200
    return svar.content.decode()


def ifylld(html: str) -> dict[str, str]:
    """A contact that does not take part, sent from the form in `html` (its token and key)."""
    return {
        "csrfmiddlewaretoken": CSRF.search(html[html.index("<main") :])[1],
        "nyckel": NYCKEL.search(html)[1],
        "datum": datetime.date.today().isoformat(),
        "kanal": "pa_plats",
        "alder": "34",
        "kon": "kvinna",
        "villkor_1": "uppfyllt",
        "informerad": "on",
        "utfall": "avbojde",
    }


def test_the_kept_form_is_the_page_rendered_afresh(personal, insats, renderingar, monkeypatch):
    c = klient(personal)
    forsta = sida(c, insats)
    kept = sida(c, insats)
    assert renderingar == [insats.pk]  # the second request took what was kept
    monkeypatch.setattr(blankett, "tom", lambda request, insats: None)
    farsk = sida(c, insats)
    assert huvudinnehall(kept) == huvudinnehall(farsk) == huvudinnehall(forsta)
    assert 'name="villkor_1"' in kept and "Spara kontakten" in kept


def test_every_request_has_its_own_key_and_a_csrf_token_that_works(personal, insats):
    c = klient(personal)
    sidor = [sida(c, insats) for _ in range(3)]
    nycklar = {NYCKEL.search(s)[1] for s in sidor}
    assert len(nycklar) == 3
    html = sidor[-1]
    data = ifylld(html)
    assert c.post(url(insats), data).status_code == 302
    assert Kontakt.objects.get().inlamningsnyckel.hex == data["nyckel"].replace("-", "")


def test_nothing_of_one_user_or_utforare_reaches_another(
    personal, personal_annan, utforare, insats, renderingar
):
    forsta = sida(klient(personal), insats)
    # Another utförare's staff cannot open the insats, kept or not.
    assert klient(personal_annan).get(url(insats)).status_code == 404
    kollega = AnvandareFactory.med_roll(
        "utforarpersonal", utforare, username="kollega", first_name="Kim", last_name="Kollega"
    )
    c = klient(kollega)
    andra = sida(c, insats)
    assert renderingar == [insats.pk]  # the colleague got the kept form ...
    assert "Kim Kollega" in andra and personal.get_full_name() not in andra
    assert (
        CSRF.search(andra[andra.index("<main") :])[1]
        != CSRF.search(forsta[forsta.index("<main") :])[1]
    )
    assert NYCKEL.search(andra)[1] != NYCKEL.search(forsta)[1]
    # ... with a CSRF token of the colleague's own session.
    svar = c.post(
        url(insats),
        {"csrfmiddlewaretoken": CSRF.search(andra[andra.index("<main") :])[1], "utfall": ""},
    )
    assert svar.status_code == 200  # the form's own errors, not the CSRF refusal (403)


@pytest.mark.parametrize(
    "andring",
    [
        "UPDATE insatser_insats SET namn = 'Nytt namn på insatsen'",
        "UPDATE insatser_katalog SET informationstext = 'Ny information om att ansöka'",
        "UPDATE insatser_villkor SET kommun = 'Nyköping'",
    ],
)
def test_a_change_to_the_catalogue_shows_at_once(personal, insats, andring):
    c = klient(personal)
    fore = sida(c, insats)
    with connection.cursor() as markor:
        markor.execute(andring)
    efter = sida(c, insats)
    nytt = re.search(r"'([^']+)'", andring)[1]
    assert nytt not in huvudinnehall(fore) and nytt in huvudinnehall(efter)


def test_a_new_villkor_saved_through_the_orm_shows_at_once(personal, insats):
    c = klient(personal)
    assert 'name="villkor_2"' not in sida(c, insats)
    VillkorFactory(insats=insats, ordning=2, kommun="Annanstad")
    assert Villkor.objects.filter(insats=insats).count() == 2
    assert 'name="villkor_2"' in sida(c, insats)


def test_a_new_day_gives_a_form_dated_that_day(personal, insats, monkeypatch):
    c = klient(personal)
    idag = datetime.date.today()
    assert f'value="{idag.isoformat()}"' in sida(c, insats)
    imorgon = idag + datetime.timedelta(days=1)
    monkeypatch.setattr(blankett, "idag", lambda: imorgon)
    monkeypatch.setattr("dokumentation.kontakter.forms.idag", lambda: imorgon)
    assert f'value="{imorgon.isoformat()}"' in sida(c, insats)


def test_a_group_insats_form_is_not_kept_so_a_new_round_shows_at_once(personal, grupp, renderingar):
    c = klient(personal)
    assert "Hösten" not in sida(c, grupp)
    Omgang.objects.create(
        insats=grupp,
        utforare=grupp.utforare,
        benamning="Hösten",
        startdatum=datetime.date.today(),
        antal_traffar=4,
        min_deltagare=2,
        max_deltagare=3,
    )
    assert "Hösten" in sida(c, grupp)
    assert renderingar == []


def test_a_form_given_back_after_sign_in_is_not_the_blank_one(personal, insats, monkeypatch):
    c = klient(personal)
    sida(c, insats)  # kept
    from django.http import QueryDict

    aterstallt = QueryDict(mutable=True)
    aterstallt.update({"alder": "71", "kon": "kvinna"})
    monkeypatch.setattr("dokumentation.kontakter.views.post", lambda request: aterstallt)
    assert 'value="71"' in sida(c, insats)


def test_the_page_around_the_kept_form_is_the_page_rendered_afresh(
    personal, utforare, insats, monkeypatch
):
    """organisation.ram keeps the whole page per user: header, menu, name, the session's
    warning and footer are what a fresh render gives, with this request's CSRF token, session
    times and address, the insats's name escaped as the template escapes it; another user gets
    their own header; a page with messages to show is rendered as usual."""
    import datetime as dt

    from django.utils import timezone

    from organisation import context_processors, ram

    insats.namn = 'Stöd & "råd" <i>'
    insats.save()
    slut = timezone.localtime() + dt.timedelta(minutes=30)
    monkeypatch.setattr(context_processors, "slutar", lambda request: slut)
    monkeypatch.setattr(context_processors, "kvar", lambda request: (1800, 28000))
    c = klient(personal)
    sida(c, insats)
    kept = sida(c, insats)
    with monkeypatch.context() as m:
        m.setattr(ram, "sida", lambda *a, **k: None)
        farsk = sida(c, insats)
    assert NYCKEL.sub("", CSRF.sub("csrf", kept)) == NYCKEL.sub("", CSRF.sub("csrf", farsk))
    assert "Stöd &amp; &quot;råd&quot; &lt;i&gt;" in kept and "<i>" not in kept
    assert slut.strftime("%H:%M") in kept and 'data-absolut-kvar="28000"' in kept
    kollega = AnvandareFactory.med_roll(
        "enhetschef", utforare, username="kollega", first_name="Kim", last_name="Kollega"
    )
    andra = sida(klient(kollega), insats)
    assert "Kim Kollega" in andra and personal.get_full_name() not in andra
    assert "Uppföljning" in andra and "Uppföljning" not in kept  # the enhetschef's menu
    # A message to show (a contact saved, its receipt not opened) is in the kept page, once.
    html = sida(c, insats)
    data = ifylld(html)
    assert c.post(url(insats), data).status_code == 302
    med = sida(c, insats)
    assert '<p class="meddelande success" role="status">Kontakten är registrerad.</p>' in med
    assert "Kontakten är registrerad." not in sida(c, insats)
