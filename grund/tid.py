"""Time as the municipality's staff see it."""

from __future__ import annotations

import argparse
import datetime

from django.utils import timezone

# The months' Swedish names, January first.
MANADSNAMN = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def idag() -> datetime.date:
    """Today in the local time zone (TIME_ZONE, Europe/Stockholm)."""
    return timezone.localdate()


def idag_argument(parser: argparse.ArgumentParser) -> None:
    """`--idag` for the daily commands: run as if it were another day, for trials and tests."""
    parser.add_argument(
        "--idag",
        type=datetime.date.fromisoformat,
        default=None,
        help="Räkna som om det vore detta datum (ÅÅÅÅ-MM-DD); bara för prov och test.",
    )
