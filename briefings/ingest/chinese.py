"""Text folding for matching: one spelling for traditional and simplified,
fullwidth and halfwidth.

Every helper here keeps the length of its input, character for character, so
that an offset found in folded text is the same offset in the original: the
extraction matches on folded text and cuts quotes out of the original.
"""

import functools
import re
import unicodedata

import opencc

from briefings.ingest.t2s_witnesses import T2S_WITNESSES

# Fullwidth ASCII (！ to ～) sits at a fixed distance from ASCII.
_FULLWIDTH_START, _FULLWIDTH_END, _FULLWIDTH_SHIFT = 0xFF01, 0xFF5E, 0xFEE0
_WIDTH_TABLE = {
    code: code - _FULLWIDTH_SHIFT for code in range(_FULLWIDTH_START, _FULLWIDTH_END + 1)
}
_WIDTH_TABLE[0x3000] = 0x20  # ideographic space
_WIDTH_TABLE[0x00A0] = 0x20  # no-break space
_WIDTH_CHAR = re.compile("[\uff01-\uff5e\u3000\u00a0]")


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# A text with none of these is one that t2s leaves as it is (most simplified
# articles). Characters outside the BMP count as witnesses all: the regex
# engine tests a range at once, where it would try hundreds of single ones.
_MAY_CHANGE = re.compile(
    "["
    + re.escape("".join(char for char in T2S_WITNESSES if char <= "\uffff"))
    + "\U00010000-\U0010ffff]"
)


def to_simplified(text: str) -> str:
    """TEXT in simplified characters, same length as TEXT.

    OpenCC converts phrase by phrase; in the rare case where a phrase maps to
    one of another length, convert that text character by character instead.
    """
    if not text or not _MAY_CHANGE.search(text):
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(
        single if len(single := _converter().convert(char)) == 1 else char for char in text
    )


def to_halfwidth(text: str) -> str:
    """Fullwidth letters, digits and ASCII punctuation made ASCII: （ to (, ， to ,."""
    # str.translate looks up every character of a Chinese text in the table
    # (half a millisecond an article): replace just the few that occur.
    for char in set(_WIDTH_CHAR.findall(text)):
        text = text.replace(char, chr(_WIDTH_TABLE[ord(char)]))
    return text


def fold(text: str) -> str:
    """TEXT simplified and halfwidth: what every matcher compares against."""
    return to_halfwidth(to_simplified(text))


@functools.cache
def _plain_latin_table() -> dict[int, int]:
    """Latin letters with accents (á, ç, ğ) to the bare letter; ø and ł,
    which Unicode does not compose of a letter and an accent, stay."""
    table = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table[code] = ord(base)
    return table


def plain_latin(text: str) -> str:
    """TEXT with its accented Latin letters bare, as English copy often
    writes names: Luiz Inácio to Luiz Inacio."""
    return text.translate(_plain_latin_table())


def fold_name(text: str) -> str:
    """A name as a lookup key: folded, without spaces or middle dots."""
    return re.sub(r"[\s·・•‧.\-]+", "", fold(text)).strip()


CJK_RUN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]+")  # of what is_cjk() accepts


def is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def has_cjk(text: str) -> bool:
    return CJK_RUN.search(text) is not None
