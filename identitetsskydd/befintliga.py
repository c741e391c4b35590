"""The free-text columns the guard watches, by model label (this package sits below the apps
and imports none of them), and a report of stored texts it would refuse now."""

from __future__ import annotations

from collections.abc import Iterator

from django.apps import apps

from identitetsskydd.granskning import granska

# (model, columns, filter for the rows that must not reveal identity)
VAKTADE: tuple[tuple[str, tuple[str, ...], dict[str, object]], ...] = (
    ("dokumentation.Deltagande", ("problem_text", "avbrott_text"), {}),
    ("dokumentation.Omgang", ("benamning",), {}),
    ("dokumentation.Villkorssvar", ("villkor_text",), {}),
    (
        "uppfoljning.Arsuppfoljning",
        ("analys", "sammanfattning", "slutsats", "forslag_text"),
        {},
    ),
    ("dokumentation.Rattelse", ("kommentar",), {}),
    ("uppfoljning.Namndrapport", ("sammanfattning",), {}),
    (
        "uppfoljning.Riktlinjeuppfoljning",
        ("anvandning", "rattigheter", "dokumentation", "risker", "forslag"),
        {},
    ),
)


def befintliga_fynd() -> Iterator[tuple[str, int, str, str]]:
    for etikett, kolumner, _ in VAKTADE:
        modell = apps.get_model(etikett)
        rader = modell._default_manager.all()
        if etikett == "dokumentation.Deltagande":
            rader = rader.exclude(dokumentationsregel="14:3", dokumenteras_externt="")
        for rad in rader.values("pk", *kolumner).iterator():
            for k in kolumner:
                fynd = granska(rad[k] or "")
                if fynd:
                    yield etikett, rad["pk"], k, fynd[0].kod
