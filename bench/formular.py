"""Whether the project's copies of Django's widget templates (jinja2/django/forms/) pay.

    python bench/formular.py [--varv 300]

Against the database in DATABASE_URL (the demo is enough: `make run` once, or
`manage.py migrate && manage.py demodata` on SQLite). Renders the contact form of the insats
with the most villkor, the heaviest form staff use, with the project's renderer
(grund.formular.Formularrenderare: the copies, whose small includes are written out) and with
the same renderer without the copies (Django's own Jinja2 widget templates, with their
includes), alternating, and prints the median time of each and their ratio. The HTML is the
same either way (tests/test_formular.py).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings
from django.db.models import Count
from django.utils.functional import cached_property

from dokumentation.kontakter.forms import KontaktForm
from grund.formular import Formularrenderare
from insatser.models import Insats


class UtanKopior(Formularrenderare):
    """The project's renderer with only the radio group's own template: Django's Jinja2
    widget templates as Django ships them."""

    katalog = Path(tempfile.mkdtemp())

    @cached_property
    def engine(self):  # type: ignore[no-untyped-def]
        shutil.copytree(settings.BASE_DIR / "jinja2" / "falt", self.katalog / "falt")
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [self.katalog, Path(django.forms.__file__).parent / "jinja2"],
                "NAME": "utan_kopior",
                "OPTIONS": {},
            }
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--varv", type=int, default=300)
    args = parser.parse_args()
    insats = (
        Insats.objects.filter(status=Insats.Status.BESLUTAD)
        .annotate(n=Count("villkor"))
        .order_by("-n")
        .first()
    )
    if insats is None:
        sys.exit("Ingen beslutad insats: kör demodata först.")
    renderare = {"med kopior": Formularrenderare(), "utan kopior": UtanKopior()}
    # The same HTML but for the one-time key each form gets.
    nyckel = re.compile(r'name="nyckel" value="[^"]*"')
    html = {
        namn: nyckel.sub("", str(KontaktForm(insats=insats, renderer=r)))
        for namn, r in renderare.items()
    }
    if html["med kopior"] != html["utan kopior"]:
        sys.exit("Olika HTML: kopiorna är inte längre Djangos mallar.")
    tider: dict[str, list[float]] = {namn: [] for namn in renderare}
    for _ in range(args.varv):
        for namn, r in renderare.items():
            form = KontaktForm(insats=insats, renderer=r)
            start = time.perf_counter()
            str(form)
            tider[namn].append(time.perf_counter() - start)
    med = {namn: statistics.median(t) * 1000 for namn, t in tider.items()}
    print(f"Kontaktformuläret för {insats.namn} ({len(html['med kopior'])} tecken HTML)")
    print("| Renderare | Median (ms) |")
    print("|---|---:|")
    for namn, ms in med.items():
        print(f"| {namn} | {ms:.2f} |")
    print(f"| kvot med/utan | {med['med kopior'] / med['utan kopior']:.2f} |")


if __name__ == "__main__":
    main()
