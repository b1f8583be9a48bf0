from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "briefings"

    def ready(self) -> None:
        # Both connect signal receivers.
        from briefings import freshness  # noqa: F401
        from config import auth  # noqa: F401
