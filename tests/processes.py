"""What the tests that start real processes (workers, commands) share."""

from urllib.parse import quote

from django.db import connection

from config.celery_app import app as celery_app


def database_url(application_name: str = "") -> str:
    """The URL of the test database, for the processes the tests start."""
    database = connection.settings_dict
    user, password = quote(database["USER"], safe=""), quote(database["PASSWORD"] or "", safe="")
    url = (
        f"postgres://{user}:{password}@{database['HOST'] or '127.0.0.1'}"
        f":{database['PORT'] or 5432}/{database['NAME']}"
    )
    return f"{url}?application_name={application_name}" if application_name else url


def broker_reachable() -> bool:
    try:
        with celery_app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1)
    except Exception:
        return False
    return True
