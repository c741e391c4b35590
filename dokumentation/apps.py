from django.apps import AppConfig


class DokumentationConfig(AppConfig):
    name = "dokumentation"
    verbose_name = "Dokumentation"
