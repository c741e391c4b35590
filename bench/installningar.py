"""The application's own settings, plus the floor endpoint of the load benchmark. Used only by
bench/belastning.py; production never loads it."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
