"""11 kap. 5 § SoL: within what the nämnd decided – the caps on sessions and time, a new
deltagarkod that continues the old one's time, a round's size and meetings, and nothing before
the insats is in force."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from dokumentation.regler.begrepp import SOL_11_5
from insatser.regler import Overtradelse, sol_11_kap_5_i_kraft

#: The codes of `dokumentation.val.SkalOverTak` (a test keeps the two the same).
SKAL_OVER_TAK = frozenset({"ansokan_pagar", "avslutande", "akut", "omgangen_slutfors", "annat"})


def manader_efter(dag: datetime.date, manader: int) -> datetime.date:
    """The same day `manader` months later, the month's last day where it is shorter (as
    PostgreSQL's date + interval, which the database's guard uses)."""
    ar, manad = divmod(dag.month - 1 + manader, 12)
    ar, manad = dag.year + ar, manad + 1
    sista = (datetime.date(ar + manad // 12, manad % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(ar, manad, min(dag.day, sista))


def sol_11_kap_5_tak(
    *,
    antal_tillfallen: int,
    max_tillfallen: int | None,
    startdatum: datetime.date,
    idag: datetime.date,
    max_manader: int | None,
    skal: str = "",
) -> list[Overtradelse]:
    """11 kap. 5 § and 11 kap. 1 §: the nämnd caps what is given without assessment, in
    sessions and in time, and both caps work the same way for talks and group meetings alike.
    At a cap (`antal_tillfallen` already given, a session on `idag`) more needs an application
    and a needs assessment: the person is offered a referral to apply. One more session is
    registered only by an explicit choice with a reason (`skal`, one of SKAL_OVER_TAK), which is
    stored with the session and counted; without one, the violations say the cap is reached."""
    fel = []
    if max_tillfallen is not None and antal_tillfallen >= max_tillfallen:
        fel.append(
            Overtradelse(
                kod="tak_tillfallen",
                regel=SOL_11_5,
                falt="over_taket",
                meddelande=f"Deltagandet har nått taket på {max_tillfallen} tillfällen utan "
                "behovsprövning. Mer kräver en ansökan och behovsprövning (11 kap. 1 §).",
            )
        )
    if max_manader is not None and idag >= manader_efter(startdatum, max_manader):
        fel.append(
            Overtradelse(
                kod="tak_varaktighet",
                regel=SOL_11_5,
                falt="over_taket",
                meddelande=f"Deltagandet har pågått i {max_manader} månader, den längsta tid "
                "insatsen ges utan behovsprövning. Mer kräver en ansökan (11 kap. 1 §).",
            )
        )
    return [] if skal in SKAL_OVER_TAK else fel


def sol_11_kap_5_ny_kods_start(
    *, tidigare_start: datetime.date | None, datum: datetime.date, max_manader: int | None
) -> list[Overtradelse]:
    """11 kap. 5 §: a new deltagarkod for someone who lost their card continues the old code's
    time as well as its talks, or the longest time without assessment would start over with
    every lost card. Where the insats has such a limit, staff give the day the person began
    (roughly is enough); it lies on or before the new code's first day."""
    if tidigare_start is None:
        if max_manader is None:
            return []
        return [
            Overtradelse(
                kod="tidigare_start_saknas",
                regel=SOL_11_5,
                falt="tidigare_start",
                meddelande=f"Ange ungefär när personen började. Insatsen ges utan "
                f"behovsprövning i högst {max_manader} månader, räknat från den dagen.",
            )
        ]
    if tidigare_start > datum:
        return [
            Overtradelse(
                kod="tidigare_start_efter",
                regel=SOL_11_5,
                falt="tidigare_start",
                meddelande=f"Personen började före den nya koden: ange en dag senast "
                f"{datum:%Y-%m-%d}.",
            )
        ]
    return []


def sol_11_kap_5_omgang(
    *,
    antal_traffar: int | None,
    min_deltagare: int | None,
    max_deltagare: int | None,
    max_tillfallen: int | None,
    gruppstorlek_min: int | None,
    gruppstorlek_max: int | None,
) -> list[Overtradelse]:
    """11 kap. 5 §: a round of a group insats is given within what the nämnd decided – no more
    meetings than the insats's cap on sessions, and a group size within the catalogue's. The
    round's own size is then checked at intake (a full round takes nobody more)."""
    fel = []
    if antal_traffar is not None and max_tillfallen is not None and antal_traffar > max_tillfallen:
        fel.append(
            Overtradelse(
                kod="omgang_over_tak",
                regel=SOL_11_5,
                falt="antal_traffar",
                meddelande=f"Nämnden har beslutat högst {max_tillfallen} tillfällen utan "
                "behovsprövning för insatsen; en omgång kan inte ha fler träffar.",
            )
        )
    if (
        max_deltagare is not None
        and gruppstorlek_max is not None
        and max_deltagare > gruppstorlek_max
    ):
        fel.append(
            Overtradelse(
                kod="grupp_over_katalogen",
                regel=SOL_11_5,
                falt="max_deltagare",
                meddelande=f"Katalogen anger högst {gruppstorlek_max} deltagare per omgång.",
            )
        )
    if (
        min_deltagare is not None
        and gruppstorlek_min is not None
        and min_deltagare < gruppstorlek_min
    ):
        fel.append(
            Overtradelse(
                kod="grupp_under_katalogen",
                regel=SOL_11_5,
                falt="min_deltagare",
                meddelande=f"Katalogen anger minst {gruppstorlek_min} deltagare per omgång.",
            )
        )
    return fel


def datum_fore_insatsen(
    datum: datetime.date,
    *,
    perioder: Sequence[tuple[datetime.date, datetime.date | None]],
    falt: str = "datum",
) -> list[Overtradelse]:
    """11 kap. 5 §: nothing is registered under an insats on a day the nämnd's decisions did
    not have it in force – before it began, or in the gap of an insats that ended and was
    decided again. The rule is the catalogue's (`sol_11_kap_5_i_kraft`); the periods are
    the decision history's (insatser.historik.perioder_i_kraft)."""
    return sol_11_kap_5_i_kraft(datum, perioder=perioder, falt=falt)
