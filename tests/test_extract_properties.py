"""Whatever the input, reading, parsing and extraction either succeed or raise
IngestError: never any other exception (an IndexError deep in a rule would
fail a whole ingest run, not one file).

Hypothesis generates the inputs; the runs are kept short (see SETTINGS). The
gazetteer is the plain-list one of test_extract, so no database is needed.
"""

import contextlib
import datetime
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.ingest.document import Document, Image, Paragraph
from briefings.ingest.errors import IngestError
from briefings.ingest.extract import Extraction, extract
from briefings.ingest.gazetteer import Gazetteer
from briefings.ingest.parser import parse
from briefings.ingest.reader import decode
from briefings.services import read_document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"
SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def load_gazetteer() -> Gazetteer:
    data = json.loads((FIXTURES / "gazetteer.json").read_text(encoding="utf-8"))
    return Gazetteer.from_lists(data["countries"], data["places"], data["people"])


GAZETTEER = load_gazetteer()

# Pieces the rules react to, so that random text reaches deep into them:
# quote marks, speech verbs, titles, names, dates, event words, abbreviations.
TRIGGERS = [
    "“",
    "”",
    "「",
    "」",
    "『",
    "』",
    '"',
    "«",
    "»",
    "‘",
    "’",
    "（",
    "）",
    "(",
    ")",
    "，",
    "。",
    "：",
    "；",
    "、",
    "·",
    "\n",
    " ",
    "说",
    "表示",
    "认为",
    "对BBC中文说",
    "他",
    "她",
    "他说",
    "在",
    "看来",
    "教授",
    "主席",
    "总统",
    "副研究员",
    "前",
    "国家主席",
    "记者",
    "习近平",
    "普京",
    "普丁",
    "托卡耶夫",
    "张海涛",
    "李",
    "王",
    "中",
    "俄",
    "美",
    "哈",
    "乌",
    "以",
    "巴",
    "中俄",
    "俄乌",
    "中、俄",
    "中方",
    "中国",
    "俄羅斯",
    "哈萨克斯坦",
    "撒马尔罕",
    "上海合作组织",
    "德国之声",
    "2022年",
    "9月",
    "15日",
    "至",
    "16日",
    "周四",
    "星期三",
    "今年",
    "去年",
    "将于",
    "会晤",
    "峰会",
    "国事访问",
    "联合声明",
    "访问",
    "两国",
    "出席",
    "said",
    "says",
    "told",
    " he said",
    "Mr",
    "Xi Jinping",
    "Vladimir Putin",
    "President",
    "met",
    "summit",
    "visit",
    "on Thursday",
    "15-16 September 2022",
    "the two leaders",
    "Samarkand",
    "Russian",
    "China",
    "Alexander Gabuev",
    ", a senior fellow at the ",
    "Carnegie Endowment",
    "#",
    "# ",
    "## ",
    "* ",
    "**",
    ">",
    "![",
    "](",
    "x.jpg",
    "图像来源，",
    "图像加注文字，",
    "相关内容",
    "©",
    "\u3000",
    "\ufeff",
    "\x00",
]

trigger_text = st.lists(st.one_of(st.sampled_from(TRIGGERS), st.text(max_size=6)), max_size=40).map(
    "".join
)
any_text = st.one_of(st.text(max_size=300), trigger_text)
dates = st.one_of(st.none(), st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)))


@st.composite
def documents(draw) -> Document:
    paragraphs = draw(st.lists(any_text, max_size=8))
    sections = [""] + draw(st.lists(any_text, max_size=2))
    return Document(
        headline=draw(any_text),
        language=draw(st.sampled_from(["zh", "en", "zh-Hant", ""])),
        subheadline=draw(any_text),
        standfirst=draw(any_text),
        authors=draw(st.lists(st.text(max_size=10), max_size=2)),
        source=draw(st.text(max_size=20)),
        published=draw(dates),
        sections=sections,
        paragraphs=[
            Paragraph(number, draw(st.integers(0, len(sections) - 1)), text)
            for number, text in enumerate(paragraphs, start=1)
        ],
        images=[
            Image(src=draw(st.text(max_size=10)), alt=draw(any_text), caption=draw(any_text))
            for _ in range(draw(st.integers(0, 2)))
        ],
    )


def extract_or_ingest_error(document: Document) -> None:
    try:
        result = extract(document, GAZETTEER)
    except IngestError:
        return
    assert isinstance(result, Extraction)
    for quote in result.quotes:
        assert 1 <= quote.paragraph <= len(document.paragraphs)
    for event in result.events:
        assert event.start <= event.end


@SETTINGS
@given(text=any_text, language=st.sampled_from(["zh", "en"]), published=dates)
def test_extraction_of_any_text_returns_an_extraction_or_an_ingest_error(text, language, published):
    document = Document(
        headline=text[:20],
        language=language,
        published=published,
        paragraphs=[Paragraph(1, 0, text)],
        images=[Image(src="a.jpg", caption=text[-30:])],
    )
    extract_or_ingest_error(document)


@SETTINGS
@given(document=documents())
def test_extraction_of_any_document_returns_an_extraction_or_an_ingest_error(document):
    extract_or_ingest_error(document)


@SETTINGS
@given(data=st.one_of(st.binary(max_size=400), any_text.map(lambda text: text.encode())))
def test_reading_and_parsing_any_bytes_give_a_document_or_an_ingest_error(data):
    try:
        document = read_document(data, "input.md")
    except IngestError:
        return
    assert isinstance(document, Document)
    assert document.headline and document.paragraphs
    extract_or_ingest_error(document)


@SETTINGS
@given(
    text=any_text,
    codec=st.sampled_from(["utf-8", "gb18030", "big5", "utf-16"]),
)
def test_any_text_in_any_chinese_encoding_decodes_or_is_refused(text, codec):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        data = text.encode(codec, errors="replace")
    try:
        decoded = decode(data, "input.md")
    except IngestError:
        return
    assert isinstance(decoded, str)
    with contextlib.suppress(IngestError):
        parse(decoded, "input.md")


@pytest.mark.parametrize("name", ["page.html", "page.htm"])
@SETTINGS
@given(body=any_text)
def test_any_html_page_gives_a_document_or_an_ingest_error(name, body):
    data = f"<!doctype html><html><head><title>{body[:30]}</title></head><body><p>{body}</p></body></html>"
    try:
        document = read_document(data.encode(), name)
    except IngestError:
        return
    assert isinstance(document, Document)
