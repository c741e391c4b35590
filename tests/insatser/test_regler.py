"""The catalogue's rules as pure functions (insatser.regler), without the database."""

import pytest

from insatser.models import Villkor
from insatser.regler import (
    sol_11_kap_5_beslut_kravs_for_andring,
    sol_11_kap_5_insats_som_aldrig_far_vara_iub,
    sol_11_kap_5_villkor,
    sol_14_kap_4_5_utan_identitet,
    sol_14_kap_5_sarskilda_skal,
)
from tests.factories import VillkorFactory


def koder(overtradelser):
    return [o.kod for o in overtradelser]


class TestSol11Kap5AldrigIub:
    """11 kap. 5 §: the insatser that can never be given without needs assessment."""

    @pytest.mark.parametrize(
        "namn",
        [
            "Kontaktperson",
            "Kontaktfamilj för barn",
            "Kvalificerad kontaktperson",
            "Vård i familjehem",
            "Placering i LVM-hem",
            "Särskilt ungdomshem",
            "Jourhem för barn",
            "Stödboende för unga",
            "Skyddat boende",
            "HVB-hem",
            "Hem för vård eller boende",
            "Särskilt boende för äldre",
            "Gruppbostad LSS",
            "Heldygnsvård",
            "Ekonomiskt bistånd",
            "Försörjningsstöd",
            "Ekonomiskt stöd vid kris",
        ],
    )
    def test_refuses_excluded_insatser(self, namn):
        brott = sol_11_kap_5_insats_som_aldrig_far_vara_iub(namn=namn)
        assert koder(brott) == ["aldrig_iub"]
        assert brott[0].regel == "11 kap. 5 § SoL"
        assert "11 kap. 5 §" in brott[0].meddelande
        assert brott[0].falt == "namn"

    @pytest.mark.parametrize(
        "namn",
        [
            "Boendecoachning",
            "Boendestöd",
            "Budget- och skuldrådgivning",
            "Föräldragrupp ABC",
            "Anhörigstöd vid beroende",
            "Krisstöd placerat barn",
            "Öppen förskola",
            "Stödsamtal",
            "Familjerådgivning",
            "Träffpunkt",
        ],
    )
    def test_allows_ordinary_insatser(self, namn):
        assert sol_11_kap_5_insats_som_aldrig_far_vara_iub(namn=namn) == []

    def test_checks_the_method_too(self):
        assert koder(
            sol_11_kap_5_insats_som_aldrig_far_vara_iub(
                namn="Stöd till barn", metod="Kontaktfamilj"
            )
        ) == ["aldrig_iub"]


class TestSol14Kap5SarskildaSkal:
    @pytest.mark.parametrize("regel", ["14:5", "14:4+14:5"])
    def test_identity_exemption_needs_stated_reasons(self, regel):
        assert koder(sol_14_kap_5_sarskilda_skal(dokumentationsregel=regel, motivering="  ")) == [
            "sarskilda_skal_saknas"
        ]
        assert sol_14_kap_5_sarskilda_skal(dokumentationsregel=regel, motivering="Skäl.") == []

    @pytest.mark.parametrize("regel", ["14:3", "14:4"])
    def test_other_rules_need_none(self, regel):
        assert sol_14_kap_5_sarskilda_skal(dokumentationsregel=regel, motivering=None) == []


class TestSol11Kap5Villkor:
    def test_consistent_villkor_pass(self):
        villkor = [
            VillkorFactory.alder(3, 12, avser="barnet"),
            VillkorFactory.alder(18, None),
            VillkorFactory.build(),
            VillkorFactory.build(
                typ="vardnadshavares_samtycke",
                under_alder=15,
                antal="bada",
                avser=None,
                kommun=None,
            ),
            VillkorFactory.build(
                typ="vardnadshavares_samtycke", under_alder=18, antal="en", avser=None, kommun=None
            ),
            VillkorFactory.build(typ="gemensam_begaran", avser=None, kommun=None),
            VillkorFactory.build(typ="intyg", text="Läkarintyg", avser=None, kommun=None),
        ]
        assert sol_11_kap_5_villkor(villkor) == []

    def test_min_above_max(self):
        brott = sol_11_kap_5_villkor([VillkorFactory.alder(18, 12)])
        assert koder(brott) == ["alder_min_over_max"]
        assert brott[0].nr == 1 and brott[0].falt == "max_alder"

    @pytest.mark.parametrize(("mn", "mx"), [(121, None), (None, 130), (0, 500)])
    def test_ages_within_0_to_120(self, mn, mx):
        assert "alder_utanfor_intervall" in koder(
            sol_11_kap_5_villkor([VillkorFactory.alder(mn, mx)])
        )

    def test_age_without_limits(self):
        assert koder(sol_11_kap_5_villkor([VillkorFactory.alder()])) == ["alder_utan_granser"]

    def test_one_age_villkor_per_subject(self):
        brott = sol_11_kap_5_villkor(
            [
                VillkorFactory.alder(3, 12, avser="barnet"),
                VillkorFactory.alder(18, None),
                VillkorFactory.alder(0, 5, avser="barnet"),
            ]
        )
        assert koder(brott) == ["alder_dubbel"]
        assert brott[0].nr == 3

    def test_missing_avser_counts_as_participant(self):
        brott = sol_11_kap_5_villkor(
            [VillkorFactory.alder(18, None), VillkorFactory.alder(20, None, avser=None)]
        )
        assert koder(brott) == ["alder_dubbel"]

    def test_consent_only_for_children(self):
        v = VillkorFactory.build(typ="vardnadshavares_samtycke", under_alder=25, avser=None)
        assert koder(sol_11_kap_5_villkor([v])) == ["samtycke_alder_ogiltig"]

    def test_text_villkor_need_text(self):
        for typ in ("intyg", "ovrigt"):
            v = VillkorFactory.build(typ=typ, text=" ", avser=None)
            assert koder(sol_11_kap_5_villkor([v])) == ["text_saknas"]

    def test_only_age_and_folkbokforing_concern_the_child(self):
        v = VillkorFactory.build(typ=Villkor.Typ.GEMENSAM_BEGARAN, avser="barnet")
        assert koder(sol_11_kap_5_villkor([v])) == ["avser_ej_tillampligt"]


class TestSol11Kap5BeslutKravs:
    def test_draft_changes_freely(self):
        assert sol_11_kap_5_beslut_kravs_for_andring(status="utkast", har_beslut=False) == []

    @pytest.mark.parametrize("status", ["beslutad", "upphord"])
    def test_decided_changes_only_under_decision(self, status):
        assert koder(sol_11_kap_5_beslut_kravs_for_andring(status=status, har_beslut=False)) == [
            "beslut_kravs"
        ]
        assert sol_11_kap_5_beslut_kravs_for_andring(status=status, har_beslut=True) == []


class TestVillkorKlartext:
    @pytest.mark.parametrize(
        ("villkor", "text"),
        [
            (VillkorFactory.alder(3, 12, avser="barnet"), "Barnet ska vara 3–12 år."),
            (VillkorFactory.alder(18, None), "Du ska ha fyllt 18 år."),
            (VillkorFactory.alder(None, 17), "Du ska vara högst 17 år."),
            (VillkorFactory.build(kommun=None), "Du ska vara folkbokförd i kommunen."),
            (
                VillkorFactory.build(kommun="Sala", avser="barnet"),
                "Barnet ska vara folkbokförd i Sala kommun.",
            ),
            (
                VillkorFactory.build(typ="vardnadshavares_samtycke", under_alder=15, antal="bada"),
                "För barn under 15 år krävs samtycke från båda vårdnadshavarna.",
            ),
            (
                VillkorFactory.build(typ="gemensam_begaran"),
                "Föräldrarna ska begära insatsen tillsammans.",
            ),
            (
                VillkorFactory.build(typ="intyg", text="läkarintyg"),
                "Du ska kunna visa intyg: läkarintyg.",
            ),
            (VillkorFactory.build(typ="ovrigt", text="Eget hyreskontrakt"), "Eget hyreskontrakt"),
        ],
    )
    def test_plain_swedish(self, villkor, text):
        assert villkor.klartext() == text


@pytest.mark.parametrize(
    ("regel", "utan_identitet"),
    [("14:3", False), ("14:4", True), ("14:5", True), ("14:4+14:5", True)],
)
def test_only_14_kap_3_documents_identity(regel, utan_identitet):
    assert sol_14_kap_4_5_utan_identitet(regel) is utan_identitet
