"""News pages saved as HTML: the main text through trafilatura, into our format."""

import contextlib
import datetime
import re

import lxml.html
import trafilatura

from briefings.ingest.document import Document
from briefings.ingest.errors import IngestError
from briefings.ingest.parser import looks_like_outlet, parse

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


def main_text(text: str, **options) -> str | None:
    return trafilatura.extract(
        text, output_format="markdown", include_images=True, include_formatting=True, **options
    )


def page_tree(text: str):
    try:
        return lxml.html.fromstring(text)
    except (ValueError, lxml.etree.ParserError):
        return None


def figure_captions(tree) -> dict[str, str]:
    """<figure><img src=S><figcaption>C</figcaption></figure>: S -> C
    (trafilatura keeps the image but not its caption)."""
    captions = {}
    for figure in tree.iter("figure") if tree is not None else ():
        caption = " ".join(
            " ".join(node.text_content().split()) for node in figure.iter("figcaption")
        )
        for image in figure.iter("img"):
            if caption and image.get("src"):
                captions[image.get("src")] = caption
    return captions


# A caption's credit: “…（路透社）”, "… (Reuters)", "… Photo: AFP", "… 图片来源：新华社".
TRAILING_CREDIT = re.compile(
    r"\s*(?:[（(](?P<bracketed>[^（）()]{1,30})[）)]"
    r"|(?:图片来源|圖片來源|图片|圖片|photo|credit|image source)\s*[:：,，]\s*(?P<labelled>[^。.]{1,40}))\s*$",
    re.IGNORECASE,
)


def split_credit(caption: str) -> tuple[str, str]:
    """(caption, credit) where the caption ends with its credit."""
    match = TRAILING_CREDIT.search(caption)
    if match is None:
        return caption, ""
    credit = (match["bracketed"] or match["labelled"] or "").strip()
    if match["bracketed"] and not looks_like_outlet(credit) and not credit.isupper():
        return caption, ""  # (左), (2022年): part of the caption, not a credit
    return caption[: match.start()].strip(), credit


def title_outlet(tree) -> str:
    """The outlet a page's <title> ends with: "… - 美国之音中文网", "… | Reuters"."""
    titles = tree.xpath("//title/text()") if tree is not None else []
    if not titles:
        return ""
    parts = re.split(r"\s+[-|–—_]\s+|_", titles[0].strip())
    last = parts[-1].strip() if len(parts) > 1 else ""
    return last if last and looks_like_outlet(last) and len(last) <= 40 else ""


def parse_html(text: str, name: str) -> Document:
    """The page's headline, byline, date and main text; navigation and asides dropped."""
    metadata = trafilatura.bare_extraction(text, with_metadata=True)
    body = main_text(text)
    if body and "\n" not in body.strip():
        # On a short page trafilatura may fall back to the page's text in one
        # run, byline and share links included; its stricter pass keeps the
        # paragraphs apart.
        strict = main_text(text, favor_precision=True)
        if strict and "\n" in strict.strip():
            body = strict
    if not body or metadata is None or len(body) - len(metadata.title or "") < MIN_TEXT:
        raise IngestError(f"{name}: the page holds no article text")
    title = (metadata.title or "").strip()
    if not body.lstrip().startswith("# "):
        if not title:
            raise IngestError(f"{name}: the page has no headline")
        body = f"# {title}\n\n{body}"
    document = parse(body, name)
    tree = page_tree(text)
    captions = figure_captions(tree)
    for image in document.images:
        if image.src in captions and not image.credit:
            image.caption, image.credit = split_credit(captions[image.src])
    author = metadata.author or meta_content(text, "author")
    if author and not document.authors:
        document.authors = [name.strip() for name in author.split(";") if name.strip()]
    if metadata.sitename and not document.source:
        document.source = metadata.sitename.strip()
    if not document.source:
        document.source = title_outlet(tree)
    if metadata.url and not document.url:
        document.url = metadata.url
    if metadata.date and document.published is None:
        with contextlib.suppress(ValueError):
            document.published = datetime.date.fromisoformat(metadata.date[:10])
    return document
