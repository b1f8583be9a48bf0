class IngestError(Exception):
    """An input that cannot become an article; the message says why."""
