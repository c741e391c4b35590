"""Django's migrate, run as the owner role when DATABASE_OWNER_URL is set, which then grants
the application role exactly what it needs (organisation.databasroller)."""

from typing import Any

from django.core.management.commands.migrate import Command as DjangosMigrate

from organisation.databasroller import bevilja_applikationen, fast_sokvag, som_agare


class Command(DjangosMigrate):
    def handle(self, *args: Any, **options: Any) -> None:
        alias = options["database"]
        with som_agare(alias):
            super().handle(*args, **options)
            fast_sokvag(alias)
            bevilja_applikationen(alias)
