"""Generated articles in our Markdown format, for the ingest benchmarks and fault tests.

    .venv/bin/python -m benchmarks.corpus --count 3 --out /tmp/corpus   # writes 3 files
    .venv/bin/python -m benchmarks.corpus --count 1                     # prints one

Each article is a made-up report on Eurasian diplomacy, in Chinese, laid out
the way the ingest expects: `# headline`, a byline list (reporter, outlet,
date), a bold standfirst, `##` section headings, paragraphs, and now and then
an image followed by a blockquote with its credit and caption. Paragraphs are
composed from sentence templates written for this module: talks between the
leaders in seeds/people.csv at the places in seeds/places.csv, summits of the
SCO, figures on trade, and quotes from invented analysts at invented
institutes, the quote before or after its speaker. About one in five articles
is converted to traditional characters with 「」 quotes. Sizes are spread
between about 5 and 10 KB (UTF-8).

The same (count, seed, start) gives the same articles, byte for byte, on every
run; every article carries its number, so no two share a content hash.
"""

import argparse
import csv
import datetime
import functools
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 1996  # the Shanghai Five's first summit
MIN_BYTES = 5_000
MAX_BYTES = 10_000

OUTLETS = ["草原观察报", "内陆亚洲通讯社", "天山时报", "欧亚纵横网", "丝路经济周刊", "北方评论"]
INSTITUTES = [
    "中亚发展战略研究院",
    "欧亚合作研究中心",
    "内陆国家研究所",
    "周边外交研究会",
    "跨境交通研究中心",
    "能源安全研究院",
    "草原丝路基金会",
    "东西方关系研究所",
    "边疆经济研究中心",
    "高原政策论坛",
]
RANKS = ["研究员", "副研究员", "主任", "教授", "副教授", "高级分析师", "客座研究员"]
FAMILY = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉玲建林斌宇浩凯晨瑞博文轩雪琳晓东海亮"
SECTORS = [
    "油气管道",
    "铁路货运",
    "口岸通关",
    "光伏电站",
    "小麦出口",
    "稀有金属",
    "跨境电商",
    "水利工程",
    "数字支付",
    "医疗合作",
    "留学生交流",
    "旅游签证",
    "航空运力",
    "化肥供应",
    "电网互联",
]
VENUES = ["峰会", "外长会议", "国防部长会议", "经贸论坛", "元首理事会会议", "政府首脑理事会会议"]
ADJECTIVES = ["务实", "坦诚", "深入", "富有成果", "建设性", "友好"]
STANCES = [
    "各方在{sector}问题上的分歧比公开表态显示的要大",
    "{country}更看重的是安全保障，而不是短期的经济收益",
    "这一合作机制正在从安全议题转向经济议题",
    "中小成员国希望在大国之间保持回旋余地",
    "{sector}项目的融资问题仍然没有解决",
    "外界高估了这次会晤能够带来的实际变化",
    "{country}的参与会改变组织内部的力量平衡",
    "未来两三年{sector}领域的合作会明显加快",
    "双边关系的基础比几年前更加稳固",
    "地区国家对过度依赖单一市场心存顾虑",
]
HEDGES = ["不过", "与此同时", "但也要看到", "更重要的是", "换句话说", "从长远看"]
SAYS_BEFORE = ["认为", "指出", "在接受本报采访时说", "表示", "提醒说", "分析称"]
SAYS_AFTER = ["说", "表示", "告诉本报", "补充说", "强调"]
SECTION_HEADINGS = [
    "{sector}成为新看点",
    "分歧仍在",
    "{country}的算盘",
    "从安全到经济",
    "外界怎么看",
    "下一步",
    "数字背后",
    "{place}的信号",
]


@functools.cache
def seed_tables() -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """(leaders as (name, title), place names, country names) from the seed files."""
    with open(ROOT / "seeds" / "people.csv", encoding="utf-8", newline="") as handle:
        leaders = [(row["name_zh"], row["title"]) for row in csv.DictReader(handle) if row["title"]]
    with open(ROOT / "seeds" / "places.csv", encoding="utf-8", newline="") as handle:
        places = [row["name_zh"] for row in csv.DictReader(handle) if row["name_zh"]]
    with open(ROOT / "seeds" / "countries.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # The countries the articles are about: the region, its neighbours and the powers.
    wanted = {
        "CN",
        "RU",
        "KZ",
        "UZ",
        "KG",
        "TJ",
        "TM",
        "IN",
        "PK",
        "IR",
        "BY",
        "MN",
        "AF",
        "TR",
        "AZ",
        "AM",
        "GE",
        "US",
        "JP",
        "KR",
        "DE",
        "FR",
        "SA",
        "EG",
        "QA",
    }
    countries = sorted(
        row["name_zh"] for row in rows if row.get("code") in wanted and row.get("name_zh")
    )
    return leaders, places, countries


class Reporter:
    """Writes one article at a time from the templates, with its own random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.leaders, self.places, self.countries = seed_tables()
        self.analysts = [
            (
                rng.choice(FAMILY) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2))),
                rng.choice(INSTITUTES),
                rng.choice(RANKS),
            )
            for _ in range(400)
        ]

    def pick(self, items):
        return self.rng.choice(items)

    def fill(self, template: str) -> str:
        return template.format(
            sector=self.pick(SECTORS),
            country=self.pick(self.countries),
            place=self.pick(self.places),
        )

    def when(self, published: datetime.date) -> str:
        day = published - datetime.timedelta(days=self.rng.randint(0, 5))
        return self.pick(
            [f"{day.month}月{day.day}日", f"{day.day}日", f"{day.year}年{day.month}月{day.day}日"]
        )

    def opinion(self) -> str:
        text = self.fill(self.pick(STANCES))
        if self.rng.random() < 0.5:
            text += "，" + self.pick(HEDGES) + "，" + self.fill(self.pick(STANCES))
        return text + "。"

    def paragraph(self, published: datetime.date) -> str:
        (host, host_title), (guest, guest_title) = self.rng.sample(self.leaders, 2)
        analyst, institute, rank = self.pick(self.analysts)
        place, country = self.pick(self.places), self.pick(self.countries)
        sector, other_sector = self.rng.sample(SECTORS, 2)
        when = self.when(published)
        match self.rng.randrange(9):
            case 0:
                return (
                    f"{when}，{host_title}{host}在{place}会见了到访的{guest_title}{guest}。双方进行了"
                    f"{self.pick(ADJECTIVES)}的会谈，重点讨论了{sector}和{other_sector}合作，"
                    f"并同意年内在{self.pick(self.places)}举行下一轮磋商。"
                )
            case 1:
                return (
                    f"上海合作组织{self.pick(VENUES)}{when}在{place}开幕，{self.rng.randint(6, 10)}个成员国"
                    f"和{self.rng.randint(2, 6)}个观察员国派代表出席。会议的议程包括{sector}、"
                    f"{other_sector}以及{country}提出的地区安全倡议。"
                )
            case 2:
                return f"{institute}{rank}{analyst}{self.pick(SAYS_BEFORE)}：“{self.opinion()}”"
            case 3:
                return f"“{self.opinion()}”{analyst}{self.pick(SAYS_AFTER)}。"
            case 4:
                first, second = self.opinion(), self.opinion()
                return f"“{first.rstrip('。')}，”{institute}的{analyst}说，“{second}”"
            case 5:
                return (
                    f"据{country}海关统计，今年前{self.rng.randint(2, 11)}个月，双边贸易额达到"
                    f"{self.rng.randint(12, 980)}亿美元，同比增长{self.rng.randint(2, 45)}.{self.rng.randint(0, 9)}%，"
                    f"其中{sector}增长最快。"
                )
            case 6:
                return (
                    f"{host}在{when}的讲话中说：“{self.opinion()}”他同时表示，{country}"
                    f"愿意与各方一道推动{sector}合作。"
                )
            case 7:
                return (
                    f"{guest}{when}启程前往{place}，这是他就任以来第{self.rng.randint(2, 7)}次访问该国。"
                    f"陪同访问的有{self.rng.randint(3, 12)}名部长和一个由{self.rng.randint(20, 90)}家企业"
                    f"组成的代表团。"
                )
            case _:
                return (
                    f"{country}与{self.pick(self.countries)}在{sector}上的竞争日益明显，"
                    f"{self.pick(HEDGES)}，两国在{other_sector}方面仍有不少共同利益。{self.opinion()}"
                )

    def article(self, number: int) -> str:
        published = datetime.date(2015, 1, 1) + datetime.timedelta(days=self.rng.randrange(3650))
        leader, _title = self.pick(self.leaders)
        headline = f"{leader}{self.pick(['访问', '会见', '出席', '谈'])}{self.pick(self.countries)}：{self.pick(SECTORS)}合作受关注"
        lines = [
            f"# {headline}（第{number}号）",
            "",
            f"  * {self.pick(FAMILY)}{self.pick(GIVEN)}{self.pick(GIVEN)}",
            f"  * {self.pick(OUTLETS)}",
            f"  * {published.year}年{published.month}月{published.day}日",
            "",
            f"**{self.paragraph(published)}**",
            "",
        ]
        target = self.rng.randint(MIN_BYTES, MAX_BYTES - 800)
        size = sum(len(line.encode()) + 1 for line in lines)
        count = 0
        while size < target:
            if count and count % 6 == 0:
                heading = f"## {self.fill(self.pick(SECTION_HEADINGS))}"
                lines += [heading, ""]
                size += len(heading.encode()) + 2
            if count and count % 10 == 5:
                place = self.pick(self.places)
                figure = [
                    f"![{place}街景](photo-{number}-{count}.jpg)",
                    "",
                    f"> 图片来源，{self.pick(OUTLETS)}",
                    ">",
                    f"> 图片说明，{self.when(published)}，{place}的一处{self.pick(SECTORS)}项目工地。",
                    "",
                ]
                lines += figure
                size += sum(len(line.encode()) + 1 for line in figure)
            text = self.paragraph(published)
            lines += [text, ""]
            size += len(text.encode()) + 2
            count += 1
        return "\n".join(lines)


def articles(
    count: int, seed: int = SEED, start: int = 0, prefix: str = "article-"
) -> Iterator[tuple[str, str]]:
    """(file name, text) of articles START .. START+COUNT-1 of the corpus for SEED.

    Each article draws from a generator of its own, seeded by SEED and its
    number: article N is the same whatever START, and skipping costs nothing.
    """
    import opencc

    reporter = Reporter(random.Random(seed))
    traditional = opencc.OpenCC("s2t")
    for number in range(start, start + count):
        reporter.rng = random.Random(f"{seed}:{number}")
        text = reporter.article(number)
        if reporter.rng.random() < 0.2:
            text = traditional.convert(text).replace("“", "「").replace("”", "」")
        yield f"{prefix}{number:05d}.md", text


def write(
    folder: Path, count: int, seed: int = SEED, start: int = 0, prefix: str = "article-"
) -> list[Path]:
    """Write the articles into FOLDER (created if needed) and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in articles(count, seed, start, prefix):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--out", type=Path, help="folder to write into; without it, print")
    args = parser.parse_args()
    if args.out:
        paths = write(args.out, args.count, args.seed, args.start)
        sizes = [path.stat().st_size for path in paths]
        print(f"wrote {len(paths)} articles to {args.out}, {min(sizes)}-{max(sizes)} bytes each")
    else:
        for name, text in articles(args.count, args.seed, args.start):
            print(f"=== {name}\n{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
