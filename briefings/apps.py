from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "briefings"

    def ready(self) -> None:
        from briefings import freshness  # noqa: F401 - connects its signal receivers
