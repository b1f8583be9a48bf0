"""Parse an article in our Markdown format into a Document.

The format is what news pages saved as Markdown look like: `# headline`, a
byline list (authors, outlet, sometimes a date), a bold standfirst, `##`
section headings, paragraphs, and images followed by a blockquote holding
the credit and the caption.
"""

import datetime
import re

from briefings.ingest.chinese import CJK_RUN
from briefings.ingest.document import Document, Image, Paragraph
from briefings.ingest.errors import IngestError

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
BULLET = re.compile(r"^\s*[*\-+•]\s+(.*?)\s*$")
IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*)(?:\s+\"[^\"]*\")?\)\s*$")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
BYLINE_PREFIX = re.compile(r"^(?:by|作者|记者|記者|文|撰文)\s*[:：/／|｜]?\s*", re.IGNORECASE)
# A byline written as the text's first lines: "By Jane Doe and Li Wei",
# "记者：张三", "文／李四". Names only: "By contrast, ..." is a sentence.
NAME_EN = r"[A-Z][\w'.-]+(?: [A-Z][\w'.-]+){0,3}"
NAME_ZH = r"[\u4e00-\u9fff·]{2,8}"
BYLINE_LINE = re.compile(
    rf"^(?:By\s+{NAME_EN}(?:\s*(?:,|and)\s*{NAME_EN})*"
    rf"|(?:作者|记者|記者|撰文|文)\s*[:：/／|｜]\s*{NAME_ZH}(?:\s*[、，,和]\s*{NAME_ZH})*)$"
)
SOURCE_PREFIX = re.compile(r"^(?:source|来源|來源|出处)\s*[:：]\s*", re.IGNORECASE)
# Words that mark an outlet rather than a person in a byline.
OUTLET_WORDS = re.compile(
    r"BBC|CNN|Reuters|AFP|Associated Press|Xinhua|News|Times|Post|Journal|Press|Agency|"
    r"Guardian|Economist|Desk|Service|Radio|TV|Network|Media|Bloomberg|Nikkei|Kyodo|Yonhap|"
    r"TASS|Sputnik|Al Jazeera|Politico|Axios|Diplomat|Caixin|\b(?:AP|DW|VOA|RFA|RFI)\b|"
    r"中文|新闻|新聞|日报|日報|早报|早報|时报|時報|晚报|通讯社|通訊社|之声|之聲|之音|电视|電視|"
    r"广播|廣播|电台|電台|传媒|傳媒|财新|財新|网|網|社|编辑部|編輯部|周刊|週刊|杂志|雜誌",
    re.IGNORECASE,
)
CREDIT_LABEL = re.compile(
    r"^(?:图像来源|圖像來源|图片来源|圖片來源|图片提供|圖片提供|image source|photo|source|credit)\s*[,，:：]?\s*",
    re.IGNORECASE,
)
CAPTION_LABEL = re.compile(
    r"^(?:图像加注文字|圖像加註文字|图片说明|圖片說明|图注|圖註|image caption|caption)\s*[,，:：]?\s*",
    re.IGNORECASE,
)

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
DATE_ZH = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\b")
DATE_SLASH = re.compile(r"^(\d{4})([/.])(\d{1,2})\2(\d{1,2})\b")  # 2024/12/01, 2024.12.01
# 04/16/2024 (DW's English pages: month first, unless it cannot be) and 16.04.2024 (day first).
DATE_YEAR_LAST = re.compile(r"^(\d{1,2})([/.])(\d{1,2})\2(\d{4})\b")
# A weekday may lead, with a comma or (Fri 10 May 2024, as the Guardian has it) without.
WEEKDAY_BEFORE = r"^(?:\w+,\s*|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\s+)?"
DATE_EN_DMY = re.compile(WEEKDAY_BEFORE + r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")
DATE_EN_MDY = re.compile(WEEKDAY_BEFORE + r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b")


def parse_date(text: str) -> datetime.date | None:
    """A date standing alone at the start of TEXT, in Chinese, ISO or English form."""
    text = text.strip()
    parts = None
    if match := DATE_ZH.match(text) or DATE_ISO.match(text):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif match := DATE_SLASH.match(text):
        parts = (int(match[1]), int(match[3]), int(match[4]))
    elif match := DATE_YEAR_LAST.match(text):
        first, second = int(match[1]), int(match[3])
        month_first = match[2] == "/" and first <= 12
        parts = (int(match[4]), *((first, second) if month_first else (second, first)))
    elif (match := DATE_EN_DMY.match(text)) and match[2].lower() in MONTHS:
        parts = (int(match[3]), MONTHS[match[2].lower()], int(match[1]))
    elif (match := DATE_EN_MDY.match(text)) and match[1].lower() in MONTHS:
        parts = (int(match[3]), MONTHS[match[1].lower()], int(match[2]))
    if parts is None:
        return None
    try:
        return datetime.date(*parts)
    except ValueError:
        return None


def plain(text: str) -> str:
    """Inline Markdown to plain text: links keep their words, emphasis goes."""
    if "[" in text:
        text = LINK.sub(lambda match: match[1], text)
    if "**" in text or "__" in text:
        text = EMPHASIS.sub(lambda match: match[2], text)
    return " ".join(text.split())


def detect_language(text: str) -> str:
    others = CJK_RUN.sub("", text)
    # Every CJK character is a letter (str.isalpha): count the others one by one.
    cjk = len(text) - len(others)
    letters = cjk + sum(map(str.isalpha, others))
    if not letters:
        return "en"
    return "zh" if cjk / letters > 0.3 else "en"


def looks_like_outlet(item: str) -> bool:
    return bool(OUTLET_WORDS.search(item))


def read_byline(items: list[str], document: Document) -> None:
    """Sort byline items into authors, the outlet and the date."""
    rest = []
    for item in items:
        if document.published is None and (day := parse_date(item)):
            document.published = day
        elif match := SOURCE_PREFIX.match(item):
            document.source = item[match.end() :].strip()
        else:
            rest.append(BYLINE_PREFIX.sub("", item).strip())
    rest = [item for item in rest if item]
    if not document.source:
        outlets = [item for item in rest if looks_like_outlet(item)]
        if outlets:
            document.source = outlets[-1]
        elif len(rest) > 1:
            # "author, outlet" is the order news pages use.
            document.source = rest[-1]
        rest = [item for item in rest if item != document.source]
    for item in rest:
        # "A and B", "A、B" and "A, B" all name several authors.
        document.authors.extend(
            name.strip() for name in re.split(r"\s*(?:、|，|,|\band\b|和)\s*", item) if name.strip()
        )


def plain_text_headline(document: Document) -> list[str]:
    """In text with no Markdown at all, a short first line is the headline."""
    if len(document.paragraphs) < 2 or document.images:
        return []
    first = document.paragraphs[0].text
    if len(first) > 150 or first.endswith(("。", ".", "，", ",", "：", ":")):
        return []
    del document.paragraphs[0]
    for number, paragraph in enumerate(document.paragraphs, start=1):
        paragraph.number = number
    return [first]


DATE_LABEL = re.compile(
    r"^(?:(?:first |last )?(?:published|updated|posted)(?: on)?|date"
    r"|(?:发布|發布|发表|發表|更新|最后更新|最後更新|发稿|發稿)(?:时间|時間|于|於|日期)?|时间|時間|日期)"
    r"\s*[:：]?\s*"
    # a time of day before the date, as in "Published: 9:15pm, 14 Apr 2023"
    r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?[,，]?\s*)?",
    re.IGNORECASE,
)


def date_line(text: str) -> str | None:
    """TEXT without its label when it is a date on a line of its own (April 14,
    2023; 2024年6月19日 星期三; Updated: 2024-06-19 10:23), else None."""
    text = DATE_LABEL.sub("", text)
    if (updated := UPDATED_AFTER.search(text)) and not LOWER_CASE_WORD.search(
        text, 0, updated.start()
    ):
        text = text[: updated.start()]
    if len(text) <= 32 and "。" not in text and parse_date(text) is not None:
        return text
    return None


# "July 21, 2023 6:05 AM GMT+8 Updated 3 years ago": after a date and time
# (no words), when it was updated is no part of it.
UPDATED_AFTER = re.compile(r"\s+(?:(?:last\s+)?updated\b|更新)", re.IGNORECASE)
LOWER_CASE_WORD = re.compile(r"\b(?![ap]\.?m\b)[a-z]{2,}")


# A reporter's credit opening the first paragraph: 〔記者陳政宇／綜合報導〕,
# 【环球时报报道 记者 李明】, （记者 王五）.
REPORTER_CREDIT = re.compile(
    r"^\s*[〔【\[［(（](?P<credit>[^〕】\]］)）]{0,40}?(?:记者|記者|报道|報導|报导)"
    r"[^〕】\]］)）]{0,40})[〕】\]］)）]\s*"
)
CREDITED_REPORTER = re.compile(
    r"(?:记者|記者)\s*(?P<name>[\u4e00-\u9fff·]{2,4}?)(?=$|\s|[/／、,，]|报道|報導|报导|综合|綜合)"
)


def reporter_credit(document: Document) -> list[str]:
    """Take a reporter's credit off the start of the story's first paragraph
    (after an outlet's name, say); return the reporters it names, as byline items."""
    for paragraph in document.paragraphs[:3]:
        match = REPORTER_CREDIT.match(paragraph.text)
        if match and paragraph.text[match.end() :].strip():
            paragraph.text = paragraph.text[match.end() :]
            return [f"记者：{name}" for name in CREDITED_REPORTER.findall(match["credit"])]
    return []


def leading_byline(document: Document) -> list[str]:
    """Take byline lines off the start of the text (plain text and pages put
    them there), and a date on a line of its own among the first three
    lines (after a dateline such as 中央社記者王小明台北19日電, say); return them."""
    taken = []
    while document.paragraphs[:1] and len(taken) < 2:
        if not BYLINE_LINE.match(document.paragraphs[0].text):
            break
        taken.append(document.paragraphs.pop(0).text)
    # An outlet's name on a line of its own before the story: 自由時報, 法廣 RFI.
    if (
        document.paragraphs[1:]
        and len(first := document.paragraphs[0].text) <= 24
        and not re.search(r"[。，,.!?！？:：]", first)
        and looks_like_outlet(first)
    ):
        taken.append("来源：" + document.paragraphs.pop(0).text)
    removed = len(taken)  # all of them before any image
    dated = next(
        (
            (index, day)
            for index, paragraph in enumerate(document.paragraphs[:3])
            if (day := date_line(paragraph.text))
        ),
        None,
    )
    if dated is not None:
        index, day = dated
        taken.append(day)
        del document.paragraphs[index]
    taken += reporter_credit(document)
    if taken:
        for number, paragraph in enumerate(document.paragraphs, start=1):
            paragraph.number = number
        for image in document.images:
            image.after_paragraph = max(0, image.after_paragraph - removed)
            if dated is not None and image.after_paragraph > dated[0]:
                image.after_paragraph -= 1
    return taken


def parse(text: str, name: str = "article") -> Document:
    """Parse TEXT; raise IngestError naming NAME when it holds no article."""
    lines = text.split("\n")
    headings: list[str] = []
    byline: list[str] = []
    document = Document(headline="", language="zh")
    current: Image | None = None
    in_body = False

    def add_paragraph(paragraph_text: str) -> None:
        paragraph_text = plain(paragraph_text)
        if not paragraph_text:
            return
        if (
            not document.paragraphs
            and not document.standfirst
            and document.section_headings() == []
            and re.fullmatch(r"\s*(\*\*|__).+(\*\*|__)\s*", raw)
        ):
            document.standfirst = paragraph_text
            return
        document.paragraphs.append(
            Paragraph(len(document.paragraphs) + 1, len(document.sections) - 1, paragraph_text)
        )

    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if current is not None and line.startswith(">"):
            content = plain(line.lstrip(">").strip())
            if match := CREDIT_LABEL.match(content):
                current.credit = content[match.end() :].strip(" ，,")
            elif match := CAPTION_LABEL.match(content):
                current.caption = content[match.end() :].strip()
            elif content and not current.caption:
                current.caption = content
            continue
        current = None
        if heading := HEADING.match(line):
            level, title = len(heading[1]), plain(heading[2])
            if not in_body and level == 1:
                headings.append(title)
            elif title:
                in_body = True
                document.sections.append(title)
            continue
        if not in_body and (bullet := BULLET.match(line)):
            byline.append(plain(bullet[1]))
            continue
        in_body = True
        if image := IMAGE.match(line):
            current = Image(
                src=image["src"],
                alt=plain(image["alt"]),
                section=len(document.sections) - 1,
                after_paragraph=len(document.paragraphs),
            )
            document.images.append(current)
            continue
        add_paragraph(line.lstrip(">").strip() if line.startswith(">") else line)

    headings = [heading for heading in headings if heading]
    if not headings and not byline and not document.standfirst:
        headings = plain_text_headline(document)
    if not headings:
        raise IngestError(f"{name}: no headline (expected a first line like '# Headline')")
    document.headline = headings[0]
    if len(headings) > 1 and headings[1] != headings[0]:
        document.subheadline = headings[1]
    byline += leading_byline(document)
    if not document.paragraphs:
        raise IngestError(f"{name}: no article text after the headline")
    read_byline(byline, document)
    for image in document.images:
        # Where a page gives no caption, its alt text is the caption readers see.
        if not image.caption:
            image.caption = image.alt
    sample = document.headline + "".join(paragraph.text for paragraph in document.paragraphs[:20])
    document.language = detect_language(sample)
    return document
