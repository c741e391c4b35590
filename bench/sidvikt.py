"""Page weight: what a staff page sends on the first visit and on later ones.

    python bench/sidvikt.py

Against the database in DATABASE_URL (any size) after `manage.py collectstatic`. For each
daily staff page: the HTML, and the CSS and JavaScript it links to, as sent (whitenoise
serves the compressed copy to browsers that accept it). Static files have content hashes in
their names and are cached for a year (immutable), so a later visit sends the HTML only.
"""

from __future__ import annotations

import gzip
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("KRAV_TVASTEGSVERIFIERING", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

import django

django.setup()

from django.conf import settings

from bench.tillvaxt import SIDOR, sidvarden

LANK = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"')


def skickat(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def main() -> None:
    klient, varden = sidvarden()
    print("| Sida | HTML (komprimerat) | CSS + JS (komprimerat) | Första besöket | Senare besök |")
    print("|---|---:|---:|---:|---:|")
    for namn, url in SIDOR:
        html = klient.get(url.format(**varden)).content
        statiskt = 0
        for lank in sorted(set(LANK.findall(html.decode()))):
            fil = Path(settings.STATIC_ROOT) / lank.removeprefix(
                settings.STATIC_URL.rstrip("/") + "/"
            ).removeprefix("/static/")
            statiskt += skickat(fil.read_bytes())
        h = skickat(html)
        print(
            f"| {namn} | {len(html) / 1024:.1f} kB ({h / 1024:.1f} kB) | {statiskt / 1024:.1f} kB "
            f"| {(h + statiskt) / 1024:.1f} kB | {h / 1024:.1f} kB |"
        )


if __name__ == "__main__":
    main()
