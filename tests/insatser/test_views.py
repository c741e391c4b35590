"""The nämndsekreterare's screens: every view as the right role, the other roles and anonymous;
forms refuse bad input next to the field and save nothing half."""

import datetime
import json

import pytest
from django.urls import reverse

from insatser.models import Beslut, Insats, Katalog, Villkor
from organisation.models import Roll
from tests.factories import (
    AnvandareFactory,
    BeslutFactory,
    InsatsFactory,
    KatalogFactory,
    VillkorFactory,
    provkommun,
)
from tests.insatser.test_katalogfil import delad


@pytest.fixture
def katalog(db):
    return KatalogFactory(kommun="Testköping")


@pytest.fixture
def beslutad(katalog):
    insats = InsatsFactory(katalog=katalog, beslutad=True, namn="Föräldragrupp")
    VillkorFactory(insats=insats)
    return insats


@pytest.fixture
def utkast(katalog):
    return InsatsFactory(katalog=katalog, namn="Nytt utkast")


def sekreterarsidor(katalog, beslutad, utkast):
    return [
        reverse("insatser:index"),
        reverse("insatser:importera"),
        reverse("insatser:lista", args=[katalog.slug]),
        reverse("insatser:ny", args=[katalog.slug]),
        reverse("insatser:beslut_lista", args=[katalog.slug]),
        reverse("insatser:per_datum", args=[katalog.slug]),
        reverse("insatser:jamfor_beslut", args=[katalog.slug]),
        reverse("insatser:installningar", args=[katalog.slug]),
        reverse("insatser:exportera", args=[katalog.slug]),
        reverse("insatser:insats", args=[beslutad.pk]),
        reverse("insatser:andra", args=[beslutad.pk]),
        reverse("insatser:andra", args=[utkast.pk]),
        reverse("insatser:upphor", args=[beslutad.pk]),
        reverse("insatser:beslut", args=[beslutad.beslut.pk]),
    ]


@pytest.mark.django_db
class TestRollmatris:
    def test_secretary_opens_every_page(self, client, sekreterare, katalog, beslutad, utkast):
        client.force_login(sekreterare)
        for url in sekreterarsidor(katalog, beslutad, utkast):
            svar = client.get(url)
            assert svar.status_code in (200, 302), url
            if svar.status_code == 302:  # the index goes straight to the only catalogue
                assert url == reverse("insatser:index")

    @pytest.mark.parametrize(
        "roll",
        ["personal", "personal_annan", "enhetschef", "verksamhetschef", "systemadministrator"],
    )
    def test_other_roles_get_404(self, client, alla_roller, roll, katalog, beslutad, utkast):
        client.force_login(alla_roller[roll])
        for url in sekreterarsidor(katalog, beslutad, utkast):
            assert client.get(url).status_code == 404, url
        svar = client.post(reverse("insatser:ta_bort", args=[utkast.pk]))
        assert svar.status_code == 404
        assert Insats.objects.filter(pk=utkast.pk).exists()

    def test_anonymous_is_sent_to_login(self, client, katalog, beslutad, utkast):
        for url in sekreterarsidor(katalog, beslutad, utkast):
            svar = client.get(url)
            assert svar.status_code == 302
            assert svar["Location"].startswith(reverse("login"))

    def test_unknown_ids_are_404_like_forbidden(self, client, sekreterare, katalog):
        client.force_login(sekreterare)
        for url in [
            reverse("insatser:insats", args=[9999]),
            reverse("insatser:lista", args=["finns-inte"]),
            reverse("insatser:beslut", args=[9999]),
        ]:
            assert client.get(url).status_code == 404


@pytest.mark.django_db
class TestLista:
    def test_filters(self, client, sekreterare, katalog, beslutad, utkast, utforare):
        InsatsFactory(
            katalog=katalog,
            namn="Träffpunkt",
            omrade="Mötesplatser",
            dokumentationsregel="14:5",
            utforare=utforare,
            beslutad=True,
        )
        client.force_login(sekreterare)
        url = reverse("insatser:lista", args=[katalog.slug])

        def namn(**parametrar):
            return [i.namn for i in client.get(url, parametrar).context["insatser"]]

        assert namn() == ["Föräldragrupp", "Nytt utkast", "Träffpunkt"]
        assert namn(omrade="Mötesplatser") == ["Träffpunkt"]
        assert namn(regel="14:5") == ["Träffpunkt"]
        assert namn(utforare=utforare.pk) == ["Träffpunkt"]
        assert namn(status="utkast") == ["Nytt utkast"]
        # A tampered filter is ignored, never an error page.
        assert client.get(url, {"utforare": "x';--", "status": "hemlig"}).status_code == 200

    def test_query_count_does_not_grow_with_the_catalogue(
        self, client, sekreterare, katalog, django_assert_max_num_queries
    ):
        client.force_login(sekreterare)
        url = reverse("insatser:lista", args=[katalog.slug])
        InsatsFactory.create_batch(3, katalog=katalog)
        # Session, user, roles and the second factor's device, then the page itself.
        with django_assert_max_num_queries(12) as fa:
            client.get(url)
        InsatsFactory.create_batch(30, katalog=katalog)
        with django_assert_max_num_queries(len(fa.captured_queries)):
            client.get(url)

    def test_missing_sarskilda_skal_is_flagged(self, client):
        importera = pytest.importorskip("insatser.katalogfil").importera_katalog
        importera(delad("sala.json"), anvandare=None)
        client.force_login(sekreterare_i("Sala"))
        svar = client.get(reverse("insatser:lista", args=["sala"]))
        assert svar.context["antal_utan_skal"] == 1
        assert "Motivering saknas" in svar.text


def sekreterare_i(kommun):
    return AnvandareFactory.med_roll(
        Roll.NAMNDSEKRETERARE, kommun=provkommun(kommun), username=f"sekr-{kommun}"
    )


def insatsdata(**andringar):
    data = {
        "namn": "Stödsamtal för unga",
        "slag": "stodsamtal",
        "omrade": "Barn och unga",
        "innehall": "Samtal.",
        "malgrupp": "Unga som vill prata med någon.",
        "dokumentationsregel": "14:4",
        "dokumentation_motivering": "Rådgivning.",
        "villkor_text": "Från 13 år\nFolkbokförd",
        "villkor-TOTAL_FORMS": "2",
        "villkor-INITIAL_FORMS": "0",
        "villkor-MIN_NUM_FORMS": "0",
        "villkor-MAX_NUM_FORMS": "1000",
        "villkor-0-typ": "alder",
        "villkor-0-min_alder": "13",
        "villkor-0-max_alder": "20",
        "villkor-1-typ": "folkbokford",
        "villkor-1-kommun": "Testköping",
        "utan_samtycke_fran_15": "unknown",
    }
    data.update(andringar)
    return data


@pytest.mark.django_db
class TestSkapaOchAndra:
    def test_create_draft_with_villkor(self, client, sekreterare, katalog):
        client.force_login(sekreterare)
        svar = client.post(reverse("insatser:ny", args=[katalog.slug]), insatsdata())
        insats = Insats.objects.get(namn="Stödsamtal för unga")
        assert svar.status_code == 302 and svar["Location"] == insats.get_absolute_url()
        assert insats.status == "utkast"
        assert insats.villkor_text == ["Från 13 år", "Folkbokförd"]
        assert [v.klartext() for v in insats.villkor.all()] == [
            "Du ska vara 13–20 år.",
            "Du ska vara folkbokförd i Testköpings kommun.",
        ]
        versioner = insats.history.all()
        assert versioner.count() == 1 and versioner[0].history_user == sekreterare

    @pytest.mark.parametrize("slag", ["kontaktperson", "ekonomiskt_stod", "familjehem"])
    def test_excluded_kind_refused_next_to_the_kind(self, client, sekreterare, katalog, slag):
        client.force_login(sekreterare)
        # Named anything at all: the kind decides.
        data = insatsdata(namn="Stöd till unga", slag=slag)
        svar = client.post(reverse("insatser:ny", args=[katalog.slug]), data)
        assert svar.status_code == 200
        assert "11 kap. 5 §" in svar.context["form"].errors["slag"][0]
        assert not Insats.objects.exists() and not Villkor.objects.exists()

    @pytest.mark.parametrize(
        ("villkor", "tillats"),
        [
            (
                {
                    "villkor-0-min_alder": "21",
                    "villkor-0-max_alder": "",
                    "villkor-1-typ": "utan_medfoljande_barn",
                },
                True,
            ),
            (
                {
                    "villkor-0-min_alder": "18",
                    "villkor-0-max_alder": "",
                    "villkor-1-typ": "utan_medfoljande_barn",
                },
                False,
            ),
            ({"villkor-0-min_alder": "21", "villkor-0-max_alder": ""}, False),
        ],
        ids=["vuxen-21-utan-barn", "fran-18", "med-barn"],
    )
    def test_protected_housing_only_for_adults_from_21_without_children(
        self, client, sekreterare, katalog, villkor, tillats
    ):
        client.force_login(sekreterare)
        data = insatsdata(namn="Skyddat boende", slag="skyddat_boende", **villkor)
        svar = client.post(reverse("insatser:ny", args=[katalog.slug]), data)
        if tillats:
            assert svar.status_code == 302
            assert Insats.objects.get().slag == "skyddat_boende"
        else:
            assert "från 21 år utan medföljande barn" in svar.context["form"].errors["slag"][0]
            assert not Insats.objects.exists()

    def test_the_kind_is_required(self, client, sekreterare, katalog):
        client.force_login(sekreterare)
        svar = client.post(reverse("insatser:ny", args=[katalog.slug]), insatsdata(slag=""))
        assert svar.context["form"].errors["slag"]
        assert not Insats.objects.exists()

    def test_contradicting_villkor_refused_next_to_field(self, client, sekreterare, katalog):
        client.force_login(sekreterare)
        svar = client.post(
            reverse("insatser:ny", args=[katalog.slug]), insatsdata(**{"villkor-0-min_alder": "30"})
        )
        assert svar.status_code == 200
        fel = svar.context["formset"].forms[0].errors
        assert fel["max_alder"] == ["Lägsta ålder kan inte vara högre än högsta ålder."]
        assert not Insats.objects.exists()

    def test_a_group_size_upside_down_is_refused_next_to_its_most(
        self, client, sekreterare, katalog
    ):
        client.force_login(sekreterare)
        svar = client.post(
            reverse("insatser:ny", args=[katalog.slug]),
            insatsdata(gruppstorlek_min="12", gruppstorlek_max="6"),
        )
        assert svar.status_code == 200
        assert svar.context["form"].errors["gruppstorlek_max"] == [
            "Högsta antal kan inte vara lägre än minsta antal."
        ]
        assert not Insats.objects.exists()

    @pytest.mark.parametrize(
        ("falt", "varde"),
        [
            ("max_tillfallen", "-3"),
            ("max_tillfallen", "0"),
            ("max_tillfallen", "många"),
            ("villkor-0-min_alder", "-1"),
            ("villkor-0-max_alder", "500"),
            ("dokumentationsregel", "14:9"),
            ("giltig_fran", "2026-13-45"),
            ("villkor-0-typ", "horoskop"),
            ("utforare", "99999"),
        ],
    )
    def test_bad_input_gets_swedish_error_and_saves_nothing(
        self, client, sekreterare, katalog, falt, varde
    ):
        client.force_login(sekreterare)
        svar = client.post(reverse("insatser:ny", args=[katalog.slug]), insatsdata(**{falt: varde}))
        assert svar.status_code == 200
        assert "Något behöver rättas" in svar.text
        assert not Insats.objects.exists()

    def test_draft_edits_without_decision(self, client, sekreterare, utkast):
        client.force_login(sekreterare)
        svar = client.post(
            reverse("insatser:andra", args=[utkast.pk]),
            insatsdata(namn="Omdöpt utkast", version=utkast.version),
        )
        assert svar.status_code == 302
        utkast.refresh_from_db()
        assert utkast.namn == "Omdöpt utkast" and utkast.villkor.count() == 2

    def test_decided_insats_changes_only_under_decision(self, client, sekreterare, beslutad):
        client.force_login(sekreterare)
        url = reverse("insatser:andra", args=[beslutad.pk])
        svar = client.post(url, insatsdata(namn="Ny rubrik", version=beslutad.version))
        assert svar.status_code == 200
        assert svar.context["beslut_form"].errors["beslut"]
        beslutad.refresh_from_db()
        assert beslutad.namn == "Föräldragrupp"

        nytt_beslut = BeslutFactory(katalog=beslutad.katalog, paragraf="SN § 99")
        svar = client.post(
            url, insatsdata(namn="Ny rubrik", version=beslutad.version, beslut=nytt_beslut.pk)
        )
        assert svar.status_code == 302
        beslutad.refresh_from_db()
        assert (beslutad.namn, beslutad.beslut, beslutad.status) == (
            "Ny rubrik",
            nytt_beslut,
            "beslutad",
        )
        senaste = beslutad.history.first()
        assert senaste.beslut_id == nytt_beslut.pk and senaste.history_user == sekreterare

    def test_concurrent_edit_loses_nothing(self, client, sekreterare, utkast):
        """Two secretaries open the same draft; the second save must not overwrite the first."""
        client.force_login(sekreterare)
        url = reverse("insatser:andra", args=[utkast.pk])
        version = utkast.version
        assert client.post(url, insatsdata(namn="Först", version=version)).status_code == 302
        svar = client.post(url, insatsdata(namn="Sedan", version=version))
        assert svar.status_code == 200
        assert "Någon annan har sparat" in svar.text
        utkast.refresh_from_db()
        assert utkast.namn == "Först"

    def test_tampered_version_is_refused(self, client, sekreterare, utkast):
        client.force_login(sekreterare)
        svar = client.post(
            reverse("insatser:andra", args=[utkast.pk]), insatsdata(version="inte-ett-tal")
        )
        assert svar.status_code == 200
        utkast.refresh_from_db()
        assert utkast.namn == "Nytt utkast"

    def test_retired_insats_cannot_be_edited(self, client, sekreterare, beslutad):
        beslutad.status = "upphord"
        beslutad.save()
        client.force_login(sekreterare)
        assert client.get(reverse("insatser:andra", args=[beslutad.pk])).status_code == 404


@pytest.mark.django_db
class TestBeslut:
    def test_register_decision_and_decide_drafts(self, client, sekreterare, katalog, utkast):
        client.force_login(sekreterare)
        svar = client.post(
            reverse("insatser:beslut_lista", args=[katalog.slug]),
            {
                "organ": "Socialnämnden",
                "datum": "2026-03-10",
                "paragraf": "SN § 82",
                "diarienummer": "SN 2026/40",
            },
        )
        beslut = Beslut.objects.get(paragraf="SN § 82")
        assert svar["Location"] == beslut.get_absolute_url()
        assert beslut.registrerat_av == sekreterare

        svar = client.post(beslut.get_absolute_url(), {"insatser": [utkast.pk]})
        assert svar.status_code == 302
        utkast.refresh_from_db()
        assert (utkast.status, utkast.beslut, utkast.giltig_fran) == (
            "beslutad",
            beslut,
            datetime.date(2026, 3, 10),
        )

    def test_decision_in_the_future_is_refused(self, client, sekreterare, katalog):
        client.force_login(sekreterare)
        imorgon = datetime.date.today() + datetime.timedelta(days=1)
        svar = client.post(
            reverse("insatser:beslut_lista", args=[katalog.slug]),
            {"organ": "Socialnämnden", "datum": imorgon.isoformat()},
        )
        assert svar.context["form"].errors["datum"] == [
            "Ett beslut kan inte ha ett datum i framtiden."
        ]
        assert not Beslut.objects.exists()

    def test_14_5_without_reasons_cannot_be_decided(self, client, sekreterare, katalog):
        insats = InsatsFactory(
            katalog=katalog, dokumentationsregel="14:5", dokumentation_motivering=""
        )
        beslut = BeslutFactory(katalog=katalog)
        client.force_login(sekreterare)
        svar = client.post(beslut.get_absolute_url(), {"insatser": [insats.pk]})
        assert svar.status_code == 200
        assert "14 kap. 5 §" in svar.context["form"].errors["insatser"][0]
        insats.refresh_from_db()
        assert insats.status == "utkast"

    def test_deciding_another_catalogues_draft_is_refused(self, client, sekreterare, katalog):
        annan = InsatsFactory(katalog=KatalogFactory(kommun="Annanstad"))
        beslut = BeslutFactory(katalog=katalog)
        client.force_login(sekreterare)
        svar = client.post(beslut.get_absolute_url(), {"insatser": [annan.pk]})
        assert svar.status_code == 200 and svar.context["form"].errors["insatser"]
        annan.refresh_from_db()
        assert annan.status == "utkast"

    def test_retire(self, client, sekreterare, beslutad):
        client.force_login(sekreterare)
        svar = client.post(
            reverse("insatser:upphor", args=[beslutad.pk]),
            {"beslut": beslutad.beslut.pk, "sista_dag": "2026-06-30"},
        )
        assert svar.status_code == 302
        beslutad.refresh_from_db()
        assert (beslutad.status, beslutad.giltig_till) == ("upphord", datetime.date(2026, 6, 30))

    def test_decided_insats_is_never_deleted(self, client, sekreterare, beslutad, utkast):
        client.force_login(sekreterare)
        client.post(reverse("insatser:ta_bort", args=[beslutad.pk]))
        assert Insats.objects.filter(pk=beslutad.pk).exists()
        client.post(reverse("insatser:ta_bort", args=[utkast.pk]))
        assert not Insats.objects.filter(pk=utkast.pk).exists()
        assert client.get(reverse("insatser:ta_bort", args=[beslutad.pk])).status_code == 405


@pytest.mark.django_db
class TestHistorik:
    def test_compare_versions_marks_removed_and_added_text(self, client, sekreterare, utkast):
        client.force_login(sekreterare)
        client.post(
            reverse("insatser:andra", args=[utkast.pk]),
            insatsdata(
                namn="Nytt utkast",
                innehall="Samtal med en socionom på plats.",
                version=utkast.version,
            ),
        )
        svar = client.get(reverse("insatser:jamfor", args=[utkast.pk]))
        assert svar.status_code == 200
        rader = {s.falt: str(s.markerad) for s in svar.context["skillnader"]}
        assert rader["innehall"] == (
            "Samtal med en <del>socionom.</del> <ins>socionom på plats.</ins>"
        )
        assert "villkor" in rader

    def test_catalogue_as_it_stood(self, client, sekreterare, katalog, beslutad):
        client.force_login(sekreterare)
        url = reverse("insatser:per_datum", args=[katalog.slug])
        idag = client.get(url, {"datum": datetime.date.today().isoformat()})
        assert [r.insats.namn for r in idag.context["insatser"]] == ["Föräldragrupp"]
        assert len(idag.context["insatser"][0].villkor) == 1
        igar = client.get(url, {"datum": "2020-01-01"})
        assert igar.context["insatser"] == []
        assert client.get(url, {"datum": "skräp"}).status_code == 200


@pytest.mark.django_db
class TestImportExport:
    def test_upload_and_download(self, client, sekreterare):
        from django.core.files.uploadedfile import SimpleUploadedFile

        # Another municipality's secretary: the file is not theirs to import.
        client.force_login(sekreterare)
        fil = SimpleUploadedFile("sala.json", delad("sala.json"), "application/json")
        svar = client.post(reverse("insatser:importera"), {"fil": fil})
        assert "filen är katalogen för Sala kommun" in svar.text
        assert not Katalog.objects.filter(kommun="Sala").exists()
        client.force_login(sekreterare_i("Sala"))
        fil = SimpleUploadedFile("sala.json", delad("sala.json"), "application/json")
        svar = client.post(reverse("insatser:importera"), {"fil": fil})
        assert svar.status_code == 200 and "katalogen är importerad" in svar.text
        assert "Hela barn – samtalsserie" in svar.text  # the warning
        ut = client.get(reverse("insatser:exportera", args=["sala"]), {"version": "1"})
        assert ut["Content-Disposition"].startswith('attachment; filename="katalog-sala-')
        assert json.loads(ut.content) == json.loads(json.dumps(json.loads(delad("sala.json"))))
        # Version 2 by default.
        ut = client.get(reverse("insatser:exportera", args=["sala"]))
        assert json.loads(ut.content)["version"] == 2

    def test_invalid_upload_lists_paths_and_changes_nothing(self, client, sekreterare):
        client.force_login(sekreterare)
        from django.core.files.uploadedfile import SimpleUploadedFile

        data = json.loads(delad("sala.json"))
        data["insatser"][3]["namn"] = "Kontaktfamilj"
        data["insatser"][5]["form"] = "cirkus"
        fil = SimpleUploadedFile("fel.json", json.dumps(data).encode(), "application/json")
        svar = client.post(reverse("insatser:importera"), {"fil": fil})
        assert svar.status_code == 200
        assert svar.context["fel"][0].startswith("$.insatser[5].form: ")
        assert "Ingenting i katalogen har ändrats" in svar.text
        assert not Katalog.objects.exists()

    def test_upload_without_file(self, client, sekreterare):
        client.force_login(sekreterare)
        svar = client.post(reverse("insatser:importera"), {})
        assert svar.status_code == 200 and svar.context["form"].errors["fil"]
