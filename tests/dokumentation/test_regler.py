"""The registration rules as pure functions (dokumentation.regler), without the database."""

import datetime

import pytest

from dokumentation import regler
from dokumentation.regler import (
    Samtyckeskrav,
    avbrott_utan_orsak,
    datumfel,
    sol_11_kap_5_summarisk_kontroll,
    sol_11_kap_5_tak,
    sol_11_kap_5_utfall,
    sol_11_kap_6_information,
    sol_14_kap_3_5_identitet,
    sol_14_kap_3_identifieras,
    sol_14_kap_4_5_fritext,
    sol_14_kap_4_5_fritexter,
    sol_21_kap_2_alder_kravs,
    sol_21_kap_2_samtycke,
    tillatna_utfall,
)
from tests.factories import VillkorFactory


def koder(brott):
    return [o.kod for o in brott]


class TestSol14Kap3Till5:
    @pytest.mark.parametrize(
        ("regel", "system", "identifieras"),
        [
            ("14:3", None, True),
            ("14:3", "", True),
            ("14:3", "Lifecare IFO", False),
            ("14:4", None, False),
            ("14:5", None, False),
            ("14:4+14:5", None, False),
        ],
    )
    def test_only_14_3_in_this_system_is_identified(self, regel, system, identifieras):
        assert (
            sol_14_kap_3_identifieras(dokumentationsregel=regel, verksamhetssystem=system)
            is identifieras
        )

    @pytest.mark.parametrize(
        ("text", "kod"),
        [
            ("Pappan 19850312-1231 kom", "fritext_personnummer"),
            ("pnr 850312-1231", "fritext_personnummer"),
            ("samordningsnr 850372+1238", "fritext_samordningsnummer"),
            ("ring 070-123 45 67", "fritext_telefon"),
            ("tel +46 70 123 45 67", "fritext_telefon"),
            ("0123-45 60 10 efter fem", "fritext_telefon"),
            ("maila anna.svensson@example.se", "fritext_epost"),
            ("bor på Storgatan 12B", "fritext_adress"),
            ("flyttade till Björkvägen 3", "fritext_adress"),
        ],
    )
    def test_identifiers_in_free_text_are_refused(self, text, kod):
        brott = sol_14_kap_4_5_fritext(text, falt="problem_text")
        assert kod in koder(brott)
        assert all(o.falt == "problem_text" and "14 kap. 4–5 §§" in o.regel for o in brott)

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "Uteblev två gånger, hörde av sig efteråt.",
            "Kom 3 av 4 träffar",
            "Gruppen på 12 personer var för stor",
            "Flyttade till annan kommun",
            "År 2026",
        ],
    )
    def test_ordinary_text_passes(self, text):
        assert sol_14_kap_4_5_fritext(text, falt="x") == []


class TestSol11Kap6:
    def test_information_must_be_confirmed(self):
        assert koder(sol_11_kap_6_information(informerad=False)) == ["information_saknas"]
        assert sol_11_kap_6_information(informerad=True) == []


class TestSol11Kap5SummariskKontroll:
    villkor = [
        VillkorFactory.alder(3, 12, avser="barnet"),
        VillkorFactory.alder(18, None),
        VillkorFactory.build(),
    ]

    def test_every_villkor_needs_an_answer(self):
        brott = sol_11_kap_5_summarisk_kontroll(
            self.villkor, ["uppfyllt", None, "uppfyllt"], alder=30, barnets_alder=5
        )
        assert koder(brott) == ["svar_saknas"] and brott[0].falt == "villkor_2"

    def test_met_for_an_excluded_age_is_refused(self):
        brott = sol_11_kap_5_summarisk_kontroll(
            self.villkor, ["uppfyllt", "uppfyllt", "uppfyllt"], alder=16, barnets_alder=14
        )
        assert koder(brott) == ["svar_motsager_alder", "svar_motsager_alder"]

    def test_not_met_for_an_included_age_is_refused(self):
        brott = sol_11_kap_5_summarisk_kontroll(
            self.villkor, ["ej_uppfyllt", "uppfyllt", "uppfyllt"], alder=30, barnets_alder=7
        )
        assert koder(brott) == ["svar_motsager_alder"]

    def test_consistent_answers_and_unsure_pass(self):
        assert (
            sol_11_kap_5_summarisk_kontroll(
                self.villkor, ["uppfyllt", "ej_uppfyllt", "osakert"], alder=17, barnets_alder=None
            )
            == []
        )


class TestUtfall:
    @pytest.mark.parametrize(
        ("svar", "tillatna"),
        [
            (["uppfyllt", "uppfyllt"], {"deltar", "vantelista", "avbojde"}),
            ([], {"deltar", "vantelista", "avbojde"}),
            (["uppfyllt", "osakert"], {"hanvisad_namnd", "avbojde"}),
            (["osakert", "ej_uppfyllt"], {"hanvisad_ansoka", "avbojde"}),
        ],
    )
    def test_outcomes_follow_the_answers(self, svar, tillatna):
        assert tillatna_utfall(svar) == tillatna

    def test_all_met_must_be_accepted(self):
        assert koder(sol_11_kap_5_utfall(svar=["uppfyllt"], utfall="hanvisad_ansoka")) == [
            "utfall_strider_mot_svar"
        ]

    def test_not_met_is_referred_to_apply(self):
        brott = sol_11_kap_5_utfall(svar=["ej_uppfyllt"], utfall="deltar")
        assert "11 kap. 1 §" in brott[0].meddelande


class TestSol21Kap2:
    bada = [Samtyckeskrav(15, "bada")]

    def kontroll(self, alder, samtycke, *, krav=(), fran_15=None, vill=False):
        return koder(
            sol_21_kap_2_samtycke(
                alder=alder,
                krav=list(krav),
                utan_samtycke_fran_15=fran_15,
                samtycke=samtycke,
                unga_vill=vill,
            )
        )

    def test_adults_need_no_consent(self):
        assert self.kontroll(34, None) == []

    def test_under_15_needs_what_the_catalogue_demands(self):
        assert self.kontroll(12, None, krav=self.bada) == ["samtycke_saknas"]
        assert self.kontroll(12, "en", krav=self.bada) == ["samtycke_saknas"]
        assert self.kontroll(12, "alla", krav=self.bada) == []
        assert self.kontroll(12, "en") == []  # the law's floor: one guardian

    def test_from_15_with_the_nambds_decision_no_guardian_is_stored(self):
        assert self.kontroll(16, None, fran_15=True, vill=True) == []
        assert self.kontroll(16, "en", fran_15=True, vill=True) == ["samtycke_ska_ej_lagras"]

    def test_the_young_person_must_want_it(self):
        assert self.kontroll(16, None, fran_15=True, vill=False) == ["unga_vill_ej"]

    def test_from_15_without_the_decision_consent_is_still_required(self):
        assert self.kontroll(16, None, fran_15=False, vill=True) == ["samtycke_saknas"]
        assert self.kontroll(16, "en", fran_15=None, vill=True) == []

    def test_layered_consent(self):
        """Sala's drug screening: all guardians under 15, one guardian under 18."""
        krav = [Samtyckeskrav(15, "samtliga"), Samtyckeskrav(18, "en")]
        assert self.kontroll(13, "en", krav=krav) == ["samtycke_saknas"]
        assert self.kontroll(16, "en", krav=krav, vill=True) == []


class TestTak:
    start = datetime.date(2026, 3, 15)

    def tak(self, antal, *, max_t=5, idag=datetime.date(2026, 4, 1), max_m=None):
        return koder(
            sol_11_kap_5_tak(
                antal_tillfallen=antal,
                max_tillfallen=max_t,
                startdatum=self.start,
                idag=idag,
                max_manader=max_m,
            )
        )

    def test_session_cap(self):
        assert self.tak(4) == []
        assert self.tak(5) == ["tak_tillfallen"]
        assert self.tak(50, max_t=None) == []

    def test_duration_cap(self):
        assert self.tak(0, max_m=6, idag=datetime.date(2026, 9, 14)) == []
        assert self.tak(0, max_m=6, idag=datetime.date(2026, 9, 15)) == ["tak_varaktighet"]


class TestIdentitetVidRegistrering:
    @pytest.mark.parametrize(
        ("identifieras", "har_person", "deltar", "vantat"),
        [
            (True, True, True, []),
            (True, False, True, ["identitet_saknas"]),
            (True, False, False, []),  # a contact that does not go on needs no identity
            (False, True, True, ["identitet_ej_tillaten"]),
            (False, True, False, ["identitet_ej_tillaten"]),
            (False, False, True, []),
        ],
    )
    def test_identity_only_and_always_where_documented_in_full(
        self, identifieras, har_person, deltar, vantat
    ):
        brott = sol_14_kap_3_5_identitet(
            identifieras=identifieras, har_person=har_person, deltar=deltar
        )
        assert koder(brott) == vantat

    def test_free_texts_of_an_identified_record_are_not_guarded(self):
        texter = {"problem_text": "Ring 070-123 45 67", "avbrott_text": ""}
        assert sol_14_kap_4_5_fritexter(texter, identifierad=True) == []
        brott = sol_14_kap_4_5_fritexter(texter, identifierad=False)
        assert [o.falt for o in brott] == ["problem_text"]


class TestDatumOchAvbrott:
    IDAG = datetime.date(2026, 6, 15)

    @pytest.mark.parametrize(
        ("datum", "tidigast", "vantat"),
        [
            (datetime.date(2026, 6, 15), None, []),
            (datetime.date(2026, 6, 16), None, ["datum_framtid"]),
            (datetime.date(2026, 6, 1), datetime.date(2026, 6, 2), ["datum_fore_start"]),
            (datetime.date(2026, 6, 2), datetime.date(2026, 6, 2), []),
        ],
    )
    def test_a_date_is_neither_in_the_future_nor_before_its_start(self, datum, tidigast, vantat):
        brott = datumfel(datum, idag=self.IDAG, tidigast=tidigast, falt="slutdatum")
        assert koder(brott) == vantat
        assert all(o.falt == "slutdatum" for o in brott)

    @pytest.mark.parametrize(
        ("avbrott", "orsak", "vantat"),
        [(True, "", ["orsak_saknas"]), (True, "flyttade", []), (False, "", [])],
    )
    def test_stopping_early_needs_a_reason(self, avbrott, orsak, vantat):
        assert koder(avbrott_utan_orsak(avbrott=avbrott, avbrottsorsak=orsak)) == vantat


class TestAlderKravs:
    @pytest.mark.parametrize(
        ("villkor", "unga", "deltar", "alder", "vantat"),
        [
            ([], False, True, None, []),  # nothing depends on the age
            ([VillkorFactory.alder(min_alder=18)], False, True, None, ["alder_kravs"]),
            ([VillkorFactory.alder(min_alder=3, avser="barnet")], False, True, None, []),
            ([], True, True, None, ["alder_kravs"]),  # the nämnd's 21:2 decision
            ([VillkorFactory.alder(min_alder=18)], False, False, None, []),  # not taking part
            ([VillkorFactory.alder(min_alder=18)], False, True, 30, []),
        ],
    )
    def test_age_where_a_villkor_or_consent_depends_on_it(
        self, villkor, unga, deltar, alder, vantat
    ):
        brott = sol_21_kap_2_alder_kravs(
            alder=alder, villkor=villkor, unga_utan_samtycke=unga, deltar=deltar
        )
        assert koder(brott) == vantat


def test_a_date_after_what_must_follow_it_is_refused():
    dag = datetime.date(2026, 3, 10)
    assert regler.datum_efter(dag, senast=None, vad="slutet") == []
    assert regler.datum_efter(dag, senast=dag, vad="slutet") == []
    (fel,) = regler.datum_efter(
        dag, senast=dag - datetime.timedelta(days=1), vad="slutet", falt="startdatum"
    )
    assert (fel.kod, fel.falt) == ("datum_efter", "startdatum")
    assert "efter slutet 2026-03-09" in fel.meddelande
