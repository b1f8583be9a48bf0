import datetime

import pytest

from briefings.ingest.errors import IngestError
from briefings.ingest.parser import parse, parse_date
from briefings.ingest.reader import decode

ARTICLE = """# Leaders meet in Samarkand

  * Jane Doe and John Roe
  * Example News
  * 15 September 2022

**A bold standfirst.**

First paragraph.

![Two leaders](a.jpg)

> Image source, Example Agency
>
> Image caption, The leaders shake hands.

## A section

Second paragraph with a [link](http://example.org) and **bold** words.

![No caption here](b.jpg)
"""


def test_it_reads_the_parts_of_an_article():
    document = parse(ARTICLE)
    assert document.headline == "Leaders meet in Samarkand"
    assert document.authors == ["Jane Doe", "John Roe"]
    assert document.source == "Example News"
    assert document.published == datetime.date(2022, 9, 15)
    assert document.standfirst == "A bold standfirst."
    assert document.language == "en"
    assert document.sections == ["", "A section"]
    assert [(p.number, p.section, p.text) for p in document.paragraphs] == [
        (1, 0, "First paragraph."),
        (2, 1, "Second paragraph with a link and bold words."),
    ]
    first, second = document.images
    assert (first.caption, first.credit, first.after_paragraph) == (
        "The leaders shake hands.",
        "Example Agency",
        1,
    )
    # Without a caption block, the alt text is what readers see.
    assert (second.caption, second.credit, second.section) == ("No caption here", "", 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年9月14日", datetime.date(2022, 9, 14)),
        ("2024-07-04", datetime.date(2024, 7, 4)),
        ("4 July 2024", datetime.date(2024, 7, 4)),
        ("July 4, 2024", datetime.date(2024, 7, 4)),
        ("Fri 10 May 2024 16.03 BST", datetime.date(2024, 5, 10)),
        ("Thursday, May 9, 2024", datetime.date(2024, 5, 9)),
        ("Tue. May 7, 2024", datetime.date(2024, 5, 7)),
        ("2022年2月30日", None),
        ("斯影", None),
    ],
)
def test_it_reads_byline_dates(text, expected):
    assert parse_date(text) == expected


def test_a_file_with_a_byline_but_no_headline_is_refused():
    with pytest.raises(IngestError, match="x.md: no headline"):
        parse("  * Jane Doe\n  * Example News\n\nSome text.\n\nMore text.", "x.md")


def test_plain_text_takes_a_short_first_line_as_headline():
    document = parse("Leaders meet in Samarkand\n\nThey met on Thursday.\n\nThey agreed.", "x.txt")
    assert document.headline == "Leaders meet in Samarkand"
    assert [p.number for p in document.paragraphs] == [1, 2]


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Daniel Moore", ["Daniel Moore"]),
        ("By Daniel Moore and Li Wei", ["Daniel Moore", "Li Wei"]),
        ("记者：张三", ["张三"]),
        ("文／李四、王五", ["李四", "王五"]),
    ],
)
def test_a_byline_on_the_first_line_of_the_text_names_the_authors(line, authors):
    document = parse(f"Leaders meet in Samarkand\n\n{line}\n\nThey met on Thursday.", "x.txt")
    assert document.authors == authors
    assert [(p.number, p.text) for p in document.paragraphs] == [(1, "They met on Thursday.")]


@pytest.mark.parametrize("line", ["By contrast, Beijing said little.", "文章指出，双方同意合作。"])
def test_a_first_line_that_is_a_sentence_stays_text(line):
    document = parse(f"Leaders meet\n\n{line}\n\nThey met on Thursday.", "x.txt")
    assert document.authors == [] and document.paragraphs[0].text == line


@pytest.mark.parametrize(
    ("lines", "published", "authors"),
    [
        (["By Staff Reporter", "April 14, 2023"], datetime.date(2023, 4, 14), ["Staff Reporter"]),
        (["Updated: 2024-06-19 10:23"], datetime.date(2024, 6, 19), []),
        # A wire dateline first (it stays text), then the date on its own line.
        (["中央社記者王小明台北19日電", "2024年6月19日 星期三"], datetime.date(2024, 6, 19), []),
        # Labels and layouts of other pages: a time before the date, slashes.
        (["Published: 9:15pm, 14 Apr 2023"], datetime.date(2023, 4, 14), []),
        (["發表時間：2024年6月19日"], datetime.date(2024, 6, 19), []),
        (["2024/06/19 05:30"], datetime.date(2024, 6, 19), []),
        (["June 19, 2024 6:05 AM GMT+8 Updated 3 years ago"], datetime.date(2024, 6, 19), []),
        (["2024年6月19日 08:15 更新于2024年6月20日"], datetime.date(2024, 6, 19), []),
        # DW's English pages put the month first; German pages, the day.
        (["06/19/2024"], datetime.date(2024, 6, 19), []),
        (["19.06.2024"], datetime.date(2024, 6, 19), []),
    ],
)
def test_a_date_on_a_line_of_its_own_near_the_top_dates_the_article(lines, published, authors):
    text = "\n\n".join(["蒲亭訪問北韓", *lines, "俄羅斯總統蒲亭19日抵達平壤。", "雙方舉行會談。"])
    document = parse(text, "x.txt")
    assert document.published == published
    assert document.authors == authors
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[-2:] == ["俄羅斯總統蒲亭19日抵達平壤。", "雙方舉行會談。"]
    assert not any(
        text.startswith(("April", "June", "Updated", "2024", "Pub", "發表", "06/", "19."))
        for text in texts
    )
    assert [paragraph.number for paragraph in document.paragraphs] == list(range(1, len(texts) + 1))


def test_a_sentence_that_starts_with_a_date_stays_text():
    document = parse("普京访问朝鲜\n\n2024年6月19日，普京抵达平壤。\n\n双方举行会谈。", "x.txt")
    assert document.published is None
    assert document.paragraphs[0].text == "2024年6月19日，普京抵达平壤。"


def test_plain_text_whose_first_line_is_a_sentence_has_no_headline():
    with pytest.raises(IngestError, match="no headline"):
        parse("They met on Thursday and agreed on a plan.\n\nThey agreed.", "x.txt")


def test_a_headline_without_text_is_refused():
    with pytest.raises(IngestError, match="no article text"):
        parse("# Only a headline\n", "x.md")


def test_the_real_seed_article(seed_article_path):
    document = parse(decode(seed_article_path.read_bytes(), seed_article_path.name))
    assert document.headline.startswith("习近平疫情后首次外访并与普京会面")
    assert document.authors == ["斯影"]
    assert document.source == "BBC中文"
    assert document.language == "zh"
    assert len(document.section_headings()) == 4
    assert document.standfirst.startswith("10年前")
    assert len(document.images) == 7
    with_both = [image for image in document.images if image.caption and image.credit]
    assert len(with_both) == 6
    assert document.images[0].credit == "EPA"
    assert document.images[1].caption.startswith("9月14日，哈萨克斯坦总统托卡耶夫")
    # No image caption or credit leaks into the text.
    assert not any("图像来源" in p.text or "图像加注文字" in p.text for p in document.paragraphs)


SHORT_PAGE = """<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">
<title>普京访问哈萨克斯坦 - 美国之音中文网</title></head><body>
<nav><a href="/">首页</a> <a href="/china">中国</a></nav>
<main><article><h1>普京访问哈萨克斯坦</h1>
<div class="byline">李明 <time datetime="2023-11-10">2023年11月10日</time></div>
<figure><img src="putin.jpg" alt="普京与托卡耶夫">
<figcaption>2023年11月9日，托卡耶夫在阿斯塔纳迎接普京。（路透社）</figcaption></figure>
<p>哈萨克斯坦总统托卡耶夫周四在阿斯塔纳接待了俄罗斯总统普京，两国元首签署了联合声明。</p>
<p>普京在会谈中表示：“哈萨克斯坦是俄罗斯最亲密的盟友之一。”托卡耶夫则说，两国合作很重要。</p>
<p>研究员安娜·戈斯特说，哈萨克斯坦一直在大国之间寻求平衡，不会轻易选边。</p>
<div class="share"><a href="#">分享到脸书</a></div>
</article></main></body></html>"""


def test_a_short_page_keeps_its_paragraphs_its_captions_and_its_outlet():
    from briefings.ingest.html import parse_html

    document = parse_html(SHORT_PAGE, "page.html")
    assert [paragraph.text[:6] for paragraph in document.paragraphs] == [
        "哈萨克斯坦总",
        "普京在会谈中",
        "研究员安娜·",
    ]
    (image,) = document.images
    assert (image.caption, image.credit) == (
        "2023年11月9日，托卡耶夫在阿斯塔纳迎接普京。",
        "路透社",
    )
    assert document.source == "美国之音中文网"


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("习近平与普京会晤。（新华社）", ("习近平与普京会晤。", "新华社")),
        ("Xi and Putin in Samarkand (AFP)", ("Xi and Putin in Samarkand", "AFP")),
        ("普京（左）与习近平握手。图片来源：EPA", ("普京（左）与习近平握手。", "EPA")),
        ("普京与习近平（左）", ("普京与习近平（左）", "")),
    ],
)
def test_a_caption_s_credit_is_split_off(caption, expected):
    from briefings.ingest.html import split_credit

    assert split_credit(caption) == expected


@pytest.mark.parametrize(
    ("lines", "source", "authors"),
    [
        (
            ["自由時報", "2024/12/01 05:30", "〔記者陳政宇／綜合報導〕總統賴清德30日啟程。"],
            "自由時報",
            ["陳政宇"],
        ),
        (["环球时报", "【环球时报报道 记者 李明】总统赖清德30日启程。"], "环球时报", ["李明"]),
        # A credit that names nobody goes all the same.
        (["〔記者王小明台北報導〕總統賴清德30日啟程。"], "", []),
    ],
)
def test_an_outlet_line_and_a_reporter_s_credit_go_to_the_byline(lines, source, authors):
    document = parse("\n\n".join(["賴清德出訪", *lines, "雙方舉行會談。"]), "x.txt")
    assert (document.source, document.authors) == (source, authors)
    story = lines[-1][lines[-1].index("】" if "】" in lines[-1] else "〕") + 1 :]
    assert [(paragraph.number, paragraph.text) for paragraph in document.paragraphs] == [
        (1, story),
        (2, "雙方舉行會談。"),
    ]


def test_a_sentence_after_a_date_stays_text_even_where_updated_follows():
    document = parse(
        "Heat wave\n\nJuly 21, 2023 was a hot day and updated records.\n\nIt was hot.", "x.txt"
    )
    assert document.published is None
    assert document.paragraphs[0].text.startswith("July 21, 2023 was")
