"""One rule for the caps of 11 kap. 5 § (sol_11_kap_5_tak, sol_11_kap_5_omgang): talks, group
meetings and rounds alike; at a cap one more is given only with a reason, which is kept and
counted; a new deltagarkod continues the count; and the database refuses the same cases."""

import datetime
import uuid

import pytest
from django.db import IntegrityError, connection, transaction

from dokumentation.deltagande.models import Deltagande
from dokumentation.deltagande.services import (
    ge_ny_deltagarkod,
    registrera_samtal,
    tak,
)
from dokumentation.regler import (
    SKAL_OVER_TAK,
    manader_efter,
    sol_11_kap_5_omgang,
    sol_11_kap_5_tak,
)
from dokumentation.tillfallen.models import Narvaro, Omgang, Tillfalle
from dokumentation.tillfallen.services import andra_narvaro, registrera_traff, skapa_omgang
from dokumentation.val import SkalOverTak
from insatser.models import Insats
from insatser.services import RegelBrott
from tests.dokumentation.conftest import registrera
from tests.factories import InsatsFactory

IDAG = datetime.date.today()


@pytest.fixture
def postgres(db):
    if connection.vendor != "postgresql":
        # make test and CI always run on PostgreSQL; only a hand run on SQLite skips these.
        pytest.skip("the cap triggers (migration dokumentation 0024) are PostgreSQL's")


def samtal_forbi_tjansterna(d, personal, skal=""):
    """A talk written straight to the database, past the services and their rules."""
    return Tillfalle.objects.create(
        insats_id=d.insats_id,
        utforare_id=d.utforare_id,
        typ=Tillfalle.Typ.INDIVIDUELLT,
        datum=IDAG,
        personal=personal,
        deltagande=d,
        inlamningsnyckel=uuid.uuid4(),
        over_taket=skal,
    )


def koder(overtradelser):
    return [o.kod for o in overtradelser]


class TestRegeln:
    start = datetime.date(2026, 3, 15)

    def tak(self, antal, *, max_t=5, idag=datetime.date(2026, 4, 1), max_m=None, skal=""):
        return koder(
            sol_11_kap_5_tak(
                antal_tillfallen=antal,
                max_tillfallen=max_t,
                startdatum=self.start,
                idag=idag,
                max_manader=max_m,
                skal=skal,
            )
        )

    def test_a_reason_is_the_explicit_choice_for_either_cap(self):
        assert self.tak(5) == ["tak_tillfallen"]
        assert self.tak(5, skal="avslutande") == []
        assert self.tak(5, skal="något annat") == ["tak_tillfallen"]
        sent = datetime.date(2026, 9, 15)
        assert self.tak(9, max_m=6, idag=sent) == ["tak_tillfallen", "tak_varaktighet"]
        assert self.tak(9, max_m=6, idag=sent, skal="akut") == []

    def test_the_violations_point_at_the_choice(self):
        fel = sol_11_kap_5_tak(
            antal_tillfallen=5,
            max_tillfallen=5,
            startdatum=self.start,
            idag=self.start,
            max_manader=None,
        )
        assert [o.falt for o in fel] == ["over_taket"]

    def test_the_reasons_are_the_choices_the_database_takes(self):
        assert frozenset(SkalOverTak.values) == SKAL_OVER_TAK

    @pytest.mark.parametrize(
        ("dag", "manader", "vantat"),
        [
            (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
            (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
            (datetime.date(2026, 11, 30), 3, datetime.date(2027, 2, 28)),
            (datetime.date(2026, 3, 15), 6, datetime.date(2026, 9, 15)),
        ],
    )
    def test_months_as_the_database_counts_them(self, dag, manader, vantat):
        assert manader_efter(dag, manader) == vantat

    def test_a_round_within_the_catalogue(self):
        def omgang(**andringar):
            varden = dict(
                antal_traffar=4,
                min_deltagare=4,
                max_deltagare=10,
                max_tillfallen=4,
                gruppstorlek_min=4,
                gruppstorlek_max=10,
            )
            return koder(sol_11_kap_5_omgang(**(varden | andringar)))

        assert omgang() == []
        assert omgang(antal_traffar=40) == ["omgang_over_tak"]
        assert omgang(max_deltagare=11, min_deltagare=2) == [
            "grupp_over_katalogen",
            "grupp_under_katalogen",
        ]
        assert omgang(antal_traffar=40, max_tillfallen=None, gruppstorlek_max=None) == []


def samtal(personal, d, *, datum=IDAG, skal=""):
    return registrera_samtal(
        deltagande=d,
        datum=datum,
        langd_minuter=45,
        kanal="telefon",
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
        over_taket=skal,
    )


def test_a_talk_beyond_the_cap_needs_a_reason_that_is_kept(personal, radgivning):
    d = registrera(personal, radgivning).deltagande
    for _ in range(5):
        assert samtal(personal, d, skal="akut").over_taket == ""  # within the cap: no reason
    with pytest.raises(RegelBrott) as fel:
        samtal(personal, d)
    assert koder(fel.value.overtradelser) == ["tak_tillfallen"]
    sjatte = samtal(personal, d, skal="ansokan_pagar")
    assert sjatte.over_taket == "ansokan_pagar"
    assert Tillfalle.objects.filter(deltagande=d).count() == 6


def test_the_duration_cap_works_as_the_session_cap(personal, radgivning):
    radgivning.max_tillfallen, radgivning.max_varaktighet_manader = None, 6
    radgivning.save()
    start = manader_efter(IDAG, -7)
    d = registrera(personal, radgivning, datum=start).deltagande
    samtal(personal, d, datum=start)  # within the time
    with pytest.raises(RegelBrott) as fel:
        samtal(personal, d)
    assert koder(fel.value.overtradelser) == ["tak_varaktighet"]
    assert samtal(personal, d, skal="avslutande").over_taket == "avslutande"


def ny_kod(personal, insats, **andringar):
    """A new deltagarkod for a man of unknown age who has had two talks, informed, today."""
    data = dict(
        anvandare=personal,
        insats=insats,
        datum=IDAG,
        kanal="pa_plats",
        alder=None,
        kon="man",
        tidigare_tillfallen=2,
        informerad=True,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )
    return ge_ny_deltagarkod(**(data | andringar))


def test_a_new_code_continues_the_count(personal, radgivning):
    """Registering the person again would start from nothing; a new code does not."""
    ny = ny_kod(personal, radgivning, tidigare_tillfallen=4)
    assert ny.deltagarkod and ny.person is None and ny.tidigare_tillfallen == 4
    assert ny.kontakt.utfall == "deltar"
    assert tak(ny, idag=IDAG) == []
    samtal(personal, ny)
    assert koder(tak(ny, idag=IDAG)) == ["tak_tillfallen"]
    with pytest.raises(RegelBrott):
        samtal(personal, ny)


def test_a_new_code_is_refused_where_it_does_not_belong(personal, radgivning, full_dokumentation):
    def ny(insats, **andringar):
        with pytest.raises(RegelBrott) as fel:
            ny_kod(personal, insats, **andringar)
        return koder(fel.value.overtradelser)

    assert ny(full_dokumentation) == ["ny_kod_ej_tillaten"]
    assert ny(radgivning, tidigare_tillfallen=0) == ["tidigare_tillfallen"]
    assert ny(radgivning, informerad=False) == ["information_saknas"]
    assert not Deltagande.objects.exists()


def test_the_same_new_code_form_twice_gives_one_code(personal, radgivning):
    nyckel = uuid.uuid4()
    forsta = ny_kod(personal, radgivning, alder=30, kon="kvinna", nyckel=nyckel)
    andra = ny_kod(personal, radgivning, alder=30, kon="kvinna", nyckel=nyckel)
    assert andra.pk == forsta.pk and Deltagande.objects.count() == 1


@pytest.fixture
def sex_manader(radgivning):
    """Advice given without assessment for at most six months, with no cap on talks."""
    radgivning.max_tillfallen, radgivning.max_varaktighet_manader = None, 6
    radgivning.save()
    return radgivning


def test_a_new_code_continues_the_time(personal, sex_manader):
    """A lost card does not start the longest time over: it counts from when the person began
    with the old code, which staff give where the insats has such a limit."""

    def fel(**andringar):
        with pytest.raises(RegelBrott) as e:
            ny_kod(personal, sex_manader, **andringar)
        return [(o.kod, o.falt) for o in e.value.overtradelser]

    assert fel() == [("tidigare_start_saknas", "tidigare_start")]
    i_morgon = IDAG + datetime.timedelta(days=1)
    assert fel(tidigare_start=i_morgon) == [("tidigare_start_efter", "tidigare_start")]
    assert not Deltagande.objects.exists()

    ny = ny_kod(personal, sex_manader, tidigare_start=manader_efter(IDAG, -2))
    assert ny.varaktighet_fran == manader_efter(IDAG, -2) and ny.startdatum == IDAG
    assert samtal(personal, ny).over_taket == ""
    sedan_lange = ny_kod(personal, sex_manader, tidigare_start=manader_efter(IDAG, -7))
    assert koder(tak(sedan_lange, idag=IDAG)) == ["tak_varaktighet"]
    with pytest.raises(RegelBrott):
        samtal(personal, sedan_lange)
    assert samtal(personal, sedan_lange, skal="ansokan_pagar").over_taket == "ansokan_pagar"


def test_without_a_longest_time_the_day_is_not_asked_for(personal, radgivning):
    assert ny_kod(personal, radgivning).tidigare_start is None


def test_the_database_counts_a_new_codes_time_from_the_old_one(postgres, personal, sex_manader):
    ny = ny_kod(personal, sex_manader, tidigare_start=manader_efter(IDAG, -7))
    databasen_vagrar(lambda: samtal_forbi_tjansterna(ny, personal))
    # The old code began before the new one, and only a new code has an old one.
    i_morgon = IDAG + datetime.timedelta(days=1)
    databasen_vagrar(lambda: Deltagande.objects.filter(pk=ny.pk).update(tidigare_start=i_morgon))
    vanlig = registrera(personal, sex_manader).deltagande
    databasen_vagrar(lambda: Deltagande.objects.filter(pk=vanlig.pk).update(tidigare_start=IDAG))


def test_a_corrected_start_stays_after_the_old_codes(personal, sex_manader):
    from dokumentation.rattelser import services as rattelser

    ny = ny_kod(personal, sex_manader, tidigare_start=manader_efter(IDAG, -2))
    Deltagande.objects.filter(pk=ny.pk).update(startdatum=IDAG)
    ny.kontakt.datum = manader_efter(IDAG, -3)
    ny.kontakt.save()
    ny.refresh_from_db()
    with pytest.raises(RegelBrott) as e:
        rattelser.ratta(
            ny,
            andringar={"startdatum": manader_efter(IDAG, -3), "alder": None, "kon": "man"},
            orsak=rattelser.Orsak("fel_uppgift"),
            av=personal,
            sag=0,
        )
    assert [(o.kod, o.falt) for o in e.value.overtradelser] == [("datum_fore_start", "startdatum")]


@pytest.fixture
def traffar(personal, grupp, omgang):
    """ABC has a cap of 4: a participant present at all four meetings of the round."""
    d = registrera(
        personal, grupp, svar=["uppfyllt", "uppfyllt"], barnets_alder=5, omgang=omgang
    ).deltagande
    lista = []
    for _ in range(4):
        t = registrera_traff(
            omgang=omgang,
            datum=IDAG,
            langd_minuter=120,
            personal=personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
        lista.append(t)
    return d, lista


def test_a_round_has_no_more_meetings_than_the_catalogue_allows(personal, omgang, traffar):
    with pytest.raises(RegelBrott) as fel:
        registrera_traff(
            omgang=omgang,
            datum=IDAG,
            langd_minuter=120,
            personal=personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
    assert koder(fel.value.overtradelser) == ["omgang_over_tak"]
    assert omgang.traffar.count() == 4


def test_attendance_at_the_cap_needs_a_reason(personal, radgivning, grupp, omgang, traffar):
    d, lista = traffar
    for t in lista[:3]:
        andra_narvaro(traff=t, lagg_till=[d.pk], ta_bort=[])
    # One individual talk as well (an insats may have both): the fourth meeting is beyond.
    Deltagande.objects.filter(pk=d.pk).update(tidigare_tillfallen=1)
    with pytest.raises(RegelBrott) as fel:
        andra_narvaro(traff=lista[3], lagg_till=[d.pk], ta_bort=[])
    assert koder(fel.value.overtradelser) == ["tak_tillfallen"]
    assert not Narvaro.objects.filter(tillfalle=lista[3]).exists()
    andra_narvaro(traff=lista[3], lagg_till=[d.pk], ta_bort=[], over_taket="omgangen_slutfors")
    assert Narvaro.objects.get(tillfalle=lista[3]).over_taket == "omgangen_slutfors"
    # A tick already there is not a new session: saving the list again needs nothing more.
    andra_narvaro(traff=lista[3], lagg_till=[d.pk], ta_bort=[])


def test_a_new_round_keeps_within_the_catalogue(grupp):
    grupp.gruppstorlek_min, grupp.gruppstorlek_max = 4, 10
    grupp.save()
    with pytest.raises(RegelBrott) as fel:
        skapa_omgang(
            insats=grupp,
            benamning="Höst",
            startdatum=IDAG,
            antal_traffar=40,
            min_deltagare=2,
            max_deltagare=12,
        )
    assert koder(fel.value.overtradelser) == [
        "omgang_over_tak",
        "grupp_over_katalogen",
        "grupp_under_katalogen",
    ]
    assert not Omgang.objects.filter(benamning="Höst").exists()


def databasen_vagrar(skapa):
    with pytest.raises(IntegrityError), transaction.atomic():
        skapa()


def test_the_database_refuses_what_the_rule_refuses(
    postgres, personal, radgivning, grupp, omgang, traffar
):
    """The same cases as above, written past the services."""
    d = registrera(personal, radgivning).deltagande
    for _ in range(5):
        samtal(personal, d)

    def talk(skal=""):
        return samtal_forbi_tjansterna(d, personal, skal)

    databasen_vagrar(talk)
    talk("akut")
    databasen_vagrar(lambda: talk("ingen kod"))

    # A new code continues its declared count in the database too.
    d = ny_kod(personal, radgivning, tidigare_tillfallen=5)
    databasen_vagrar(talk)

    # A fifth meeting of a round of ABC (at most 4), a round of 40 meetings, a full round.
    gruppdeltagare, lista = traffar
    databasen_vagrar(
        lambda: Tillfalle.objects.create(
            insats=grupp,
            utforare=grupp.utforare,
            typ=Tillfalle.Typ.GRUPPTRAFF,
            datum=IDAG,
            personal=personal,
            omgang=omgang,
            inlamningsnyckel=uuid.uuid4(),
        )
    )
    databasen_vagrar(
        lambda: Omgang.objects.create(
            insats=grupp,
            utforare=grupp.utforare,
            benamning="Lång",
            startdatum=IDAG,
            antal_traffar=40,
            max_deltagare=8,
        )
    )
    for _ in range(2):  # the round takes three
        registrera(personal, grupp, svar=["uppfyllt", "uppfyllt"], barnets_alder=5, omgang=omgang)
    vantar = registrera(
        personal, grupp, svar=["uppfyllt", "uppfyllt"], barnets_alder=5, utfall="vantelista"
    ).deltagande
    databasen_vagrar(
        lambda: Deltagande.objects.filter(pk=vantar.pk).update(
            omgang=omgang, status=Deltagande.Status.PAGAENDE
        )
    )

    # Attendance at the cap: the fourth meeting after a talk counted before.
    for t in lista[:3]:
        andra_narvaro(traff=t, lagg_till=[gruppdeltagare.pk], ta_bort=[])
    Deltagande.objects.filter(pk=gruppdeltagare.pk).update(tidigare_tillfallen=1)
    databasen_vagrar(lambda: Narvaro.objects.create(tillfalle=lista[3], deltagande=gruppdeltagare))
    Narvaro.objects.create(tillfalle=lista[3], deltagande=gruppdeltagare, over_taket="akut")


def test_the_database_keeps_a_declared_count_to_codes(postgres, personal, full_dokumentation):
    from dokumentation.kontakter.services import Personuppgifter

    person = Personuppgifter("198503121234", "Anna", "Svensson", False)
    d = registrera(personal, full_dokumentation, person=person, svar=["uppfyllt"]).deltagande
    databasen_vagrar(lambda: Deltagande.objects.filter(pk=d.pk).update(tidigare_tillfallen=3))


def test_an_open_activity_and_an_identified_insats_get_no_new_code(oppen, full_dokumentation):
    from dokumentation.deltagande.services import kan_fa_ny_kod

    assert not kan_fa_ny_kod(oppen) and not kan_fa_ny_kod(full_dokumentation)
    grupp_14_5 = InsatsFactory.build(
        dokumentationsregel="14:5", verksamhetssystem=None, form=Insats.Form.GRUPP
    )
    assert not kan_fa_ny_kod(grupp_14_5)
