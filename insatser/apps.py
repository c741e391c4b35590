from django.apps import AppConfig


class InsatserConfig(AppConfig):
    name = "insatser"
    verbose_name = "Insatskatalog"

    def ready(self) -> None:
        from insatser import katalogcache

        katalogcache.las_token_med_anvandaren()
