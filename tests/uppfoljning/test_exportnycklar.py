"""The open export for a BI tool with a revocable key per municipality and consumer: the key
is shown once and stored as a hash, reads only its own municipality's published figures, no
session and no second factor needed, and every wrong key is answered 404. The verksamhetschef's
page of keys, and the commands."""

import datetime
import hashlib
import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from organisation.models import Roll, Sakerhetshandelse
from tests.conftest import delad, rollanvandare
from tests.dokumentation.conftest import registrera
from tests.factories import (
    AnvandareFactory,
    InsatsFactory,
    KatalogFactory,
    UtforareFactory,
    provkommun,
)
from uppfoljning import export, publicering
from uppfoljning.exportnycklar import nyckel_fran_header, skapa_nyckel
from uppfoljning.models import Exportnyckel

AR = datetime.date.today().year - 1
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "export" / "publicerat.schema.json"


@pytest.fixture(scope="module")
def _publicerat(moduldatabas):
    """Built once per module: publishing takes a second (tests/conftest.py)."""
    utforare = UtforareFactory(namn="Familjecentralen")
    personal = rollanvandare("personal")
    katalog = KatalogFactory()
    katalog.kommunen.kod = "1882"
    katalog.kommunen.save()
    insats = InsatsFactory(katalog=katalog, utforare=utforare, beslutad=True, form="individuell")
    for n in range(8):
        registrera(personal, insats, datum=datetime.date(AR, 3, 1 + n), kon="kvinna", alder=30)
    publicering.publicera_allt()
    return {"katalog": katalog}


@pytest.fixture
def publicerat(_publicerat, db):
    return delad(_publicerat)["katalog"]


def url(katalog, format="json"):
    return reverse("api_publicerat", args=[katalog.kommunen.slug, format])


def hamta(klient, adress, nyckel):
    return klient.get(adress, headers={"Authorization": f"Bearer {nyckel}"})


def test_the_key_reads_its_municipality_without_a_session(publicerat):
    post, nyckel = skapa_nyckel(kommun=publicerat.kommunen, konsument="Power BI", skapad_av=None)
    # Only the hash is stored; the key is long and random.
    assert post.hash == hashlib.sha256(nyckel.encode()).hexdigest() and len(nyckel) >= 43
    assert nyckel not in json.dumps(list(Exportnyckel.objects.values()), default=str)
    klient = Client()  # no session, no second factor
    svar = hamta(klient, url(publicerat), nyckel)
    assert svar.status_code == 200 and "sessionid" not in svar.cookies
    data = json.loads(svar.content)
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert data["kommunkod"] == "1882" and data["poster"]
    assert {p["kommunkod"] for p in data["poster"]} == {"1882"}
    # Only published, protected figures: the fields of the export, never a person.
    assert set(data["poster"][0]) == set(export.FALT)
    assert "Vary" in svar and "Authorization" in svar["Vary"]
    csv = hamta(klient, url(publicerat, "csv"), nyckel)
    assert csv.status_code == 200 and csv.content.startswith(b"kommunkod,kommun,")
    post.refresh_from_db()
    assert post.senast_anvand is not None


def test_last_use_is_written_at_most_once_a_minute(publicerat):
    post, nyckel = skapa_nyckel(kommun=publicerat.kommunen, konsument="Kolada", skapad_av=None)
    klient = Client()
    hamta(klient, url(publicerat), nyckel)
    post.refresh_from_db()
    forsta = post.senast_anvand
    hamta(klient, url(publicerat), nyckel)
    post.refresh_from_db()
    assert post.senast_anvand == forsta
    Exportnyckel.objects.filter(pk=post.pk).update(
        senast_anvand=timezone.now() - datetime.timedelta(minutes=2)
    )
    hamta(klient, url(publicerat), nyckel)
    post.refresh_from_db()
    assert post.senast_anvand > forsta


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Bearer fel-nyckel",
        "Bearer a b",
        "Token {nyckel}",
        "Bearer " + "x" * 5000,
    ],
)
def test_a_wrong_or_malformed_key_is_not_found(publicerat, header):
    _, nyckel = skapa_nyckel(kommun=publicerat.kommunen, konsument="Power BI", skapad_av=None)
    headers = {"Authorization": header.format(nyckel=nyckel)} if header is not None else {}
    for format in ("json", "csv"):
        assert Client().get(url(publicerat, format), headers=headers).status_code == 404


def test_a_revoked_key_is_not_found(publicerat):
    post, nyckel = skapa_nyckel(kommun=publicerat.kommunen, konsument="Power BI", skapad_av=None)
    assert hamta(Client(), url(publicerat), nyckel).status_code == 200
    call_command("aterkalla_exporttoken", kommun="Testköping", konsument="Power BI")
    assert hamta(Client(), url(publicerat), nyckel).status_code == 404
    post.refresh_from_db()
    assert post.aterkallad is not None


def test_another_municipalitys_key_is_not_found(publicerat):
    annan = KatalogFactory(kommun="Annanstad")
    _, nyckel = skapa_nyckel(kommun=annan.kommunen, konsument="Power BI", skapad_av=None)
    assert hamta(Client(), url(publicerat), nyckel).status_code == 404
    assert hamta(Client(), url(annan), nyckel).status_code == 200
    # A municipality that does not exist answers the same.
    adress = reverse("api_publicerat", args=["finns-inte", "json"])
    assert hamta(Client(), adress, nyckel).status_code == 404
    assert hamta(Client(), url(publicerat, "xlsx"), nyckel).status_code == 404


def test_a_signed_in_session_is_no_key(client, publicerat, verksamhetschef):
    client.force_login(verksamhetschef)
    assert client.get(url(publicerat)).status_code == 404
    # A password-only session is not sent to the second factor on this path, nor let in.
    overifierad = Client()
    overifierad.force_login(verksamhetschef)
    assert overifierad.get(url(publicerat)).status_code == 404
    # ... while every other page still asks for the second factor.
    assert overifierad.get(reverse("uppfoljning:index")).status_code == 302


def test_only_get(publicerat):
    _, nyckel = skapa_nyckel(kommun=publicerat.kommunen, konsument="Power BI", skapad_av=None)
    svar = Client(enforce_csrf_checks=True).post(
        url(publicerat), headers={"Authorization": f"Bearer {nyckel}"}
    )
    assert svar.status_code in (403, 405)


def test_nyckel_fran_header():
    assert nyckel_fran_header("Bearer abc") == "abc"
    assert nyckel_fran_header("bearer abc") == "abc"
    assert nyckel_fran_header("Bearer  abc ") == "abc"
    assert nyckel_fran_header("Bearer") is None
    assert nyckel_fran_header(None) is None


class TestKommandon:
    def test_create_prints_the_key_once_and_refuses_a_second(self, publicerat, capsys):
        call_command("skapa_exporttoken", kommun="Testköping", konsument="Power BI")
        ut = capsys.readouterr().out
        nyckel = ut.splitlines()[1]
        post = Exportnyckel.objects.get()
        assert post.hash == hashlib.sha256(nyckel.encode()).hexdigest()
        assert post.skapad_av is None and post.konsument == "Power BI"
        with pytest.raises(CommandError):
            call_command("skapa_exporttoken", kommun="testkoping", konsument="Power BI")
        assert Exportnyckel.objects.count() == 1
        with pytest.raises(CommandError):
            call_command("skapa_exporttoken", kommun="Finns inte", konsument="Power BI")
        # By SCB code too; another consumer gets its own key.
        call_command("skapa_exporttoken", kommun="1882", konsument="Kolada")
        assert Exportnyckel.objects.giltiga().count() == 2

    def test_revoke(self, publicerat):
        skapa_nyckel(kommun=publicerat.kommunen, konsument="Power BI", skapad_av=None)
        skapa_nyckel(kommun=publicerat.kommunen, konsument="Kolada", skapad_av=None)
        with pytest.raises(CommandError):
            call_command("aterkalla_exporttoken", kommun="Testköping", konsument="SCB")
        call_command("aterkalla_exporttoken", kommun="Testköping", alla=True)
        assert not Exportnyckel.objects.giltiga().exists()
        # Once revoked, the consumer can get a new key.
        skapa_nyckel(kommun=publicerat.kommunen, konsument="Power BI", skapad_av=None)


@pytest.mark.django_db
class TestSidan:
    sida = staticmethod(lambda: reverse("uppfoljning:exportnycklar"))

    def test_create_shows_the_key_once(self, client, publicerat, verksamhetschef):
        client.force_login(verksamhetschef)
        kommun = provkommun()
        data = {f"k{kommun.pk}-kommun": kommun.pk, f"k{kommun.pk}-konsument": "Power BI"}
        svar = client.post(self.sida(), data)
        assert svar.status_code == 200
        post = Exportnyckel.objects.get()
        assert post.skapad_av == verksamhetschef and post.kommun == kommun
        nyckel = svar.context["ny"][1]
        assert nyckel in svar.text and "visas bara den här gången" in svar.text
        assert "no-store" in svar["Cache-Control"]
        # Never again: not on the list.
        assert nyckel not in client.get(self.sida()).text
        assert hamta(Client(), url(publicerat), nyckel).status_code == 200
        # The same form posted again makes no second key, and says why next to the field.
        igen = client.post(self.sida(), data)
        assert igen.status_code == 200 and Exportnyckel.objects.count() == 1
        assert "redan en giltig nyckel" in igen.text and igen.context["ny"] is None

    def test_bad_input_is_refused_next_to_the_field(self, client, publicerat, verksamhetschef):
        client.force_login(verksamhetschef)
        kommun = provkommun()
        for namn in ("", "x" * 101, "Power\u202eBI"):
            svar = client.post(
                self.sida(), {f"k{kommun.pk}-kommun": kommun.pk, f"k{kommun.pk}-konsument": namn}
            )
            assert svar.status_code == 200 and "felsammanfattning" in svar.text
        assert not Exportnyckel.objects.exists()

    def test_revoke_is_idempotent(self, client, publicerat, verksamhetschef):
        post, _ = skapa_nyckel(kommun=publicerat.kommunen, konsument="Power BI", skapad_av=None)
        client.force_login(verksamhetschef)
        adress = reverse("uppfoljning:aterkalla_exportnyckel", args=[post.pk])
        assert client.post(adress).status_code == 302
        post.refresh_from_db()
        forst = post.aterkallad
        assert forst is not None
        assert client.post(adress).status_code == 302
        post.refresh_from_db()
        assert post.aterkallad == forst
        assert "Återkallad" in client.get(self.sida()).text

    @pytest.mark.parametrize(
        "roll", ["sekreterare", "enhetschef", "personal", "systemadministrator"]
    )
    def test_wrong_role(self, client, alla_roller, publicerat, roll):
        post, _ = skapa_nyckel(kommun=publicerat.kommunen, konsument="Power BI", skapad_av=None)
        client.force_login(alla_roller[roll])
        kommun = provkommun()
        assert client.get(self.sida()).status_code == 404
        svar = client.post(
            self.sida(), {f"k{kommun.pk}-kommun": kommun.pk, f"k{kommun.pk}-konsument": "X"}
        )
        assert svar.status_code == 404
        adress = reverse("uppfoljning:aterkalla_exportnyckel", args=[post.pk])
        assert client.post(adress).status_code == 404
        assert Exportnyckel.objects.giltiga().count() == 1

    def test_another_municipality(self, client, publicerat):
        post, _ = skapa_nyckel(
            kommun=publicerat.kommunen, konsument="Socialstyrelsen", skapad_av=None
        )
        KatalogFactory(kommun="Annanstad")
        annan = AnvandareFactory.med_roll(Roll.VERKSAMHETSCHEF, kommun=provkommun("Annanstad"))
        client.force_login(annan)
        sida = client.get(self.sida())
        assert sida.status_code == 200 and "Socialstyrelsen" not in sida.text
        adress = reverse("uppfoljning:aterkalla_exportnyckel", args=[post.pk])
        assert client.post(adress).status_code == 404
        kommun = provkommun()  # Testköping: not theirs
        svar = client.post(
            self.sida(), {f"k{kommun.pk}-kommun": kommun.pk, f"k{kommun.pk}-konsument": "X"}
        )
        assert svar.status_code == 404
        assert Exportnyckel.objects.count() == 1 and Exportnyckel.objects.giltiga().count() == 1

    def test_anonymous_is_sent_to_log_in(self, publicerat):
        svar = Client().get(self.sida())
        assert svar.status_code == 302 and "/logga-in/" in svar["Location"]


def test_creating_and_revoking_a_key_are_security_events(
    client, publicerat, verksamhetschef, caplog
):
    caplog.set_level("WARNING", logger="iub.sakerhet")
    post, nyckel = skapa_nyckel(
        kommun=publicerat.kommunen, konsument="Power BI", skapad_av=verksamhetschef
    )
    client.force_login(verksamhetschef)
    client.post(reverse("uppfoljning:aterkalla_exportnyckel", args=[post.pk]))
    client.post(reverse("uppfoljning:aterkalla_exportnyckel", args=[post.pk]))  # again: nothing
    handelser = [r.getMessage() for r in caplog.records if r.name == "iub.sakerhet"]
    assert len(handelser) == 2, handelser
    assert handelser[0].startswith("Exportnyckel skapad: Testköping")
    assert handelser[1].startswith("Exportnyckel återkallad: Testköping")
    assert all("Power BI" in h and verksamhetschef.username in h for h in handelser)
    assert not any(nyckel in h for h in handelser)
    # …and in the table the information-security officer reviews.
    rader = list(Sakerhetshandelse.objects.order_by("id").values_list("typ", "utford_av"))
    assert rader == [
        ("exportnyckel_skapad", verksamhetschef.pk),
        ("exportnyckel_aterkallad", verksamhetschef.pk),
    ]
    assert not Sakerhetshandelse.objects.filter(beskrivning__contains=nyckel).exists()
