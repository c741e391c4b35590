"""The catalogue's rules as pure functions (insatser.regler), without the database."""

import datetime

import pytest

from insatser.models import Insats, Villkor
from insatser.regler import (
    SLAG_ALDRIG_IUB,
    SLAG_BOENDE_FOR_VUXNA,
    beslutet_andrar_nagot,
    foreslaget_slag,
    foreslaget_slag_och_ord,
    gruppstorlek_fel,
    sol_11_kap_5_beslut_kravs_for_andring,
    sol_11_kap_5_beslutsdatum,
    sol_11_kap_5_beslutsunderlag,
    sol_11_kap_5_slag,
    sol_11_kap_5_villkor,
    sol_14_kap_4_5_utan_identitet,
    sol_14_kap_5_sarskilda_skal,
    sol_21_kap_2_utan_samtycke_fran_15,
)
from tests.factories import VillkorFactory


def koder(overtradelser):
    return [o.kod for o in overtradelser]


ALLA_SLAG = [s.value for s in Insats.Slag]


def villkor_av(*slag):
    """Villkor from short names: "21+" (participant from 21), "18+", "barn21+" (the child from
    21), "max30", "utan_barn"."""
    ut = []
    for namn in slag:
        match namn:
            case "21+":
                ut.append(VillkorFactory.alder(min_alder=21))
            case "18+":
                ut.append(VillkorFactory.alder(min_alder=18))
            case "25+":
                ut.append(VillkorFactory.alder(min_alder=25))
            case "barn21+":
                ut.append(VillkorFactory.alder(min_alder=21, avser="barnet"))
            case "max30":
                ut.append(VillkorFactory.alder(max_alder=30))
            case "utan_barn":
                ut.append(VillkorFactory.build(typ=Villkor.Typ.UTAN_MEDFOLJANDE_BARN, kommun=None))
    return ut


VILLKORSFALL = [
    (),
    ("21+",),
    ("utan_barn",),
    ("18+", "utan_barn"),
    ("21+", "utan_barn"),
    ("25+", "utan_barn"),
    ("barn21+", "utan_barn"),
    ("max30", "utan_barn"),
]


class TestSol11Kap5Slag:
    """11 kap. 5 §, decided on the kind and the villkor, never the name: every kind against
    every combination of age and accompanying children."""

    @pytest.mark.parametrize("slag", ALLA_SLAG)
    @pytest.mark.parametrize("fall", VILLKORSFALL, ids="-".join)
    def test_every_kind_age_and_children_case(self, slag, fall):
        brott = sol_11_kap_5_slag(slag=slag, villkor=villkor_av(*fall))
        if slag in SLAG_ALDRIG_IUB:
            vantat = ["aldrig_iub"]
        elif slag in SLAG_BOENDE_FOR_VUXNA:
            vuxen_utan_barn = fall in (("21+", "utan_barn"), ("25+", "utan_barn"))
            vantat = [] if vuxen_utan_barn else ["boende_bara_vuxna_utan_barn"]
        else:
            vantat = []
        assert koder(brott) == vantat
        for o in brott:
            assert o.regel == "11 kap. 5 § SoL" and "11 kap. 5 §" in o.meddelande
            assert o.falt == "slag"

    def test_a_name_decides_nothing(self):
        # "Kontakt person" and "Stödfamilj" were let through by words; a kind is not.
        for slag in ("kontaktperson", "familjehem"):
            assert koder(sol_11_kap_5_slag(slag=slag, villkor=[])) == ["aldrig_iub"]
        # And a lawful insats is not refused for its name.
        assert sol_11_kap_5_slag(slag="stodsamtal", villkor=[]) == []

    @pytest.mark.parametrize(
        ("namn", "slag"),
        [
            ("Kontaktperson", "kontaktperson"),
            ("Kontaktfamilj för barn", "kontaktperson"),
            ("Kvalificerad kontaktperson", "kontaktperson"),
            ("Vård i familjehem", "familjehem"),
            ("Placering i LVM-hem", "lvm_hem"),
            ("Särskilt ungdomshem", "sarskilt_ungdomshem"),
            ("Jourhem för barn", "jourhem"),
            ("Stödboende för unga", "stodboende"),
            ("Skyddat boende", "skyddat_boende"),
            ("HVB-hem", "hvb"),
            ("Hem för vård eller boende", "hvb"),
            ("Särskilt boende för äldre", "sarskilt_boende"),
            ("Gruppbostad LSS", "sarskilt_boende"),
            ("Heldygnsvård", "heldygnsvard"),
            ("Ekonomiskt bistånd", "ekonomiskt_stod"),
            ("Försörjningsstöd", "ekonomiskt_stod"),
            ("Boendecoachning", "boendestod"),
            ("Föräldragrupp ABC", "foraldraskapsstod"),
            ("Anhörigstöd vid beroende", "anhorigstod"),
            ("Öppen förskola", "oppen_motesplats"),
            ("Familjerådgivning", "radgivning"),
            ("Samarbetssamtal", "stodsamtal"),
            ("Medling", None),
        ],
    )
    def test_the_words_propose_a_kind_for_the_secretary(self, namn, slag):
        assert foreslaget_slag(namn) == slag

    def test_the_method_and_content_propose_when_the_name_does_not(self):
        assert foreslaget_slag("Stöd till barn", "Kontaktfamilj") == "kontaktperson"
        assert foreslaget_slag("Medling", None, "Samtal om samarbetet") == "stodsamtal"

    @pytest.mark.parametrize(
        ("namn", "slag"),
        [
            # What the insats is comes first; where it is held or for whom comes after.
            ("Mötesplats på Solgårdens äldreboende", "oppen_motesplats"),
            ("Samtal för barn i skyddat boende", "stodsamtal"),
            ("Budgetrådgivning för dig med ekonomiskt bistånd", "radgivning"),
            # An excluded kind named first stays excluded, whatever follows.
            ("Kontaktperson för unga", "kontaktperson"),
            ("Ekonomiskt bistånd – rådgivning", "ekonomiskt_stod"),
            ("Skyddat boende för kvinnor med barn", "skyddat_boende"),
            ("Gruppbostad LSS", "sarskilt_boende"),
            # Between lawful kinds the patterns' order still decides.
            ("Stödsamtal för anhöriga", "anhorigstod"),
        ],
    )
    def test_excluded_words_yield_to_what_the_name_says_first(self, namn, slag):
        assert foreslaget_slag(namn) == slag
        assert foreslaget_slag_och_ord(namn)[0] == slag

    @pytest.mark.parametrize(
        ("namn", "slag"),
        [
            # A compound names its last part; only care or a place in it keeps the kind.
            ("Familjehemsträffar", None),
            ("Familjehemsföräldrar", None),
            ("Familjehemsplacering", "familjehem"),
            ("Familjehemmet", "familjehem"),
            ("Kontaktpersonsuppdrag", "kontaktperson"),
            ("Stödboendeplats", "stodboende"),
            ("HVB-placering", "hvb"),
            # For whom or about what: not the insats.
            ("Stödgrupp för familjehemsföräldrar", "gruppverksamhet"),
            ("Träff för kontaktpersoner", None),
            ("Information om att bli familjehem", None),
            ("Stöd till anhöriga till personer på äldreboende", "anhorigstod"),
            ("Grupp för personal på särskilt boende", "gruppverksamhet"),
            # Where or in what form, after only general words: the insats.
            ("Vård i familjehem", "familjehem"),
            ("Plats på särskilt boende", "sarskilt_boende"),
            ("Stöd i form av kontaktperson", "kontaktperson"),
            ("Placering i nätverkshem", "familjehem"),
            ("Avlastning i form av kontaktfamilj", "kontaktperson"),
            ("Växelvård på korttidsboende", "sarskilt_boende"),
            ("Föräldrautbildning inför familjehemsuppdrag", "foraldraskapsstod"),
            # After words that say what the insats is: where it is held.
            ("Kafé på äldreboendet", "oppen_motesplats"),
            ("Läxhjälp på HVB-hemmet", None),
            # Phrases with a preposition inside are one name.
            ("Hem för viss annan heldygnsvård", "heldygnsvard"),
            ("Bostad med särskild service", "sarskilt_boende"),
        ],
    )
    def test_words_for_an_excluded_kind_name_the_insats_only_where_they_say_what_it_is(
        self, namn, slag
    ):
        assert foreslaget_slag(namn) == slag


class TestSol11Kap5Beslutsdatum:
    def test_a_decision_is_recorded_once_made(self):
        idag = datetime.date(2026, 12, 1)
        assert sol_11_kap_5_beslutsdatum(datum=idag, idag=idag) == []
        assert sol_11_kap_5_beslutsdatum(datum=datetime.date(2025, 6, 1), idag=idag) == []
        brott = sol_11_kap_5_beslutsdatum(datum=datetime.date(2026, 12, 2), idag=idag)
        assert koder(brott) == ["beslut_i_framtiden"]
        assert brott[0].regel == "11 kap. 5 § SoL"


class TestSol11Kap5Beslutsunderlag:
    def test_a_decision_needs_name_content_target_group_and_kind(self):
        assert (
            sol_11_kap_5_beslutsunderlag(
                namn="Stödsamtal", innehall="Samtal.", malgrupp="Vuxna.", slag="stodsamtal"
            )
            == []
        )
        brott = sol_11_kap_5_beslutsunderlag(namn=" ", innehall=None, malgrupp="", slag="")
        assert koder(brott) == ["namn_saknas", "innehall_saknas", "malgrupp_saknas", "slag_saknas"]
        assert [o.falt for o in brott] == ["namn", "innehall", "malgrupp", "slag"]


@pytest.mark.parametrize(
    ("katalogen", "insatsen", "vantat"),
    [
        (False, None, False),
        (True, None, True),  # the nämnd's decision for the whole catalogue
        (True, False, False),  # an exception for one insats
        (False, True, True),  # an exception the other way
        (True, True, True),
        (False, False, False),
    ],
)
def test_21_kap_2_for_the_catalogue_with_exceptions(katalogen, insatsen, vantat):
    assert sol_21_kap_2_utan_samtycke_fran_15(katalogen=katalogen, insatsen=insatsen) is vantat


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
                "Barnet ska vara folkbokfört i Sala kommun.",
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


@pytest.mark.parametrize(
    ("minst", "hogst", "koder"),
    [
        (None, None, []),
        (4, None, []),
        (None, 4, []),
        (4, 4, []),
        (4, 10, []),
        (10, 4, ["gruppstorlek"]),
    ],
)
def test_a_group_size_names_its_most_never_below_its_least(minst, hogst, koder):
    assert [o.kod for o in gruppstorlek_fel(minst=minst, hogst=hogst)] == koder


def test_a_round_keeps_the_catalogues_group_size_rule():
    """One rule, at the round's own field (dokumentation.regler.gruppstorlek_fel)."""
    from dokumentation import regler

    fel = regler.gruppstorlek_fel(min_deltagare=10, max_deltagare=4)
    assert fel == gruppstorlek_fel(minst=10, hogst=4, falt="max_deltagare")
    assert [o.falt for o in fel] == ["max_deltagare"]


def test_a_decision_for_a_later_day_changes_something():
    """One rule for an insats's decided change and the catalogue's settings."""
    assert beslutet_andrar_nagot(andras=True, vad="insatsen") == []
    (insats,) = beslutet_andrar_nagot(andras=False, vad="insatsen")
    (katalog,) = beslutet_andrar_nagot(andras=False, vad="katalogens uppgifter", falt="beslut")
    assert (insats.kod, katalog.kod, katalog.falt) == (
        "andrar_ingenting",
        "andrar_ingenting",
        "beslut",
    )
    assert "ingenting i katalogens uppgifter" in katalog.meddelande
