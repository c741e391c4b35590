from typing import Any

from django.core.management.base import BaseCommand

from insatser.services import verkstall_beslut


class Command(BaseCommand):
    help = (
        "För in nämndbeslut som har börjat gälla: insatsen blir den beslutade versionen. "
        "Körs varje dag (cron) strax efter midnatt; att köra den igen gör ingenting."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        antal = verkstall_beslut()
        self.stdout.write(f"{antal} beslutade ändringar är införda.")
