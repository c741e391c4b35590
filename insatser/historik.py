"""The catalogue on its time axis: the nämnd's decisions, not the moments rows were saved.

django-simple-history keeps every saved version of an insats (and of its villkor), tagged with
the decision it stands under (`beslut`) and, for a correction, the reason (`rattelse`). A
decided version takes effect on its decision's effective date (`Beslut.galler_fran`), or on
the insats's own start when that is later (`insatser.models.beslut.galler_fran`). "The catalogue as
decided on a date" is, for each insats, the version with the latest effective date on or
before that date, and among versions of the same date the one saved last: so a catalogue
entered in December for a decision in March reads as decided in March, and a correction,
saved later under the decision it corrects, replaces that decision's version from the
decision's date without being a new decision.

The services keep the insats's live row equal to the version in force today. A decision that
takes effect on a later day (decided in November for 1 January) is kept as a BeslutadAndring
until then, and read here as the version from its day, after the versions saved for that
day; on the day insatser.services.verkstall_beslut saves it as the live row under its
decision, which reads the same.
"""

from __future__ import annotations

import copy
import datetime
import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from insatser.models import (
    SAKUPPGIFTER,
    Beslut,
    BeslutadAndring,
    Insats,
    Katalog,
    Villkor,
    galler_fran,
)

# The fields a reader of a guideline revision cares about, in the order of the guideline.
JAMFORDA_FALT = [*SAKUPPGIFTER, "status", "beslut", "giltig_fran", "giltig_till", "anmarkning"]
BESLUTADE = (Insats.Status.BESLUTAD, Insats.Status.UPPHORD)


@dataclass(frozen=True)
class Skillnad:
    falt: str
    rubrik: str
    markerad: SafeString


@dataclass(frozen=True)
class VantandeRad:
    """Stands in for the history row of a decided change that is not the live row yet."""

    history_id: int  # negative: never a history row's
    history_date: datetime.datetime
    history_user: Any
    history_change_reason: str


@dataclass(frozen=True)
class Version:
    """One saved version of an insats: the insats as it was (an unsaved Insats built from the
    history row), its villkor then, its decision and the day it takes effect (None for a
    draft, which is on no decision's time axis). `andring`: a decided change waiting for its
    day (its `rad` a VantandeRad)."""

    rad: Any  # the HistoricalInsats row: who saved it, when, and why
    insats: Insats
    villkor: list[Villkor]
    beslut: Beslut | None
    galler_fran: datetime.date | None
    andring: BeslutadAndring | None = None

    @property
    def ar_rattelse(self) -> bool:
        return bool(self.insats.rattelse)

    @property
    def beskrivning(self) -> str:
        """How the version reads in a list: under which decision, or as a correction of it."""
        if self.beslut is None or self.galler_fran is None:
            return f"Utkast sparat {self.rad.history_date:%Y-%m-%d %H:%M}"
        if self.ar_rattelse:
            return f"Rättelse av beslut {self.beslut} – {self.insats.rattelse}"
        upphor = self.insats.status == Insats.Status.UPPHORD
        if self.andring is not None:
            vad = "Upphörande beslutat" if upphor else "Ändring beslutad"
            return f"{vad}: {self.beslut}, gäller från {self.andring.galler_fran:%Y-%m-%d}"
        vad = "Upphör genom" if upphor else "Beslut"
        return f"{vad} {self.beslut}, gäller från {self.galler_fran:%Y-%m-%d}"

    def i_kraft(self, datum: datetime.date) -> bool:
        """Decided, in force on the day by its dates, and not yet ended."""
        return (
            self.galler_fran is not None
            and self.galler_fran <= datum
            and (self.insats.giltig_till is None or self.insats.giltig_till >= datum)
        )


def _villkor_fore(rader: list[Any], slut: datetime.datetime | None) -> list[Villkor]:
    """The villkor as their history rows left them before `slut` (or now)."""
    senaste: dict[int, Any] = {}
    for rad in rader:
        if slut is not None and rad.history_date >= slut:
            break
        senaste[rad.id] = rad
    kvar = [r.instance for r in senaste.values() if r.history_type != "-"]
    return sorted(kvar, key=lambda v: (v.ordning, v.pk))


def versioner_av(
    insats_ids: Iterable[int] | None = None,
    *,
    katalog: Katalog | None = None,
    med_villkor: bool = True,
    med_vantande: bool = True,
    vantande: Iterable[BeslutadAndring] | None = None,
) -> dict[int, list[Version]]:
    """Every saved version of each insats (of a catalogue, or these), in the order of the
    time axis: drafts first as saved, then decided versions by effective date and, for the
    same date, as saved, a decided change still waiting for its day last. Three queries,
    however many insatser and versions (one fewer without the villkor, which a list of
    versions does not show, or without the waiting changes, for a day before them).

    An insats is saved before its villkor (they refer to it), so a version's villkor are those
    saved before the insats's next version."""
    rader_qs = Insats.history.exclude(history_type="-")
    villkor_qs = Villkor.history.all()
    if katalog is not None:
        rader_qs = rader_qs.filter(katalog_id=katalog.pk)
    if insats_ids is not None:
        ids = list(insats_ids)
        rader_qs = rader_qs.filter(id__in=ids)
        villkor_qs = villkor_qs.filter(insats_id__in=ids)
    rader = list(
        rader_qs.select_related("beslut", "history_user").order_by("history_date", "history_id")
    )
    if katalog is not None and insats_ids is None:
        villkor_qs = villkor_qs.filter(insats_id__in={r.id for r in rader})
    beslut = {r.beslut_id: r.beslut for r in rader if r.beslut_id}
    villkor_per_insats: dict[int, list[Any]] = {}
    if med_villkor:
        for v in villkor_qs.order_by("history_date", "history_id"):
            villkor_per_insats.setdefault(v.insats_id, []).append(v)
    rader_per_insats: dict[int, list[Any]] = {}
    for r in rader:
        rader_per_insats.setdefault(r.id, []).append(r)

    resultat: dict[int, list[Version]] = {}
    for insats_id, egna in rader_per_insats.items():
        versioner = []
        for nr, rad in enumerate(egna):
            nasta = egna[nr + 1].history_date if nr + 1 < len(egna) else None
            insats = rad.instance
            beslutet = beslut.get(rad.beslut_id) if rad.status in BESLUTADE else None
            insats.beslut = beslut.get(rad.beslut_id)
            versioner.append(
                Version(
                    rad=rad,
                    insats=insats,
                    villkor=_villkor_fore(villkor_per_insats.get(insats_id, []), nasta),
                    beslut=beslutet,
                    galler_fran=galler_fran(rad.giltig_fran, beslutet),
                )
            )
        resultat[insats_id] = versioner
    if med_vantande:
        if vantande is None:
            qs = BeslutadAndring.objects.vantande().select_related("beslut", "registrerad_av")
            if insats_ids is not None:
                qs = qs.filter(insats_id__in=list(rader_per_insats))
            elif katalog is not None:
                qs = qs.filter(insats__katalog_id=katalog.pk)
            vantande = qs
        _med_vantande(resultat, rader_per_insats, villkor_per_insats, vantande)
    for versioner in resultat.values():
        versioner.sort(
            key=lambda v: (
                v.galler_fran is not None,
                v.galler_fran or datetime.date.min,
                v.andring is not None,
                v.rad.history_date,
                v.rad.history_id,
            ),
        )
    return resultat


def _med_vantande(
    resultat: dict[int, list[Version]],
    rader_per_insats: dict[int, list[Any]],
    villkor_per_insats: dict[int, list[Any]],
    vantande: Iterable[BeslutadAndring],
) -> None:
    """Add each waiting decided change as the version it makes of the insats's last saved
    one (the live row, corrections included)."""
    for andring in vantande:
        insats_id = andring.insats_id
        egna = rader_per_insats.get(insats_id) if insats_id is not None else None
        if insats_id is None or not egna:
            continue  # the catalogue's own settings, or an insats not read
        insats = andring.som_insats(egna[-1].instance)
        villkor = andring.som_villkor(_villkor_fore(villkor_per_insats.get(insats_id, []), None))
        resultat[insats_id].append(
            Version(
                rad=VantandeRad(
                    history_id=-andring.pk,
                    history_date=andring.registrerad,
                    history_user=andring.registrerad_av,
                    history_change_reason="Beslutad ändring",
                ),
                insats=insats,
                villkor=villkor,
                beslut=andring.beslut,
                galler_fran=galler_fran(insats.giltig_fran, andring.beslut),
                andring=andring,
            )
        )


def beslutad_pa(versioner: list[Version], datum: datetime.date) -> Version | None:
    """The version the nämnd's decisions put in force on the day, or None."""
    fore = [v for v in versioner if v.galler_fran is not None and v.galler_fran <= datum]
    if not fore or not fore[-1].i_kraft(datum):
        return None
    return fore[-1]


def katalog_per_datum(
    katalog: Katalog,
    datum: datetime.date,
    *,
    versioner: dict[int, list[Version]] | None = None,
) -> list[Version]:
    """The catalogue as the nämnd's decisions make it on the day, whenever they were entered.
    `versioner`: the catalogue's versioner_av already read, to read several days at once."""
    if versioner is None:
        versioner = versioner_av(katalog=katalog)
    rader = [v for egna in versioner.values() if (v := beslutad_pa(egna, datum)) is not None]
    return sorted(rader, key=lambda v: (v.insats.ordning, v.insats.namn))


def insats_per_datum(insats_id: int, datum: datetime.date) -> Version | None:
    """One insats as the nämnd's decisions make it on the day (registration on a past day,
    before the live row's version: no waiting change is for such a day)."""
    versioner = versioner_av([insats_id], med_vantande=False).get(insats_id, [])
    return beslutad_pa(versioner, datum)


def versioner(
    insats: Insats,
    *,
    med_villkor: bool = True,
    vantande: Iterable[BeslutadAndring] | None = None,
) -> list[Version]:
    """The versions of one insats, newest on the time axis first. `vantande`: its waiting
    decided changes, already read."""
    versioner = versioner_av([insats.pk], med_villkor=med_villkor, vantande=vantande).get(
        insats.pk, []
    )
    return list(reversed(versioner))


# ---------------------------------------------------------------- differences


def _visat_varde(insats: Insats, falt: str) -> str:
    varde = getattr(insats, falt)
    if falt == "villkor_text":
        return "\n".join(varde or [])
    if falt in ("utforare", "beslut"):
        return str(varde) if getattr(insats, f"{falt}_id") else ""
    if isinstance(varde, bool):
        return "ja" if varde else "nej"
    display = getattr(insats, f"get_{falt}_display", None)
    if display and varde:
        return str(display())
    return "" if varde is None else str(varde)


def markera_skillnad(fore: str, efter: str) -> SafeString:
    """Word-level difference: removed text struck through, added text underlined, as the
    municipalities mark their guideline revisions."""
    a, b = fore.split(" "), efter.split(" ")
    delar: list[str] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            delar.append(escape(" ".join(a[a1:a2])))
            continue
        if a2 > a1:
            delar.append(f"<del>{escape(' '.join(a[a1:a2]))}</del>")
        if b2 > b1:
            delar.append(f"<ins>{escape(' '.join(b[b1:b2]))}</ins>")
    return mark_safe(" ".join(d for d in delar if d))  # noqa: S308 - every part is escaped


def jamfor(fore: Version, efter: Version) -> list[Skillnad]:
    """What differs between two versions of an insats, villkor included."""
    skillnader = []
    for falt in JAMFORDA_FALT:
        if falt in ("utforare", "beslut") and (
            getattr(fore.insats, f"{falt}_id") == getattr(efter.insats, f"{falt}_id")
        ):
            continue  # the same row: not read to be shown
        a, b = _visat_varde(fore.insats, falt), _visat_varde(efter.insats, falt)
        if a != b:
            rubrik = str(getattr(Insats._meta.get_field(falt), "verbose_name", falt)).capitalize()
            skillnader.append(Skillnad(falt, rubrik, markera_skillnad(a, b)))
    villkor_a = [v.klartext() for v in fore.villkor]
    villkor_b = [v.klartext() for v in efter.villkor]
    if villkor_a != villkor_b:
        skillnader.append(
            Skillnad(
                "villkor", "Villkor", markera_skillnad(" ".join(villkor_a), " ".join(villkor_b))
            )
        )
    return skillnader


@dataclass(frozen=True)
class Katalogskillnad:
    """One insats that differs between the catalogue as decided on two days."""

    namn: str
    vad: str  # "ny", "borttagen" or "andrad"
    skillnader: list[Skillnad]


def jamfor_kataloger(fore: list[Version], efter: list[Version]) -> list[Katalogskillnad]:
    """The difference between the catalogue as decided on two days, insats by insats, in the
    order of the later catalogue (what left it last)."""
    per_id = {v.insats.pk: v for v in fore}
    resultat = []
    for v in efter:
        gammal = per_id.pop(v.insats.pk, None)
        if gammal is None:
            resultat.append(Katalogskillnad(v.insats.namn, "ny", []))
        elif skillnader := jamfor(gammal, v):
            resultat.append(Katalogskillnad(v.insats.namn, "andrad", skillnader))
    resultat += [Katalogskillnad(v.insats.namn, "borttagen", []) for v in per_id.values()]
    return resultat


def katalog_pa(katalog: Katalog, datum: datetime.date) -> Katalog:
    """The catalogue's own settings (21 kap. 2 § for the whole catalogue, its header) as the
    nämnd's decisions had them on the day: the live row (no query) from the day its version
    took effect, else the version then in force, read from the history."""
    fran = katalog.uppgifter_galler_fran
    if fran is None or datum >= fran:
        return katalog
    rader = [
        r
        for r in Katalog.history.filter(id=katalog.pk)
        if r.uppgifter_galler_fran is None or r.uppgifter_galler_fran <= datum
    ]
    if not rader:
        return katalog
    senaste = max(
        rader,
        key=lambda r: (r.uppgifter_galler_fran or datetime.date.min, r.history_date, r.history_id),
    )
    version: Katalog = senaste.instance
    return version


def katalog_som_beslutad(katalog: Katalog, datum: datetime.date) -> Katalog:
    """katalog_pa, and on a day a waiting decided change of the catalogue's settings has
    taken effect by, the settings as it makes them (unsaved)."""
    vantande = (
        katalog.beslutade_andringar.vantande()
        .filter(galler_fran__lte=datum)
        .select_related("beslut")
        .first()
    )
    if vantande is not None:
        return vantande.som_katalog(katalog)
    return katalog_pa(katalog, datum)


def i_kraft_pa(insats: Insats, datum: datetime.date) -> tuple[Insats, list[Villkor]]:
    """The insats and its villkor as in force on the day, for what is registered on that day:
    the live row itself (no further query) when its version took effect by then, else the
    version the decisions then had in force, read from the history; its katalog the
    catalogue's settings of the day (katalog_pa). A day before any version took effect gives
    the live row: whether something may be dated before the insats applies is registration's
    own rule (its `giltig_fran`)."""
    villkor = list(insats.villkor.all())
    katalog = katalog_pa(insats.katalog, datum)
    if katalog is not insats.katalog:  # the catalogue-wide 21 kap. 2 § of that day
        insats = copy.copy(insats)
        insats.katalog = katalog
    fran = insats.version_galler_fran
    if fran is None or datum >= fran:
        return insats, villkor
    version = insats_per_datum(insats.pk, datum)
    if version is None:
        return insats, villkor
    version.insats.katalog = katalog
    return version.insats, version.villkor


# ---------------------------------------------------------------- periods in force


def perioder_i_kraft(
    insats: Insats, datum: datetime.date | None = None
) -> list[tuple[datetime.date, datetime.date | None]]:
    """The periods the nämnd's decisions had the insats in force (from, through; None: not
    ended), oldest first, for the rule `sol_11_kap_5_i_kraft`. An insats that ended and was
    decided again from a later day (insatser.katalogtillampning._besluta_igen) has one before the
    gap and one after. Read from the history in one query, but with none when `datum` lies in
    the live row's own period (every registration dated since the insats's latest start).

    In the history, a period is the rows with the same start: the last of them says its end.
    A start that moves while the period has not ended (a decision's day put in afterwards, a
    correction) is the same period, not a new one; only a start after an end begins one."""
    if insats.giltig_fran is None:
        return []
    if datum is not None and datum >= insats.giltig_fran:
        return [(insats.giltig_fran, insats.giltig_till)]
    rader = (
        Insats.history.filter(id=insats.pk)
        .exclude(giltig_fran=None)
        .exclude(status=Insats.Status.UTKAST)
        .order_by("history_date", "history_id")
        .values_list("giltig_fran", "giltig_till")
    )
    perioder: list[tuple[datetime.date, datetime.date | None]] = []
    for fran, till in [*rader, (insats.giltig_fran, insats.giltig_till)]:
        if perioder and (perioder[-1][0] == fran or perioder[-1][1] is None):
            perioder[-1] = (fran, till)
        else:
            perioder.append((fran, till))
    return perioder
