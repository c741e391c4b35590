"""The attacker: given a published table (suppressed cells unknown, every row and column
adding up to its total), which hidden values can be computed exactly? Linear algebra over
the rationals: a hidden cell is revealed iff its unit vector lies in the row space of the
system of equations the visible cells leave."""

from fractions import Fraction


def _rang(matris):
    m = [list(map(Fraction, rad)) for rad in matris]
    rang, kolumner = 0, len(m[0]) if m else 0
    for k in range(kolumner):
        pivot = next((i for i in range(rang, len(m)) if m[i][k] != 0), None)
        if pivot is None:
            continue
        m[rang], m[pivot] = m[pivot], m[rang]
        for i in range(len(m)):
            if i != rang and m[i][k] != 0:
                faktor = m[i][k] / m[rang][k]
                m[i] = [a - faktor * b for a, b in zip(m[i], m[rang], strict=True)]
        rang += 1
    return rang


def avslojade_celler(celler):
    """celler: the protected table incl. its total row and column, as visible numbers
    (int) or None for hidden. Returns the hidden positions an attacker can recompute."""
    dolda = [(i, j) for i, rad in enumerate(celler) for j, c in enumerate(rad) if c is None]
    if not dolda:
        return []
    index = {c: n for n, c in enumerate(dolda)}
    rader, kolumner = len(celler), len(celler[0])
    linjer = [[(i, j) for j in range(kolumner - 1)] + [(i, kolumner - 1)] for i in range(rader)]
    linjer += [[(i, j) for i in range(rader - 1)] + [(rader - 1, j)] for j in range(kolumner)]
    ekvationer = []
    for linje in linjer:
        *delar, summa = linje
        rad = [0] * len(dolda)
        for c in delar:
            if c in index:
                rad[index[c]] += 1
        if summa in index:
            rad[index[summa]] -= 1
        if any(rad):
            ekvationer.append(rad)
    grund = _rang(ekvationer) if ekvationer else 0
    avslojade = []
    for c, n in index.items():
        enhet = [0] * len(dolda)
        enhet[n] = 1
        if _rang([*ekvationer, enhet]) == grund:
            avslojade.append(c)
    return avslojade
