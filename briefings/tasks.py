from celery import shared_task

from briefings import services


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=5,
)
def ingest_item(item_id: int) -> dict:
    """Ingest one item of an IngestRun; the work is in services.process_item."""
    outcome = services.process_item(item_id)
    return {"name": outcome.name, "status": outcome.status, "article": outcome.article_id}
