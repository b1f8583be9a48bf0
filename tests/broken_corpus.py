"""Broken article files at volume, written at test time for tests/test_faults.py.

    .venv/bin/python -m tests.broken_corpus /tmp/broken   # writes them, prints the kinds

Every file belongs to a kind (truncated UTF-8, binary, a wrong encoding, too
large, HTML without text, a malformed feed, empty, headline only) with a
pattern that the failure reason recorded for it must match: the reason has to
name the problem, not merely exist. The texts are written for this module;
a fixed seed makes the same files on every run. Disk use stays near 20 MB:
only a few files are over the size limit, and two of those are sparse.
"""

import functools
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import corpus
from briefings.ingest.reader import MAX_BYTES

SEED = 20240704
UNDECODABLE = r"no known encoding|unlikely characters"


@dataclass(frozen=True)
class Kind:
    name: str
    count: int
    reason: str  # a regular expression the recorded reason must match
    make: Callable[[random.Random, int], tuple[str, bytes]]  # (suffix, content)


@dataclass(frozen=True)
class BrokenFile:
    path: Path
    kind: Kind

    def reason_names_the_problem(self, reason: str) -> bool:
        return bool(re.search(self.kind.reason, reason, re.IGNORECASE))


# --- Texts in other languages (for the wrong encodings) ----------------------

RUSSIAN = [
    "Президенты двух стран встретились в Самарканде и обсудили транспортные коридоры.",
    "Министр иностранных дел заявил, что переговоры прошли в конструктивной атмосфере.",
    "Товарооборот между странами вырос почти на треть по сравнению с прошлым годом.",
    "Эксперты считают, что расширение организации изменит баланс сил в регионе.",
    "Стороны договорились продолжить консультации по вопросам энергетики и водных ресурсов.",
    "Делегация прибыла в Астану накануне саммита глав государств.",
]
JAPANESE = [
    "両国の首脳は中央アジアの交通網について意見を交換した。",
    "外務大臣は、会談が建設的な雰囲気の中で行われたと述べた。",
    "専門家は、地域の力の均衡が少しずつ変わりつつあると指摘している。",
    "エネルギー協力と水資源の管理が主な議題となった。",
    "代表団は首脳会議の前日に現地に到着した。",
]
KOREAN = [
    "양국 정상은 중앙아시아 교통망에 대해 의견을 나누었다.",
    "외교부 장관은 회담이 건설적인 분위기에서 진행되었다고 말했다.",
    "전문가들은 지역의 세력 균형이 조금씩 변하고 있다고 지적했다.",
    "에너지 협력과 수자원 관리가 주요 의제였다.",
]


def sentences(rng: random.Random, pool: list[str], count: int) -> str:
    return "\n\n".join(rng.choice(pool) for _ in range(count))


@functools.cache
def generated_articles() -> list[str]:
    return [text for _name, text in corpus.articles(300)]


def good_article(rng: random.Random) -> bytes:
    """One of the first 300 generated articles, as UTF-8."""
    return rng.choice(generated_articles()).encode()


# --- The kinds ----------------------------------------------------------------


def truncated_utf8(rng: random.Random, n: int) -> tuple[str, bytes]:
    """A Chinese article cut off in the middle of a character (a copy interrupted)."""
    data = good_article(rng)
    cut = rng.randrange(200, len(data) - 10)
    while data[cut] & 0xC0 != 0x80:  # move onto a continuation byte
        cut += 1
    return ".md", data[:cut]


def binary_with_nul(rng: random.Random, n: int) -> tuple[str, bytes]:
    """Images, archives and plain noise saved under an article's name."""
    headers = [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\x1f\x8b\x08\x00",
        b"PK\x03\x04\x14\x00",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n\x00",
        b"",
    ]
    body = bytes(rng.randrange(256) for _ in range(rng.randint(200, 6000)))
    return rng.choice([".md", ".txt", ".html"]), headers[n % len(headers)] + b"\x00" + body


def binary_without_nul(rng: random.Random, n: int) -> tuple[str, bytes]:
    """Noise with no NUL byte, so only decoding can tell it from text."""
    low = 1 if n % 2 else 0x80
    return ".md", bytes(rng.randrange(low, 256) for _ in range(rng.randint(500, 4000)))


def control_characters(rng: random.Random, n: int) -> tuple[str, bytes]:
    """Valid UTF-8, but a terminal dump: escape codes and backspaces throughout."""
    text = good_article(rng).decode()
    noise = "".join(rng.choice("\x01\x02\x07\x08\x0b\x0e\x1b\x7f") for _ in range(len(text) // 20))
    spots = sorted(rng.randrange(len(text)) for _ in noise)
    for offset, (spot, char) in enumerate(zip(spots, noise, strict=True)):
        text = text[: spot + offset] + char + text[spot + offset :]
    return ".md", text.encode()


def encoded(pool: list[str], headline: str, codec: str) -> Callable:
    def make(rng: random.Random, n: int) -> tuple[str, bytes]:
        text = f"# {headline} {n}\n\n" + sentences(rng, pool, rng.randint(3, 12))
        return rng.choice([".md", ".txt"]), text.encode(codec)

    make.__doc__ = f"A {codec} file: not one of the encodings the reader knows."
    return make


def utf16(rng: random.Random, n: int) -> tuple[str, bytes]:
    """UTF-16 (as Windows Notepad saves 'Unicode'): text, but every other byte is NUL."""
    return ".txt", good_article(rng).decode().encode(rng.choice(["utf-16", "utf-16-be"]))


def too_large(rng: random.Random, n: int) -> tuple[str, bytes | int]:
    """Over MAX_BYTES; the first few are real text, the rest sparse files of NULs."""
    if n < 3:
        article = good_article(rng)
        return ".md", article * (MAX_BYTES // len(article) + 1 + n)
    return ".md", MAX_BYTES * (n + 1)  # a size: written as a sparse file


HTML_WITHOUT_TEXT = [
    "<!doctype html><html><head><title>{title}</title></head><body></body></html>",
    "<!doctype html><html><head><title>{title}</title><style>body{{margin:0}}</style></head>"
    "<body><script>window.location = '/app';</script><noscript>请启用 JavaScript</noscript></body></html>",
    "<html><body><nav><a href='/'>首页</a> <a href='/world'>国际</a> <a href='/asia'>亚洲</a></nav>"
    "<footer>© {title}</footer></body></html>",
    "<html><body><div class='gallery'><img src='a.jpg' alt='{title}'><img src='b.jpg'></div></body></html>",
    "<!DOCTYPE html><html><body><!-- {title}: content loads later --><div id='root'></div></body></html>",
    "<html><head><title>登录</title></head><body><form><input name='user'><input type='password'>"
    "<button>登录</button></form></body></html>",
    "<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>",
    "<!doctype html><html><body><iframe src='/embed/{n}'></iframe><video src='clip.mp4'></video></body></html>",
]


def html_without_text(rng: random.Random, n: int) -> tuple[str, bytes]:
    """Saved pages whose article never loaded: scripts, menus, images, forms."""
    title = f"欧亚观察第{n}期"
    page = HTML_WITHOUT_TEXT[n % len(HTML_WITHOUT_TEXT)].format(title=title, n=n)
    return rng.choice([".html", ".htm"]), page.encode()


def feed_items(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(headline, first paragraph) of COUNT generated articles: a feed's entries."""
    items = []
    for text in rng.sample(generated_articles(), count):
        lines = [
            line
            for line in text.splitlines()
            if line and not line.startswith(("#", "  *", ">", "!"))
        ]
        items.append((text.splitlines()[0].removeprefix("# "), lines[1]))
    return items


def malformed_feed(rng: random.Random, n: int) -> tuple[str, bytes]:
    """An RSS or Atom feed, as a feed reader saves it, with its XML broken."""
    items = feed_items(rng, rng.randint(2, 6))
    if n % 2:
        entries = "".join(
            f"<item><title>{title}</title><link>https://news.example/{n}/{k}</link>"
            f"<description>{summary}</description><pubDate>Tue, 04 Jul 2023 08:00:00 GMT</pubDate></item>"
            for k, (title, summary) in enumerate(items)
        )
        feed = (
            f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>欧亚纵横网</title>{entries}</channel></rss>"
        )
    else:
        entries = "".join(
            f"<entry><title>{title}</title><id>urn:briefings:{n}:{k}</id><summary>{summary}</summary></entry>"
            for k, (title, summary) in enumerate(items)
        )
        feed = (
            f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>天山时报</title>{entries}</feed>"
        )
    match n % 4:
        case 0:
            # Cut off while downloading.
            feed = feed[: rng.randrange(len(feed) // 3, len(feed) - 10)]
        case 1:
            # An element never closed.
            feed = feed.replace("</title>", "", 1)
        case 2:
            # Entities XML does not define, and a stray tag.
            feed = feed.replace("<summary>", "<summary>&nbsp;&mdash;<b>", 1)
        case _:
            # Closing tags that do not match.
            feed = feed.replace("</description>", "</desc>", 2)
    return rng.choice([".html", ".xml"]), feed.encode()


EMPTY = [b"", b" ", b"\n", b"\n\n\n", b"\t \t\n", b"\r\n\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf  \n"]


def empty(rng: random.Random, n: int) -> tuple[str, bytes]:
    """Nothing, or nothing but white space (and perhaps a byte-order mark)."""
    return rng.choice([".md", ".txt", ".html"]), EMPTY[n % len(EMPTY)]


def headline_only(rng: random.Random, n: int) -> tuple[str, bytes]:
    """A headline, perhaps a byline and a section heading, and no article text."""
    headline = f"# 中亚观察：第{n}期"
    extras = [
        "",
        "\n\n  * 编辑部\n  * 草原观察报",
        "\n\n  * 编辑部\n  * 草原观察报\n  * 2023年7月4日",
        "\n\n## 背景\n\n## 分析",
        "\n\n  * 天山时报\n\n## 下一步",
    ]
    return ".md", (headline + extras[n % len(extras)] + "\n").encode()


KINDS = [
    Kind("truncated UTF-8", 80, UNDECODABLE, truncated_utf8),
    Kind("binary", 50, r"binary", binary_with_nul),
    Kind("binary without NUL", 40, rf"binary|{UNDECODABLE}", binary_without_nul),
    Kind("control characters", 30, r"binary", control_characters),
    Kind("Windows-1251", 50, UNDECODABLE, encoded(RUSSIAN, "Встреча в Самарканде", "cp1251")),
    Kind("KOI8-R", 20, UNDECODABLE, encoded(RUSSIAN, "Саммит в Астане", "koi8_r")),
    Kind("Shift-JIS", 50, UNDECODABLE, encoded(JAPANESE, "首脳会談の声明", "shift_jis")),
    Kind("EUC-KR", 30, UNDECODABLE, encoded(KOREAN, "정상회담 결과", "euc_kr")),
    # The reader calls these binary (they hold NUL bytes): not wrong, if not the whole story.
    Kind("UTF-16", 20, r"binary", utf16),
    Kind("too large", 5, r"too large", too_large),
    Kind("HTML without text", 60, r"no article text|no headline", html_without_text),
    Kind("malformed feed", 80, r"no article text|no headline", malformed_feed),
    # A byte-order mark and spaces are not quite empty: the parser then finds no headline.
    Kind("empty", 30, r"empty|no headline|no article text", empty),
    Kind("headline only", 40, r"no article text", headline_only),
]


def write(folder: Path, seed: int = SEED) -> list[BrokenFile]:
    """Write every kind's files into FOLDER; returns them with their kinds."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    files = []
    for kind in KINDS:
        slug = re.sub(r"[^a-z0-9]+", "-", kind.name.lower()).strip("-")
        for n in range(kind.count):
            suffix, content = kind.make(rng, n)
            path = folder / f"broken-{slug}-{n:03d}{suffix}"
            if isinstance(content, int):
                with path.open("wb") as handle:
                    handle.truncate(content)  # sparse: takes no disk space
            else:
                path.write_bytes(content)
            files.append(BrokenFile(path, kind))
    return files


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("broken-corpus")
    files = write(folder)
    for kind in KINDS:
        print(f"{kind.count:4d}  {kind.name}")
    print(f"{len(files):4d}  broken files in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
