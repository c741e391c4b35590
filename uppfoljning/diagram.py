"""Bar charts drawn on the server as SVG, so the PDF for the board's papers has them too.
They show only protected values: a hidden count has no bar, only its label."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from uppfoljning.rojandeskydd import Cell

FARGER = ["#0b4f9c", "#1d6b2f", "#8a5a00"]


def stapeldiagram(
    titel: str, grupper: Sequence[str], serier: Sequence[tuple[str, Sequence[Cell]]]
) -> SafeString:
    """Grouped vertical bars: one group per period, one bar per series."""
    bredd, hojd, vanster, botten, topp = 560, 240, 40, 40, 30
    # A stable id (not hash(), which differs per process): the same report renders the same
    # page, which the stored PDF is keyed on.
    ident = hashlib.sha256(titel.encode()).hexdigest()[:10]
    storst = max([c.varde or 0 for _, celler in serier for c in celler] + [1])
    grupp_bredd = (bredd - vanster - 10) / max(len(grupper), 1)
    stapel = grupp_bredd * 0.8 / max(len(serier), 1)
    delar = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {bredd} {hojd + 40}" '
        f'width="{bredd}" height="{hojd + 40}" '
        f'role="img" aria-labelledby="d-{ident}" class="diagram">',
        f'<title id="d-{ident}">{escape(titel)}</title>',
        f'<line x1="{vanster}" y1="{hojd - botten}" x2="{bredd - 10}" y2="{hojd - botten}" '
        'stroke="#1b1b1b"/>',
    ]
    for g, grupp in enumerate(grupper):
        x0 = vanster + g * grupp_bredd + grupp_bredd * 0.1
        delar.append(
            f'<text x="{x0 + grupp_bredd * 0.4:.0f}" y="{hojd - botten + 18}" '
            f'text-anchor="middle" font-size="13">{escape(grupp)}</text>'
        )
        for s, (_, celler) in enumerate(serier):
            cell = celler[g]
            x = x0 + s * stapel
            hojd_stapel = (cell.varde or 0) / storst * (hojd - botten - topp)
            y = hojd - botten - hojd_stapel
            if not cell.dold:
                delar.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{stapel * 0.9:.1f}" '
                    f'height="{hojd_stapel:.1f}" fill="{FARGER[s % len(FARGER)]}"/>'
                )
            delar.append(
                f'<text x="{x + stapel * 0.45:.1f}" y="{y - 4:.1f}" '
                f'text-anchor="middle" font-size="12">{escape(cell.visning)}</text>'
            )
    for s, (namn, _) in enumerate(serier):
        x = vanster + s * 170
        delar.append(
            f'<rect x="{x}" y="{hojd + 10}" width="12" height="12" '
            f'fill="{FARGER[s % len(FARGER)]}"/>'
        )
        delar.append(f'<text x="{x + 18}" y="{hojd + 21}" font-size="13">{escape(namn)}</text>')
    delar.append("</svg>")
    return mark_safe("".join(delar))  # noqa: S308 - every text part is escaped
