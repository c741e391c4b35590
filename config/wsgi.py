"""The WSGI entry point gunicorn loads (config.wsgi:application). Before the first request it
loads what that request would otherwise pay for: every URL's views (and the modules they
import) and every page template compiled into the cached loader. So the first view after a
restart is as fast as the next (bench/rapporter.py measures it)."""

import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def forbered() -> None:
    from django.conf import settings
    from django.template import engines
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - importing every view is the point
    motor = engines["django"]
    katalog = Path(settings.BASE_DIR) / "templates"
    for fil in sorted(katalog.rglob("*.html")):
        motor.get_template(str(fil.relative_to(katalog)))


forbered()
