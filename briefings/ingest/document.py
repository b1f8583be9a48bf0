"""The plain data an article file is parsed into, before anything is stored.

Parsing (parser.py) produces a Document; extraction (extract.py) reads one;
services.py stores both. None of these touch the database.
"""

import datetime
from dataclasses import dataclass, field


@dataclass
class Paragraph:
    number: int  # from 1, across the whole article
    section: int  # index into Document.sections; 0 is the untitled opening
    text: str


@dataclass
class Image:
    src: str
    alt: str = ""
    caption: str = ""
    credit: str = ""
    section: int = 0
    after_paragraph: int = 0  # how many paragraphs precede it


@dataclass
class Document:
    headline: str
    language: str  # "zh" or "en"
    subheadline: str = ""
    standfirst: str = ""
    authors: list[str] = field(default_factory=list)
    source: str = ""
    url: str | None = None
    published: datetime.date | None = None
    sections: list[str] = field(default_factory=lambda: [""])  # headings
    paragraphs: list[Paragraph] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)

    def body(self) -> dict:
        """The JSON kept in Article.body."""
        sections = [{"heading": heading, "paragraphs": []} for heading in self.sections]
        for paragraph in self.paragraphs:
            sections[paragraph.section]["paragraphs"].append(paragraph.text)
        return {"sections": sections}

    def section_headings(self) -> list[str]:
        return [heading for heading in self.sections if heading]
