"""Precision and recall of the extraction against hand-written annotations.

    .venv/bin/python -m benchmarks.score_extraction [--show] [NAME ...]

Each file in benchmarks/annotations/ names an article and says what a careful
reader finds in it: every direct quote (its paragraph, its speaker's key and
the first characters of the quote, enough to tell it apart, never the whole
text), the countries it names, its dated events (kind, start, end, place), and
spans in quotation marks that are not quotes (scare quotes, slogans). The
script parses each article as the ingest does, extracts with a gazetteer
built from the seed files (a temporary SQLite database, so nothing else is
touched), and prints, per article and over all of them:

- quotes: precision, recall and F1 (a found quote matches an annotated one in
  the same paragraph whose first characters it starts with);
- speakers: the share of matched quotes given the annotated speaker;
- countries: precision and recall of the set of country codes (territories
  listed as optional count neither way);
- events: recall (same kind, start and end, and the same place where the
  annotation gives one), with the number of events found;
- scare quotes taken for quotes (should be 0).

--show prints, per article, what was found and what was missed. NAME limits
the run to annotation files whose name contains it. Articles that are not
in the repository (the real seed article lives in ../shared/seeds) are
skipped with a note when absent.

For scale: published English quote-attribution systems report an F1 around
0.84 for finding quotes and about 86% correct speakers.
"""

import argparse
import datetime
import json
import os
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "benchmarks" / "annotations"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def setup_django():
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("DEBUG", "1")
    folder = tempfile.mkdtemp(prefix="score-extraction-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/score.sqlite3"
    django.setup()
    import io

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_seeds", stdout=io.StringIO())


def article_path(spec: str) -> Path:
    """'shared:NAME' is a file in ../shared/seeds; anything else is relative to the repository."""
    if spec.startswith("shared:"):
        return SHARED_SEEDS / spec.removeprefix("shared:")
    return ROOT / spec


def load_document(annotation: dict):
    """The Document the ingest would make; 'paragraphs' files are blank-line separated."""
    from briefings.ingest.document import Document, Paragraph
    from briefings.services import read_document

    path = article_path(annotation["article"])
    if annotation.get("format") == "paragraphs":
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        published = annotation.get("published")
        return Document(
            headline=annotation.get("headline", "标题"),
            language=annotation.get("language", "zh"),
            published=datetime.date.fromisoformat(published) if published else None,
            paragraphs=[Paragraph(n, 0, text) for n, text in enumerate(blocks, start=1)],
        )
    return read_document(path.read_bytes(), path.name)


def key(text: str) -> str:
    """Text as compared: folded (simplified, halfwidth), without spaces and
    the punctuation a quote may start with."""
    from briefings.ingest.chinese import fold

    text = unicodedata.normalize("NFC", fold(text))
    return "".join(text.split()).lstrip("“”\"'‘’「」『』,，.。…—-")


@dataclass
class Score:
    quotes_found: int = 0
    quotes_expected: int = 0
    quotes_matched: int = 0
    speakers_right: int = 0
    countries_found: int = 0
    countries_expected: int = 0
    countries_right: int = 0
    events_expected: int = 0
    events_matched: int = 0
    events_found: int = 0
    scare_quotes: int = 0
    notes: list = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in self.__dataclass_fields__:
            if name != "notes":
                setattr(self, name, getattr(self, name) + getattr(other, name))


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None or precision + recall == 0:
        return None
    return 2 * precision * recall / (precision + recall)


def score(annotation: dict, extraction, show: bool) -> Score:
    result = Score()
    found = list(extraction.quotes)
    expected = annotation.get("quotes", [])
    result.quotes_found, result.quotes_expected = len(found), len(expected)
    unmatched = list(found)
    for item in expected:
        start = key(item["starts"])
        match = next(
            (
                quote
                for quote in unmatched
                if quote.paragraph == item["paragraph"] and key(quote.text).startswith(start)
            ),
            None,
        )
        if match is None:
            result.notes.append(
                f"  missed quote  p{item['paragraph']} {item['starts']}… ({item['speaker']})"
            )
            continue
        unmatched.remove(match)
        result.quotes_matched += 1
        if match.speaker == item["speaker"]:
            result.speakers_right += 1
        else:
            result.notes.append(
                f"  wrong speaker p{item['paragraph']} {item['starts']}…: "
                f"{match.speaker} ({match.cue}), expected {item['speaker']}"
            )
    for quote in unmatched:
        result.notes.append(
            f"  extra quote   p{quote.paragraph} {quote.text[:12]}… ({quote.speaker})"
        )
    scare = [key(text) for text in annotation.get("not_quotes", [])]
    result.scare_quotes = sum(1 for quote in found if key(quote.text) in scare)

    # Territories a reader may count or not (台湾, 香港) are neither required nor extra.
    codes = extraction.country_codes() - set(annotation.get("countries_optional", []))
    wanted = set(annotation.get("countries", []))
    result.countries_found, result.countries_expected = len(codes), len(wanted)
    result.countries_right = len(codes & wanted)
    if codes - wanted:
        result.notes.append(f"  extra countries {sorted(codes - wanted)}")
    if wanted - codes:
        result.notes.append(f"  missed countries {sorted(wanted - codes)}")

    events = list(extraction.events)
    result.events_found = len(events)
    result.events_expected = len(annotation.get("events", []))
    for item in annotation.get("events", []):
        hit = next(
            (
                event
                for event in events
                if event.kind == item["kind"]
                and event.start.isoformat() == item["start"]
                and event.end.isoformat() == item.get("end", item["start"])
                and (
                    item.get("place") is None
                    or event.place == item["place"]
                    or event.country == item["place"]
                )
            ),
            None,
        )
        if hit:
            result.events_matched += 1
            events.remove(hit)
        else:
            result.notes.append(
                f"  missed event  {item['kind']} {item['start']}–{item.get('end', item['start'])} "
                f"{item.get('place') or ''}"
            )
    for event in events:
        result.notes.append(
            f"  other event   {event.kind} {event.start}–{event.end} {event.place or event.country or ''}"
            f" {event.title}"
        )
    return result


def percent(value: float | None) -> str:
    return "   –  " if value is None else f"{100 * value:5.1f}%"


def line(name: str, s: Score) -> str:
    quote_p = ratio(s.quotes_matched, s.quotes_found)
    quote_r = ratio(s.quotes_matched, s.quotes_expected)
    return (
        f"{name:<44} {s.quotes_expected:>4} {percent(quote_p)} {percent(quote_r)} "
        f"{percent(f1(quote_p, quote_r))} {percent(ratio(s.speakers_right, s.quotes_matched))} "
        f"{percent(ratio(s.countries_right, s.countries_found))} "
        f"{percent(ratio(s.countries_right, s.countries_expected))} "
        f"{s.events_matched:>3}/{s.events_expected:<3} {s.events_found:>5} {s.scare_quotes:>5}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--show", action="store_true", help="list what was missed or extra")
    args = parser.parse_args()
    setup_django()
    from briefings.ingest.extract import extract
    from briefings.ingest.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    header = (
        f"{'article':<44} {'quot':>4} {'Q prec':>6} {'Q rec':>6} {'Q F1':>6} {'spkr':>6} "
        f"{'C prec':>6} {'C rec':>6} {'events':>7} {'found':>5} {'scare':>5}"
    )
    print(header)
    print("-" * len(header))
    total = Score()
    for path in sorted(ANNOTATIONS.glob("*.json")):
        if args.names and not any(name in path.name for name in args.names):
            continue
        annotation = json.loads(path.read_text(encoding="utf-8"))
        if not article_path(annotation["article"]).exists():
            print(f"{path.stem:<44} skipped: {annotation['article']} is not here")
            continue
        extraction = extract(load_document(annotation), gazetteer)
        result = score(annotation, extraction, args.show)
        total.add(result)
        print(line(path.stem, result))
        if args.show and result.notes:
            print("\n".join(result.notes))
    print("-" * len(header))
    print(line("all articles", total))
    print()
    print(
        "quot: annotated quotes; Q: quotes found (precision, recall, F1); spkr: matched quotes "
        "with the right speaker; C: countries; events: annotated events found / annotated; "
        "found: events found in all; scare: scare quotes taken for quotes."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
