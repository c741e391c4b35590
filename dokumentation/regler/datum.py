"""What every record's dates, ages and endings must satisfy: not a law's paragraph, but defined
here once, as the rules are, and called from the forms, the services and the import alike."""

from __future__ import annotations

import datetime

from insatser.regler import Overtradelse
from insatser.regler import gruppstorlek_fel as insatsens_gruppstorlek


def datumfel(
    datum: datetime.date,
    *,
    idag: datetime.date,
    tidigast: datetime.date | None = None,
    falt: str = "datum",
    fore: str = "starten",
    atgard: str = "",
) -> list[Overtradelse]:
    """A record's date: never in the future, never before what it belongs to (the start of
    the participation, the contact that began it: `fore` names which, `atgard` says what to
    do about it)."""
    if datum > idag:
        return [
            Overtradelse(
                kod="datum_framtid",
                regel="",
                falt=falt,
                meddelande="Datumet kan inte ligga i framtiden.",
            )
        ]
    if tidigast and datum < tidigast:
        return [
            Overtradelse(
                kod="datum_fore_start",
                regel="",
                falt=falt,
                meddelande=" ".join(
                    t for t in (f"Datumet ligger före {fore} {tidigast:%Y-%m-%d}.", atgard) if t
                ),
            )
        ]
    return []


def datum_efter(
    datum: datetime.date,
    *,
    senast: datetime.date | None,
    vad: str,
    falt: str = "datum",
    atgard: str = "",
) -> list[Overtradelse]:
    """A record's date not after what must come after it (a contact after the participation
    it began, a start after the first talk or the end)."""
    if senast is not None and datum > senast:
        return [
            Overtradelse(
                kod="datum_efter",
                regel="",
                falt=falt,
                meddelande=" ".join(
                    t for t in (f"Datumet ligger efter {vad} {senast:%Y-%m-%d}.", atgard) if t
                ),
            )
        ]
    return []


def avbrott_utan_orsak(*, avbrott: bool, avbrottsorsak: str) -> list[Overtradelse]:
    """A participation that stopped early says why (14 kap. 5 §: reasons for stopping early
    are followed up)."""
    if avbrott and not avbrottsorsak:
        return [
            Overtradelse(
                kod="orsak_saknas",
                regel="",
                falt="avbrottsorsak",
                meddelande="Ange orsaken till avbrottet.",
            )
        ]
    return []


def gruppstorlek_fel(*, min_deltagare: int | None, max_deltagare: int | None) -> list[Overtradelse]:
    """A round's size: at most never below at least – the catalogue's rule for a group size
    (insatser.regler.gruppstorlek_fel), at the round's field."""
    return insatsens_gruppstorlek(minst=min_deltagare, hogst=max_deltagare, falt="max_deltagare")


def alder_pa_dag(fodd: datetime.date, dag: datetime.date) -> int:
    """Whole years from birth to the day."""
    return dag.year - fodd.year - ((dag.month, dag.day) < (fodd.month, fodd.day))


def alder_motsager(
    *,
    dag: datetime.date,
    alder: int | None,
    fodelsear: int | None = None,
    fodd: datetime.date | None = None,
) -> list[Overtradelse]:
    """What is said of someone's age agrees with itself: an age and a birth year, or an age
    and the birth date in a personnummer, given together must fit on the day of the contact."""
    fel = []
    if (
        alder is not None
        and fodelsear is not None
        and alder
        not in (
            dag.year - fodelsear - 1,
            dag.year - fodelsear,
        )
    ):
        fel.append(
            Overtradelse(
                kod="fodelsear_motsager_alder",
                regel="",
                falt="fodelsear",
                meddelande=f"Födelseåret {fodelsear} stämmer inte med åldern {alder} år.",
            )
        )
    if alder is not None and fodd is not None and alder != alder_pa_dag(fodd, dag):
        fel.append(
            Overtradelse(
                kod="alder_motsager_personnummer",
                regel="",
                falt="alder",
                meddelande=f"Åldern stämmer inte med personnumret: personen är "
                f"{alder_pa_dag(fodd, dag)} år.",
            )
        )
    return fel


def ett_ar_tillbaka(idag: datetime.date) -> datetime.date:
    """The same day a year ago (28 February for a 29 February)."""
    try:
        return idag.replace(year=idag.year - 1)
    except ValueError:
        return idag.replace(year=idag.year - 1, day=28)


def datum_langt_tillbaka(
    datum: datetime.date, *, idag: datetime.date, orsak: str
) -> list[Overtradelse]:
    """A date more than a year back is a typing mistake (1999 for 2025) or a late
    registration: it lands in a period that may already be published, where it shows as a
    revision. It is saved only with a reason, chosen from codes and kept with the record."""
    if datum >= ett_ar_tillbaka(idag) or orsak:
        return []
    return [
        Overtradelse(
            kod="efterregistrering_utan_orsak",
            regel="",
            falt="efterregistrering",
            meddelande=f"Datumet {datum:%Y-%m-%d} ligger mer än ett år tillbaka. Rätta det, "
            "eller ange varför det registreras så långt i efterhand.",
        )
    ]


def kan_ha_varit_med(*, startdatum: datetime.date, traffdag: datetime.date) -> bool:
    """Presence at a group meeting lies within the participation: someone could have been at
    a meeting only if they had begun by its day (the database's trigger narvaro_inom_deltagandet,
    dokumentation 0030, refuses the rest)."""
    return startdatum <= traffdag
