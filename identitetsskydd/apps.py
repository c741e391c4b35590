from django.apps import AppConfig


class IdentitetsskyddConfig(AppConfig):
    name = "identitetsskydd"
    verbose_name = "Identitetsskydd"
    default_auto_field = "django.db.models.BigAutoField"
