"""Time as the municipality's staff see it."""

from __future__ import annotations

import datetime

from django.utils import timezone


def idag() -> datetime.date:
    """Today in the local time zone (TIME_ZONE, Europe/Stockholm)."""
    return timezone.localdate()
