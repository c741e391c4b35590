"""`manage.py byt_totp_nyckel`: after a new key is put first in TOTP_NYCKLAR, encrypt every
TOTP secret with it; then the old key can be removed from the list."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from organisation.enheter import Autentiseringsapp, chiffer


class Command(BaseCommand):
    help = "Krypterar om alla TOTP-hemligheter med den första nyckeln i TOTP_NYCKLAR."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        antal = 0
        for app in Autentiseringsapp.objects.select_for_update():
            app.krypterad_nyckel = chiffer().rotate(app.krypterad_nyckel.encode()).decode()
            app.save(update_fields=["krypterad_nyckel"])
            antal += 1
        self.stdout.write(f"{antal} TOTP-hemligheter krypterade med den nya nyckeln.")
