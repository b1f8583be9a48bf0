"""News pages saved as HTML: the main text through trafilatura, into our format."""

import contextlib
import datetime

import lxml.html
import trafilatura

from briefings.ingest.document import Document
from briefings.ingest.errors import IngestError
from briefings.ingest.parser import parse

# Fewer characters than this outside the headline is a page of links, not an article.
MIN_TEXT = 40


def meta_content(text: str, name: str) -> str:
    """<meta name=NAME content=...>, which trafilatura skips for some scripts."""
    try:
        values = lxml.html.fromstring(text).xpath(f'//meta[@name="{name}"]/@content')
    except (ValueError, lxml.etree.ParserError):
        return ""
    return values[0].strip() if values else ""


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "<" in head[:1])


def parse_html(text: str, name: str) -> Document:
    """The page's headline, byline, date and main text; navigation and asides dropped."""
    metadata = trafilatura.bare_extraction(text, with_metadata=True)
    body = trafilatura.extract(
        text, output_format="markdown", include_images=True, include_formatting=True
    )
    if not body or metadata is None or len(body) - len(metadata.title or "") < MIN_TEXT:
        raise IngestError(f"{name}: the page holds no article text")
    title = (metadata.title or "").strip()
    if not body.lstrip().startswith("# "):
        if not title:
            raise IngestError(f"{name}: the page has no headline")
        body = f"# {title}\n\n{body}"
    document = parse(body, name)
    author = metadata.author or meta_content(text, "author")
    if author and not document.authors:
        document.authors = [name.strip() for name in author.split(";") if name.strip()]
    if metadata.sitename and not document.source:
        document.source = metadata.sitename.strip()
    if metadata.url and not document.url:
        document.url = metadata.url
    if metadata.date and document.published is None:
        with contextlib.suppress(ValueError):
            document.published = datetime.date.fromisoformat(metadata.date[:10])
    return document
