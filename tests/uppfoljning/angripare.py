"""The attacker of the acceptance test, written apart from uppfoljning.skyddsgranskning: it
reads only what is published (shown numbers, which cells are hidden, the layout of the
tables as the README describes it) and knows every true count of one utförare. It writes one
integer program over everything and asks, for every hidden count whose true value is small,
its least and greatest possible value – and likewise for the sum of the hidden parts of every
sum the tables state (women 18–24 and 25–44 hidden under a shown total: "three women aged
18–44"), and of each utförare's hidden parts of a catalogue total."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from uppfoljning.matt import KON_ALDER, MATT
from uppfoljning.publicerat import Publicerat

KONTAKT_DELAR = ["deltar", "vantelista", "hanvisad_ansoka", "hanvisad_namnd", "avbojde"]
TILLFALLEN = ["samtal", "grupptraffar", "oppningar"]
STOR = 10**6  # more than any count


def sambanden(celler: set[tuple[str, str, str]]) -> list[tuple[dict, bool]]:
    """(coefficients, equality) with Σ coef·x = 0 (or ≥ 0) for what the tables say."""
    ut: list[tuple[dict, bool]] = []

    def summa(total, delar):
        if total in celler and all(d in celler for d in delar):
            rad = defaultdict(int)
            rad[total] += 1
            for d in delar:
                rad[d] -= 1
            ut.append((rad, True))

    enheter = {e for _, e, _ in celler}
    kolumner = {k for _, _, k in celler}
    additiva = [m.nyckel for m in MATT if m.nyckel != "unika"]
    for k in kolumner:
        insatser = [e for e in enheter if e != "KAT"]
        for m in additiva:
            summa((m, "KAT", k), [(m, e, k) for e in insatser])
        if ("unika", "KAT", k) in celler:
            delar = [("unika", e, k) for e in insatser]
            if all(d in celler for d in delar):
                ut.append(({**{d: 1 for d in delar}, ("unika", "KAT", k): -1}, False))
            for d in delar:
                if d in celler:
                    ut.append(({("unika", "KAT", k): 1, d: -1}, False))
        for e in enheter:
            summa(("kontakter", e, k), [(d, e, k) for d in KONTAKT_DELAR])
            summa(("tillfallen", e, k), [(d, e, k) for d in TILLFALLEN])
            if len(k) != 4 and "@" not in k:
                # the outcomes not shown per sub-period are still at least zero
                delar = [("hanvisad_ansoka", e, k), ("hanvisad_namnd", e, k)]
                if ("kontakter", e, k) in celler and all(d in celler for d in delar):
                    ut.append(({("kontakter", e, k): 1, **{d: -1 for d in delar}}, False))
            for total in KON_ALDER:
                from uppfoljning.indikatorer import ALDERSGRUPPER, KON

                for kon, _ in KON:
                    summa(
                        (f"{total}.kon.{kon}", e, k),
                        [(f"{total}.ka.{kon}.{g}", e, k) for g, _ in ALDERSGRUPPER],
                    )
                for g, _ in ALDERSGRUPPER:
                    summa(
                        (f"{total}.alder.{g}", e, k),
                        [(f"{total}.ka.{kon}.{g}", e, k) for kon, _ in KON],
                    )
                summa((total, e, k), [(f"{total}.kon.{kon}", e, k) for kon, _ in KON])
            villkor = [c for c in celler if c[1:] == (e, k) and c[0].startswith("villkor_ej.typ")]
            if villkor:
                summa(("villkor_ej", e, k), villkor)
            # Reasons for stopping early, problems, reasons for sessions over a cap: each
            # breakdown sums to its total.
            for total, prefix in (
                ("avbrutna", "avbrutna.orsak."),
                ("problem", "problem.kod."),
                ("over_taket", "over_taket.skal."),
            ):
                delar = [c for c in celler if c[1:] == (e, k) and c[0].startswith(prefix)]
                if delar:
                    summa((total, e, k), delar)
            avslut = [("avslutade", e, k), ("avbrutna", e, k)]
            if ("problem", e, k) in celler and all(a in celler for a in avslut):
                ut.append(({**{a: 1 for a in avslut}, ("problem", e, k): -1}, False))
            for falt in (
                "boende_start",
                "boende_slut",
                "sysselsattning_start",
                "sysselsattning_slut",
            ):
                svar = [c for c in celler if c[1:] == (e, k) and c[0].startswith(f"social.{falt}.")]
                if svar and all(a in celler for a in avslut):
                    ut.append(({**{a: 1 for a in avslut}, **{c: -1 for c in svar}}, False))
            for bland in ("unga_utan_samtycke", "nya_deltagarkoder"):
                if ("unika", e, k) in celler and (bland, e, k) in celler:
                    ut.append(({("unika", e, k): 1, (bland, e, k): -1}, False))
    # The year: its half-years (or tertials) as published plus what was registered late
    # into them.
    for k in (k for k in kolumner if len(k) == 4):
        halvar = sorted(c for c in kolumner if c.startswith(f"{k}-") and "@" not in c)
        for e in enheter:
            for m in additiva:
                if (m, e, k) not in celler:
                    continue
                # Every sub-period and every revision of them published in the year (by any
                # unit: one missing here is a withdrawn count, and the sum is then unknown).
                revisioner = {
                    c[2]
                    for c in celler
                    if "@" in c[2]
                    and c[2].split("@")[0] in halvar
                    and c[2].split("@")[1].startswith(k)
                }
                summa((m, e, k), [(m, e, h) for h in [*halvar, *sorted(revisioner)]])
            for h in halvar:
                if ("unika", e, k) in celler and ("unika", e, h) in celler:
                    ut.append(({("unika", e, k): 1, ("unika", e, h): -1}, False))
    return ut


def vems(agare: dict, c: tuple) -> str | None:
    """Whose a cell is: `agare` maps an insats to its utförare, or (insats, kolumn) where the
    insats changed utförare (a column of one utförare's records; absent: nobody's whole)."""
    if (c[1], c[2]) in agare:
        return agare[(c[1], c[2])]
    return agare.get(c[1])


def _egen(sant: dict, agare: dict, kand: str | None):
    """Whether a cell is a catalogue total made only of the attacker's (the known utförare's)
    own records: known to them already, so nothing to find."""
    insatser = {e for _, e, _ in sant if e != "KAT"}

    def egen(c: tuple) -> bool:
        return c[1] == "KAT" and all(
            sant.get((c[0], e, c[2]), 0) == 0
            for e in insatser
            if vems(agare, (c[0], e, c[2])) != kand
        )

    return egen


def angrip(
    pub: Publicerat,
    sant: dict,
    agare: dict[str, str],
    kand: str,
    k: int = 5,
    ej_publicerade: frozenset = frozenset(),
):
    """The small hidden counts not of utförare `kand` that the attacker pins to one value.
    `ej_publicerade`: the cells the open export lists as "ej_publicerad" ("–": never shown, or
    a small count withdrawn); the attacker knows they are in the sums and at least zero (a
    revision: any whole number), and a withdrawn small count must not be pinned either."""
    return [
        (c, sant[c] if c in sant else sum(sant[d] for d in c))
        for c, (lagst, hogst) in granser(
            pub, sant, agare, kand, k, ej_publicerade, grupper=True
        ).items()
        if lagst == hogst
    ]


def gruppsummor(
    pub: Publicerat,
    sant: dict,
    agare: dict[str, str],
    kand: str,
    k: int = 5,
    ej_publicerade: frozenset = frozenset(),
) -> list[tuple]:
    """The groups of hidden cells the attacker of `angrip` knows a sum of from one stated
    sum, whose true sum is small: in every equality of the tables (a total and its parts), the
    parts hidden and not of utförare `kand` – all of them, and each utförare's among them (one
    who knows every other). Two or more; none with a revision (a change on net, no count)."""
    poster = {**pub.poster, **{c: None for c in ej_publicerade}}
    celler = {c for c in poster if not c[0].startswith("medel.")}

    def okand(c):
        return poster[c] is None and vems(agare, c) != kand

    egen = _egen(sant, agare, kand)

    ut: dict[tuple, None] = {}
    for rad, lika in sambanden(celler):
        if not lika:
            continue
        delar = sorted(c for c, koef in rad.items() if koef < 0 and okand(c))
        per_agare: dict = defaultdict(list)
        for c in delar:
            per_agare[vems(agare, c) or c[1]].append(c)
        for grupp in [delar, *per_agare.values()]:
            if len(grupp) < 2 or any("@" in c[2] for c in grupp) or all(map(egen, grupp)):
                continue
            if 0 < abs(sum(sant[c] for c in grupp)) < k:
                ut[tuple(grupp)] = None
    return list(ut)


def granser(
    pub: Publicerat,
    sant: dict,
    agare: dict[str, str],
    kand: str,
    k: int = 5,
    ej_publicerade: frozenset = frozenset(),
    vet: tuple[dict, list[tuple[dict, bool]]] = ({}, []),
    summor: tuple[tuple, ...] = (),
    grupper: bool = False,
) -> dict:
    """The least and greatest value the attacker of `angrip` can give each small hidden count
    not of utförare `kand` (interval disclosure: a count known to be 1 or 2). `vet`: what
    else the attacker knows – numbers under made-up keys (as if shown) and rows of the form
    of `sambanden` over them and the published cells (a page they can read besides).
    `summor`: tuples of cells whose sum is bounded too, under the tuple as key; `grupper`:
    and every group of `gruppsummor`."""
    extra, extra_rader = vet
    if grupper:
        summor = (*summor, *gruppsummor(pub, sant, agare, kand, k, ej_publicerade))
    poster = {**pub.poster, **{c: None for c in ej_publicerade}, **extra}
    celler = {c for c in poster if not c[0].startswith("medel.")}
    dolda = sorted(c for c in celler if poster[c] is None)

    def kanns(c):
        return vems(agare, c) == kand

    okanda = [c for c in dolda if not kanns(c)]
    index = {c: i for i, c in enumerate(okanda)}
    rader, lag, hog = [], [], []
    for rad, lika in [*sambanden(celler - set(extra)), *extra_rader]:
        a = np.zeros(len(okanda))
        konstant = 0.0
        for c, koef in rad.items():
            if c in index:
                a[index[c]] += koef
            else:
                varde = poster[c] if poster[c] is not None else sant[c]
                konstant += koef * varde
        if a.any():
            rader.append(a)
            lag.append(-konstant)
            hog.append(-konstant if lika else math.inf)
    lo, hi = [], []
    for c in okanda:
        v = sant[c]
        if c in ej_publicerade:
            # A villkor type's row is there only for one or more: "–" there is at least 1.
            minst = 1 if c[0].startswith("villkor_ej.typ.") else 0
            lo.append(-math.inf if "@" in c[2] else minst), hi.append(math.inf)
        elif 0 < v < k:
            lo.append(1), hi.append(k - 1)
        elif -k < v < 0:
            lo.append(-(k - 1)), hi.append(-1)
        elif v >= k:
            lo.append(k), hi.append(math.inf)
        else:
            lo.append(-math.inf), hi.append(-k)
    # A withdrawn count may have no upper bound at all: a large one keeps the program bounded.
    lo, hi = np.clip(lo, -STOR, STOR), np.clip(hi, -STOR, STOR)
    villkor = [LinearConstraint(np.array(rader), lag, hog)] if rader else []
    egen = _egen(sant, agare, kand)

    ut = {}
    for summa in summor:
        # A sum of cells (a sub-period with its revisions: the period as counted now).
        konstant = sum(
            poster[c] if poster[c] is not None else sant[c] for c in summa if c not in index
        )
        delar = [c for c in summa if c in index]
        if not delar:
            ut[summa] = (konstant, konstant)
            continue
        granser = []
        for tecken in (1, -1):
            mal = np.zeros(len(okanda))
            for c in delar:
                mal[index[c]] = tecken
            svar = milp(
                mal,
                integrality=np.ones(len(okanda)),
                bounds=Bounds(lo, hi),
                constraints=villkor,
            )
            assert svar.status == 0, svar.message
            granser.append(konstant + round(sum(svar.x[index[c]] for c in delar)))
        ut[summa] = (granser[0], granser[1])
    for c in okanda:
        if not 0 < abs(sant[c]) < k or egen(c):
            continue
        granser = []
        for tecken in (1, -1):
            mal = np.zeros(len(okanda))
            mal[index[c]] = tecken
            svar = milp(
                mal,
                integrality=np.ones(len(okanda)),
                bounds=Bounds(lo, hi),
                constraints=villkor,
            )
            assert svar.status == 0, svar.message
            granser.append(round(svar.x[index[c]]))
        ut[c] = (granser[0], granser[1])
    return ut
