"""Fetching a feed or an article page over HTTP, with a time and size limit."""

import urllib.error
import urllib.request

from briefings.ingest.errors import IngestError
from briefings.ingest.reader import MAX_BYTES

FETCH_TIMEOUT = 20
USER_AGENT = "Briefings/1.0 (+feed reader)"


def fetch(url: str) -> bytes:
    """The body at URL, or IngestError naming it and the reason."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310 - http(s) only, checked by callers
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise IngestError(f"{url}: the server answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise IngestError(f"{url}: cannot fetch ({reason})") from None
    if len(data) > MAX_BYTES:
        raise IngestError(f"{url}: more than {MAX_BYTES} bytes")
    return data
