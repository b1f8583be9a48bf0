"""Articles per second: extraction alone, and the whole ingest into PostgreSQL.

    DATABASE_URL=postgres://briefings:briefings@127.0.0.1:5432/briefings_bench \\
        .venv/bin/python -m benchmarks.extraction_speed

Options: --articles N (default 1000), --seed S (default 2022), --passes P
(default 3: (a) goes over the corpus P times and the row shows the median
pass, each pass printed above it; this machine's speed swings by 10 % from one
minute to the next), --profile (prints the 25 costliest functions of the
extraction under cProfile), and --without-cache (also times the whole ingest
with the gazetteer read afresh for every article, as before load_gazetteer()
kept it).

The corpus is generated, never read from disk: N Chinese articles of about
10 KB each (UTF-8) in our Markdown layout, composed from templated sentences
written for this benchmark (leaders from seeds/people.csv, invented analysts
and institutions, places from seeds/places.csv, dates, meetings, visits,
summits, quotes before and after their speakers, split quotes and scare
quotes), about a quarter of them in traditional characters with 「」 quotes.
A fixed random seed makes the same corpus on every run.

(a) Extraction alone, on one core: decode + parse + extract for each
    article, the gazetteer loaded once (from the database DATABASE_URL names,
    or from a temporary SQLite copy of the seed files when it is unset). The
    first article is extracted once before the clock starts, so the one-off
    costs (jieba's word list, the name tables' matchers) are not counted.
(b) The whole ingest, one process: `briefings.services.ingest_bytes` for
    each article (store the article, extract, save the extraction, one
    transaction each) into PostgreSQL. Needs DATABASE_URL; the database is
    migrated and seeded if needed, and the rows an earlier run of this
    benchmark left (articles named xbench-*.md and what only they hold) are
    deleted first, so runs repeat. Then WARM_UP more articles go in untimed,
    the tables are analysed and the connection is opened afresh, as a worker
    meets a database in use: PostgreSQL plans each foreign-key check once per
    connection, and plans made while a table is empty scan the whole table
    for every check (on a server with autovacuum, its ANALYZE soon makes them
    anew; this machine's PostgreSQL has autovacuum off). Without this, the
    commit of the 1,000th article took 26 ms instead of 2.

Runs with DEBUG off unless DEBUG is set (Django's query log would be
measured too otherwise); SECRET_KEY gets a throwaway value when unset.
"""

import argparse
import cProfile
import csv
import datetime
import io
import os
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "xbench-"
TARGET_EXTRACTION = 200
TARGET_INGEST = 50
WARM_UP = 100

# ---------------------------------------------------------------------------
# The corpus

LEADERS = [
    ("习近平", "国家主席", "中国"),
    ("普京", "总统", "俄罗斯"),
    ("托卡耶夫", "总统", "哈萨克斯坦"),
    ("米尔济约耶夫", "总统", "乌兹别克斯坦"),
    ("莫迪", "总理", "印度"),
    ("呼日勒苏赫", "总统", "蒙古国"),
    ("莱希", "总统", "伊朗"),
    ("卢卡申科", "总统", "白俄罗斯"),
    ("埃尔多安", "总统", "土耳其"),
    ("扎帕罗夫", "总统", "吉尔吉斯斯坦"),
    ("拉赫蒙", "总统", "塔吉克斯坦"),
    ("阿利耶夫", "总统", "阿塞拜疆"),
    ("帕希尼扬", "总理", "亚美尼亚"),
    ("王毅", "外长", "中国"),
    ("拉夫罗夫", "外长", "俄罗斯"),
    ("布林肯", "国务卿", "美国"),
]
COUNTRIES = [
    "中国",
    "俄罗斯",
    "哈萨克斯坦",
    "乌兹别克斯坦",
    "吉尔吉斯斯坦",
    "塔吉克斯坦",
    "印度",
    "巴基斯坦",
    "伊朗",
    "白俄罗斯",
    "蒙古国",
    "土耳其",
    "阿塞拜疆",
    "亚美尼亚",
    "美国",
    "日本",
    "德国",
    "法国",
    "沙特",
    "埃及",
    "卡塔尔",
    "柬埔寨",
    "尼泊尔",
    "斯里兰卡",
    "澳大利亚",
    "乌克兰",
]
PAIRS = ["中俄", "中美", "中哈", "俄乌", "中印", "美日", "中乌", "俄白"]
ORGANISATIONS = ["上海合作组织", "上合组织", "金砖国家", "东盟", "亚信", "欧亚经济联盟"]
TOPICS = [
    "能源",
    "交通走廊",
    "粮食安全",
    "数字经济",
    "边境安全",
    "反恐",
    "本币结算",
    "水资源",
    "农业",
    "关键矿产",
    "航运",
    "人文交流",
    "气候变化",
    "供应链",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁沈任姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武"
GIVEN = "立海伟明华建国志春晓雨文静思远宁安平嘉子涵浩宇欣怡博睿泽轩若晨阳光婷媛莉秋冬梅兰竹松柏峰岚云霞涛波"
TITLES = ["教授", "副教授", "研究员", "高级研究员", "副研究员", "主任", "高级讲师", "分析师"]
INSTITUTIONS = [
    "东方战略研究院",
    "欧亚发展研究中心",
    "丝路政策研究所",
    "大陆安全论坛",
    "中亚经济研究会",
    "海湾问题研究中心",
    "远东政治学院",
    "草原发展基金会",
    "边疆与周边研究院",
    "内陆贸易研究所",
    "高原国际关系学院",
    "两洋战略研究中心",
]
DEPARTMENTS = ["国际关系系", "中亚项目", "安全研究室", "经济外交项目", "地缘政治研究部", ""]
OUTLETS = ["环亚时评", "欧亚周报", "丝路观察网", "大陆新闻社", "远东评论"]
SLOGANS = ["新起点", "压舱石", "不设限", "战略互信", "命运共同体", "黄金时代", "桥梁"]
SUBJECTS = [
    "这次会晤",
    "双方的合作",
    "{country}的立场",
    "地区局势",
    "这一机制",
    "{topic}合作",
    "{pair}关系",
    "{org}的扩员",
    "新的协议",
    "这份联合声明",
    "外界的担忧",
]
PREDICATES = [
    "表明两国都希望稳定关系",
    "说明各方仍在试探彼此的底线",
    "不会在短期内发生根本改变",
    "为下一阶段的谈判定下了基调",
    "反映出地区力量对比的变化",
    "需要更长的时间来检验",
    "让中小国家有了更多选择",
    "在很大程度上取决于{country}的态度",
    "比外界想象的更加务实",
    "并不意味着双方在所有问题上都有共识",
    "显示出{country}希望在大国之间保持平衡",
    "可能推动{topic}领域的项目加快落地",
    "会给{country}带来新的压力",
]
CONNECTORS = ["，但", "，因此", "，而且", "。同时，", "，不过", "，所以"]
VERBS_BEFORE = ["认为", "表示", "指出", "对本报说", "强调", "分析说"]
VERBS_AFTER = ["说", "表示", "对记者说", "补充说", "认为"]


def read_places() -> list[tuple[str, str]]:
    """(Chinese name, country code) of the seed places."""
    with open(ROOT / "seeds" / "places.csv", encoding="utf-8", newline="") as handle:
        return [(row["name_zh"], row["country"]) for row in csv.DictReader(handle)]


class Writer:
    """Composes one article from the templates with a shared random generator."""

    def __init__(self, rng: random.Random, analysts: list[tuple[str, str, str]], places):
        self.rng = rng
        self.analysts = analysts
        self.places = places

    def pick(self, items):
        return self.rng.choice(items)

    def fill(self, text: str) -> str:
        return text.format(
            country=self.pick(COUNTRIES),
            topic=self.pick(TOPICS),
            pair=self.pick(PAIRS),
            org=self.pick(ORGANISATIONS),
        )

    def quote(self) -> str:
        clauses = [
            self.fill(self.pick(SUBJECTS)) + self.fill(self.pick(PREDICATES))
            for _ in range(self.rng.randint(1, 3))
        ]
        text = clauses[0]
        for clause in clauses[1:]:
            text += self.pick(CONNECTORS) + clause
        return text + "。"

    def day(self, published: datetime.date) -> str:
        when = published - datetime.timedelta(days=self.rng.randint(0, 6))
        form = self.rng.random()
        if form < 0.4:
            return f"{when.month}月{when.day}日"
        if form < 0.6:
            return f"{when.year}年{when.month}月{when.day}日"
        if form < 0.8:
            return f"{when.day}日"
        return "周" + "一二三四五六日"[when.weekday()]

    def paragraph(self, published: datetime.date) -> str:
        (leader, leader_title, leader_country), (other, other_title, other_country) = (
            self.rng.sample(LEADERS, 2)
        )
        name, title, affiliation = self.pick(self.analysts)
        place, _code = self.pick(self.places)
        day = self.day(published)
        # Weights as in the news articles we read: about one paragraph in
        # five reports a dated event, one in three quotes someone, the rest
        # is background and analysis.
        kind = self.rng.choices(range(14), weights=[1, 1, 1, 1, 2, 2, 1, 3, 1, 1, 2, 3, 3, 3])[0]
        if kind == 0:
            return (
                f"{day}，{leader_country}{leader_title}{leader}在{place}同{other_country}"
                f"{other_title}{other}举行会晤，双方就{self.pick(TOPICS)}和"
                f"{self.pick(TOPICS)}合作交换了意见。{self.fill('{pair}关系')}因此再次受到关注。"
            )
        if kind == 1:
            return (
                f"{leader}{day}对{self.pick(COUNTRIES)}进行国事访问，这是他{self.rng.randint(2, 9)}"
                f"年来第{self.rng.randint(2, 5)}次到访。访问期间，双方签署了涉及"
                f"{self.pick(TOPICS)}的{self.rng.randint(3, 20)}份合作文件。"
            )
        if kind == 2:
            organisation = self.pick(ORGANISATIONS)
            return (
                f"{organisation}峰会{day}在{place}举行，{self.rng.randint(5, 12)}个成员国的领导人"
                f"出席。会议通过了关于{self.pick(TOPICS)}的宣言，并讨论了{self.pick(COUNTRIES)}"
                f"提出的{self.pick(TOPICS)}倡议。"
            )
        if kind == 3:
            return (
                f"{day}，{leader_country}和{other_country}发表联合声明，同意在{self.pick(TOPICS)}"
                f"领域加强合作，并将于年内启动新一轮磋商。"
            )
        if kind == 4:
            return f"{affiliation}{title}{name}{self.pick(VERBS_BEFORE)}，“{self.quote()}”"
        if kind == 5:
            return f"“{self.quote()}”{name}{self.pick(VERBS_AFTER)}。"
        if kind == 6:
            first, second = self.quote(), self.quote()
            return f"“{first.rstrip('。')}，”{name}说，“{second}”"
        if kind == 7:
            return (
                f"{self.pick(COUNTRIES)}与{self.pick(COUNTRIES)}在{self.pick(TOPICS)}方面的合作"
                f"近年来不断扩大，去年双边贸易额增长了{self.rng.randint(3, 40)}%，"
                f"但{self.pick(PAIRS)}之间的分歧仍未消除。"
            )
        if kind == 8:
            return (
                f"官方媒体把{self.fill('{pair}关系')}称为“{self.pick(SLOGANS)}”，"
                f"而{self.pick(COUNTRIES)}的评论则更加谨慎，认为“{self.pick(SLOGANS)}”"
                f"的说法有些夸大。"
            )
        if kind == 9:
            return (
                f"{leader}在讲话中说：“{self.quote()}”他还表示，{self.pick(COUNTRIES)}"
                f"愿意同各方一道推动{self.pick(TOPICS)}合作。"
            )
        if kind == 10:
            return (
                f"分析人士指出，{self.pick(COUNTRIES)}希望借助{self.pick(ORGANISATIONS)}扩大影响，"
                f"而{self.pick(COUNTRIES)}更关心{self.pick(TOPICS)}和{self.pick(TOPICS)}问题。"
                f"{self.quote()}"
            )
        if kind == 11:
            return (
                f"过去十年里，{self.pick(COUNTRIES)}一直试图在{self.pick(COUNTRIES)}和"
                f"{self.pick(COUNTRIES)}之间保持平衡。{self.fill('{topic}合作')}被视为双方关系的"
                f"基础，但{self.pick(TOPICS)}问题上的分歧始终没有解决，{self.pick(PAIRS)}之间的"
                f"互信也因此受到影响。"
            )
        if kind == 12:
            return (
                f"{self.pick(ORGANISATIONS)}成立以来，成员国之间的{self.pick(TOPICS)}合作逐步扩大。"
                f"{self.pick(COUNTRIES)}的官员多次表示，希望在{self.pick(TOPICS)}方面得到更多支持，"
                f"而{self.pick(COUNTRIES)}则更关注地区稳定和{self.pick(TOPICS)}。"
            )
        return (
            f"不少观察人士认为，{self.fill('{pair}关系')}的走向将影响整个地区。"
            f"{self.pick(COUNTRIES)}和{self.pick(COUNTRIES)}的企业正在评估{self.pick(TOPICS)}"
            f"项目的风险，一些项目已经推迟，另一些则在寻找新的融资渠道。"
        )

    def article(self, number: int) -> str:
        published = datetime.date(2016, 1, 1) + datetime.timedelta(days=self.rng.randrange(3000))
        leader, _title, _country = self.pick(LEADERS)
        headline = f"{leader}{self.pick(['会晤', '访问', '出席峰会', '谈及'])}" + self.fill(
            "{country}：{topic}合作成焦点"
        )
        author = self.pick(SURNAMES) + self.pick(GIVEN) + self.pick(GIVEN)
        lines = [
            f"# {headline}（第{number}期）",
            "",
            f"  * {author}",
            f"  * {self.pick(OUTLETS)}",
            f"  * {published.year}年{published.month}月{published.day}日",
            "",
            f"**{self.paragraph(published)}**",
            "",
        ]
        size = 0
        paragraphs = 0
        while size < 9_600:
            if paragraphs and paragraphs % 7 == 0:
                lines += [f"## {self.fill('{topic}与{pair}关系')}", ""]
            if paragraphs and paragraphs % 9 == 0:
                place, _ = self.pick(self.places)
                lines += [
                    f"![{place}](image_{number}_{paragraphs}.jpg)",
                    "",
                    "> 图像来源， 资料图片",
                    ">",
                    f"> 图像加注文字，{self.day(published)}，{leader}在{place}。",
                    "",
                ]
            text = self.paragraph(published)
            lines += [text, ""]
            size += len(text.encode()) + 2
            paragraphs += 1
        return "\n".join(lines)


def generate_corpus(count: int, seed: int) -> list[tuple[str, bytes]]:
    """COUNT (name, UTF-8 bytes) articles, the same for the same SEED."""
    import opencc

    rng = random.Random(seed)
    analysts = []
    for _ in range(300):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
        affiliation = rng.choice(INSTITUTIONS) + rng.choice(DEPARTMENTS)
        analysts.append((name, rng.choice(TITLES), affiliation))
    writer = Writer(rng, analysts, read_places())
    traditional = opencc.OpenCC("s2t")
    corpus = []
    for number in range(count):
        text = writer.article(number)
        if rng.random() < 0.25:
            text = traditional.convert(text).replace("“", "「").replace("”", "」")
        corpus.append((f"{PREFIX}{number:05d}.md", text.encode()))
    return corpus


# ---------------------------------------------------------------------------
# Measuring


def setup_django() -> str:
    """Configure Django; without DATABASE_URL, a temporary SQLite database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="extraction-speed-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/benchmark.sqlite3"
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from geo.models import Country

    if not Country.objects.exists():
        call_command("load_seeds", stdout=io.StringIO())
    return connection.vendor


def measure_extraction(corpus, profile: bool, passes: int) -> tuple[float, float, float]:
    """(seconds for decode + parse + extract of every article, this process's
    CPU seconds for it, gazetteer load seconds): the median of PASSES passes."""
    from briefings.ingest.extract import extract
    from briefings.ingest.gazetteer import clear_gazetteer_cache, load_gazetteer
    from briefings.services import read_document

    clear_gazetteer_cache()
    began = time.perf_counter()
    gazetteer = load_gazetteer()
    loading = time.perf_counter() - began
    name, data = corpus[0]
    extract(read_document(data, name), gazetteer)  # warm-up, not timed
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    timings = []
    for number in range(1, passes + 1):
        began, cpu = time.perf_counter(), time.process_time()
        for name, data in corpus:
            extract(read_document(data, name), gazetteer)
        timings.append((time.perf_counter() - began, time.process_time() - cpu))
        print(
            f"(a) pass {number}: {len(corpus) / timings[-1][0]:.1f} articles/s, "
            f"{1000 * timings[-1][1] / len(corpus):.2f} ms CPU per article"
        )
    if profiler:
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
        print(out.getvalue())
    seconds, cpu = sorted(timings)[len(timings) // 2]
    return seconds, cpu, loading


def clean_up() -> dict[str, int]:
    """Delete what earlier runs stored: the xbench-*.md articles, then the
    events, people and outlets that only those articles held."""
    from django.db import transaction
    from django.db.models import Q

    from benchmarks.fill_database import analyze
    from briefings.models import Article, Event, Person, Source
    from briefings.seeding import read_people

    with transaction.atomic():
        articles = Article.objects.filter(file_name__startswith=PREFIX)
        ids = list(articles.values_list("id", flat=True))
        event_ids = set(Event.objects.filter(articles__in=ids).values_list("id", flat=True))
        person_ids = set(
            Person.objects.filter(
                Q(article_links__article__in=ids) | Q(quotes__article__in=ids)
            ).values_list("id", flat=True)
        )
        source_ids = set(articles.values_list("source_id", flat=True))
        deleted = {"articles": articles.delete()[1].get("briefings.Article", 0)}
        deleted["events"] = (
            Event.objects.filter(
                pk__in=event_ids,
                articles__isnull=True,
                commentary__isnull=True,
                trip_stops__isnull=True,
            )
            .delete()[1]
            .get("briefings.Event", 0)
        )
        seeded = {row["key"] for row in read_people()}
        deleted["people"] = (
            Person.objects.filter(
                pk__in=person_ids,
                article_links__isnull=True,
                quotes__isnull=True,
                events__isnull=True,
            )
            .exclude(key__in=seeded)
            .delete()[1]
            .get("briefings.Person", 0)
        )
        Source.objects.filter(pk__in=source_ids, articles__isnull=True).delete()
    analyze()  # the rows just deleted would otherwise skew the plans of (b)
    return deleted


def warm_up(articles) -> None:
    """Ingest ARTICLES, analyse the tables, and connect afresh (see (b) above)."""
    from django.db import connection

    from benchmarks.fill_database import analyze
    from briefings.services import ingest_bytes

    for name, data in articles:
        ingest_bytes(data, name)
    analyze()
    connection.close()


def measure_ingest(corpus, fresh_gazetteer: bool) -> tuple[float, float, dict]:
    """(seconds for ingest_bytes of every article, this process's CPU
    seconds, outcome counts)."""
    from briefings.ingest.gazetteer import clear_gazetteer_cache
    from briefings.services import ingest_bytes

    clear_gazetteer_cache()
    outcomes: dict[str, int] = {}
    began, cpu = time.perf_counter(), time.process_time()
    for name, data in corpus:
        if fresh_gazetteer:
            clear_gazetteer_cache()
        outcome = ingest_bytes(data, name)
        outcomes[outcome.status] = outcomes.get(outcome.status, 0) + 1
        if outcome.status == "failed":
            print(f"  {outcome.line()}", file=sys.stderr)
    return time.perf_counter() - began, time.process_time() - cpu, outcomes


def row(label: str, count: int, seconds: float, cpu: float, target: int | None) -> str:
    rate = count / seconds if seconds else float("inf")
    verdict = "" if target is None else ("yes" if rate >= target else "NO")
    target_text = f">= {target}" if target else ""
    return (
        f"{label:<44} {count:>8} {seconds:>8.2f} {rate:>11.1f} "
        f"{1000 * seconds / count:>11.2f} {1000 * cpu / count:>9.2f}  {target_text:>6}  {verdict}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--without-cache", action="store_true")
    args = parser.parse_args()
    postgres_url = os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql"))

    began = time.perf_counter()
    corpus = generate_corpus(args.articles + WARM_UP, args.seed)
    corpus, warm_up_corpus = corpus[: args.articles], corpus[args.articles :]
    sizes = [len(data) for _, data in corpus]
    traditional = sum(1 for _, data in corpus if "「".encode() in data)
    generated = time.perf_counter() - began
    vendor = setup_django()

    print(
        f"Corpus: {len(corpus)} generated Chinese articles, seed {args.seed}, "
        f"mean {sum(sizes) / len(sizes) / 1024:.1f} KB (min {min(sizes) / 1024:.1f}, "
        f"max {max(sizes) / 1024:.1f}), {traditional} in traditional characters; "
        f"generated in {generated:.1f}s"
    )
    print(f"Python {sys.version.split()[0]}, database {vendor}, one process, one core")
    print()
    load = os.getloadavg()[0]
    extraction, cpu, loading = measure_extraction(corpus, args.profile, max(1, args.passes))
    print()
    header = (
        f"{'stage':<44} {'articles':>8} {'seconds':>8} {'articles/s':>11} "
        f"{'ms/article':>11} {'cpu ms':>9}  {'target':>6}  met"
    )
    lines = [header, "-" * len(header)]
    lines.append(
        row(
            "(a) decode + parse + extract (median pass)",
            len(corpus),
            extraction,
            cpu,
            TARGET_EXTRACTION,
        )
    )
    if postgres_url:
        removed = clean_up()
        warm_up(warm_up_corpus)
        seconds, cpu, outcomes = measure_ingest(corpus, fresh_gazetteer=False)
        lines.append(
            row("(b) whole ingest into PostgreSQL", len(corpus), seconds, cpu, TARGET_INGEST)
        )
        if args.without_cache:
            clean_up()
            warm_up(warm_up_corpus)
            slow, cpu, _ = measure_ingest(corpus, fresh_gazetteer=True)
            lines.append(row("(b') same, gazetteer read per article", len(corpus), slow, cpu, None))
    else:
        removed, outcomes = {}, {}
        lines.append("(b) whole ingest: skipped (set DATABASE_URL to a PostgreSQL database)")
    print("\n".join(lines))
    print()
    print(
        f"Gazetteer loaded once in {1000 * loading:.0f} ms before (a). 'cpu ms' is this "
        f"process's CPU time per article; the rest of the wall time is the database, or "
        f"other processes (load average {load:.2f} on {os.cpu_count()} CPUs at the start)."
    )
    if postgres_url:
        print(f"Ingest outcomes: {outcomes}; removed first from an earlier run: {removed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
