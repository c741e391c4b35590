"""Reports read from the replica when one is configured; everything else from the primary."""

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from config import databasrouter
from config.databasrouter import Rapportrouter, rapportlasning
from insatser.models import Insats

ROT = Path(__file__).resolve().parents[1]


def test_reads_go_to_the_replica_only_inside_a_report(monkeypatch):
    monkeypatch.setattr(
        databasrouter, "settings", SimpleNamespace(DATABASES={"default": {}, "replika": {}})
    )
    router = Rapportrouter()
    assert router.db_for_read(Insats) is None
    with rapportlasning():
        assert router.db_for_read(Insats) == "replika"
        assert router.db_for_write(Insats) == "default"
    assert router.db_for_read(Insats) is None
    assert router.allow_migrate("replika", "insatser") is False


def test_without_a_replica_everything_reads_the_primary(monkeypatch):
    monkeypatch.setattr(databasrouter, "settings", SimpleNamespace(DATABASES={"default": {}}))
    with rapportlasning():
        assert Rapportrouter().db_for_read(Insats) is None


def test_replica_url_configures_a_mirror():
    env = {**os.environ, "DATABASE_REPLICA_URL": "postgres://iub@replika.example/iub"}
    kod = (
        "from django.conf import settings; d = settings.DATABASES['replika']; "
        "print(d['HOST'], d['TEST'])"
    )
    argument = [sys.executable, "-c", f"import django; django.setup(); {kod}"]
    miljo = {**env, "DJANGO_SETTINGS_MODULE": "config.settings"}
    val = {"cwd": ROT, "env": miljo, "capture_output": True, "text": True, "check": True}
    ut = subprocess.run(argument, **val).stdout  # noqa: S603 - our own interpreter and code
    assert "replika.example" in ut and "'MIRROR': 'default'" in ut
