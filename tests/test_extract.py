"""Extraction rules, each on small hand-written snippets, then on the real article.

The snippets are our own sentences; the gazetteer is a plain-list one from
tests/fixtures/extract/gazetteer.json, so these tests need no database.
"""

import datetime
import json
import os
from pathlib import Path

import pytest

from briefings.ingest.chinese import fold, to_halfwidth, to_simplified
from briefings.ingest.document import Document, Image, Paragraph
from briefings.ingest.extract import extract
from briefings.ingest.gazetteer import Gazetteer

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
IN_CI = os.environ.get("CI", "").lower() == "true"


def plain_gazetteer() -> Gazetteer:
    data = json.loads((FIXTURES / "gazetteer.json").read_text(encoding="utf-8"))
    return Gazetteer.from_lists(data["countries"], data["places"], data["people"])


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return plain_gazetteer()


def make(*paragraphs: str, captions=(), language="zh", published=None, headline="标题") -> Document:
    return Document(
        headline=headline,
        language=language,
        published=published,
        paragraphs=[Paragraph(number, 0, text) for number, text in enumerate(paragraphs, start=1)],
        images=[
            Image(src=f"{index}.jpg", caption=caption) for index, caption in enumerate(captions)
        ],
    )


def codes(extraction) -> set[str]:
    return extraction.country_codes()


def speakers(extraction) -> list:
    return [quote.speaker for quote in extraction.quotes]


def fixture_text(name: str) -> list[str]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return [block.strip() for block in text.split("\n\n") if block.strip()]


# Folding -------------------------------------------------------------------


def test_folding_keeps_the_length_and_makes_text_simplified_and_halfwidth():
    text = "俄羅斯與烏茲別克關係（ＡＢＣ），宣佈"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "俄罗斯与乌兹别克关系(ABC),宣布"
    assert to_simplified("習近平") == "习近平"
    assert to_halfwidth("２０２２年") == "2022年"


# Countries -----------------------------------------------------------------


def test_it_finds_full_names_and_short_forms(gazetteer):
    result = extract(make("沙特和哈萨克官员在蒙古国首都会面，日本代表列席。"), gazetteer)
    assert codes(result) == {"SA", "KZ", "MN", "JP"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("中俄关系进入新阶段。", {"CN", "RU"}),
        ("中俄蒙元首举行第六次会晤。", {"CN", "RU", "MN"}),
        ("美中关系持续紧张。", {"US", "CN"}),
        ("俄乌冲突已经持续半年。", {"RU", "UA"}),
        ("美国将中、俄两国同时视为对手。", {"US", "CN", "RU"}),
        ("他强调美西方不能代表整个国际社会。", {"US"}),
        ("“中俄都对现状不满”，一位学者说。", {"CN", "RU"}),
        ("中方愿同俄方加强协调。", {"CN", "RU"}),
        ("他重申高度重视对哈关系。", {"KZ"}),
    ],
)
def test_it_reads_combined_abbreviations(gazetteer, sentence, expected):
    assert codes(extract(make(sentence), gazetteer)) == expected


@pytest.mark.parametrize(
    ("sentence", "unexpected"),
    [
        ("中亚国家普遍欢迎这项倡议。", {"CN"}),
        ("拉美国家对此态度谨慎。", {"US"}),
        ("以哈冲突让地区局势更加紧张。", {"KZ"}),
        ("美元走强令新兴市场承压。", {"US"}),
        ("其中，一些官员持保留态度。", {"CN"}),
        ("在体系中日益重要的角色。", {"CN", "JP"}),
        ("据德国之声报道，会议延期。", {"DE"}),
        ("法新社和路透社都报道了这一消息。", {"FR"}),
        ("上海合作组织成员国将举行会议。", {"CN"}),
        ("根据中国央视网的报道，会议顺利。", {"CN"}),
        ("北京大学研究中心发布报告。", {"CN"}),
        ("在谈判中美国一再让步。", {"CN"}),
    ],
)
def test_it_does_not_count_words_that_only_contain_a_country(gazetteer, sentence, unexpected):
    assert not codes(extract(make(sentence), gazetteer)) & unexpected


def test_israel_is_named_by_the_israel_hamas_abbreviation(gazetteer):
    assert codes(extract(make("以哈冲突让地区局势更加紧张。"), gazetteer)) == {"IL"}


def test_it_reads_traditional_characters(gazetteer):
    result = extract(make("俄羅斯與烏茲別克簽署協議，美國表示關注。"), gazetteer)
    assert codes(result) == {"RU", "UZ", "US"}


def test_it_counts_mentions_and_marks_caption_only_countries(gazetteer):
    document = make(
        "中国与俄罗斯的关系引人注目。中国官员说，中方愿意合作。",
        captions=["蒙古国总统出席会议。", "中国代表团抵达。"],
    )
    result = extract(document, gazetteer)
    assert result.country("CN").mentions == 4
    assert result.country("CN").caption_only is False
    assert result.country("MN").caption_only is True
    assert result.country("RU").caption_only is False


def test_it_reads_english_names_and_demonyms(gazetteer):
    document = make(
        "Russian and Chinese officials met Kazakh diplomats, Reuters reported. "
        "Prices in US dollars rose across Latin America.",
        language="en",
        headline="Talks",
    )
    assert codes(extract(document, gazetteer)) == {"RU", "CN", "KZ"}


def test_outlets_in_english_are_not_countries(gazetteer):
    document = make(
        "The Times of India and China Daily both ran the story.", language="en", headline="x"
    )
    assert codes(extract(document, gazetteer)) == set()


# People --------------------------------------------------------------------


def test_it_takes_title_affiliation_and_english_name_around_a_name(gazetteer):
    result = extract(make(*fixture_text("analysts_zh.txt")), gazetteer)
    li = result.person("李明远")
    assert li.title == "教授"
    assert li.affiliation == "伦敦国王学院战争研究系"
    assert li.affiliation_en == "King's College London"
    chen = result.person("陈海伦")
    assert chen.title == "主任"
    assert chen.affiliation == "大西洋理事会亚洲项目"
    assert chen.affiliation_en == "Atlantic Council"
    ivanova = result.person("伊万诺娃")
    assert ivanova.name_en == "Elena Ivanova"
    assert ivanova.title == "高级讲师"
    assert result.person("王立新") is not None  # found by “…”，王立新说


def test_it_does_not_take_common_words_for_names(gazetteer):
    result = extract(
        make("分析认为，局势仍不明朗。外界普遍认为谈判会延期。中国表示欢迎。"), gazetteer
    )
    assert result.people == []


def test_known_people_are_one_person_whatever_the_spelling(gazetteer):
    result = extract(make("俄羅斯總統普丁與習近平會面。", "普京随后离开。"), gazetteer)
    keys = [person.key for person in result.people]
    assert sorted(keys) == ["习近平", "普京"]
    putin = result.person("普京")
    assert putin.title == "总统"
    assert putin.country == "RU"
    assert putin.name_en == "Vladimir Putin"
    assert putin.mentions == 2


def test_a_title_after_a_country_gives_the_persons_country(gazetteer):
    result = extract(
        make("哈萨克斯坦的总统托卡耶夫表示欢迎。美国众议院议长佩洛西（Nancy Pelosi）访问台湾。"),
        gazetteer,
    )
    assert result.person("托卡耶夫").country == "KZ"
    pelosi = result.person("佩洛西")
    assert (pelosi.title, pelosi.affiliation, pelosi.country) == ("议长", "美国众议院", "US")
    assert pelosi.name_en == "Nancy Pelosi"


def test_it_finds_people_in_english(gazetteer):
    document = make(
        "Alexander Gabuev, a senior fellow at the Carnegie Endowment, said the meeting mattered. "
        "Russian President Vladimir Putin praised Beijing.",
        language="en",
        headline="x",
    )
    result = extract(document, gazetteer)
    gabuev = result.person("Alexander Gabuev")
    assert gabuev.title == "senior fellow"
    assert gabuev.affiliation == "Carnegie Endowment"
    putin = result.person("普京")
    assert putin is not None and putin.country == "RU"


# Quotes --------------------------------------------------------------------


def test_the_speaker_can_come_before_or_after_the_quote(gazetteer):
    result = extract(
        make(
            "北京大学教授张海涛认为，“这是一个转折点，双方都在调整。”",
            "“形势比想象中更复杂，需要时间。”，张海涛说。",
            "“短期内不会有突破，”张海涛对BBC中文说，“但长期看有希望。”",
        ),
        gazetteer,
    )
    assert speakers(result) == ["张海涛"] * 4
    assert [quote.cue for quote in result.quotes] == ["before", "after", "after", "before"]


def test_quote_text_and_position_come_from_the_original_paragraph(gazetteer):
    paragraph = "北京大學教授張海濤認為，“這是一個轉折點，雙方都在調整。”"
    result = extract(make(paragraph), gazetteer)
    [quote] = result.quotes
    assert quote.text == "這是一個轉折點，雙方都在調整。"
    assert paragraph[quote.position] == "“"
    assert quote.paragraph == 1
    assert quote.speaker == "张海涛"


def test_a_pronoun_before_a_quote_refers_to_the_person_just_named(gazetteer):
    result = extract(
        make(
            "北京大学教授张海涛长期研究俄罗斯。",
            "习近平在会上没有提到乌克兰，他表示：“中方愿同各方加强协调，共同应对挑战。”",
        ),
        gazetteer,
    )
    assert speakers(result) == ["习近平"]


def test_a_pronoun_after_a_quote_refers_to_the_last_speaker(gazetteer):
    result = extract(
        make(
            "北京大学教授张海涛认为，局势仍不明朗。",
            "美国众议院议长佩洛西上月访问台湾“真的越过了底线”，他说。",
            "“在这种背景下，双方的接近是可以预期的。”",
        ),
        gazetteer,
    )
    assert speakers(result) == ["张海涛", "张海涛"]
    assert result.quotes[1].cue == "continuation"


def test_a_quote_with_no_cue_after_an_unattributed_paragraph_has_no_speaker(gazetteer):
    result = extract(
        make(
            "北京大学教授张海涛认为，局势仍不明朗。",
            "会议在周四结束。",
            "“这份文件没有署名，来源不明，但流传很广。”",
        ),
        gazetteer,
    )
    assert speakers(result) == [None]


def test_scare_quotes_are_not_quotes(gazetteer):
    result = extract(
        make(
            "普京赞扬中国在乌克兰问题上的“平衡立场”。",
            "两国曾表示双方合作“不设限制”，登上各大媒体头条。",
            "这项倡议后来发展为“一带一路”，是他的“一项重要遗产”。",
            "中国将进一步推动”一带一路“倡议。",
        ),
        gazetteer,
    )
    assert result.quotes == []


def test_nested_quotes_stay_inside(gazetteer):
    result = extract(make("“他们希望与俄罗斯‘一切照旧’，但这已经不可能了。”张海涛说。"), gazetteer)
    [quote] = result.quotes
    assert "‘一切照旧’" in quote.text
    assert quote.speaker == "张海涛"


def test_a_short_quote_with_a_speech_verb_is_a_quote(gazetteer):
    result = extract(make("在记者会上，习近平说“中国永远是可以信赖的伙伴”。"), gazetteer)
    assert [(quote.text, quote.speaker) for quote in result.quotes] == [
        ("中国永远是可以信赖的伙伴", "习近平")
    ]


def test_a_quote_joined_by_a_conjunction_keeps_its_speaker(gazetteer):
    result = extract(
        make("习近平表示：“中方愿意加强合作”，并且，“双方要加强在多边框架内的协调和配合”。"),
        gazetteer,
    )
    assert speakers(result) == ["习近平", "习近平"]
    assert result.quotes[1].cue == "split"


def test_a_quote_later_in_a_paragraph_belongs_to_its_speaker(gazetteer):
    result = extract(
        make("张海涛说，中国的目标是保持平衡。“因为北京也能从维护市场准入中获益，这一点很重要。”"),
        gazetteer,
    )
    assert speakers(result) == ["张海涛"]


def test_captions_give_no_quotes(gazetteer):
    result = extract(
        make("正文没有引语。", captions=["普京说：“我们会继续合作，这一点不会改变。”"]), gazetteer
    )
    assert result.quotes == []


def test_english_quotes_and_their_speakers(gazetteer):
    document = make(
        '"We will not let anyone divide us, and we mean it," said Vladimir Putin.',
        'Alexander Gabuev, a senior fellow at the Carnegie Endowment, said: "Beijing wants stability above all."',
        'She was less sure. "It is too early to say what this means for Central Asia," she said.',
        'Officials praised the so-called "no limits" partnership.',
        language="en",
        headline="x",
    )
    result = extract(document, gazetteer)
    assert [quote.speaker for quote in result.quotes] == [
        "普京",
        "Alexander Gabuev",
        "Alexander Gabuev",
    ]


# Dates and events ------------------------------------------------------------


def test_a_dated_meeting_becomes_an_event(gazetteer):
    document = make(
        "9月15日下午，中国国家主席习近平在撒马尔罕同俄罗斯总统普京举行会晤。",
        published=datetime.date(2022, 9, 16),
    )
    [event] = extract(document, gazetteer).events
    assert event.kind == "bilateral_meeting"
    assert (event.start, event.end) == (datetime.date(2022, 9, 15), datetime.date(2022, 9, 15))
    assert event.place == "samarkand"
    assert event.country == "UZ"
    assert set(event.participants) == {"习近平", "普京"}
    assert event.title == "习近平与普京会晤"
    assert event.key == "bilateral_meeting:2022-09-15:2022-09-15:samarkand"


def test_the_year_is_inferred_from_the_latest_full_date(gazetteer):
    document = make(
        "2022年9月14日，习近平抵达哈萨克斯坦。",
        "9月15日，上海合作组织峰会在撒马尔罕举行。",
        "他在2017年首次提出这一构想。",
    )
    result = extract(document, gazetteer)
    assert result.published == datetime.date(2022, 9, 15)
    summit = next(event for event in result.events if event.kind == "summit")
    assert summit.start == datetime.date(2022, 9, 15)
    assert summit.title == "上海合作组织撒马尔罕峰会"


def test_a_given_published_date_is_not_replaced(gazetteer):
    document = make("2021年3月1日，双方会面。", published=datetime.date(2022, 1, 5))
    assert extract(document, gazetteer).published is None


def test_no_year_no_published_date(gazetteer):
    result = extract(make("9月15日，两国元首在撒马尔罕会晤，中俄关系升温。"), gazetteer)
    assert result.published is None
    assert result.events == []


def test_weekdays_resolve_against_the_published_date(gazetteer):
    document = make("中俄元首在周四会面时讨论了合作。", published=datetime.date(2022, 9, 16))
    [event] = extract(document, gazetteer).events
    assert event.start == datetime.date(2022, 9, 15)
    assert event.countries == ["CN", "RU"]


@pytest.mark.parametrize(
    ("paragraph", "language", "published", "span"),
    [
        # The dated day closes the summit...
        ("为期三天的上合组织峰会周四（9月16日）在撒马尔罕闭幕。", "zh", (2022, 9, 16), (14, 16)),
        # ...or opens it.
        ("Leaders opened a two-day SCO summit in Samarkand on 15 September 2022.", "en", None,
         (15, 16)),
        # A range the text gives is kept.
        ("为期两天的上合组织峰会于9月15日至16日在撒马尔罕举行。", "zh", (2022, 9, 17), (15, 16)),
    ],
)  # fmt: skip
def test_a_summits_length_widens_its_single_date(gazetteer, paragraph, language, published, span):
    document = make(
        paragraph,
        language=language,
        headline="x",
        published=datetime.date(*published) if published else None,
    )
    [event] = extract(document, gazetteer).events
    assert (event.start.day, event.end.day) == span and event.start.month == 9


def test_a_date_range_and_an_english_summit(gazetteer):
    zh = make(
        "上海合作组织峰会于9月15日至16日在撒马尔罕举行。", published=datetime.date(2022, 9, 17)
    )
    en = make(
        "The SCO summit in Samarkand on 15-16 September 2022 drew leaders from the region.",
        language="en",
        headline="x",
    )
    [zh_event] = extract(zh, gazetteer).events
    [en_event] = extract(en, gazetteer).events
    assert (zh_event.start, zh_event.end) == (
        datetime.date(2022, 9, 15),
        datetime.date(2022, 9, 16),
    )
    assert zh_event.kind == en_event.kind == "summit"
    assert zh_event.key == en_event.key
    assert en_event.title == "SCO summit, Samarkand"


def test_joint_statements_and_state_visits(gazetteer):
    document = make(
        "9月14日，哈萨克斯坦总统托卡耶夫和中国国家主席习近平签署联合声明。",
        "习近平9月14日对哈萨克斯坦进行国事访问。",
        published=datetime.date(2022, 9, 16),
    )
    events = {event.kind: event for event in extract(document, gazetteer).events}
    assert set(events) == {"joint_statement", "state_visit"}
    assert events["joint_statement"].countries == ["CN", "KZ"]
    assert events["state_visit"].country == "KZ"
    assert events["state_visit"].participants == ["习近平"]
    assert events["state_visit"].title == "习近平访问哈萨克斯坦"


def test_a_three_way_meeting_is_not_bilateral(gazetteer):
    document = make(
        "9月15日，习近平、普京和蒙古国总统呼日勒苏赫出席了中俄蒙元首第六次会晤。",
        published=datetime.date(2022, 9, 16),
    )
    [event] = extract(document, gazetteer).events
    assert event.kind == "other"
    assert set(event.countries) == {"CN", "RU", "MN"}
    assert len(event.participants) == 3


def test_announced_events_are_events_and_do_not_move_the_published_date(gazetteer):
    document = make("2022年9月14日，两国外长通了电话。", "下一届峰会将于10月20日在北京举行。")
    result = extract(document, gazetteer)
    assert result.published == datetime.date(2022, 9, 14)
    [event] = result.events
    assert (event.kind, event.start, event.place) == (
        "summit",
        datetime.date(2022, 10, 20),
        "beijing",
    )


def test_captions_give_events(gazetteer):
    document = make(
        "正文讨论两国关系。",
        captions=[
            "9月15日，在撒马尔罕举行的上海合作组织峰会期间，俄罗斯总统普京与中国国家主席习近平举行了会晤。"
        ],
        published=datetime.date(2022, 9, 16),
    )
    kinds = sorted(event.kind for event in extract(document, gazetteer).events)
    assert kinds == ["bilateral_meeting", "summit"]


def test_an_english_meeting_on_a_weekday(gazetteer):
    document = make(
        "Xi Jinping met Vladimir Putin in Samarkand on Thursday.",
        language="en",
        headline="x",
        published=datetime.date(2022, 9, 16),
    )
    [event] = extract(document, gazetteer).events
    assert event.kind == "bilateral_meeting"
    assert event.start == datetime.date(2022, 9, 15)
    assert event.title == "Xi Jinping – Vladimir Putin meeting, Samarkand"
    assert event.key == "bilateral_meeting:2022-09-15:2022-09-15:samarkand"


# Noise ---------------------------------------------------------------------


def test_navigation_and_related_headlines_are_skipped(gazetteer):
    paragraphs = fixture_text("noisy_page_zh.txt")
    result = extract(make(*paragraphs, published=datetime.date(2022, 9, 16)), gazetteer)
    assert codes(result) == {"CN", "RU"}
    assert result.quotes == [] or all(quote.paragraph == 1 for quote in result.quotes)
    assert result.events == []
    assert result.noise  # the nav lines were seen and skipped


# The real article --------------------------------------------------------------


def real_article():
    paths = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not paths:
        if IN_CI:
            pytest.fail(f"the real seed article is missing from {SEEDS}")
        pytest.skip(f"the real seed article is not in {SEEDS}")
    from briefings.ingest.parser import parse

    return parse(paths[0].read_text(encoding="utf-8"), paths[0].name)


@pytest.fixture
def seed_gazetteer(db) -> Gazetteer:
    try:
        from geo.seeding import load_all
    except ImportError:
        if IN_CI:
            pytest.fail("geo.seeding.load_all is missing")
        pytest.skip("geo.seeding is not written yet")
    from briefings.ingest.gazetteer import load_gazetteer
    from briefings.seeding import load_people

    load_all()
    load_people()
    return load_gazetteer()


def test_the_real_article(seed_gazetteer):
    document = real_article()
    result = extract(document, seed_gazetteer)

    expected = set(
        [
            "CN",
            "RU",
            "KZ",
            "UZ",
            "UA",
            "US",
            "MN",
            "IN",
            "PK",
            "IR",
            "KG",
            "TJ",
            "AZ",
            "AM",
            "KH",
            "NP",
            "TR",
            "LK",
            "SA",
            "EG",
            "QA",
            "AU",
            "JP",
        ]
    )
    assert expected <= codes(result), expected - codes(result)
    assert result.country("MN").caption_only
    assert (
        "AZ" in codes(result) and not result.country("AZ").caption_only
    )  # 阿塞拜疆, not the photo credit

    analysts = {
        "朱志群": ("教授", "美国巴克内尔大学国际关系系"),
        "孙韵": ("主任", "史汀生研究中心中国项目"),
        "科罗廖夫": ("高级讲师", "新南威尔士大学政治与国际关系"),
        "侍建宇": ("副研究员", "国防安全研究院"),
    }
    for key, (title, affiliation) in analysts.items():
        person = result.person(key)
        assert person is not None, key
        assert (person.title, person.affiliation) == (title, affiliation)
    assert result.person("科罗廖夫").name_en == "Alexander Korolev"
    assert result.person("普京").title == "总统" and result.person("普京").country == "RU"

    quotes = result.quotes
    assert len(quotes) >= 15
    by_speaker = {}
    for quote in quotes:
        by_speaker.setdefault(quote.speaker, []).append(quote.text)
    assert len(by_speaker.get("朱志群", [])) >= 5
    for speaker in ("孙韵", "科罗廖夫", "侍建宇", "习近平", "普京"):
        assert by_speaker.get(speaker), speaker
    assert any(text.startswith("这说明中国不完全支持俄罗斯") for text in by_speaker["朱志群"])
    assert any(text.startswith("疫情尚未结束") for text in by_speaker["孙韵"])
    assert any(text.startswith("似乎真的越过了底线") for text in by_speaker["科罗廖夫"])
    assert any(text.startswith("在这种背景下") for text in by_speaker["科罗廖夫"])
    assert any(text.startswith("相信在习近平主席领导下") for text in by_speaker["普京"])
    assert not any(
        text in ("平衡立场", "不设限制", "一带一路", "一项重要遗产")
        for text in by_speaker.get(None, []) + [q.text for q in quotes]
    )
    for quote in quotes:
        paragraph = document.paragraphs[quote.paragraph - 1].text
        assert paragraph[quote.position + 1 :].startswith(quote.text)

    assert result.published is not None and (result.published.year, result.published.month) == (
        2022,
        9,
    )
    events = {(event.kind, event.start.isoformat()): event for event in result.events}
    meeting = events[("bilateral_meeting", "2022-09-15")]
    assert set(meeting.participants) == {"习近平", "普京"}
    assert meeting.place == "samarkand" or meeting.country == "UZ"
    summit = events[("summit", "2022-09-15")]
    assert summit.country == "UZ"
    trilateral = [
        e for e in result.events if {"CN", "RU", "MN"} <= set(e.countries) and e.kind != "summit"
    ]
    assert trilateral and trilateral[0].start == datetime.date(2022, 9, 15)
    kazakhstan = [
        e
        for e in result.events
        if e.start == datetime.date(2022, 9, 14)
        and e.kind in ("state_visit", "joint_statement")
        and "KZ" in e.countries
    ]
    assert kazakhstan


# Whole articles of our own, in the shapes real pages come in ---------------------


def parsed(name: str) -> Document:
    from briefings.ingest.parser import parse

    return parse((FIXTURES / name).read_text(encoding="utf-8"), name)


def test_a_traditional_chinese_page(gazetteer):
    document = parsed("dw_style_trad.md")
    result = extract(document, gazetteer)
    assert {"CN", "RU", "KZ", "UZ", "US", "UA", "DE", "TW"} == codes(result)
    lin = result.person("林雅各")
    assert (lin.name_en, lin.title, lin.affiliation, lin.affiliation_en) == (
        "Jacob Lin",
        "研究员",
        "墨卡托中国研究中心",
        "MERICS",
    )
    assert result.person("普莱斯").country == "US"
    assert [quote.speaker for quote in result.quotes] == ["托卡耶夫", "林雅各", "普莱斯", "吴介民"]
    assert result.quotes[0].text.startswith("哈薩克將繼續支持")  # the original script
    events = {(event.kind, event.start.isoformat(), event.place) for event in result.events}
    assert ("state_visit", "2022-09-14", None) in events
    assert ("summit", "2022-09-15", "samarkand") in events
    assert ("bilateral_meeting", "2022-09-15", "samarkand") in events
    # The related-headlines block at the end names the US and Taiwan again,
    # and Biden: none of it counts.
    assert result.country("US").mentions == 2
    assert result.person("拜登") is None
    assert result.noise == [6, 7, 8, 9]


def test_an_english_page(gazetteer):
    document = parsed("bbc_style_en.md")
    result = extract(document, gazetteer)
    assert {"CN", "RU", "UA", "UZ", "KZ"} <= codes(result)
    assert "US" not in codes(result)  # "US dollar" and "Latin American" only
    assert [(quote.speaker, quote.cue) for quote in result.quotes] == [
        ("普京", "after"),
        ("Alexander Gabuev", "after"),
    ]
    gabuev = result.person("Alexander Gabuev")
    assert gabuev.affiliation == "Carnegie Endowment for International Peace"
    assert result.person("习近平").mentions >= 4  # Xi Jinping, Mr Xi
    events = {
        (event.kind, event.start.isoformat(), event.end.isoformat(), event.place)
        for event in result.events
    }
    assert ("summit", "2022-09-15", "2022-09-16", "samarkand") in events
    assert ("state_visit", "2022-09-14", "2022-09-14", "astana") in events
    statement = next(event for event in result.events if event.kind == "joint_statement")
    assert statement.countries == ["CN", "KZ"]  # "the two countries": the sentence before
    assert statement.title == "China–Kazakhstan joint statement"


def test_english_organisations_are_not_people(gazetteer):
    document = make(
        "The State Department said it was concerned. European Union officials said talks would continue. "
        "Hong Kong Chief Executive John Lee said the city would benefit. Downing Street said nothing.",
        'Foreign ministry spokesman Wang Wenbin said "no". Mr Wang later said the talks were useful.',
        language="en",
        headline="x",
    )
    result = extract(document, gazetteer)
    assert sorted(person.key for person in result.people) == ["John Lee", "Wang Wenbin"]
    assert result.person("John Lee").title == "Chief Executive"
    assert result.person("Wang Wenbin").mentions == 2


def test_each_event_takes_the_date_nearest_its_word(gazetteer):
    document = make(
        "两国元首9月14日在阿斯塔纳签署联合声明，9月15日又在撒马尔罕举行会晤，中俄关系由此升温。",
        published=datetime.date(2022, 9, 16),
    )
    events = {event.kind: event for event in extract(document, gazetteer).events}
    assert events["joint_statement"].start == datetime.date(2022, 9, 14)
    assert events["bilateral_meeting"].start == datetime.date(2022, 9, 15)


def test_a_bare_day_of_the_month_counts_back_from_the_published_date(gazetteer):
    document = make(
        "国家主席习近平15日在撒马尔罕同俄罗斯总统普京举行会晤。",
        "下一轮会谈将于20日至21日在北京举行，中俄双方都会派代表。",
        "两国在未来30日内完成审批。",
        published=datetime.date(2022, 9, 16),
    )
    events = sorted(
        (event.kind, event.start, event.end) for event in extract(document, gazetteer).events
    )
    assert events == [
        ("bilateral_meeting", datetime.date(2022, 9, 15), datetime.date(2022, 9, 15)),
        ("bilateral_meeting", datetime.date(2022, 9, 20), datetime.date(2022, 9, 21)),
    ]


# The gazetteer load_gazetteer() keeps ---------------------------------------------


@pytest.fixture
def small_world(db):
    from briefings.ingest.gazetteer import clear_gazetteer_cache
    from briefings.models import Person
    from geo.models import Country

    clear_gazetteer_cache()
    Country.objects.create(
        code="KZ", alpha3="KAZ", numeric="398", name_zh="哈萨克斯坦", name_en="Kazakhstan"
    )
    Person.objects.create(key="托卡耶夫", name_zh="托卡耶夫", name_en="Kassym-Jomart Tokayev")
    yield
    clear_gazetteer_cache()


def test_load_gazetteer_costs_one_query_when_nothing_changed(
    small_world, django_assert_num_queries
):
    from briefings.ingest.gazetteer import load_gazetteer

    first = load_gazetteer()
    with django_assert_num_queries(1):
        assert load_gazetteer() is first


def test_a_person_added_since_is_read_without_reading_the_rest(
    small_world, django_assert_num_queries
):
    from briefings.ingest.extract import person_lexicon_zh
    from briefings.ingest.gazetteer import load_gazetteer
    from briefings.models import Person

    first = load_gazetteer()
    person_lexicon_zh(first)  # a matcher derived from the people table
    assert "countries_zh" not in first.cache
    from briefings.ingest.extract import country_lexicon_zh

    countries = country_lexicon_zh(first)
    Person.objects.create(key="侍建宇", name_zh="侍建宇")
    with django_assert_num_queries(2):  # the fingerprint, then the new person
        second = load_gazetteer()
    assert second is not first
    assert "侍建宇" in second.person_names_zh and "侍建宇" not in first.person_names_zh
    assert country_lexicon_zh(second) is countries  # kept: no country changed
    assert "people_zh" not in second.cache  # dropped: grown from the first's when next used
    result = extract(make("侍建宇说，“局势复杂，各方都需要时间观察，不能急于下结论。”"), second)
    assert result.person("侍建宇").known


def test_the_people_matchers_grow_by_the_people_added_and_match_as_if_built_afresh(
    small_world,
):
    from briefings.ingest.extract import person_lexicon_en, person_lexicon_zh
    from briefings.ingest.gazetteer import clear_gazetteer_cache, load_gazetteer
    from briefings.models import Person

    first = load_gazetteer()
    old_zh, old_en = person_lexicon_zh(first), person_lexicon_en(first)
    Person.objects.create(key="侍建宇", name_zh="侍建宇", name_en="Shih Chien-yu")
    Person.objects.create(key="托卡", name_zh="托卡", name_en="Kassym Tokay")  # shares starts
    grown = load_gazetteer()
    assert grown.grown is not None and set(grown.grown.names_zh) == {"侍建宇", "托卡"}
    clear_gazetteer_cache()
    afresh = load_gazetteer()
    assert afresh.grown is None
    text = "托卡耶夫与侍建宇会面，托卡也在场。Kassym-Jomart Tokayev met Shih Chien-yu and Kassym Tokay."
    assert person_lexicon_zh(grown).scan(text) == person_lexicon_zh(afresh).scan(text)
    assert list(person_lexicon_en(grown).finditer(text)) == list(
        person_lexicon_en(afresh).finditer(text)
    )
    assert len(list(person_lexicon_en(grown).finditer(text))) == 3
    # The earlier gazetteer's matchers are untouched.
    assert "侍建宇" not in old_zh.entries and [name for *_, name in old_en.finditer(text)] == [
        "Kassym-Jomart Tokayev"
    ]
    document = make(
        "托卡耶夫说，侍建宇和托卡都认为“局势复杂，各方都需要时间观察，不能急于下结论”。"
    )
    assert extract(document, grown) == extract(document, afresh)


def test_a_changed_country_or_outlet_is_seen(small_world):
    from briefings.ingest.gazetteer import load_gazetteer
    from briefings.models import Source
    from geo.models import Country

    first = load_gazetteer()
    Country.objects.filter(code="KZ").update(aliases_zh=["哈国"])
    second = load_gazetteer()
    assert second is not first and second.country_names_zh.get("哈国") == "KZ"
    Source.objects.create(name="草原日报")
    third = load_gazetteer()
    assert "草原日报" in third.outlets and third.country_names_zh == second.country_names_zh


def test_a_deleted_person_makes_it_read_everyone_again(small_world):
    from briefings.ingest.gazetteer import load_gazetteer
    from briefings.models import Person

    load_gazetteer()
    Person.objects.create(key="孙韵", name_zh="孙韵")
    Person.objects.filter(key="托卡耶夫").delete()
    gazetteer = load_gazetteer()
    assert set(gazetteer.people) == {"孙韵"}


# Wire copy, traditional characters, state media: rules found by the scores -------


def test_a_naming_word_is_not_a_speech_verb(gazetteer):
    result = extract(make("习近平在阿斯塔纳提出一项倡议，两者后来合称“一带一路”倡议。"), gazetteer)
    assert result.quotes == []


def test_a_short_term_in_quotes_after_a_speech_verb_is_no_quote(gazetteer):
    result = extract(
        make("张海涛表示，“中国—中亚”机制与上合组织相互补充，“两者的目标都是地区的稳定与发展”。"),
        gazetteer,
    )
    assert [quote.text for quote in result.quotes] == ["两者的目标都是地区的稳定与发展"]
    assert speakers(result) == ["张海涛"]


def test_a_pronoun_refers_to_the_speaker_not_to_someone_he_spoke_of(gazetteer):
    result = extract(
        make(
            "北京大学教授张海涛认为，普京希望借助峰会显示自己并未被孤立。他说：“他需要这些照片。”"
        ),
        gazetteer,
    )
    assert speakers(result) == ["张海涛"]


def test_a_side_between_verb_and_quote_keeps_the_speaker(gazetteer):
    result = extract(
        make("普京在开场白中谈到乌克兰。他接着说，俄方“理解你们的疑问和关切”，并表示会作解释。"),
        gazetteer,
    )
    assert [(quote.text, quote.speaker) for quote in result.quotes] == [
        ("理解你们的疑问和关切", "普京")
    ]


def test_a_quote_closing_a_reported_sentence_is_a_quote(gazetteer):
    result = extract(
        make("习近平在会晤中说，面对世界之变，中方愿同俄方一道努力，“为世界注入稳定性”。"),
        gazetteer,
    )
    assert speakers(result) == ["习近平"]


def test_a_weekday_in_a_sentence_about_the_future_is_the_coming_one(gazetteer):
    document = make(
        "Xi Jinping will travel to Kazakhstan for a state visit on Thursday.",
        language="en",
        headline="x",
        published=datetime.date(2024, 7, 3),  # a Wednesday
    )
    [event] = extract(document, gazetteer).events
    assert (event.kind, event.start, event.country) == (
        "state_visit",
        datetime.date(2024, 7, 4),
        "KZ",
    )


def test_two_meetings_sharing_one_leader_stay_two(gazetteer):
    document = make(
        "9月16日，普京在撒马尔罕与托卡耶夫会面。",
        "9月16日，普京在撒马尔罕与呼日勒苏赫会晤。",
        published=datetime.date(2022, 9, 17),
    )
    meetings = [event for event in extract(document, gazetteer).events]
    assert sorted(sorted(event.participants) for event in meetings) == [
        ["呼日勒苏赫", "普京"],
        ["托卡耶夫", "普京"],
    ]


def test_an_undated_sentence_after_the_talks_is_their_day(gazetteer):
    document = make(
        "7月3日上午，习近平在阿斯塔纳同哈萨克斯坦总统托卡耶夫举行会谈。",
        "托卡耶夫表示，哈方愿加强合作。",
        "会谈后，两国元首共同签署联合声明。",
        "两国元首上一次会面是在2019年。",
        published=datetime.date(2024, 7, 3),
    )
    events = {event.kind: event for event in extract(document, gazetteer).events}
    assert set(events) == {"bilateral_meeting", "joint_statement"}
    assert events["joint_statement"].start == datetime.date(2024, 7, 3)
    assert events["joint_statement"].countries == ["CN", "KZ"]


def test_a_year_nearer_than_the_day_dates_the_event(gazetteer):
    document = make(
        "The group grew out of border talks of 1996 and was founded in Shanghai on 15 June 2001.",
        language="en",
        headline="x",
        published=datetime.date(2024, 7, 4),
    )
    assert extract(document, gazetteer).events == []


def test_the_two_leaders_are_the_ones_named_before(gazetteer):
    document = make(
        "Xi Jinping has met Vladimir Putin for the first time since the war began.",
        "The two leaders met on Thursday in Samarkand.",
        language="en",
        headline="x",
        published=datetime.date(2022, 9, 16),
    )
    [event] = extract(document, gazetteer).events
    assert (event.kind, event.start, set(event.participants)) == (
        "bilateral_meeting",
        datetime.date(2022, 9, 15),
        {"习近平", "普京"},
    )


def test_a_wire_story(seed_gazetteer):
    result = extract(parsed("wire_style_en.md"), seed_gazetteer)
    assert speakers(result) == [
        "Mira Castellanos",
        "Mira Castellanos",
        "Nurlan Beisembayev",
        "Nurlan Beisembayev",
        "Wen Lihua",
    ]
    assert "no limits" not in [quote.text for quote in result.quotes]
    events = {(e.kind, e.start.isoformat(), e.end.isoformat(), e.place) for e in result.events}
    assert ("bilateral_meeting", "2024-07-03", "2024-07-03", "astana") in events
    assert ("summit", "2024-07-03", "2024-07-04", "astana") in events
    visit = next(event for event in result.events if event.kind == "state_visit")
    assert (visit.start.isoformat(), visit.country) == ("2024-07-04", "TJ")
    statement = next(event for event in result.events if event.kind == "joint_statement")
    assert statement.countries == ["CN", "KZ"]
    meetings = [event for event in result.events if event.kind == "bilateral_meeting"]
    assert sorted(sorted(event.participants) for event in meetings) == sorted(
        [sorted(["习近平", "普京"]), sorted(["习近平", "托卡耶夫"])]
    )


def test_a_traditional_chinese_voa_page(seed_gazetteer):
    result = extract(parsed("voa_style_trad.md"), seed_gazetteer)
    assert speakers(result) == ["拉奥", "拉奥", "拉奥", "黄启明"]
    assert result.quotes[0].text.startswith("印度不會放棄")  # the original script
    assert not any(quote.text == "注意到" for quote in result.quotes)
    assert {"RU", "UZ", "IN", "US", "TW", "TR", "KG", "TJ"} <= result.country_codes()
    meetings = sorted(
        (event.start.isoformat(), sorted(event.participants))
        for event in result.events
        if event.kind == "bilateral_meeting"
    )
    assert meetings == [
        ("2022-09-15", ["习近平", "普京"]),
        ("2022-09-16", ["埃尔多安", "普京"]),
        ("2022-09-16", ["普京", "莫迪"]),
    ]
    summit = next(event for event in result.events if event.kind == "summit")
    assert (summit.start.isoformat(), summit.end.isoformat()) == ("2022-09-15", "2022-09-16")


def test_a_state_media_dispatch(seed_gazetteer):
    result = extract(parsed("xinhua_style_zh.md"), seed_gazetteer)
    assert speakers(result) == ["卡西莫夫", None, None, "李红梅"]
    assert result.country_codes() == {"CN", "KZ"}
    assert result.person("新华社") is None
    events = {(e.kind, e.start.isoformat()): e for e in result.events}
    assert events[("bilateral_meeting", "2024-07-03")].place == "astana"
    assert events[("joint_statement", "2024-07-03")].countries == ["CN", "KZ"]
    assert events[("state_visit", "2024-07-02")].country == "KZ"
    assert events[("summit", "2024-07-04")].place == "astana"
