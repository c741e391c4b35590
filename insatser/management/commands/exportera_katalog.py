from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from insatser.katalogformat import VERSIONER, exportera_katalog, som_json
from insatser.models import Katalog


class Command(BaseCommand):
    help = "Exporterar en kommuns katalog i utbytesformatet, till stdout eller en fil."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # --version is the format's version here, not Django's: the later option wins.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", type=Path, help="fil att skriva (annars stdout)")
        parser.add_argument("--kommun", help="vilken kommuns katalog, om det finns flera")
        parser.add_argument(
            "--version",
            dest="formatversion",
            type=int,
            choices=VERSIONER,
            default=2,
            help="utbytesformatets version (2 om inget anges; 1 saknar det som bara version 2 bär)",
        )

    def handle(
        self,
        *args: Any,
        output: Path | None,
        kommun: str | None,
        formatversion: int,
        **options: Any,
    ) -> None:
        kataloger = Katalog.objects.all()
        if kommun:
            kataloger = kataloger.filter(kommun=kommun)
        antal = kataloger.count()
        if antal == 0:
            raise CommandError("Det finns ingen katalog" + (f" för {kommun}." if kommun else "."))
        if antal > 1:
            namn = ", ".join(kataloger.values_list("kommun", flat=True))
            raise CommandError(f"Det finns flera kataloger ({namn}); ange --kommun.")
        text = som_json(exportera_katalog(kataloger.get(), version=formatversion))
        if formatversion == 1:
            # Version 1 has no place for the kind: say so where the file is made, since another
            # register that imports it has to propose the kind from the words again.
            self.stderr.write(
                "Version 1 saknar insatsernas slag och det andra som bara version 2 bär. Ett "
                "annat register som importerar filen föreslår slaget ur orden igen; använd "
                "version 2 om mottagaren kan läsa den."
            )
        if output:
            output.write_text(text, encoding="utf-8")
            self.stderr.write(f"Skrev {output}.")
        else:
            self.stdout.write(text, ending="")
