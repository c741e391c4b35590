"""Bad input never gives a 500 or a traceback: each cause the security review found answers
with a clear Swedish message and changes nothing."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from insatser.katalogfil import importera_katalog
from insatser.katalogkontroll import OgiltigKatalogfil
from insatser.models import Insats, Katalog
from tests.dokumentation.conftest import katalog, radgivning  # noqa: F401
from tests.factories import InsatsFactory, KatalogFactory

DEMO = "insatser/demo/sjobacka.json"


def demo(andra=None):
    with open(DEMO, encoding="utf-8") as f:
        data = json.load(f)
    if andra:
        andra(data)
    return json.dumps(data, ensure_ascii=False)


TRASIGA = {
    "djup": "[" * 100_000 + "]" * 100_000,
    "stort_tal": demo().replace('"max_tillfallen": 4', '"max_tillfallen": ' + "9" * 4_400, 1),
    "surrogat": demo().replace('"namn": "', '"namn": "\\ud800', 1),
    "surrogat_nyckel": demo().replace('"kommun"', '"\\udc00": 1, "kommun"', 1),
    "nul": demo(lambda d: d.update(allmanna_villkor=["a\x00b"])),
    "kommun_mellanslag": demo(lambda d: d.update(kommun=d["kommun"] + " ")),
    "kommun_gemener": demo(lambda d: d.update(kommun=d["kommun"].lower())),
    # Only case, spaces or punctuation: the same municipality misspelt. (A letter of its own,
    # as Håbo and Habo, is another municipality: tests/insatser/test_katalogfiler.py.)
    "kommun_skiljetecken": demo(lambda d: d.update(kommun=d["kommun"].replace("ö", "ö-"))),
    "inte_json": "\xff\xfe garbage",
    "tom": "",
    "lista": "[]",
}


@pytest.mark.django_db
@pytest.mark.parametrize("fall", sorted(TRASIGA))
def test_the_import_command_refuses_a_broken_file_without_a_traceback(fall, tmp_path, capsys):
    importera_katalog(demo(), anvandare=None)
    fore = (Katalog.objects.count(), Insats.objects.count())
    fil = tmp_path / "katalog.json"
    fil.write_bytes(TRASIGA[fall].encode("utf-8", "surrogatepass"))
    with pytest.raises(CommandError, match="Inget har ändrats"):
        call_command("importera_katalog", str(fil))
    assert capsys.readouterr().err.startswith("$")
    assert (Katalog.objects.count(), Insats.objects.count()) == fore


@pytest.mark.django_db
def test_a_missing_file_or_a_folder(tmp_path):
    for sokvag in (tmp_path / "saknas.json", tmp_path):
        with pytest.raises(CommandError, match="Kan inte läsa"):
            call_command("importera_katalog", str(sokvag))


@pytest.mark.django_db
@pytest.mark.parametrize("namn", ["x" * 300, "a\x00b", "x" * 151])
def test_login_with_a_hostile_username(client, namn):
    from axes.models import AccessAttempt

    svar = client.post(reverse("login"), {"username": namn, "password": "p"})
    assert svar.status_code == 200 and "Användarnamnet eller lösenordet är fel" in svar.text
    assert not AccessAttempt.objects.exists()  # nothing tried, nothing stored


@pytest.mark.django_db
def test_a_duplicate_insats_name_on_the_new_and_the_change_form(client, sekreterare):
    katalog = KatalogFactory()
    InsatsFactory(katalog=katalog, namn="Finns")
    annan = InsatsFactory(katalog=katalog, namn="Annan")
    client.force_login(sekreterare)
    falt = {
        "namn": "Finns",
        "slag": "stodsamtal",
        "innehall": "Samtal.",
        "malgrupp": "Vuxna.",
        "dokumentationsregel": "14:4",
        "dokumentation_motivering": "Rådgivning.",
        "villkor-TOTAL_FORMS": "0",
        "villkor-INITIAL_FORMS": "0",
        "villkor-MIN_NUM_FORMS": "0",
        "villkor-MAX_NUM_FORMS": "1000",
    }
    svar = client.post(reverse("insatser:ny", args=[katalog.slug]), falt)
    assert "Det finns redan en insats med det namnet" in svar.context["form"].errors["namn"][0]
    svar = client.post(
        reverse("insatser:andra", args=[annan.pk]), {**falt, "version": annan.version}
    )
    assert svar.status_code == 200
    assert "Det finns redan en insats med det namnet" in svar.text
    assert Insats.objects.filter(namn="Finns").count() == 1


@pytest.mark.django_db
def test_direction_controls_and_dates_outside_the_register_years(client, personal, radgivning):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dokumentation.deltagande.forms import AvslutaForm
    from insatser.forms import ImportForm, UpphorForm
    from tests.dokumentation.conftest import registrera

    form = AvslutaForm(
        {"slutdatum": "1999-12-31", "avbrott": "ja", "avbrottsorsak": "annat",
         "avbrott_text": "Flyttade \u202eannan kommun\u202c"},
        identifierad=False,
    )  # fmt: skip
    assert not form.is_valid()
    assert "vänder textens riktning" in form.errors["avbrott_text"][0]
    assert "framtiden" not in str(form.errors["slutdatum"])
    katalog = radgivning.katalog
    upphor = UpphorForm({"sista_dag": "0001-01-01"}, katalog=katalog)
    assert "mellan 2000-01-01 och 2100-12-31" in upphor.errors["sista_dag"][0]
    upphor = UpphorForm({"sista_dag": "9999-12-31"}, katalog=katalog)
    assert "mellan 2000-01-01 och 2100-12-31" in upphor.errors["sista_dag"][0]
    stor = SimpleUploadedFile("k.json", b" " * (2 * 1024 * 1024 + 1))
    assert "Filen är för stor" in ImportForm({}, {"fil": stor}).errors["fil"][0]
    text = demo(lambda d: d["insatser"][0].update(namn="ABC\u2066 grupp\u2069"))
    with pytest.raises(OgiltigKatalogfil, match="vänder textens riktning"):
        importera_katalog(text, anvandare=None)
    assert registrera(personal, radgivning).deltagande  # the ordinary path still works


@pytest.mark.django_db
def test_a_nul_in_the_catalogues_general_villkor_is_told(client, sekreterare):
    katalog = KatalogFactory()
    client.force_login(sekreterare)
    svar = client.post(
        reverse("insatser:installningar", args=[katalog.slug]),
        {"allmanna_villkor": "Folkbokförd\na\x00b", "namnd": "Nämnden"},
    )
    assert svar.status_code == 200
    assert "Null-tecken" in svar.context["form"].errors["allmanna_villkor"][0]
    katalog.refresh_from_db()
    assert "\x00" not in "".join(katalog.allmanna_villkor or [])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "namn",
    [
        "Föräldra\u200bstöd",  # zero-width space
        "Föräldra\u00adstöd",  # soft hyphen
        "Föräldra\u2060stöd",  # word joiner
        "F\u0430miljestöd",  # a Cyrillic а
        "Stöd för \u03bfrosamma",  # a Greek ο
    ],
)
def test_invisible_and_look_alike_letters_in_names_and_villkor(radgivning, namn):
    """A name that looks like another but is not: two insatser a resident cannot tell apart,
    a villkor that reads one way and is stored another. The catalogue file, the insats form
    (also its lines of villkor) and a villkor refuse it."""
    from insatser.forms import InsatsForm, VillkorForm

    text = demo(lambda d: d["insatser"][0].update(namn=namn))
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(text, anvandare=None)
    assert any(f.startswith("$.insatser[0].namn: ") for f in fel.value.fel), fel.value.fel
    text = demo(lambda d: d["insatser"][0]["villkor"].append({"typ": "ovrigt", "text": namn}))
    with pytest.raises(OgiltigKatalogfil, match=r"\$\.insatser\[0\]\.villkor\[\d+\]\.text: "):
        importera_katalog(text, anvandare=None)
    form = InsatsForm({"namn": namn, "villkor_text": f"Bor i kommunen\n{namn}"})
    form.is_valid()
    assert [e.code for e in form.errors.as_data()["namn"]] == ["osynliga_tecken"]
    assert [e.code for e in form.errors.as_data()["villkor_text"]] == ["osynliga_tecken"]
    villkor = VillkorForm({"typ": "ovrigt", "text": namn})
    assert not villkor.is_valid() and "text" in villkor.errors


@pytest.mark.parametrize(
    "text",
    ["Yıldız Öztürk", "Σωκράτης", "Пушкин и Толстой", "β-blockerare", "Ça va, Zoë", "5 µg"],
)
def test_words_of_other_scripts_pass(text):
    from organisation.indata import osynliga_eller_liknande

    assert osynliga_eller_liknande(text) is None


@pytest.mark.django_db
def test_a_broken_name_is_shown_without_a_500(client, sekreterare):
    """The name of the insats a problem is in is repeated on the page: a lone surrogate in it
    could not be encoded (a 500, and a traceback from the command)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(sekreterare)
    fil = SimpleUploadedFile("k.json", TRASIGA["surrogat"].encode("utf-8"))
    svar = client.post(reverse("insatser:importera"), {"fil": fil})
    assert svar.status_code == 200
    assert "ensamt surrogattecken" in svar.text and "har inte importerats" in svar.text
