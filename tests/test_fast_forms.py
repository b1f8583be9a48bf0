"""The ingest's faster forms of its matchers find exactly what the plain forms
find; each plain form is written out here as the reference."""

import importlib.util
import re
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.ingest import extract
from briefings.ingest.chinese import (
    _WIDTH_TABLE,
    _converter,
    has_cjk,
    is_cjk,
    to_halfwidth,
    to_simplified,
)
from briefings.ingest.parser import EMPHASIS, LINK, detect_language, plain
from briefings.ingest.reader import CONTROL_CHARACTER
from briefings.ingest.t2s_witnesses import T2S_WITNESSES
from tests.test_extract_properties import GAZETTEER

SETTINGS = settings(max_examples=300, deadline=None)


def text_of(*pieces: str, max_size: int = 40):
    """Text made of PIECES, so that the matchers meet what they look for."""
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


FULLWIDTH = [chr(code) for code in _WIDTH_TABLE]


@SETTINGS
@given(text_of(*FULLWIDTH, "a", "中", "國", " ", "\n"))
def test_halfwidth_is_the_table_applied_to_every_character(text):
    assert to_halfwidth(text) == text.translate(_WIDTH_TABLE)


@SETTINGS
@given(st.text(max_size=30))
def test_has_cjk_is_any_character_cjk(text):
    assert has_cjk(text) == any(is_cjk(char) for char in text)


def to_simplified_plainly(text: str) -> str:
    """to_simplified() with the converter asked every time."""
    converted = _converter().convert(text) if text else text
    if len(converted) == len(text):
        return converted
    return "".join(
        single if len(single := _converter().convert(char)) == 1 else char for char in text
    )


@SETTINGS
@given(text_of("深沈", "回覆", "慰藉", "憑藉", "關係", "俄羅斯", "烏茲別克", "中国", "沈", "覆",
               "藉", "乾隆", "乾", "干", "著名", "后", "a", " ", "\U00020000", "\uf900"))  # fmt: skip
def test_simplified_text_skips_the_converter_with_the_same_result(text):
    assert to_simplified(text) == to_simplified_plainly(text)


def test_the_t2s_witnesses_are_those_of_the_installed_opencc():
    """An OpenCC upgrade with other dictionaries fails here until
    tools/build_t2s_witnesses.py writes the list again."""
    tool = Path(__file__).resolve().parent.parent / "tools" / "build_t2s_witnesses.py"
    spec = importlib.util.spec_from_file_location("build_t2s_witnesses", tool)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    assert set(T2S_WITNESSES) == builder.witnesses()
    # Among them every character that t2s changes on its own.
    chars = [chr(code) for code in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000))]
    converted = _converter().convert("\n".join(chars)).split("\n")
    assert {char for char, out in zip(chars, converted, strict=True) if out != char} <= set(
        T2S_WITNESSES
    )


def test_control_characters_are_those_below_space_but_tab_newline_formfeed_return():
    for code in range(0x110000):
        char = chr(code)
        expected = ord(char) < 32 and char not in "\n\r\t\f"
        assert bool(CONTROL_CHARACTER.fullmatch(char)) == expected


@SETTINGS
@given(st.text(max_size=40) | text_of("中", "國", "a", "Б", "1", "·", " ", "，"))
def test_language_is_told_by_the_share_of_cjk_letters(text):
    letters = [char for char in text if char.isalpha()]
    cjk = sum(1 for char in letters if is_cjk(char))
    expected = "zh" if letters and cjk / len(letters) > 0.3 else "en"
    assert detect_language(text) == expected


def plain_plainly(text: str) -> str:
    text = LINK.sub(lambda match: match[1], text)
    text = EMPHASIS.sub(lambda match: match[2], text)
    return re.sub(r"\s+", " ", text).strip()


@SETTINGS
@given(text_of("[", "]", "(", ")", "!", "*", "_", "a", "中", " ", "\t", "\u3000", "\xa0"))
def test_plain_keeps_link_words_drops_emphasis_and_collapses_spaces(text):
    assert plain(text) == plain_plainly(text)


@SETTINGS
@given(
    st.sets(text_of("a", "B", "1", " ", "'", "-", "中", "\n", max_size=4).filter(bool), max_size=6),
    text_of("a", "B", "1", " ", "'", "-", "中", "\n", ".", max_size=16),
)
def test_english_names_match_as_whole_words(words, text):
    pattern = extract.english_pattern(words)
    if pattern is None:
        return
    plain_form = re.compile(
        r"(?<![A-Za-z0-9])(?:" + extract.trie_regex(words) + r")(?![A-Za-z0-9])"
    )
    assert [m.span() for m in pattern.finditer(text)] == [
        m.span() for m in plain_form.finditer(text)
    ]


# More first characters than trie_regex() keeps in one alternation, and a few
# of them that start longer words too.
MANY_FIRSTS = [chr(code) for code in range(0x4E00, 0x4E00 + extract.GROUPED_ROOT + 40)]


@SETTINGS
@given(
    st.sets(text_of(*MANY_FIRSTS[:6], *MANY_FIRSTS[-6:], max_size=3).filter(bool), max_size=12),
    text_of(*MANY_FIRSTS[:6], *MANY_FIRSTS[-6:], MANY_FIRSTS[100], "a", " ", max_size=30),
)
def test_a_large_trie_finds_the_longest_word_as_an_alternation_does(words, text):
    words = words | set(MANY_FIRSTS[6:-6])  # more first characters than GROUPED_ROOT
    assert len({word[0] for word in words}) > extract.GROUPED_ROOT
    pattern = re.compile(extract.trie_regex(words))
    assert pattern.pattern.startswith("(?=[")  # the grouped form
    # Python's alternation takes the first alternative that matches: longest first.
    plain_form = re.compile("|".join(sorted(words, key=len, reverse=True)))
    assert [m.span() for m in pattern.finditer(text)] == [
        m.span() for m in plain_form.finditer(text)
    ]


NAV_TAIL_PLAIN = re.compile(
    r"(?:©|copyright|版权所有|all rights reserved|https?://|www\.)", re.IGNORECASE
)


@SETTINGS
@given(text_of("©", "版权所有", "版", "Copyright", "cOPYRIGHT", "All Rights Reserved", "https://",
               "HTTP://", "www.", "WWW.", "w", "c", "a", "h", " ", "中", "İ", "ſ"))  # fmt: skip
def test_page_furniture_is_found_in_any_case(text):
    found, expected = extract.NAV_TAIL.search(text), NAV_TAIL_PLAIN.search(text)
    assert (found and found.span()) == (expected and expected.span())


SENTENCE_END_PLAIN = re.compile(
    r"[。！？!?]+[”」』\"]?|(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bSt)(?<!\bMr)(?<!\bMs)(?<!\bDr)"
    r"(?<!\bMrs)\.[”\"]?(?=\s+[A-Z“\"])"
)


@SETTINGS
@given(text_of("。", "！", "？", "!", "?", ".", "”", "」", '"', " ", "A", "a", "St", "Mr", "Mrs",
               "Dr", "Ms", "中", "“", "\n"))  # fmt: skip
def test_sentences_end_where_the_plain_pattern_says(text):
    assert [m.span() for m in extract.SENTENCE_END.finditer(text)] == [
        m.span() for m in SENTENCE_END_PLAIN.finditer(text)
    ]


def scan_countries_plainly(text, gazetteer):
    """scan_countries_zh with one trie of names and abbreviations, and every
    abbreviation tried by abbreviation_at()."""
    lexicon = extract.country_lexicon_zh(gazetteer)
    abbrevs = gazetteer.country_abbrevs
    candidates = re.compile(extract.trie_regex(set(lexicon.entries) | set(abbrevs)) or "(?!)")
    hits, index = [], 0
    while (candidate := candidates.search(text, index)) is not None:
        index, word = candidate.start(), candidate.group()
        if len(word) >= 2:
            if codes := lexicon.entries[word]:
                hits.append(extract.CountryHit(index, index + len(word), codes))
            index += len(word)
            continue
        if text[index] in abbrevs and (
            hit := extract.abbreviation_at(text, index, lexicon, abbrevs)
        ):
            hits.append(hit)
            index = hit.end
            continue
        index += 1
    return hits


COUNTRY_PIECES = sorted(
    {name for name in GAZETTEER.country_names_zh}
    | set(GAZETTEER.country_abbrevs)
    | set("对与访驻方欧、·/-的关系两国日在中美俄")
    | {"中俄", "美乌", "以哈", "巴以", "关系", "15日", "\n"}
)


@SETTINGS
@given(st.lists(st.sampled_from(COUNTRY_PIECES), max_size=30).map("".join))
def test_country_scan_finds_what_the_plain_scan_finds(text):
    assert extract.scan_countries_zh(text, GAZETTEER) == scan_countries_plainly(text, GAZETTEER)


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(COUNTRY_PIECES), max_size=12).map("".join), max_size=6))
def test_country_hits_per_unit_are_those_of_a_scan_per_unit(texts):
    units = [extract.Unit("paragraph", number, text, text) for number, text in enumerate(texts)]
    _mentions, hits_by_unit = extract.count_countries(units, GAZETTEER)
    for position, unit in enumerate(units):
        masked = extract.mask(unit.folded, extract.outlet_spans(unit.folded, GAZETTEER))
        expected = extract.scan_countries_zh(masked, GAZETTEER)
        expected += extract.scan_countries_en(masked, GAZETTEER)
        # Abbreviations' codes are then narrowed down by the article's full names.
        assert [(hit.start, hit.end, hit.abbreviation) for hit in hits_by_unit[position]] == [
            (hit.start, hit.end, hit.abbreviation) for hit in expected
        ]
        assert [hit.codes for hit in hits_by_unit[position] if not hit.abbreviation] == [
            hit.codes for hit in expected if not hit.abbreviation
        ]


def compound_codes_plainly(run: str, abbrevs: dict) -> list:
    result: list = [None] * len(run)
    for pair, codes in extract.COMPOUNDS_ZH.items():
        at = run.find(pair)
        if at >= 0:
            if len(codes) == 2:
                result[at], result[at + 1] = codes[0], codes[1]
            else:
                keep = 0 if pair[0] in "以" else 1
                result[at + keep] = codes[0]
                result[at + 1 - keep] = ""
    codes = []
    for position, char in enumerate(run):
        if result[position] == "":
            continue
        if result[position]:
            codes.append(frozenset({result[position]}))
        elif char in abbrevs:
            codes.append(frozenset(abbrevs[char]))
    return codes


@SETTINGS
@given(text_of(*"中俄美乌以哈巴印欧日蒙", max_size=4).filter(lambda run: len(run) >= 2))
def test_compound_abbreviations_read_as_before(run):
    abbrevs = GAZETTEER.country_abbrevs
    assert extract.compound_codes(run, abbrevs) == compound_codes_plainly(run, abbrevs)


def match_at_plainly(lexicon, text, index, min_length=1):
    """Lexicon.match_at as the trie pattern answers it."""
    match = lexicon.pattern.match(text, index)
    if match is None or match.end() - index < min_length:
        return None
    return match.end() - index, lexicon.entries[match.group()]


LEXICON_WORDS = ["中国", "中国人", "中华人民共和国", "中", "美国", "国", "俄罗斯", "俄"]


@SETTINGS
@given(
    text_of(*LEXICON_WORDS, "人", "罗", "的", max_size=12), st.integers(0, 40), st.integers(1, 4)
)
def test_lexicon_looks_up_what_its_pattern_matches(text, index, min_length):
    lexicon = extract.Lexicon({word: word for word in LEXICON_WORDS})
    index = min(index, len(text))
    expected = match_at_plainly(lexicon, text, index, min_length)
    assert lexicon.match_at(text, index, min_length) == expected
    # Uncompiled too (a longer word's slice cut short by the text's end is no match).
    growing = extract.Lexicon(lexicon.entries, compiled=False)
    assert growing.match_at(text, index, min_length) == expected


@SETTINGS
@given(st.lists(text_of(*LEXICON_WORDS, "人", "罗", "的", "\n", max_size=8), max_size=5),
       st.booleans())  # fmt: skip
def test_scanning_texts_joined_finds_what_scanning_each_finds(texts, compiled):
    texts = [text.replace("\n", "") for text in texts]  # as a paragraph's has none
    lexicon = extract.Lexicon({word: word for word in LEXICON_WORDS}, compiled=compiled)
    assert extract.scan_each(lexicon, texts) == [lexicon.scan(text) for text in texts]


def finder_of(*names: str) -> extract.PeopleFinder:
    finder = extract.PeopleFinder(GAZETTEER, "zh")
    for name in names:
        finder.add(name_zh=name)
    return finder


@SETTINGS
@given(st.lists(text_of("习近平", "习", "他", "她们", "普京", "王小明", "王", "说", "，", "的",
                        max_size=10), max_size=4))  # fmt: skip
def test_mentions_prepared_together_are_those_found_one_by_one(texts):
    names = ("习近平", "普京", "王小明")
    prepared = finder_of(*names)
    prepared.prepare_mentions_zh(texts)
    one_by_one = finder_of(*names)
    assert [prepared.mentions_zh(text) for text in texts] == [
        one_by_one.mentions_zh(text) for text in texts
    ]


@SETTINGS
@given(text_of("会", "会晤", "晤", "会会", "a", max_size=20), st.sampled_from(["会", "会晤", "会会"]),
       st.integers(0, 10))  # fmt: skip
def test_occurrences_are_those_finditer_finds(text, word, start):
    expected = [match.start() for match in re.compile(re.escape(word)).finditer(text, start)]
    assert list(extract.occurrences(text, word, start)) == expected


# Every form find_dates() reads, with each English month name.
DATE_FORMS = [
    *(f"1 {month.title()}" for month in extract.MONTHS_EN),
    *(f"{month.title()} 15, 2022" for month in extract.MONTHS_EN),
    *(f"{month.title()}. 3" for month in extract.MONTHS_EN if len(month) <= 4),
    "2022年9月15日", "2022 年 9 月 14 日", "9月15日", "15日", "15号", "14至16日", "٣日",
    "周四", "周天", "星期天", "礼拜一", "礼拜天", "Thursday", "on Monday",
]  # fmt: skip


@pytest.mark.parametrize("form", DATE_FORMS)
def test_each_date_form_alone_gets_past_the_date_hint(form):
    text = f"据报道，{form}，"
    assert extract.DATE_HINT.search(text)
    assert extract.find_dates(text)  # and it is a date


@SETTINGS
@given(text_of(*DATE_FORMS, "6%", "2022", "十五", "中", "a", "D", "ec", " ", ".", ",", "-", "到"))
def test_the_date_hint_lets_through_every_text_with_a_date(text):
    found = extract.find_dates(text)
    with mock.patch.object(extract, "DATE_HINT", re.compile("")):  # no text stopped
        assert extract.find_dates(text) == found


FUTURE_WORDS_PLAIN = re.compile(
    r"将于|将在|将会|计划|预定|预计将|拟于|明年|下月|下周|\bwill\b|\bnext\b|\bplans? to\b|\bscheduled\b|"
    r"\b(?:is|are) due\b|\b(?:ends|begins|opens|starts|closes) on\b"
)
ANAPHORA_PLAIN = re.compile(
    r"两国|双方|两位领导人|两人|两国元首|\bthe two (?:countries|leaders|sides|men|presidents)\b"
    r"|\bboth (?:countries|leaders|sides)\b",
    re.IGNORECASE,
)


@SETTINGS
@given(text_of("将于", "将", "明年", "下周", "will", "Will", "next", "plans to", "plan to",
               "scheduled", "is due", "are due", "ends on", "opens on", "两国", "两人", "双方",
               "the two ", "THE TWO ", "both ", "Both ", "countries", "leaders", "sides", "men",
               "presidents", "a", "x", "中", " ", "ſ", "K"))  # fmt: skip
def test_future_and_anaphora_are_found_as_the_single_patterns_find_them(text):
    assert extract.says_future(text) == bool(FUTURE_WORDS_PLAIN.search(text))
    assert extract.refers_back(text) == bool(ANAPHORA_PLAIN.search(text))
