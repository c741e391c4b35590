"""Tests the identity guard on one's own examples: UTF-8 texts on stdin, one per line; one line
out per line in: "avvisas<TAB>reason" or "godtas". With --databasen, lists the stored texts
that the guard would refuse now (existing rows are reported, never changed)."""

from __future__ import annotations

import io
import sys
from typing import Any

from django.core.management.base import BaseCommand

from identitetsskydd.granskning import granska


class Command(BaseCommand):
    help = (
        "Läser texter (en per rad, UTF-8) på standard in och skriver för varje rad "
        "'avvisas<TAB>skäl' eller 'godtas'."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--databasen",
            action="store_true",
            help="Granska i stället de fritexter som redan är sparade och lista dem som "
            "skulle avvisas.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["databasen"]:
            from identitetsskydd.befintliga import befintliga_fynd

            for tabell, pk, kolumn, kod in befintliga_fynd():
                self.stdout.write(f"{tabell}\t{pk}\t{kolumn}\t{kod}")
            return
        inn = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
        for rad in inn:
            fynd = granska(rad.rstrip("\r\n"))
            self.stdout.write(f"avvisas\t{fynd[0].kod}" if fynd else "godtas")
