"""Catalogues the team did not write the import for: files in format v1 as other
municipalities would write them (tests/insatser/katalogfiler/, described in its README), and
broken ones. Each valid file imports through the command, the secretary's upload and the
function, shows in the public catalogue and exports back to the same content, in v1 and v2.
Each broken one is refused whole, with Swedish messages that say where, and nothing is saved."""

import datetime
import json
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from insatser.katalogfil import importera_katalog
from insatser.katalogformat import exportera_katalog, som_json
from insatser.models import Insats, Katalog
from organisation.models import Roll
from tests.factories import AnvandareFactory, provkommun
from tests.insatser.test_katalogfil import databasens_innehall
from tests.tidskvot import basta_tid

FILER = Path(__file__).resolve().parent / "katalogfiler"
GILTIGA = sorted(p.name for p in FILER.glob("*.json"))

HUVUD_LISTOR = ("allmanna_villkor",)
INSATS_LISTOR = ("villkor_text", "villkor")
HUVUD = ("namnd", "beslutsdatum", "diarienummer", "galler_fran", "kalla")
INSATS = (
    "omrade",
    "innehall",
    "metod",
    "malgrupp",
    "omfattning",
    "max_tillfallen",
    "form",
    "utforare",
    "uppfoljning",
    "utan_vardnadshavares_samtycke_fran_15",
    "anmarkning",
)
VILLKOR = {
    "alder": ("min", "max"),
    "folkbokford": ("kommun",),
    "vardnadshavares_samtycke": ("under_alder", "antal"),
    "gemensam_begaran": (),
    "inskriven_skola": ("kommun", "skolform"),
    "intyg": ("vad",),
    "ovrigt": ("text",),
}


def fil(namn: str) -> bytes:
    return (FILER / namn).read_bytes()


def data(namn: str) -> dict:
    return json.loads(fil(namn))


def med_nycklarna_utskrivna(katalog: dict) -> dict:
    """The file as the export writes it (docs/katalog/README.md): every key present, null where
    the file left it out, lists empty; `avser` only where the file states it."""
    ut = {"kommun": katalog["kommun"], **{k: katalog.get(k) for k in HUVUD}}
    ut |= {k: katalog.get(k, []) for k in HUVUD_LISTOR}
    ut["insatser"] = []
    for insats in katalog["insatser"]:
        post = {"namn": insats["namn"], **{k: insats.get(k) for k in INSATS}}
        post["villkor_text"] = insats.get("villkor_text", [])
        post["dokumentation"] = {
            k: insats["dokumentation"].get(k) for k in ("regel", "motivering", "verksamhetssystem")
        }
        post["villkor"] = [
            {"typ": v["typ"], **{k: v.get(k) for k in VILLKOR[v["typ"]]}}
            | ({"avser": v["avser"]} if "avser" in v else {})
            for v in insats.get("villkor", [])
        ]
        ut["insatser"].append(post)
    return ut


def normaliserad(d) -> str:
    return json.dumps(d, sort_keys=True, ensure_ascii=False)


def sekreterare_i(kommun: str):
    return AnvandareFactory.med_roll(Roll.NAMNDSEKRETERARE, kommun=provkommun(kommun))


@pytest.mark.django_db
@pytest.mark.parametrize("namn", GILTIGA)
def test_valid_file_imports_and_round_trips(namn):
    resultat = importera_katalog(fil(namn), anvandare=None)
    vantat = med_nycklarna_utskrivna(data(namn))
    assert sorted(resultat.nya) == sorted(i["namn"] for i in vantat["insatser"])
    v1 = exportera_katalog(resultat.katalog, version=1)
    assert normaliserad(v1) == normaliserad(vantat)
    # Version 2 carries everything version 1 does, and imports back as no change.
    v2 = exportera_katalog(resultat.katalog, version=2)
    assert importera_katalog(som_json(v2), anvandare=None).oforandrad
    assert importera_katalog(som_json(v1), anvandare=None).oforandrad
    assert importera_katalog(fil(namn), anvandare=None).oforandrad
    assert normaliserad(exportera_katalog(resultat.katalog, version=1)) == normaliserad(vantat)


@pytest.mark.django_db
@pytest.mark.parametrize("namn", GILTIGA)
def test_valid_file_through_the_upload_and_the_public_catalogue(client, namn):
    katalog = data(namn)
    client.force_login(sekreterare_i(katalog["kommun"]))
    uppladdad = SimpleUploadedFile(namn, fil(namn), "application/json")
    svar = client.post(reverse("insatser:importera"), {"fil": uppladdad})
    assert svar.status_code == 200, svar.text
    assert "katalogen är importerad" in svar.text, svar.context.get("fel")
    slug = Katalog.objects.get().slug
    ut = client.get(reverse("insatser:exportera", args=[slug]), {"version": "1"})
    assert normaliserad(json.loads(ut.content)) == normaliserad(med_nycklarna_utskrivna(katalog))
    publik = client.get(reverse("publik:katalog", args=[slug]))
    assert publik.status_code == 200
    galler_fran = katalog.get("galler_fran") or katalog.get("beslutsdatum")
    framtida = galler_fran and datetime.date.fromisoformat(galler_fran) > datetime.date.today()
    for insats in Insats.objects.all():
        if framtida:
            assert insats.namn not in publik.text
        else:
            assert insats.namn in publik.text or insats.namn.replace('"', "&quot;") in publik.text
            sida = client.get(reverse("publik:insats", args=[slug, insats.pk]))
            assert sida.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("namn", GILTIGA)
def test_valid_file_through_the_command(tmp_path, capsys, namn):
    call_command("importera_katalog", str(FILER / namn))
    assert "katalogen är importerad" in capsys.readouterr().out
    ut = tmp_path / "ut.json"
    call_command("exportera_katalog", "--version", "1", "--output", str(ut))
    assert normaliserad(json.loads(ut.read_text(encoding="utf-8"))) == normaliserad(
        med_nycklarna_utskrivna(data(namn))
    )


@pytest.mark.django_db
@pytest.mark.parametrize("namn", GILTIGA)
def test_version_2_export_imports_as_a_new_catalogue_and_gives_the_same(namn):
    """Version 2 of each file, imported where nothing is yet (as another municipality's
    copy), exports to the same version 2 and the same version 1."""
    resultat = importera_katalog(fil(namn), anvandare=None)
    v2 = exportera_katalog(resultat.katalog, version=2)
    v1 = exportera_katalog(resultat.katalog, version=1)
    kopia = importera_katalog(som_json({**v2, "kommun": "Kopia"}), anvandare=None)
    assert exportera_katalog(kopia.katalog, version=2) == {**v2, "kommun": "Kopia"}
    v1_kopia = exportera_katalog(kopia.katalog, version=1)
    # Version 2 has no empty utförare (an empty text in version 1 is none in version 2).
    for insats in v1["insatser"]:
        insats["utforare"] = insats["utforare"] or None
    assert v1_kopia == {**v1, "kommun": "Kopia"}


# ---------------------------------------------------------------- broken files

TRASIGA: dict[str, list[tuple[str, str]]] = {
    # file: [(JSON path, part of the message)], every problem, in order
    "beslut-i-framtiden.json": [("$.beslutsdatum", "datum i framtiden")],
    "dubbla-namn.json": [
        ("$.insatser[3].namn", "finns redan som $.insatser[1]"),
        ("$.insatser[4].namn", "bara stora och små bokstäver eller mellanslag skiljer"),
    ],
    "dubbla-nycklar.json": [
        ("$.insatser[0]", "fältet 'namn' står flera gånger"),
        ("$.insatser[0].dokumentation", "fältet 'regel' står flera gånger"),
    ],
    "fel-datatyper.json": [
        ("$.allmanna_villkor", "ska vara lista"),
        ("$.insatser[0].max_tillfallen", "ska vara heltal eller null"),
        ("$.insatser[1].form", "otillåtet värde 3"),
        ("$.insatser[1].utan_vardnadshavares_samtycke_fran_15", "ska vara sant/falskt"),
        ("$.insatser[2].villkor", "ska vara lista"),
    ],
    "for-stora-tal.json": [
        ("$.insatser[1].max_tillfallen", "talet är för stort (högst 32767)"),
        ("$.galler_fran", "ange ett datum mellan 2000-01-01 och 2100-12-31"),
    ],
    "inte-en-katalog.json": [("$", "inte giltig JSON (rad 1, kolumn 1): här väntades ett värde")],
    "latin1.json": [("$", "inte kodad som UTF-8 (tecknet 0xF6 på rad 2")],
    "lista.json": [("$", "fel datatyp, ska vara objekt")],
    "namn-utan-bokstaver.json": [
        ("$.kommun", "måste innehålla bokstäver"),
        ("$.insatser[0].namn", "måste innehålla bokstäver"),
    ],
    "okanda-falt.json": [
        ("$.insatser[0]", "okänt fält: 'kanaler'"),
        ("$.insatser[1].dokumentation", "okänt fält: 'system'"),
        ("$.insatser[2].villkor[0]", "okänd villkorstyp 'kon'"),
    ],
    "personnummer-i-fritext.json": [
        ("$.insatser[0].innehall", "personnummer"),
        ("$.insatser[1].villkor[1].text", "personnummer"),
    ],
    "saknade-falt.json": [
        ("$.insatser[0]", "obligatoriskt fält saknas: 'dokumentation'"),
        ("$.insatser[1].dokumentation", "obligatoriskt fält saknas: 'regel'"),
        ("$.insatser[2].villkor[0]", "obligatoriskt fält saknas: 'vad'"),
    ],
    "trasig-json.json": [("$", "(rad 1, kolumn 82): här väntades ett fältnamn")],
    "undantagna-insatser.json": [
        ("$.insatser[0].namn", "kontaktperson, kontaktfamilj och kvalificerad kontaktperson"),
        ("$.insatser[2].namn", "ekonomiskt bistånd"),
        ("$.insatser[3].namn", "bara till vuxna från 21 år utan medföljande barn"),
    ],
    "version-2-med-v1-innehall.json": [("$.insatser[0].utforare", "ska vara objekt eller null")],
    "version-99.json": [("$.version", "okänd formatversion")],
}


def test_every_broken_file_has_its_expectation():
    assert sorted(TRASIGA) == sorted(p.name for p in (FILER / "trasiga").glob("*.json"))


def stammer(fel: list[str], namn: str) -> None:
    assert [f.split(": ")[0] for f in fel] == [stig for stig, _ in TRASIGA[namn]], fel
    for f, (_, bit) in zip(fel, TRASIGA[namn], strict=True):
        assert bit in f, f


@pytest.mark.django_db
@pytest.mark.parametrize("namn", sorted(TRASIGA))
def test_broken_file_is_refused_whole_where_it_is_wrong(namn):
    from insatser.katalogkontroll import OgiltigKatalogfil

    importera_katalog(fil("dorotea.json"), anvandare=None)
    fore = databasens_innehall()
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog((FILER / "trasiga" / namn).read_bytes(), anvandare=None)
    stammer(fel.value.fel, namn)
    assert databasens_innehall() == fore


@pytest.mark.django_db
@pytest.mark.parametrize("namn", sorted(TRASIGA))
def test_broken_file_through_the_upload_and_the_command(client, capsys, namn):
    from django.core.management.base import CommandError

    client.force_login(sekreterare_i("Lund"))
    uppladdad = SimpleUploadedFile(namn, (FILER / "trasiga" / namn).read_bytes())
    svar = client.post(reverse("insatser:importera"), {"fil": uppladdad})
    assert svar.status_code == 200
    stammer(svar.context["fel"], namn)
    assert "Ingenting i katalogen har ändrats" in svar.text
    # The path as code, the message as text.
    assert f"<li><code>{TRASIGA[namn][0][0]}</code>: " in svar.text
    with pytest.raises(CommandError, match="Inget har ändrats"):
        call_command("importera_katalog", str(FILER / "trasiga" / namn))
    stammer(capsys.readouterr().err.splitlines(), namn)
    assert not Insats.objects.exists()


# ---------------------------------------------------------------- edges of the format


def dorotea_med(**andringar) -> dict:
    katalog = data("dorotea.json")
    katalog["insatser"][0] |= andringar
    return katalog


@pytest.mark.django_db
@pytest.mark.parametrize(
    "innehall",
    [
        "\ufeff" + json.dumps(data("dorotea.json")),  # a text with a byte order mark
        json.dumps(data("dorotea.json"), ensure_ascii=False).encode("utf-16"),
        json.dumps(data("dorotea.json"), ensure_ascii=False).encode("utf-8-sig"),
    ],
    ids=["text-med-bom", "utf-16", "utf-8-bom"],
)
def test_encodings_json_allows_import(innehall):
    resultat = importera_katalog(innehall, anvandare=None)
    assert resultat.nya == ["Rådgivning", "Öppen träffpunkt"]


@pytest.mark.django_db
def test_an_integer_written_as_a_decimal_is_an_integer():
    """JSON Schema counts 4.0 as an integer; the register stores and exports 4."""
    katalog = dorotea_med(max_tillfallen=4.0)
    resultat = importera_katalog(json.dumps(katalog), anvandare=None)
    assert Insats.objects.get(namn="Rådgivning").max_tillfallen == 4
    assert exportera_katalog(resultat.katalog, version=1)["insatser"][0]["max_tillfallen"] == 4
    assert importera_katalog(json.dumps(katalog), anvandare=None).oforandrad


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("andring", "vantat"),
    [
        (
            {"max_tillfallen": 32768},
            "$.insatser[0].max_tillfallen: talet är för stort (högst 32767).",
        ),
        ({"max_tillfallen": 1e6}, "$.insatser[0].max_tillfallen: talet är för stort"),
        (
            {"villkor": [{"typ": "ovrigt", "text": "x"}] * 32768},
            "$.insatser[0].villkor: för många villkor (32768, högst 32767).",
        ),
        (
            {"villkor": ["alder"]},
            "$.insatser[0].villkor[0]: fel datatyp, ska vara objekt (ett villkor med sin typ).",
        ),
    ],
    ids=["smallint", "flyttal", "villkor", "villkor-som-text"],
)
def test_what_the_database_cannot_hold_is_refused_at_its_path(andring, vantat):
    from insatser.katalogkontroll import OgiltigKatalogfil

    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(json.dumps(dorotea_med(**andring)), anvandare=None)
    assert fel.value.fel[0].startswith(vantat)
    assert not Katalog.objects.exists()


@pytest.mark.django_db
def test_a_file_with_more_villkor_than_any_catalogue_is_refused_before_it_is_read_through():
    """Tens of thousands of villkor, each insats under its own limit: refused at once (the
    schema would take seconds over them), without a word about each."""
    from insatser.katalogkontroll import HOGST_VILLKOR_I_FILEN, OgiltigKatalogfil

    katalog = dorotea_med(villkor=[{"typ": "ovrigt", "text": "x"}] * 5001)
    katalog["insatser"] = [{**katalog["insatser"][0], "namn": f"Insats {n}"} for n in range(2)]
    text = json.dumps(katalog)

    def nekas() -> None:
        with pytest.raises(OgiltigKatalogfil) as fel:
            importera_katalog(text, anvandare=None)
        nekad.append(fel.value)

    # Not a timed test but a ratio in the same run: refusing the file costs some ten times
    # reading its JSON (the schema over it took 6 000 times that), each the best of three.
    nekad: list[OgiltigKatalogfil] = []
    # Both in this process: their processor time, which other processes do not lengthen.
    cpu = time.process_time
    assert basta_tid(nekas, klocka=cpu) < 100 * basta_tid(lambda: json.loads(text), klocka=cpu)
    fel = nekad[0]
    assert fel.fel == [
        f"$.insatser: för många villkor i filen (10002, högst {HOGST_VILLKOR_I_FILEN})."
    ]


@pytest.mark.django_db
def test_a_file_of_more_insatser_than_any_catalogue_is_refused_at_once():
    """150,000 empty insatser fit in 600 kB: checked one by one they took 15 s and gave
    300,000 messages for the page."""
    from insatser.katalogkontroll import HOGST_INSATSER_I_FILEN, OgiltigKatalogfil

    fil = json.dumps({**data("dorotea.json"), "insatser": [{}] * 150_000})
    nekad: list[OgiltigKatalogfil] = []

    def nekas() -> None:
        with pytest.raises(OgiltigKatalogfil) as fel:
            importera_katalog(fil, anvandare=None)
        nekad.append(fel.value)

    # As for the villkor: a ratio to reading the file's JSON in the same run, not a timing.
    cpu = time.process_time
    assert basta_tid(nekas, klocka=cpu) < 100 * basta_tid(lambda: json.loads(fil), klocka=cpu)
    assert nekad[0].fel == [
        f"$.insatser: för många insatser i filen (150000, högst {HOGST_INSATSER_I_FILEN})."
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("innehall", "vantat"),
    [
        (b"", "$: filen är tom."),
        (b"\xef\xbb\xbf \n", "$: filen är tom."),
        (b"PK\x03\x04\x14\x00", "$: filen är ett zip-arkiv"),
        (b"%PDF-1.7\n", "$: filen är en PDF"),
        (b'{"kommun": "A",\n "insatser": [],}', "$: filen är inte giltig JSON (rad 2, kolumn 17)"),
        (b'{"kommun": "A\nB", "insatser": []}', "radbrytning eller ett annat styrtecken"),
        (b'{"kommun": "A" "insatser": []}', "här väntades ett kommatecken"),
        (b'{"kommun": "A", "insatser": []} {}', "filen fortsätter efter katalogens slut"),
        ('{"kommun": "Höör"}'.encode("cp1252"), "inte kodad som UTF-8 (tecknet 0xF6 på rad 1"),
    ],
    ids=["tom", "bara-bom", "zip", "pdf", "komma", "radbrytning", "saknat-komma", "mer", "cp1252"],
)
def test_a_file_that_is_not_json_says_why_and_where(innehall, vantat):
    from insatser.katalogkontroll import OgiltigKatalogfil

    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(innehall, anvandare=None)
    assert fel.value.fel[0].startswith(vantat) or vantat in fel.value.fel[0], fel.value.fel


@pytest.mark.django_db
def test_municipalities_differing_in_an_accent_are_two():
    """Håbo and Habo are two municipalities: both import, each at its own address. A name
    differing only in case or spaces is the same municipality misspelt, and refused."""
    from insatser.katalogkontroll import OgiltigKatalogfil

    provkommun("Habo")  # added by the systemadministratör before its catalogue
    habo = importera_katalog(json.dumps({**data("dorotea.json"), "kommun": "Habo"}), anvandare=None)
    habo_ = importera_katalog(
        json.dumps({**data("dorotea.json"), "kommun": "Håbo"}), anvandare=None
    )
    assert habo.katalog.slug != habo_.katalog.slug
    assert habo.katalog.kommunen.slug != habo_.katalog.kommunen.slug
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(json.dumps({**data("dorotea.json"), "kommun": "HÅBO "}), anvandare=None)
    assert fel.value.fel == [
        "$.kommun: ”HÅBO ” skiljer sig bara i stora och små bokstäver, mellanslag eller "
        "skiljetecken från katalogen för ”Håbo”. Skriv kommunens namn som där."
    ]


@pytest.mark.django_db
def test_an_excluded_kind_proposed_from_words_says_how_to_state_another():
    from insatser.katalogkontroll import OgiltigKatalogfil

    # A group that meets in a house the municipality calls Familjehemmet: the word leads the
    # name, and the import cannot tell it from vård i familjehem.
    katalog = dorotea_med(namn="Familjehemmet")
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(json.dumps(katalog), anvandare=None)
    assert fel.value.fel[0].startswith("$.insatser[0].namn: ")
    assert "11 kap. 5 §" in fel.value.fel[0]
    assert "ordet ”familjehemmet” i namnet tyder på vård i familjehem" in fel.value.fel[0]
    assert '"version": 2 överst i filen' in fel.value.fel[0]
    assert '"slag": "gruppverksamhet" i insatsen' in fel.value.fel[0]
    assert '"kontaktperson"' not in fel.value.fel[0]
    # In version 2 the nämnd states the kind, and the words decide nothing.
    v2 = {"version": 2, **katalog}
    v2["insatser"][0]["slag"] = "gruppverksamhet"
    importera_katalog(json.dumps(v2), anvandare=None)
    assert Insats.objects.get(namn="Familjehemmet").slag == "gruppverksamhet"


@pytest.mark.django_db
def test_a_group_for_foster_parents_is_not_foster_care():
    """Words for an excluded kind that say for whom the insats is are not the insats
    (tests/insatser/test_insatsnamn.py runs the whole corpus)."""
    katalog = dorotea_med(namn="Stödgrupp för familjehemsföräldrar")
    importera_katalog(json.dumps(katalog), anvandare=None)
    assert Insats.objects.get(namn="Stödgrupp för familjehemsföräldrar").slag not in (
        "familjehem",
        "kontaktperson",
    )


@pytest.mark.django_db
def test_the_words_in_the_method_are_named_where_they_stand():
    from insatser.katalogkontroll import OgiltigKatalogfil

    katalog = dorotea_med(namn="Stöd till barn", metod="Kontaktfamilj")
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(json.dumps(katalog), anvandare=None)
    assert "ordet ”kontaktfamilj” i metoden tyder på kontaktperson" in fel.value.fel[0]


@pytest.mark.django_db
def test_a_large_catalogue_imports_and_a_too_large_upload_is_refused_at_the_field(client):
    katalog = data("uppsala.json")
    katalog["insatser"] = [
        {**katalog["insatser"][nr % 64], "namn": f"Insats {nr}"} for nr in range(1000)
    ]
    assert len(importera_katalog(json.dumps(katalog), anvandare=None).nya) == 1000
    client.force_login(sekreterare_i("Uppsala"))
    stor = SimpleUploadedFile("stor.json", b" " * (2 * 1024 * 1024 + 1) + b"{}")
    svar = client.post(reverse("insatser:importera"), {"fil": stor})
    assert svar.status_code == 200
    assert "Filen är för stor" in svar.context["form"].errors["fil"][0]


@pytest.mark.django_db
def test_a_catalogue_decided_for_a_later_day_reads_as_decided_on_that_day(client):
    """Umeå decided in November what applies from 1 January: nothing is public before, and
    the catalogue as decided on that day is the file."""
    resultat = importera_katalog(fil("umea.json"), anvandare=None)
    assert not Insats.objects.publicerade().exists()
    dagen = datetime.date(2027, 1, 1)
    som_beslutad = exportera_katalog(resultat.katalog, version=1, datum=dagen)
    assert normaliserad(som_beslutad) == normaliserad(med_nycklarna_utskrivna(data("umea.json")))
    assert (
        exportera_katalog(resultat.katalog, version=1, datum=dagen - datetime.timedelta(1))[
            "insatser"
        ]
        == []
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kommun", "heter"),
    [
        ("Dorotea", "Dorotea kommun"),
        ("Göteborgs Stad", "Göteborgs Stad"),
        ("Region Gotland", "Region Gotland"),
        ("Falu kommun", "Falu kommun"),
        ("Malmö stad", "Malmö stad"),
        # A bare place name in the genitive, as Swedish writes it.
        ("Östersund", "Östersunds kommun"),
        ("Lilla Edet", "Lilla Edets kommun"),
        ("Alingsås", "Alingsås kommun"),
        ("Falun", "Falu kommun"),
        ("Kalmar", "Kalmar kommun"),
    ],
)
def test_a_municipality_that_names_its_body_is_not_called_kommun_twice(client, kommun, heter):
    """Pages and the front sheet write a bare place name with "kommun" after it, and a name
    that already says what body it is (Stad, Region, kommun) as the municipality writes it."""
    katalog = dorotea_med(villkor=[{"typ": "folkbokford", "kommun": kommun}])
    katalog["kommun"] = kommun
    client.force_login(sekreterare_i(kommun))
    uppladdad = SimpleUploadedFile("k.json", json.dumps(katalog).encode(), "application/json")
    svar = client.post(reverse("insatser:importera"), {"fil": uppladdad})
    assert f"<h1>{heter}: katalogen är importerad</h1>" in svar.text
    katalogen = Katalog.objects.get()
    assert str(katalogen) == str(katalogen.kommunen) == heter
    assert Insats.objects.get(namn="Rådgivning").villkor.get().klartext() == (
        f"Du ska vara folkbokförd i {heter}."
    )
    assert f"{heter} kommun" not in svar.text


@pytest.mark.django_db
def test_the_size_limit_of_the_upload_holds_for_the_command_and_the_import(tmp_path):
    from django.core.management.base import CommandError

    from insatser.katalogkontroll import KATALOGFIL_HOGST, OgiltigKatalogfil

    jamnt = fil("dorotea.json")
    jamnt += b" " * (KATALOGFIL_HOGST - len(jamnt))
    stor = jamnt + b" "
    (tmp_path / "stor.json").write_bytes(stor)
    with pytest.raises(CommandError, match=r"Filen är för stor \(2048 kB\).*högst 2 MB"):
        call_command("importera_katalog", str(tmp_path / "stor.json"))
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(stor, anvandare=None)
    assert fel.value.fel == ["$: Filen är för stor (2048 kB). En katalogfil får vara högst 2 MB."]
    with pytest.raises(OgiltigKatalogfil):
        importera_katalog(stor.decode(), anvandare=None)
    assert not Insats.objects.exists()
    # Up to the limit, it imports.
    (tmp_path / "jamnt.json").write_bytes(jamnt)
    call_command("importera_katalog", str(tmp_path / "jamnt.json"))
    assert Insats.objects.count() == 2


@pytest.mark.django_db
def test_a_file_with_thousands_of_errors_lists_the_first_hundred(client):
    """The page lists the first 100 errors and says how many more; nothing is imported."""
    from insatser.views.katalog import VISA_FEL

    client.force_login(sekreterare_i("Lund"))
    trasig = json.dumps({**data("dorotea.json"), "insatser": [{"namn": 1}] * 900}).encode()
    svar = client.post(reverse("insatser:importera"), {"fil": SimpleUploadedFile("t.json", trasig)})
    assert svar.status_code == 200
    antal = len(svar.context["fel"])
    assert antal > 1000
    assert svar.text.count("<li><code>") == VISA_FEL
    assert f"de första {VISA_FEL} felen, och {antal - VISA_FEL} till" in svar.text
    assert f"Fel i filen ({antal})" in svar.text
    assert not Insats.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("storlek", [2 * 1024 * 1024 + 1, 6 * 1024 * 1024])
def test_an_oversize_upload_is_refused_while_it_streams(client, monkeypatch, storlek):
    """Beyond 2 MB the upload is thrown away as it comes (nothing to a temporary file on
    disk, also beyond FILE_UPLOAD_MAX_MEMORY_SIZE) and the field says why; nothing saved."""
    from django.core.files import uploadedfile

    def pa_disk(*args, **kwargs):
        raise AssertionError("written to disk")

    monkeypatch.setattr(uploadedfile.TemporaryUploadedFile, "__init__", pa_disk)
    client.force_login(sekreterare_i("Lund"))
    stor = SimpleUploadedFile("stor.json", b" " * storlek, "application/json")
    svar = client.post(reverse("insatser:importera"), {"fil": stor})
    assert svar.status_code == 200
    assert svar.context["form"].errors["fil"] == [
        f"Filen är för stor ({storlek // 1024} kB). En fil får vara högst 2 MB."
    ]
    assert '<ul class="errorlist" id="id_fil_error"><li>Filen är för stor' in svar.text
    assert not Insats.objects.exists()


@pytest.mark.django_db
def test_up_to_the_limit_the_upload_imports_from_memory(client, monkeypatch):
    from django.core.files import uploadedfile

    from insatser.katalogkontroll import KATALOGFIL_HOGST

    monkeypatch.setattr(uploadedfile.TemporaryUploadedFile, "__init__", None)
    namn = "dorotea.json"
    jamnt = fil(namn)
    jamnt += b" " * (KATALOGFIL_HOGST - len(jamnt))
    client.force_login(sekreterare_i(data(namn)["kommun"]))
    svar = client.post(reverse("insatser:importera"), {"fil": SimpleUploadedFile(namn, jamnt)})
    assert "katalogen är importerad" in svar.text, svar.context.get("fel")
