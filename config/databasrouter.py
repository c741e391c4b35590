"""Reports read from a replica when one is configured (DATABASE_REPLICA_URL): statistics are the
heavy reads and tolerate a replica's small lag. Everything else, and every write, goes to the
primary. A report marks its reads with `rapportlasning()`; the router does the rest."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

from django.conf import settings

_rapport: contextvars.ContextVar[bool] = contextvars.ContextVar("rapportlasning", default=False)


@contextlib.contextmanager
def rapportlasning() -> Iterator[None]:
    """Within this block, reads go to the replica if there is one."""
    token = _rapport.set(True)
    try:
        yield
    finally:
        _rapport.reset(token)


class Rapportrouter:
    def db_for_read(self, model: type, **hints: Any) -> str | None:
        if _rapport.get() and "replika" in settings.DATABASES:
            return "replika"
        return None

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == "default"
