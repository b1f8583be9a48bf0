"""Extraction: the countries, people, quotes and events an article names.

`extract(document, gazetteer) -> Extraction` reads a parsed Document and the
name tables of a Gazetteer and touches no database (store.py writes the
result). Chinese text is folded first (traditional to simplified, fullwidth to
halfwidth, same length), every matcher runs on the folded text, and quotes are
cut out of the original text at the same offsets.

The rules, in the order extract() runs them:

1. Noise: navigation lines, related-headline lists, share and copyright lines
   are marked and skipped (`mark_noise`).
2. Countries: a leftmost-longest scan over the text with outlet names masked
   (德国之声 is a source, not Germany). Full names and short forms match
   anywhere; words that contain a country character but name none (中亚, 美元,
   拉美, 其中) are in the same table mapped to nothing, so they win by length.
   Single-character abbreviations (中 俄 美) count only inside combined forms
   (中俄, 中俄蒙, 中、俄两国) that are followed by a relation word or stand
   alone between function words, and in 中方 / 对哈关系 / 访美 forms.
3. People: names come from the gazetteer, from a title before a name (教授朱志群),
   from a name before a speech verb (，孙韵说), and from a name followed by a
   bracketed Latin name (科罗廖夫（Alexander Korolev）). Title, affiliation and
   country come from the words before the title.
4. Quotes: spans in “” 「」 『』 "" (and a stray ”…“). Short spans without
   sentence punctuation or an adjacent speech verb are scare quotes, and so
   is a short term the phrase runs on after (“中国—中亚”机制), even after 表示;
   合称/简称 name, they do not report. A quote is one when a speech verb ends
   right before it (across a side: 他说，俄方“…”), when a speaker and verb
   follow it (…”，普京在谈到…时说), or when it closes, as a clause of its own,
   a sentence a speaker opened (习近平说，…，“…”。). The speaker comes from
   the nearest cue: after the quote, before it, the other half of a split
   quote, the subject of its clause, the paragraph's speaker, or the previous
   paragraph's attribution; 他/她/he/she refer back to a speaker, not to
   someone named in what that speaker said.
5. Dates and events: dated sentences with a meeting, summit, visit or joint
   statement word become events, merged within the article and keyed so that
   two articles on one event share a key. Weekdays count back from the
   published date, forward in sentences about the future. An undated event
   sentence takes the story's current day when it says so (当天, 会谈后,
   later) or follows a dated sentence of its paragraph; a year nearer to the
   event word than any day means the event is not dated to a day. "The two
   leaders" and 两国 are the two sides named last, in the paragraphs before if
   need be. Two meetings that share one leader stay two; a summit's days
   join up; an event with no place on the day some of its people met
   somewhere was there too.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import importlib.util
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from briefings.ingest.chinese import fold, has_cjk, is_cjk
from briefings.ingest.document import Document
from briefings.ingest.gazetteer import Gazetteer, person_key
from briefings.ingest.parser import MONTHS
from briefings.ingest.reader import COMMON_SIMPLIFIED

# ---------------------------------------------------------------------------
# Results


@dataclass
class CountryMention:
    code: str
    mentions: int = 0  # everywhere, captions included
    caption_mentions: int = 0

    @property
    def caption_only(self) -> bool:
        return self.mentions > 0 and self.mentions == self.caption_mentions


@dataclass
class PersonMention:
    key: str
    name_zh: str = ""
    name_en: str = ""
    title: str = ""
    affiliation: str = ""
    affiliation_en: str = ""
    country: str | None = None
    mentions: int = 0
    quoted: bool = False
    known: bool = False  # the gazetteer knew this person already

    @property
    def name(self) -> str:
        return self.name_zh or self.name_en or self.key


@dataclass
class QuoteMention:
    text: str
    paragraph: int  # Paragraph.number
    position: int  # offset of the opening mark in the paragraph text
    speaker: str | None  # a PersonMention key
    cue: str = (
        ""  # how the speaker was found (after, before, split, clause, paragraph, continuation)
    )


@dataclass
class EventMention:
    kind: str  # one of Event.Kind
    start: datetime.date
    end: datetime.date
    title: str
    key: str
    place: str | None = None  # Place slug
    country: str | None = None  # where it took place, when known
    countries: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)  # PersonMention keys
    organisation: str | None = None
    evidence: list[str] = field(default_factory=list)  # the sentences it came from


@dataclass
class Extraction:
    language: str
    countries: list[CountryMention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    quotes: list[QuoteMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    # Set only when the document had no date and the text gave one.
    published: datetime.date | None = None
    noise: list[int] = field(default_factory=list)  # paragraph numbers skipped

    def country(self, code: str) -> CountryMention | None:
        return next((item for item in self.countries if item.code == code), None)

    def country_codes(self) -> set[str]:
        return {item.code for item in self.countries}

    def person(self, key: str) -> PersonMention | None:
        return next((item for item in self.people if item.key == key), None)


# ---------------------------------------------------------------------------
# Rule tables. Chinese entries are written simplified; the text is folded.


def words(text: str) -> list[str]:
    """The whitespace-separated words of TEXT: how the tables below are written."""
    return text.split()


# News agencies and outlets: where a story comes from, not what it is about.
OUTLETS_ZH = words(
    """
德国之声 德國之聲 法新社 美联社 路透社 路透 新华社 新华网 俄新社 塔斯社 俄罗斯卫星通讯社 卫星通讯社 卫星社 今日俄罗斯 俄罗斯今日电视台 半岛电视台
BBC中文网 BBC中文 英国广播公司 美国之音 自由亚洲电台 自由欧洲电台 日经亚洲 日经中文网 日经新闻 日本经济新闻 朝日新闻 读卖新闻 每日新闻 共同社 韩联社
中国央视网 央视网 央视新闻 央视 中央电视台 中国国际电视台 中国日报 人民日报 人民网 环球时报 环球网 中新社 中国新闻社 中国新闻网 澎湃新闻 南华早报 联合早报
纽约时报 华尔街日报 华盛顿邮报 金融时报 经济学人 彭博社 彭博 卫报 泰晤士报 明镜周刊 费加罗报 世界报 法国国际广播电台 法广 德新社 安莎社 埃菲社
哈萨克国际通讯社 乌兹别克斯坦国家通讯社 美国有线电视新闻网 福克斯新闻 端传媒 中央社 联合报 自由时报 明报 星岛日报 香港01 观察者网 凤凰网 财新 新京报
印度时报 雅虎新闻 伊朗伊斯兰共和国通讯社 伊通社 沙特通讯社 阿联酋通讯社 卡塔尔通讯社 科威特通讯社 朝中社 朝鲜中央通讯社 越通社
越南通讯社 安塔拉通讯社 伯纳马通讯社 马来西亚国家新闻社 印度报业托拉斯 阿纳多卢通讯社 阿纳多卢 蒙古国家通讯社 巴基斯坦联合通讯社 以色列时报
日本广播协会 韩国中央日报 朝鲜日报 东亚日报 以色列国防军电台 乌克兰国家通讯社 白俄罗斯通讯社 吉尔吉斯斯坦国家通讯社 塔吉克斯坦国家通讯社
"""
)
OUTLETS_EN = """
Reuters|AFP|Agence France-Presse|Associated Press|AP News|BBC News|BBC Chinese|BBC World Service|BBC|
Voice of America|VOA|Radio Free Asia|RFA|Radio Free Europe|Deutsche Welle|DW|Xinhua|TASS|RIA Novosti|
Sputnik|Russia Today|RT|Al Jazeera|Nikkei Asia|Nikkei Asian Review|Nikkei|Kyodo News|Kyodo|Yonhap|
CGTN|CCTV|China Daily|Global Times|People's Daily|South China Morning Post|SCMP|New York Times|
Washington Post|Wall Street Journal|Financial Times|The Economist|Bloomberg|The Guardian|Guardian|
Times of India|Hindustan Times|Japan Times|Korea Herald|Korea Times|Straits Times|Moscow Times|
Kyiv Independent|Kyiv Post|CNN|Fox News|Caixin|Politico|Axios|NPR|Sky News|Euronews|Le Monde|Der Spiegel
""".replace("\n", "").split("|")

# Words that contain a country name or abbreviation but name no country.
COUNTRY_BLOCKERS_ZH = words(
    """
中亚 中东 中东欧 中美洲 南美 北美 拉美 拉丁美洲 美洲 美元 美金 欧元 日元 英镑 韩元 卢布 人民币 澳元 加元 中心 其中 之中 当中 中文 英文 法文 德文
日文 俄文 韩文 英语 法语 德语 日语 俄语 中央 中间 中期 中旬 中型 中小 中部 中层 中途 中断 中止 中立 中性 中兴 中西 中医 中学 中将 中餐 中秋
中华民族 中国人 美好 美丽 美德 美食 美术 美妙 美誉 赞美 完美 欧美 英雄 英里 精英 道德 品德 德行 法律 方法 办法 法院 合法 立法 法规 法治 宪法 西方
东方 南方 北方 西部 西北 西南 日益 日前 日后 日内 日期 日报 日常 今日 明日 昨日 日子 节日 日经 以及 以来 以为 以上 以下 以后 以前 以便 以免 以外
以内 可以 所以 加强 加入 加上 加大 加快 加速 加剧 增加 参加 更加 新加坡 新西兰 新疆 内蒙古 蒙古族 印象 印记 巴士 巴黎 越来越 越南 越过 超越 印第安
土地 土壤 国土 领土 本土 沙漠 卡车 白宫 白俄 老挝 老师 马上 马来西亚 阿拉伯 埃及 美联储 亚美尼亚 台阶 舞台 平台 台上 港口 香港 澳门 上海 俄亥俄
华盛顿 加沙 西岸 约旦河 伊斯兰 斯里兰卡 加州 加拿大 德州 新州 巴士拉 朝鲜半岛 韩半岛 南中国海 东中国海
印度洋 新几内亚 墨西哥湾
"""
)
# Forms outside the alias data: a party or side standing for its country.
EXTRA_COUNTRY_NAMES_ZH: dict[str, str | tuple[str, ...]] = {
    "中共": "CN",
    "美西方": "US",
    "中方": "CN",
    # 苏丹 after a country is its sultan (文莱苏丹), not Sudan.
    "文莱苏丹": "BN",
    "汶莱苏丹": "BN",
    "阿曼苏丹": "OM",
    # Taiwan's and Hong Kong's pair for New Zealand and Australia (紐澳).
    "纽澳": ("NZ", "AU"),
}
# Combined forms whose letters the usual table reads wrongly: 哈 in 以哈 is
# Hamas, 乌 next to 俄 is Ukraine, 巴 next to 以 is Palestine.
COMPOUNDS_ZH = {
    "俄乌": ("RU", "UA"),
    "乌俄": ("UA", "RU"),
    "以哈": ("IL",),
    "哈以": ("IL",),
    "巴以": ("PS", "IL"),
    "以巴": ("IL", "PS"),
    "印巴": ("IN", "PK"),
    "巴印": ("PK", "IN"),
    "美乌": ("US", "UA"),
    "欧乌": ("UA",),
    # 澳 beside another country is Australia (Macao is no party to relations),
    # but beside Hong Kong it is Macao (港澳台).
    "港澳": ("HK", "MO"),
    "中澳": ("CN", "AU"),
    "美澳": ("US", "AU"),
    "日澳": ("JP", "AU"),
    "印澳": ("IN", "AU"),
    "澳新": ("AU", "NZ"),
}
# Characters that join combined forms without naming a country (中欧, 美欧).
NEUTRAL_ABBREVS = {"欧"}
# What follows a combined abbreviation: 中俄关系, 中美两国, 俄乌战争, 中俄等.
RELATION_WORDS = words(
    """
关系 两国 三国 四国 五国 双方 三方 各国 元首 首脑 领导人 领袖 会晤 会谈 会面 峰会 联合 战略 合作 冲突 战争 对抗 竞争 贸易 边境 边界 联盟 结盟 同盟
友好 友谊 伙伴 外长 外交 之间 间 等 军演 演习 协议 协定 声明 对话 磋商 交往 矛盾 摩擦 博弈 角力 脱钩 争端 危机 谈判 和谈 紧张 对立 分歧 互动 往来
经贸 军事 军队 海军 空军 交流 贸易战 国防 政府 总统 共同 联手 携手 接近 靠拢 轴心 三角 双边 三边 多边 全面 新时代 高层 官员 学者
加强 深化 签署 签订 举行 发表 同意 宣布 决定 达成 推动 扩大 开展 展开 启动 恢复 重启 建立 寻求 承诺 互相 相互 接壤 毗邻 对峙 和解 缓和
"""
)
RELATION_START = re.compile("|".join(map(re.escape, RELATION_WORDS)))
# Characters a standing-alone abbreviation may sit between: 中俄都 / 是中俄的.
FUNCTION_CHARS = set(
    "在与和同对是的为将把被让使从了及跟由而但向令以等也都就才即说称又还并或当因于给这那其各两之已均共互应需要正曾仍不没未能会可则"
)
SINGLE_BEFORE = set("对与同和跟")  # 对哈关系, 与美关系
TRAVEL_BEFORE = set("访赴驻抵")  # 访美, 驻华
SINGLE_AFTER = words(
    """
关系 政策 制裁 出口 进口 贸易 投资 合作 外交 援助 战略 态度 立场 表态 施压 军售 开战 宣战 友好 敌意
"""
)
SINGLE_AFTER_START = re.compile("|".join(map(re.escape, SINGLE_AFTER)))
# Blockers and triggers also stop English matches.
COUNTRY_BLOCKERS_EN = [
    "Latin America",
    "Latin American",
    "South America",
    "South American",
    "North America",
    "North American",
    "Central America",
    "Central American",
    "Americas",
    "Indo-Pacific",
    "US dollar",
    "US dollars",
    "U.S. dollar",
    "US$",
    "New Mexico",
    "Gulf of Mexico",
    "New Jersey",
    "Papua New Guinea",
    "Chinese New Year",
    "Turkey Point",
    # Seas and an American think tank, named after a country.
    "Indian Ocean",
    "South China Sea",
    "East China Sea",
    "German Marshall Fund",
]

# Titles before a name, longest first; the None entries are words that start
# like a title and are not one.
TITLES_ZH = words(
    """
国家主席 国家副主席 主席 副主席 总统 副总统 总理 副总理 首相 副首相 外长 外交部长 外交部副部长 国务卿 部长 副部长 国防部长 防长 议长 副议长 发言人
新闻发言人 大使 特使 特别代表 总书记 书记 国王 女王 王储 王子 亲王 埃米尔 首席执行官 总裁 董事长 主任 副主任 所长 副所长 院长 副院长 教授 副教授
助理教授 客座教授 讲师 高级讲师 研究员 副研究员 助理研究员 高级研究员 资深研究员 访问学者 学者 分析师 高级分析师 首席分析师 经济学家 主编 编辑 记者 顾问
高级顾问 秘书长 副秘书长 司令 总司令 司令员 参谋长 将军 上将 中将 少将 参议员 众议员 议员 州长 市长 省长 委员长 委员 常委 法官 律师 局长 署长 处长
厅长 会长 理事长 创始人 专家 博士 领导人 最高领导人 最高领袖 总长 首席代表 副总裁 总经理 负责人 主管 专员 总干事 校长 系主任
国家安全顾问 国家安全事务助理 总统助理 国务委员 副国务卿 助理国务卿 贸易代表 财政部长 商务部长 财长
官房长官 外相 外务大臣 防卫大臣 大臣 特首 行政长官 主委 首席部长 总督 党主席
作家 评论员 评论家 历史学家 政治学家 社会学家 首席经济学家 主持人 总监
大校 上校 中校 少校 准将 大将 元帅 海军上将 空军上将 陆军上将
代总统 代理总统 临时总统 代总理 代理总理 看守总理 代理外长
新闻秘书 秘书 副主委 国安会秘书长
"""
)
TITLE_BLOCKERS_ZH = words(
    """
大使馆 领事馆 总统府 总统大选 总统选举 总统制 主席团 主席台 委员会 议员们 记者会 发言人办公室 主任委员会 学者们 专家们 记者们 律师事务所 书记处 院长们
部长级 总理府 首相府 教授们 编辑部 作家们 作家协会 评论员文章
"""
)
TITLE_PREFIXES = ("前", "副", "代理", "现任", "时任", "候任", "首任", "已故")
POLITICAL_TITLES = set(
    words(
        """
国家主席 国家副主席 主席 副主席 总统 副总统 总理 副总理 首相 副首相 外长 外交部长 国务卿 部长 副部长 国防部长 防长 议长 副议长 发言人 新闻发言人 大使
特使 特别代表 总书记 国王 女王 王储 王子 亲王 埃米尔 领导人 最高领导人 最高领袖 参议员 众议员 议员 州长 市长 省长 委员长
官房长官 外相 外务大臣 防卫大臣 大臣 特首 行政长官 首席部长 总督
"""
    )
)
# Words that report speech, longest first at matching time.
SPEECH_VERBS_ZH = words(
    """
说 表示 认为 指出 称 强调 告诉 预计 透露 坦言 直言 补充 解释 警告 回应 写道 问道 宣称 声称 表明 提到 谈到 说道 评论 批评 呼吁 承认 重申 主张 估计
预测 相信 担心 总结 分析 分析说 分析称 反问 质疑 感叹 形容 评价 宣布
"""
)
# Between a speaker and the verb: adverbs, the day (9日, 周二) and an addressee
# (对BBC中文, 向记者).
FILLER_BODY = (
    r"\s*(?:(?:\([^()]{0,40}\)|(?:\d{1,4}[年月日号])+|(?:周|星期)[一二三四五六日天]|上午|下午|晚间|也|则|还|又|便|就|曾|亦|更|都|却|仍|并|同时|随后|此前|近日|日前|当天|今天|昨天|再次|进一步|进而|一再|多次|公开|明确|直接|这样|如此|早前|稍后|最后|接着|当时)\s*)*"
    r"(?:(?:对|向|跟|接受)[^,.。;:：“”\"]{1,14}?(?:采访时)?)?"
    # …普京在谈到2016年通过的《规划纲要》时说 / 在会晤中说 / 在记者会上说
    r"(?:在[^,.。;:：“”\"]{1,40}?(?:时|中|上|期间))?\s*"
)
FILLER_ZH = re.compile("^" + FILLER_BODY + "$")
# A name (two characters or more, the shortest that works) and filler: what
# stands between a clause's start and its speech verb.
SUBJECT_AND_FILLER = re.compile(r"(?P<name>[\u4e00-\u9fff·]{2}.{0,8}?)" + FILLER_BODY + "$")
PRONOUNS_ZH = {"他": "he", "她": "she"}
# Chunks before a speech verb that are no person's name.
NOT_NAMES = set(
    words(
        """
他们 她们 我们 你们 大家 双方 各方 外界 官方 分析 专家 学者 人士 观察者 观察人士 有人 报道 文章 媒体 中方 美方 俄方 声明 白宫 克里姆林宫 外交部
国防部 商务部 政府 当局 官员 记者 评论 舆论 研究 调查 数据 报告 民调 网民 民众 批评者 支持者 反对者 消息人士 知情人士 发言人 对方 他 她 其 这 那 此
这些 那些 该 双方都 许多人 不少人 一些人 有分析 分析人士 业内人士 北京 华盛顿 莫斯科 东京 首尔 德里 新德里 伦敦 巴黎 柏林 基辅 台北 平壤 伊斯兰堡
德黑兰 安卡拉 利雅得 开罗 多哈 罗马 马德里 布鲁塞尔 明斯克 阿斯塔纳 努尔苏丹 塔什干 比什凯克 杜尚别 阿什哈巴德 乌兰巴托 喀布尔 巴库 埃里温 第比利斯
耶路撒冷 特拉维夫 加沙 大马士革 巴格达 堪培拉 渥太华 华沙 布拉格 维也纳 日内瓦 纽约 河内 曼谷 雅加达 马尼拉 吉隆坡 金边 万象 仰光 内比都 达卡 科伦坡
加德满都 卡拉奇 孟买 撒马尔罕 特斯拉 英特尔 诺基亚 阿里巴巴 波音 西门子 巴斯夫 索尼 丰田 本田 奥迪 宝马 福特 埃克森 雪佛龙 辉瑞 摩根 高盛 华为
"""
    )
)
# A name never ends like a form of address or a placeholder.
NAME_ENDINGS_NOT = ("先生", "女士", "小姐", "老师", "太太", "夫人", "某", "氏")
INSTITUTION_ENDINGS = tuple(
    words(
        """
宫 部 院 局 府 会 社 台 网 报 馆 方 国 省 市 党 军 团 处 所 校 司 厅 委 办 组 署 队 界 馆 厂 行 组织 中心 大学 机构 公司 集团 银行
"""
    )
)
SURNAMES = set(
    "习王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
    "崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉"
    "骆蓝游辛靳管柴鲍喻祁蒲房滕屈饶解牟艾尤穆农卓古吉缪简车项连芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂佟臧闵"
    "苟邬边卞姬师仇栾隋商刁荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝谈匡鞠惠荆冀郁胥班储栗燕楚鄢劳谌奚皮粟冼蔺楼"
    "闻厉仝阚屠朴廉禹漆卿狄晋芮扈晁阙鹿薄邸雍辜羊裘亓邰赫杭宿逯茹诸慕嵇湛戎茅揭尉束檀昝衡尧侍"
    "赖洪萧丘阎"  # common in Taiwan and Hong Kong: 赖清德, 洪秀柱, 萧美琴
)
COMPOUND_SURNAMES = set(
    words(
        """
欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 夏侯 长孙 宇文 司徒 端木 歐陽
"""
    )
)
# Characters transliterated foreign names are written with.
TRANSLIT = set(
    "阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼毕别宾波伯博布查达戴丹道德登迪蒂丁东杜多厄恩尔法范菲费芬丰弗福富盖甘冈"
    "戈格根古瓜圭哈海汉豪赫黑亨洪胡华霍基吉加贾杰金卡凯坎康考柯科可克肯库夸奎昆拉莱兰朗劳勒雷蕾里利莉连林琳留"
    "卢鲁伦罗洛马玛迈麦曼芒梅蒙米明莫姆穆纳娜奈南内尼涅宁努诺欧帕潘佩彭皮珀普奇齐乔切琴丘萨塞桑瑟森沙尚舍什施"
    "舒斯松苏索塔泰坦汤唐特滕提图托瓦万旺威韦维温沃乌伍西希锡夏谢辛休雅亚扬耶伊因英尤于约赞泽扎詹兹佐廖夫娃丽"
    "莎黛琪茨季捷列申济日呼朔廷瑞盖亚历山大科诺娅妮娜卓楚穆罕默德本萨勒曼图尔克谢霍夫奥尔良赛敦·"
)
# Where a name ends: what may follow it.
NAME_STOPS = words(
    """
也 则 还 又 便 就 曾 亦 更 都 再 在 对 向 于 与 和 同 及 是 的 说 称 表示 认为 指出 强调 告诉 预计 已 将 日前 近日 随后 当天 此前 今天
昨天 长期 一直 目前 近年 多年 同时 出席 会见 会晤 会面 签署 举行 访问 发表 宣布 承诺 抵达 前往 接受 回应 出访 领导 主持 透露 坦言 直言 警告 呼吁
重申 这样 等 们 一直 一再 上任 今年 去年 本人 曾经 甫 并 认 以
周一 周二 周三 周四 周五 周六 周日 周末 星期 礼拜 本周 上周 下周 上午 下午 晚间 晚上 早上 凌晨 当地时间 稍早 稍后
本月 上月 下月 明天 前天 近期 有不同 有所 有意 有望 有关 持不同 不同意 不认为 不这么
"""
)
SPEAKER_LEAD_WORDS = (
    "不过",
    "但是",
    "但",
    "而",
    "而且",
    "此外",
    "另外",
    "同时",
    "随后",
    "此前",
    "目前",
    "日前",
    "近日",
    "对此",
    "因此",
    "所以",
    "并",
    "然而",
    "据",
    "根据",
    "其中",
)

OPENERS = {"“": "”", "「": "」", "『": "』", '"': '"', "«": "»"}
CLOSERS = tuple(OPENERS.values())
SENTENCE_PUNCT = re.compile(r"[,.!?;:。！？；，：]")
TERM_LIST = re.compile(r"[^、，。！？,.!?；;：:]{1,5}(?:、[^、，。！？,.!?；;：:]{1,5}){1,4}的?")
SCARE_QUOTE_MAX_ZH = 18  # characters: shorter spans need punctuation or a cue
SCARE_QUOTE_MAX_EN = 6  # words

# Navigation and page furniture.
NAV_LINES = re.compile(
    r"^(?:相关内容|相关话题|相关报道|相关新闻|相关阅读|热门|热门内容|热读|最多阅读|更多|更多内容|更多相关内容|"
    r"分享|分享到|分享此文|返回顶部|跳过|跳到|跳转到|点击|订阅|下载|版权|版权所有|推荐阅读|延伸阅读|阅读更多|"
    r"广告|首页|主页|头条|评论|图像来源|图片来源|"
    r"share this|share|related topics|related content|related|more on this story|top stories|features|"
    r"most read|skip to content|advertisement|follow us|sign up|read more|home|newsletter|comments?)"
    r"(?:[\s:：,，\-–—|>》]|$)",
    re.IGNORECASE,
)
# ©, copyright, 版权所有, all rights reserved, http(s)://, www. (any case), with the
# first character as a class of its own: the engine can then skip to the
# next candidate quickly, which it cannot for a case-blind alternation.
NAV_TAIL = re.compile(
    r"[©版CcAaHhWw](?:(?<=©)|(?<=版)权所有"
    r"|(?i:(?<=c)opyright|(?<=a)ll rights reserved|(?<=h)ttps?://|(?<=w)ww\.))"
)

MONTHS_EN = MONTHS  # English month names and abbreviations, as the parser reads them
WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
WEEKDAYS_EN = {
    name: number
    for number, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}

# Organisations named in event titles, when the gazetteer has none.
ORGANISATIONS = [
    (
        "sco",
        "上海合作组织",
        "SCO",
        ["上海合作组织", "上合组织", "上合"],
        ["Shanghai Cooperation Organisation", "Shanghai Cooperation Organization", "SCO"],
    ),
    ("brics", "金砖国家", "BRICS", ["金砖国家", "金砖"], ["BRICS"]),
    ("g20", "二十国集团", "G20", ["二十国集团", "G20"], ["G20", "G-20", "Group of 20"]),
    ("g7", "七国集团", "G7", ["七国集团", "G7"], ["G7", "G-7", "Group of Seven"]),
    (
        "asean",
        "东盟",
        "ASEAN",
        ["东南亚国家联盟", "东盟"],
        ["ASEAN", "Association of Southeast Asian Nations"],
    ),
    ("nato", "北约", "NATO", ["北大西洋公约组织", "北约"], ["NATO", "Nato"]),
    ("eu", "欧盟", "EU", ["欧洲联盟", "欧盟"], ["European Union", "EU"]),
    (
        "apec",
        "亚太经合组织",
        "APEC",
        ["亚太经济合作组织", "亚太经合组织", "APEC"],
        ["APEC", "Apec"],
    ),
    ("un", "联合国", "UN", ["联合国"], ["United Nations", "UN"]),
    ("cica", "亚信", "CICA", ["亚洲相互协作与信任措施会议", "亚信会议", "亚信"], ["CICA"]),
    ("csto", "集体安全条约组织", "CSTO", ["集体安全条约组织", "集安组织"], ["CSTO"]),
    ("eaeu", "欧亚经济联盟", "EAEU", ["欧亚经济联盟"], ["Eurasian Economic Union", "EAEU"]),
    ("quad", "四方安全对话", "Quad", ["四方安全对话", "美日印澳"], ["Quad"]),
]

# ---------------------------------------------------------------------------
# Small matching tools


# How common a character is (0 the most), for the order of regex branches.
COMMON_RANK = {char: rank for rank, char in enumerate(COMMON_SIMPLIFIED)}

# trie_regex() splits a root of more than GROUPED_ROOT first characters
# into groups of ROOT_GROUP (measured on the benchmark corpus).
GROUPED_ROOT = 160
ROOT_GROUP = 48


def trie_regex(
    words: Iterable[str], guarded: Mapping[str, str] | None = None, after_first: str = ""
) -> str:
    """A regex matching any of WORDS, the longest one where several start at a
    position: the words as a trie (one branch per next character), where a
    word ending at a node is the fallback after its longer continuations.
    The regex engine walks it in C, so a scan costs one pass over the text
    rather than a dictionary lookup per position and word length.

    GUARDED maps more words to a lookaround that must hold where they end;
    such a word is the last fallback at its node. AFTER_FIRST is a lookaround
    put right after the first character of every word. (A lookaround outside
    the trie would cost the regex engine its quick test of the first
    character, and so a slow scan.)

    The engine tries a node's branches one after the other, so a root of a
    few hundred first characters costs a few hundred tests wherever one of
    them stands. A root of more than GROUPED_ROOT characters is split into
    groups of ROOT_GROUP, each behind a lookahead for its characters, and
    the whole behind one for all of them: some tens of tests instead (a
    third off the country scan). A smaller root is left whole: the leading
    lookahead costs more than it saves there."""
    trie: dict = {}
    for word, guard in [*(guarded or {}).items(), *((word, "") for word in words)]:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = guard  # "" for a word that needs no guard

    def next_chars(node: dict) -> list[str]:
        # The regex engine tries a node's branches in turn: common characters first.
        return sorted(
            (char for char in node if char),
            key=lambda char: (COMMON_RANK.get(char, len(COMMON_RANK)), char),
        )

    def render(node: dict, after: str = "") -> str:
        end = node.get("")
        chars = next_chars(node)
        branches = [re.escape(char) + after + render(node[char]) for char in chars]
        if end:
            branches.append(end)
            end = None
        if not branches:
            return ""
        if len(branches) == 1 and end is None:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if end is not None else "")

    def char_class(chars: list[str]) -> str:
        return "[" + "".join(re.escape(char) for char in chars) + "]"

    roots = next_chars(trie)
    if len(roots) <= GROUPED_ROOT:
        return render(trie, after_first)
    groups = []
    for first in range(0, len(roots), ROOT_GROUP):
        chars = roots[first : first + ROOT_GROUP]
        branches = [re.escape(char) + after_first + render(trie[char]) for char in chars]
        groups.append(f"(?={char_class(chars)})(?:" + "|".join(branches) + ")")
    return f"(?={char_class(roots)})(?:" + "|".join(groups) + ")"


class Lexicon:
    """Leftmost-longest lookup of words in a dict (word -> value).

    COMPILED (for tables built once per process) turns the words into one
    trie regex: the fastest scan, but compiling it costs milliseconds per
    thousand words. Otherwise (for tables that change, like the people an
    ingest keeps adding) words are looked up by their first character, which
    costs nothing to build and little more to scan; such a table is compiled
    after all once it has scanned COMPILE_AFTER characters unchanged.
    """

    COMPILE_AFTER = 40_000  # characters: some ten articles

    def __init__(self, entries: dict, compiled: bool = True):
        self.scanned = 0
        self.entries = {word: value for word, value in entries.items() if word}
        lengths: dict[str, set[int]] = {}
        for word in self.entries:
            lengths.setdefault(word[0], set()).add(len(word))
        self.first = {char: sorted(found, reverse=True) for char, found in lengths.items()}
        self.first_chars = frozenset(self.first)
        self.pattern = re.compile(trie_regex(self.entries)) if compiled and self.entries else None

    def match_at(self, text: str, index: int, min_length: int = 1) -> tuple[int, object] | None:
        """(length, value) of the longest word starting at INDEX, if that is
        MIN_LENGTH characters or more."""
        if self.pattern is not None:
            # What the pattern would match, looked up: most positions start
            # no word, and a dict miss costs less than a call to the regex.
            entries = self.entries
            room = len(text) - index
            for length in self.first.get(text[index : index + 1], ()):
                if length < min_length:
                    break
                if length <= room and (word := text[index : index + length]) in entries:
                    return length, entries[word]
            return None
        room = len(text) - index
        for length in self.first.get(text[index : index + 1], ()):
            if length < min_length:
                break
            # (A slice past the end is shorter than LENGTH, and may be a word.)
            if length <= room and (word := text[index : index + length]) in self.entries:
                return length, self.entries[word]
        return None

    def with_words(self, entries: dict) -> Lexicon:
        """A new, uncompiled lexicon of these words and ENTRIES (those words
        it lacks): what Lexicon() of both would be, for the cost of ENTRIES
        alone. This one is left as it is (other threads may be scanning)."""
        twin = object.__new__(Lexicon)
        twin.scanned = 0
        twin.entries = dict(self.entries)
        twin.first = dict(self.first)
        for word, value in entries.items():
            if word and word not in twin.entries:
                twin.entries[word] = value
                lengths = twin.first.get(word[0], [])
                if len(word) not in lengths:
                    twin.first[word[0]] = sorted([*lengths, len(word)], reverse=True)
        twin.first_chars = frozenset(twin.first)
        twin.pattern = None
        return twin

    def scan(self, text: str) -> list[tuple[int, int, object]]:
        """(start, end, value) of each word, left to right, longest first."""
        if self.pattern is None and self.entries:
            self.scanned += len(text)
            if self.scanned >= self.COMPILE_AFTER:
                self.pattern = re.compile(trie_regex(self.entries))
        if self.pattern is not None:
            entries = self.entries
            return [(*match.span(), entries[match[0]]) for match in self.pattern.finditer(text)]
        found = []
        after_last = 0
        for index in positions(text, self.first_chars):
            if index >= after_last and (word := self.match_at(text, index)):
                found.append((index, index + word[0], word[1]))
                after_last = index + word[0]
        return found


def scan_each(lexicon: Lexicon, texts: list[str]) -> list[list[tuple[int, int, object]]]:
    """LEXICON.scan() of each of TEXTS, from one scan of them joined by line
    breaks: a scan has a fixed cost, and no word spans a line break."""
    found: list[list[tuple[int, int, object]]] = [[] for _text in texts]
    if not texts:
        return found
    starts = list(itertools.accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
    which, last = 0, len(starts) - 1
    for start, end, value in lexicon.scan("\n".join(texts)):
        while which < last and starts[which + 1] <= start:
            which += 1
        offset = starts[which]
        found[which].append((start - offset, end - offset, value))
    return found


def positions(text: str, chars: frozenset[str]) -> list[int]:
    """The offsets in TEXT of any of CHARS, in order. Faster than a loop over
    TEXT where the characters are few or rare (str.find runs in C)."""
    found = []
    # Fewer CHARS than characters of TEXT: look for each (str.find runs in C)
    # rather than look each character of TEXT up in the set.
    for char in chars if len(chars) < len(text) else chars.intersection(text):
        at = text.find(char)
        while at >= 0:
            found.append(at)
            at = text.find(char, at + 1)
    found.sort()
    return found


ENGLISH_WORD_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]+")


class EnglishLexicon:
    """Whole-word English names, longest first, indexed by their first word:
    what english_pattern() matches, without a regex to compile (the people
    tables grow with every ingest)."""

    def __init__(self, names: Iterable[str]):
        by_first: dict[str, list[str]] = {}
        for name in {name for name in names if name}:
            first = ENGLISH_WORD_START.match(name)
            if first is not None and first.start() == 0:
                by_first.setdefault(first.group(), []).append(name)
        self.by_first = {
            word: sorted(found, key=len, reverse=True) for word, found in by_first.items()
        }

    def with_names(self, names: Iterable[str]) -> EnglishLexicon:
        """A new lexicon of these names and NAMES (see Lexicon.with_words)."""
        twin = object.__new__(EnglishLexicon)
        twin.by_first = dict(self.by_first)
        for name in names:
            first = ENGLISH_WORD_START.match(name) if name else None
            if first is not None and first.start() == 0:
                found = twin.by_first.get(first.group(), [])
                if name not in found:
                    twin.by_first[first.group()] = sorted([*found, name], key=len, reverse=True)
        return twin

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, name) of each name standing as whole words."""
        position = 0
        for word in ENGLISH_WORD_START.finditer(text):
            if word.start() < position:
                continue
            for name in self.by_first.get(word.group(), ()):
                end = word.start() + len(name)
                if text.startswith(name, word.start()) and not (
                    end < len(text) and text[end].isascii() and text[end].isalnum()
                ):
                    yield word.start(), end, name
                    position = end
                    break


def english_pattern(words: Iterable[str]) -> re.Pattern | None:
    """Any of WORDS standing as whole words, the longest where several fit."""
    words = {word for word in words if word}
    if not words:
        return None
    # No letter or digit before the word's first character, nor after its last.
    not_after_letter = r"(?<![A-Za-z0-9](?s:.))"
    return re.compile("(?:" + trie_regex(words, after_first=not_after_letter) + r")(?![A-Za-z0-9])")


def clone(item):
    """A shallow copy of a dataclass instance: copy.copy does the same, four
    times slower, and hits are copied by the thousand."""
    twin = object.__new__(type(item))
    twin.__dict__.update(item.__dict__)
    return twin


def mask(text: str, spans: Iterable[tuple[int, int]], char: str = "□") -> str:
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for index in range(start, end):
            chars[index] = char
    return "".join(chars)


def cached(gazetteer: Gazetteer, name: str, build):
    if name not in gazetteer.cache:
        gazetteer.cache[name] = build()
    return gazetteer.cache[name]


PAPER_REPORTS = re.compile(
    r"《[^》]{1,20}》(?=\s*(?:网站|网|电视台|杂志)?\s*(?:报道|报导|称|说|评论|援引|引述|披露|消息|指出|发表))"
)


def outlet_spans(folded: str, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    def build():
        zh = [fold(name) for name in OUTLETS_ZH + [n for n in gazetteer.outlets if has_cjk(n)]]
        en = OUTLETS_EN + [name for name in gazetteer.outlets if not has_cjk(name)]
        return Lexicon({name: True for name in zh}), english_pattern(en)

    lexicon, pattern = cached(gazetteer, "outlets", build)
    spans = [(start, end) for start, end, _ in lexicon.scan(folded)]
    if "《" in folded:
        # 英国《金融时报》报道: the country of a paper that reports is its source.
        countries = country_lexicon_zh(gazetteer)
        for match in PAPER_REPORTS.finditer(folded):
            start = match.start()
            before = folded[max(0, start - 8) : start]
            ending = [hit for hit in countries.scan(before) if hit[1] == len(before) and hit[2]]
            spans.append(
                (start - (ending[-1][1] - ending[-1][0]) if ending else start, match.end())
            )
    if pattern is not None and LATIN_LETTER.search(folded):
        spans += [match.span() for match in pattern.finditer(folded)]
    return spans


# ---------------------------------------------------------------------------
# Text units


@dataclass
class Unit:
    kind: str  # headline, standfirst, heading, paragraph, caption, alt
    number: int  # the paragraph number; the image index for captions
    text: str
    folded: str
    noise: bool = False

    @property
    def is_caption(self) -> bool:
        return self.kind in ("caption", "alt")


def make_units(document: Document) -> list[Unit]:
    units = []

    def add(kind: str, number: int, text: str, folded: str = "") -> None:
        if text and text.strip():
            units.append(Unit(kind, number, text, folded))

    add("headline", 0, document.headline)
    add("headline", 0, document.subheadline)
    add("standfirst", 0, document.standfirst)
    for index, heading in enumerate(document.sections):
        add("heading", index, heading)
    for paragraph in document.paragraphs:
        add("paragraph", paragraph.number, paragraph.text)
    # The text above, the alt texts and the captions folded together: one
    # call to the converter for the article rather than two more per image.
    images = document.images
    alts = [image.alt.strip() for image in images]
    captions = [image.caption or "" for image in images]
    folded = fold_many([unit.text for unit in units] + alts + captions)
    for unit, text in zip(units, folded, strict=False):
        unit.folded = text
    folded_alts = folded[len(units) : len(units) + len(images)]
    folded_captions = folded[len(units) + len(images) :]
    for index, image in enumerate(images):
        add("caption", index, image.caption, folded_captions[index])
        alt = alts[index]
        if (
            alt
            and folded_alts[index] != folded_captions[index].strip()
            and not looks_like_file_name(alt)
        ):
            add("alt", index, alt, folded_alts[index])
    return units


def fold_many(texts: list[str]) -> list[str]:
    """fold() of each of TEXTS, with one call to the converter rather than
    one per text (no phrase spans a line break); text by text if a line's
    length changed."""
    if any("\n" in text for text in texts):
        return [fold(text) for text in texts]
    folded = fold("\n".join(texts)).split("\n")
    if len(folded) != len(texts) or any(
        len(a) != len(b) for a, b in zip(folded, texts, strict=True)
    ):
        return [fold(text) for text in texts]
    return folded


def looks_like_file_name(text: str) -> bool:
    return bool(
        re.fullmatch(r"[\w.\-/]+\.(?:jpe?g|png|gif|webp|svg)", text.strip(), re.IGNORECASE)
    ) or (len(text.strip()) <= 4 and not has_cjk(text))


# ---------------------------------------------------------------------------
# 1. Noise


def ends_sentence(text: str) -> bool:
    # A sentence's stop may stand inside its closing quote: 「…。」他說。 / 『…。』
    return text.strip().rstrip('”」』"’»').endswith(("。", "！", "？", "!", "?", ".", ";"))


def is_short_line(text: str, language: str) -> bool:
    stripped = text.strip()
    if ends_sentence(stripped):
        return False
    if language == "zh" or has_cjk(stripped):
        return len(stripped) < 25
    return len(stripped.split()) < 8


def mark_noise(units: list[Unit], language: str) -> None:
    """Mark navigation, related-headline runs, share and copyright lines."""
    headings = [unit for unit in units if unit.kind == "heading"]
    for unit in headings:
        if NAV_LINES.match(unit.folded.strip()):
            unit.noise = True
    paragraphs = [unit for unit in units if unit.kind == "paragraph"]
    skipping = False
    for unit in paragraphs:
        line = unit.folded.strip()
        if len(line) < 40 and NAV_LINES.match(line):
            unit.noise = True
            skipping = True
            continue
        if len(line) < 120 and NAV_TAIL.search(line):
            unit.noise = True
            continue
        if skipping:
            # A related-headlines block ends at the first real paragraph: one
            # that ends a sentence, or is too long for a headline.
            if (not is_short_line(line, language) and len(line) >= 40) and (
                ends_sentence(line) or len(line) >= 150
            ):
                skipping = False
            else:
                unit.noise = True
    # Runs of two or more short lines without sentence punctuation are lists
    # of links or headlines; a lone very short line is page furniture.
    run: list[Unit] = []
    for unit in paragraphs + [None]:
        if (
            unit is not None
            and not unit.noise
            and is_short_line(unit.folded, language)
            and not any(mark in unit.folded for mark in OPENERS)  # “ 「 『 " «: quotes
            and not introduces_quote(unit.folded)
        ):
            run.append(unit)
            continue
        if len(run) >= 2 or (len(run) == 1 and len(run[0].folded.strip()) < 12):
            for item in run:
                item.noise = True
        run = []


def introduces_quote(line: str) -> bool:
    """王毅回应说： / He added: a speaker whose words are the next paragraph."""
    line = line.rstrip()
    if not line.endswith((":", "：")):
        return False
    before = line[:-1].rstrip()
    return any(before[-length:] in SPEECH_LEXICON.entries for length in (3, 2, 1)) or bool(
        EN_SPEECH_AT_END.search(before)
    )


# ---------------------------------------------------------------------------
# 2. Countries


@dataclass
class CountryHit:
    start: int
    end: int
    codes: tuple[str, ...]
    abbreviation: bool = False  # codes may need the article to choose among


def country_lexicon_zh(gazetteer: Gazetteer) -> Lexicon:
    def build():
        entries: dict = {}
        for word in COUNTRY_BLOCKERS_ZH:
            entries[fold(word)] = None
        for table in (gazetteer.place_names_zh, gazetteer.organisation_names_zh):
            for word in table:
                if len(word) > 1:
                    entries[word] = None
        abbrevs = gazetteer.country_abbrevs
        for _slug, _zh, _en, names_zh, _names_en in ORGANISATIONS:
            for word in names_zh:
                # 美日印澳 (the Quad) names its countries: the abbreviation rules read it.
                if has_cjk(word) and len(word) > 1 and not all(char in abbrevs for char in word):
                    entries[fold(word)] = None
        for word, named in EXTRA_COUNTRY_NAMES_ZH.items():
            codes = (named,) if isinstance(named, str) else named
            if all(code in gazetteer.countries for code in codes):
                entries[word] = codes
        for word, code in gazetteer.country_names_zh.items():
            entries[word] = (code,) if code else None
        return Lexicon(entries)

    return cached(gazetteer, "countries_zh", build)


def country_pattern_en(gazetteer: Gazetteer) -> tuple[re.Pattern | None, dict]:
    def build():
        table: dict = {word: None for word in COUNTRY_BLOCKERS_EN}
        for word, code in gazetteer.country_names_en.items():
            table[word] = code
        if "CN" in gazetteer.countries:
            table["Sino"] = "CN"
        return english_pattern(table), table

    return cached(gazetteer, "countries_en", build)


def is_boundary(char: str) -> bool:
    return not char or not is_cjk(char)


def scan_countries_zh(text: str, gazetteer: Gazetteer) -> list[CountryHit]:
    """Country hits in folded, outlet-masked TEXT, leftmost-longest."""
    lexicon = country_lexicon_zh(gazetteer)
    abbrevs = gazetteer.country_abbrevs
    candidates = cached(
        gazetteer, "countries_zh_start", lambda: country_candidates(lexicon, abbrevs)
    )
    entries = lexicon.entries
    hits: list[CountryHit] = []
    resume = 0  # after a combined abbreviation, which may be longer than its match
    for candidate in candidates.finditer(text):
        index, end = candidate.span()
        if index < resume:
            continue  # inside 中俄蒙: only single abbreviations start there
        if end - index >= 2:
            codes = entries[candidate.group()]
            if codes:
                hits.append(CountryHit(index, end, codes))
        elif text[index] in abbrevs:
            hit = abbreviation_at(text, index, lexicon, abbrevs)
            if hit:
                hits.append(hit)
                resume = hit.end
    return hits


SEPARATORS = ("、", "·", "/", "-")
SINGLE_OR_TRAVEL_BEFORE = SINGLE_BEFORE | TRAVEL_BEFORE


def country_candidates(lexicon: Lexicon, abbrevs: dict) -> re.Pattern:
    """Where a country name of two characters or more starts (the longest),
    else an abbreviation that abbreviation_at() may accept: one followed by
    another, by 欧, a separator or 方, or one after 对/与/访/驻 and the like.
    Any other lone abbreviation (日 in 15日) is passed over by the regex engine
    rather than by a call per character."""

    def one_of(chars) -> str:
        return "[" + "".join(re.escape(char) for char in sorted(chars)) + "]"

    follow = one_of(set(abbrevs) | NEUTRAL_ABBREVS | set(SEPARATORS) | {"方"})
    guard = f"(?:(?={follow})|(?<={one_of(SINGLE_OR_TRAVEL_BEFORE)}.))"
    names = [word for word in lexicon.entries if len(word) >= 2]
    return re.compile(trie_regex(names, dict.fromkeys(abbrevs, guard)) or "(?!)")


def abbreviation_at(text: str, index: int, lexicon: Lexicon, abbrevs: dict) -> CountryHit | None:
    """A combined abbreviation (中俄, 中、俄两国) or a safe single one at INDEX."""
    following = text[index + 1 : index + 2]
    if (
        following not in abbrevs
        and following not in NEUTRAL_ABBREVS
        and following not in SEPARATORS
        and following != "方"
        and (index == 0 or text[index - 1] not in SINGLE_OR_TRAVEL_BEFORE)
    ):
        return None  # a lone character no rule below accepts (日 in 15日)
    chars: list[str] = []
    position = index
    separated = False
    while position < len(text) and len(chars) < 4:
        char = text[position]
        if char not in abbrevs and char not in NEUTRAL_ABBREVS:
            break
        if (
            position > index
            and lexicon.match_at(text, position, min_length=2)
            # 中美元首, 中日元首: 元首 follows, not the currency 美元 or 日元.
            and not text.startswith("元首", position + 1)
        ):
            break  # 中美国: 美国 starts here and wins
        chars.append(char)
        position += 1
        if (
            position + 1 < len(text)
            and text[position] in "、·/-"
            and (text[position + 1] in abbrevs)
            and not lexicon.match_at(text, position + 1, min_length=2)
        ):
            separated = True
            position += 1
    if text[position - 1 : position] in "、·/-" and position > index + 1:
        position -= 1
    before = text[index - 1] if index > 0 else ""
    after = text[position : position + 1]
    relation = bool(RELATION_START.match(text, position))
    run = "".join(chars)
    if sum(char in abbrevs for char in chars) >= 2 or (
        len(chars) >= 2 and chars[0] not in NEUTRAL_ABBREVS
    ):
        if len(chars) < 2:
            return None
        left_ok = is_boundary(before) or before in FUNCTION_CHARS
        right_ok = is_boundary(after) or after in FUNCTION_CHARS
        accepted = relation or (not separated and left_ok and right_ok)
        if not accepted:
            return None
        codes = compound_codes(run, abbrevs)
        return CountryHit(index, position, tuple(codes), abbreviation=True) if codes else None
    # A single abbreviation: 中方, 美方; 对哈关系; 访美, 驻华.
    char = text[index]
    if char not in abbrevs:
        return None
    end = index + 1
    follow = text[end : end + 2]
    left_ok = is_boundary(before) or before in FUNCTION_CHARS
    if follow.startswith("方") and left_ok and not lexicon.match_at(text, end, min_length=2):
        return CountryHit(index, end, (frozenset(abbrevs[char]),), abbreviation=True)
    if before in SINGLE_BEFORE and SINGLE_AFTER_START.match(text, end):
        return CountryHit(index, end, (frozenset(abbrevs[char]),), abbreviation=True)
    if (
        before in TRAVEL_BEFORE
        and not lexicon.match_at(text, end, min_length=2)
        and (
            is_boundary(follow[:1])
            or follow[:1] in FUNCTION_CHARS
            or follow[:2] in ("期间", "之前", "之后", "前夕", "大使", "使馆", "美军", "记者")
        )
    ):
        return CountryHit(index, end, (frozenset(abbrevs[char]),), abbreviation=True)
    return None


def compound_codes(run: str, abbrevs: dict) -> list:
    """Codes for each character of RUN; a set where the character is ambiguous."""
    result: list = [None] * len(run)
    if len(run) > 2:
        pairs = COMPOUNDS_ZH.items()
    else:  # two characters (中俄, most runs) can only be one of the pairs itself
        pairs = [(run, COMPOUNDS_ZH[run])] if run in COMPOUNDS_ZH else []
    for pair, codes in pairs:
        at = run.find(pair)
        if at >= 0:
            if len(codes) == 2:
                result[at], result[at + 1] = codes[0], codes[1]
            else:
                # The pair names one country; the other character is no country.
                keep = 0 if pair[0] in "以" else 1
                result[at + keep] = codes[0]
                result[at + 1 - keep] = ""
    codes = []
    for position, char in enumerate(run):
        if result[position] == "":
            continue
        if result[position]:
            codes.append(frozenset({result[position]}))
        elif char == "澳" and "港" not in run and "AU" in abbrevs[char]:
            # 澳 beside another country is Australia (美英澳); Macao is no party
            # to relations, and stands beside Hong Kong (港澳台).
            codes.append(frozenset({"AU"}))
        elif char in abbrevs:
            codes.append(frozenset(abbrevs[char]))
    return codes


LATIN_LETTER = re.compile(r"[A-Za-z]")


def scan_countries_en(text: str, gazetteer: Gazetteer) -> list[CountryHit]:
    pattern, table = country_pattern_en(gazetteer)
    if pattern is None or not LATIN_LETTER.search(text):
        return []
    hits = []
    for match in pattern.finditer(text):
        code = table.get(match.group())
        if match.group() == "Sino" and text[match.end() : match.end() + 1] != "-":
            continue
        if match.group() in NAME_LIKE_COUNTRIES_EN and names_no_country(
            text, match.start(), code, table, gazetteer
        ):
            continue
        if code:
            hits.append(CountryHit(match.start(), match.end(), (code,)))
    if "Korea" in text and {"KP", "KR"} <= gazetteer.countries.keys():
        # "North and South Korea" (South Korea is matched above), "the two Koreas".
        for match in BOTH_KOREAS.finditer(text):
            codes = ("KP",) if match["north"] else ("KP", "KR")
            hits += [CountryHit(match.start(), match.end(), (code,)) for code in codes]
    return hits


BOTH_KOREAS = re.compile(r"\b(?P<north>North)(?= and South Korea\b)|\b(?:the|two|both) Koreas\b")


# Country names that are also people's names (Michael Jordan, Steve Israel,
# Chad) or a US state's (Atlanta, Georgia).
NAME_LIKE_COUNTRIES_EN = frozenset({"Jordan", "Israel", "Chad", "Georgia"})
# A capitalised word inside a sentence (a letter, not a full stop, before it)
# right before the name: a proper noun; a comma after it, as in "Atlanta, Georgia".
PROPER_NOUN_BEFORE = re.compile(r"[A-Za-z][,;:]?[ \t]+([A-Z][a-z]+)(,?)[ \t]+$")


def names_no_country(
    text: str, start: int, code: str | None, table: dict, gazetteer: Gazetteer
) -> bool:
    """Is the country name at START part of a person's name (Michael Jordan)
    or a US state after its city (Atlanta, Georgia)? Not after a country
    or one of its own places (Russia, Georgia; Tbilisi, Georgia)."""
    match = PROPER_NOUN_BEFORE.search(text, max(0, start - 40), start)
    if match is None:
        return False
    word, comma = match.groups()
    if word in table:
        return False
    slug = gazetteer.place_names_en.get(word)
    if slug is not None and gazetteer.places[slug].country == code:
        return False
    return bool(comma) == (text.startswith("Georgia", start))


def count_countries(units: list[Unit], gazetteer: Gazetteer) -> tuple[list[CountryMention], dict]:
    """Mentions per country, and the hits per unit (for events)."""
    # One scan of the units joined by line breaks rather than one per unit
    # (a fixed cost each): no name spans a line break, and the rules take one
    # for the edge of a text, so the hits are the same.
    live = [position for position, unit in enumerate(units) if not unit.noise]
    joined = "\n".join(units[position].folded for position in live)
    offsets = list(itertools.accumulate((len(units[p].folded) + 1 for p in live[:-1]), initial=0))
    masked = mask(joined, outlet_spans(joined, gazetteer))
    hits_by_unit: dict[int, list[CountryHit]] = {position: [] for position in live}
    for hit in scan_countries_zh(masked, gazetteer) + scan_countries_en(masked, gazetteer):
        which = bisect.bisect_right(offsets, hit.start) - 1
        hit.start -= offsets[which]
        hit.end -= offsets[which]
        hits_by_unit[live[which]].append(hit)
    # Full names, and combined forms that can mean one thing only (俄乌),
    # decide what an ambiguous abbreviation stands for (乌方).
    named = Counter()
    for hits in hits_by_unit.values():
        for hit in hits:
            for code in hit.codes:
                if not hit.abbreviation:
                    named[code] += 1
                elif len(code) == 1:
                    named[next(iter(code))] += 1
    for hits in hits_by_unit.values():
        for hit in hits:
            if hit.abbreviation:
                hit.codes = tuple(
                    code for code in (resolve_abbrev(c, named) for c in hit.codes) if code
                )
    body, captions = Counter(), Counter()
    seen_in_caption: dict[int, set] = {}
    for position, hits in hits_by_unit.items():
        unit = units[position]
        for hit in hits:
            for code in hit.codes:
                if unit.kind == "alt" and code in seen_in_caption.get(unit.number, set()):
                    continue  # alt text repeats the caption: count only what it adds
                if unit.is_caption:
                    captions[code] += 1
                    if unit.kind == "caption":
                        seen_in_caption.setdefault(unit.number, set()).add(code)
                else:
                    body[code] += 1
    mentions = [
        CountryMention(code, body[code] + captions[code], captions[code])
        for code in set(body) | set(captions)
    ]
    mentions.sort(key=lambda item: (-item.mentions, item.code))
    return mentions, hits_by_unit


def resolve_abbrev(codes, named: Counter) -> str | None:
    codes = set(codes) if not isinstance(codes, str) else {codes}
    if len(codes) == 1:
        return next(iter(codes))
    supported = [code for code in codes if named[code]]
    if not supported:
        return None
    return max(sorted(supported), key=lambda code: named[code])


# ---------------------------------------------------------------------------
# 3. People


@dataclass
class NameHit:
    start: int
    end: int
    key: str | None  # None for 他/她 until resolved
    pronoun: str = ""
    title: str = ""
    title_start: int = -1
    quoted: bool = False  # inside a quotation
    used: bool = False  # already taken as a speaker cue


@dataclass
class PersonInfo:
    """What the text says about one person, collected before the keys settle."""

    name_zh: str = ""
    name_en: str = ""
    title: str = ""
    affiliation: str = ""
    affiliation_en: str = ""
    country: str | None = None
    known_key: str | None = None


def title_lexicon() -> Lexicon:
    entries = {word: word for word in TITLES_ZH}
    entries.update({word: None for word in TITLE_BLOCKERS_ZH})
    return Lexicon(entries)


TITLE_LEXICON = title_lexicon()
# The last characters of the titles (not of the words that only look like one).
TITLE_ENDINGS = frozenset(word[-1] for word, title in TITLE_LEXICON.entries.items() if title)
SPEECH_LEXICON = Lexicon({word: word for word in SPEECH_VERBS_ZH})
STOP_LEXICON = Lexicon({word: True for word in NAME_STOPS})


def starts_stop(text: str, index: int) -> bool:
    if index >= len(text):
        return True
    char = text[index]
    if not is_cjk(char) and char != "·":
        return True
    return bool(STOP_LEXICON.match_at(text, index)) or bool(SPEECH_LEXICON.match_at(text, index))


def known_spellings_zh(gazetteer: Gazetteer, key: str) -> tuple[str, ...]:
    """The folded Chinese name and aliases of a known person, folded once."""
    spellings = cached(gazetteer, "people_spellings_zh", dict)
    if key not in spellings:
        entry = gazetteer.people[key]
        spellings[key] = tuple(
            fold(alias).replace(" ", "")
            for alias in (entry.name_zh, *entry.aliases)
            if alias and has_cjk(alias)
        )
    return spellings[key]


def person_lexicon_zh(gazetteer: Gazetteer) -> Lexicon:
    def build() -> Lexicon:
        grown = gazetteer.grown
        if grown is not None and (earlier := grown.cache.get("people_zh")) is not None:
            return earlier.with_words(grown.names_zh)
        return Lexicon(dict(gazetteer.person_names_zh), compiled=False)

    return cached(gazetteer, "people_zh", build)


def person_lexicon_en(gazetteer: Gazetteer) -> EnglishLexicon:
    def build() -> EnglishLexicon:
        grown = gazetteer.grown
        if grown is not None and (earlier := grown.cache.get("people_en")) is not None:
            return earlier.with_names(grown.names_en)
        return EnglishLexicon(gazetteer.person_names_en)

    return cached(gazetteer, "people_en", build)


def non_person_lexicon(gazetteer: Gazetteer) -> Lexicon:
    """Country, place, organisation and outlet names: never a person."""

    def build():
        entries = {word: True for word in gazetteer.country_names_zh}
        entries.update({word: True for word in gazetteer.place_names_zh})
        entries.update({word: True for word in gazetteer.organisation_names_zh})
        entries.update({fold(word): True for word in OUTLETS_ZH})
        entries.update({fold(word): True for word in COUNTRY_BLOCKERS_ZH})
        for _slug, _zh, _en, names_zh, _names_en in ORGANISATIONS:
            entries.update({fold(word): True for word in names_zh})
        return Lexicon(entries)

    return cached(gazetteer, "non_people", build)


def is_surname_name(chunk: str) -> bool:
    if chunk[:2] in COMPOUND_SURNAMES:
        return 3 <= len(chunk) <= 4
    return chunk[0] in SURNAMES and 2 <= len(chunk) <= 3


def is_translit_name(chunk: str) -> bool:
    return 2 <= len(chunk) <= 10 and all(char in TRANSLIT for char in chunk) and chunk[0] != "·"


@functools.cache
def dictionary_words() -> tuple[dict[str, None], dict[str, None]]:
    """(ordinary words, all words) of two to four characters in jieba's dictionary.

    A chunk the dictionary knows as an ordinary word (任期, 高层, 金融) is no
    name; one it tags as a person name (nr) may be. Only the word list is
    used, not jieba's segmenter.

    Kept as dicts of strings, not sets: the garbage collector does not track
    such a dict, where it would walk a set's 300,000 words at every full
    collection (half a millisecond an article in a long ingest).
    """
    ordinary: dict[str, None] = {}
    every: dict[str, None] = {}
    # Find the package without importing it: only its data file is wanted.
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return {}, {}
    path = Path(spec.submodule_search_locations[0]) / "dict.txt"
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) < 3 or not 2 <= len(parts[0]) <= 4:
                continue
            every[parts[0]] = None
            if not parts[2].startswith("nr"):
                ordinary[parts[0]] = None
    return ordinary, every


NOT_IN_NAMES = re.compile("[的了是在和与着过们这那么某]")
NAME_CHARACTERS = re.compile("[\u4e00-\u9fff\u3400-\u4dbf·]+")  # CJK (is_cjk) and ·
LEAD_WORDS_LONGEST_FIRST = sorted(SPEAKER_LEAD_WORDS, key=len, reverse=True)


def plausible_name(
    chunk: str, gazetteer: Gazetteer, strict: bool = False, any_shape: bool = False
) -> bool:
    """Could CHUNK be a person's name? STRICT (a name with no title or Latin
    name beside it) also refuses anything the dictionary knows; ANY_SHAPE
    (right after a title) accepts names that are neither Chinese-surname nor
    transliterated ones, if the dictionary does not know them."""
    if not NAME_CHARACTERS.fullmatch(chunk):
        return False
    blocked = non_person_lexicon(gazetteer)
    if (
        chunk in NOT_NAMES
        or (chunk.endswith(INSTITUTION_ENDINGS) and not given_name_ends_so(chunk, blocked))
        or chunk.endswith(NAME_ENDINGS_NOT)
    ):
        return False
    if TITLE_LEXICON.match_at(chunk, len(chunk) - 2) or TITLE_LEXICON.match_at(chunk, 1):
        return False
    found = blocked.match_at(chunk, 0, min_length=2)
    if found and found[0] >= len(chunk) - 1:
        return False
    if chunk.startswith(SPEAKER_LEAD_WORDS) or NOT_IN_NAMES.search(chunk):
        return False
    ordinary, every = dictionary_words()
    if chunk in ordinary or (strict and chunk in every):
        return False
    if is_surname_name(chunk) or is_translit_name(chunk):
        return True
    if "·" in chunk and all(chunk.split("·")):
        return True  # 宋赛·西潘敦: a foreign name written out in full
    if any_shape and chunk in every and chunk not in ordinary:
        return True  # after a title, a name the dictionary tags as one: 沙利文
    return (
        any_shape
        and 2 <= len(chunk) <= 4
        and chunk not in every
        and not any(chunk[i : i + 2] in ordinary for i in range(len(chunk) - 1))
    )


# Institution endings (INSTITUTION_ENDINGS) that are common last characters
# of given names too: 贾庆国, 刘建军.
GIVEN_NAME_ENDINGS = ("国", "军")


def given_name_ends_so(chunk: str, blocked: Lexicon) -> bool:
    """Is CHUNK a surname and a two-character given name that ends in one of
    GIVEN_NAME_ENDINGS, rather than a place or body (韩国, 美军 stay out)?"""
    return (
        len(chunk) == 3
        and chunk.endswith(GIVEN_NAME_ENDINGS)
        and chunk[0] in SURNAMES
        and chunk[:2] not in COMPOUND_SURNAMES
        and blocked.match_at(chunk, 0, min_length=2) is None
        and blocked.match_at(chunk, 1, min_length=2) is None
    )


def listed_after_title(text: str, start: int, name: str, title: str, gazetteer) -> bool:
    """A name of any shape in a list of leaders: 日本外相上川阳子、菲律宾总统…
    (such names may hold ordinary words, so only a list's 、 vouches for them)."""
    return (
        title in POLITICAL_TITLES
        and 2 <= len(name) <= 4
        and text[start + len(name) : start + len(name) + 1] == "、"
        and not starts_stop(text, start)
        and name not in dictionary_words()[1]
        and NAME_CHARACTERS.fullmatch(name) is not None
        and not non_person_lexicon(gazetteer).match_at(name, 0, min_length=2)
    )


def translit_length(text: str, start: int) -> int:
    """How many characters from START may spell a foreign name (穆赫贝尔),
    up to the first stop word after the second."""
    length = 0
    while start + length < len(text) and text[start + length] in TRANSLIT and length < 10:
        if length >= 2 and starts_stop(text, start + length):
            break
        length += 1
    return length


def read_name_after_title(text: str, start: int, gazetteer: Gazetteer) -> str:
    """The name that starts at START, right after a title word."""
    known = person_lexicon_zh(gazetteer).match_at(text, start, min_length=2)
    if known:
        return text[start : start + known[0]]
    run_end = start
    while (
        run_end < len(text)
        and (is_cjk(text[run_end]) or text[run_end] == "·")
        and run_end - start < 10
    ):
        run_end += 1
    run = text[start:run_end]
    if (
        run_end < len(text)
        and text[run_end] == "("
        and latin_name_at(text, run_end)
        and 2 <= len(run) <= 8
    ):
        return run
    if 0 < run.find("·") <= 5:
        # 宋赛·西潘敦主持会议: a name with a dot goes on past it, part by part.
        end = start + run.find("·")
        while end < len(text) and text[end] == "·" and (part := translit_length(text, end + 1)):
            end += 1 + part
        return text[start:end]
    if run[:2] in COMPOUND_SURNAMES or (run[:1] in SURNAMES and not starts_stop(text, start + 1)):
        surname = 2 if run[:2] in COMPOUND_SURNAMES else 1
        for length in (surname + 2, surname + 1):
            if (
                length <= len(run)
                and all(not starts_stop(text, start + i) for i in range(1, length))
                and starts_stop(text, start + length)
            ):
                return run[:length]
        # 穆赫贝尔等出席: a longer transliterated name that starts like a
        # Chinese surname, where a Chinese name would have ended.
        longer = translit_length(text, start)
        if longer > surname + 2 and starts_stop(text, start + longer):
            return run[:longer]
        if len(run) >= surname + 2 and all(
            not starts_stop(text, start + i) for i in range(1, surname + 2)
        ):
            return run[: surname + 2]
    length = translit_length(text, start)
    if length >= 2 and starts_stop(text, start + length):
        return run[:length]
    # Other names (细谷雄一): two to four characters that end where a verb
    # or punctuation starts; the caller checks they are no dictionary word.
    for length in (4, 3, 2):
        if (
            length <= len(run)
            and starts_stop(text, start + length)
            and all(not starts_stop(text, start + i) for i in range(1, length))
        ):
            return run[:length]
    return ""


# Latin letters with their accents too: 潘尼亚（Santiago Peña）.
LATIN_NAME = re.compile(
    r"\(\s*([A-Z\u00c0-\u00de][A-Za-z\u00c0-\u024f.'’\-]*"
    r"(?:\s+[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f.'’\-]*){0,5})\s*\)"
)
ORG_WORDS = re.compile(
    r"\b(?:University|College|School|Institute|Institution|Center|Centre|Council|Foundation|Ministry|"
    r"Department|Party|Agency|Association|Group|Bank|Fund|Forum|Academy|Society|Program|Programme|"
    r"Project|Studies|Corporation|Company|Inc|Ltd|Times|News|Post|Review|Committee|Commission|"
    r"Office|Union|Organisation|Organization|Service|Network|Initiative|Alliance|Summit|Council|"
    r"Treaty|Bureau|Agency|Research|Policy|Think|Tank|Lab|Laboratory|Club|Federation|Court|"
    r"Parliament|Congress|Senate|Assembly|Government|Army|Navy|Force|Forces|Command)\b"
)


def latin_name_at(text: str, index: int) -> str:
    """A person's Latin name in brackets at INDEX, or ''."""
    match = LATIN_NAME.match(text, index)
    if not match:
        return ""
    name = match[1].strip()
    words = name.split()
    if ORG_WORDS.search(name) or name.isupper() or not 2 <= len(words) <= 5:
        return ""
    if not all(
        word[0].isupper()
        or word.lower() in ("bin", "al", "van", "von", "de", "der", "da", "el", "la", "le", "du")
        for word in words
    ):
        return ""
    return name


CLAUSE_BREAK = re.compile(r"[,，。.;；:：!?！？、“”\"「」『』]")


CLAUSE_MARK = re.compile(r"[,，。.;；:：!?！？、“”\"「」『』()]")


@functools.lru_cache(maxsize=512)
def clause_marks(text: str) -> list[int]:
    """The offsets of every clause break and bracket in TEXT, in order; the
    same paragraph is asked about many times."""
    return [match.start() for match in CLAUSE_MARK.finditer(text)]


def clause_start(text: str, index: int) -> int:
    """Where the clause holding INDEX starts (after punctuation outside brackets)."""
    marks = clause_marks(text)
    depth = 0
    # The marks before INDEX, nearest first (by position: no copy of the list).
    for at in range(bisect.bisect_left(marks, index) - 1, -1, -1):
        position = marks[at]
        char = text[position]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                return position + 1
            depth -= 1
        elif depth == 0:
            return position + 1
    return 0


def country_prefix(text: str, gazetteer: Gazetteer) -> tuple[str | None, int]:
    """The country a description starts with (中国国家主席 -> CN), and its length."""
    found = country_lexicon_zh(gazetteer).match_at(text, 0, min_length=2)
    if found and found[1]:
        return found[1][0], found[0]
    return None, 0


GOVERNMENT_WORDS = (
    "政府",
    "外交部",
    "国防部",
    "众议院",
    "参议院",
    "国会",
    "议会",
    "总统府",
    "内阁",
    "军方",
    "军队",
    "国务院",
    "外务省",
    "防卫省",
    "白宫",
    "克里姆林宫",
    "国务院",
    "海军",
    "陆军",
    "空军",
    "的",
    "驻",
)


# Words no institution's name holds, after which a title's description starts:
# verbs of meeting and speaking, pronouns, times of day, dates.
DESCRIPTION_CUT = re.compile(
    r"(?:会见|会晤|会谈|接见|接待|迎接|出席|主持|邀请|致电|提到|谈到|提及|批评|赞扬|称赞|感谢|呼吁|敦促|"
    r"欢迎|祝贺|款待|宴请|设宴|陪同)了?|表示|认为|指出|告诉|宣布|他|她|又|并|"
    # 新华社莫斯科4月9日电 俄罗斯外长…: a wire dateline ends at 电.
    r"上午|下午|晚上|晚间|当天|\d+\s*[日号](?:电(?=\s))?"
    # 华盛顿 — 美国国务卿…: VOA's dateline ends at its dash.
    r"|\s[—–-]{1,2}\s"
    # 会见来华出席…并进行国事访问的|印度尼西亚总统: why the guest came.
    r"|(?:访问|来访|访华|来华)的"
)
# (与 and 跟 start no institution's name; 和平研究所 and 同济大学 keep 和 and 同.)
ORDINAL = re.compile(r"第[\d一二三四五六七八九十百]+[任届位]")
LEAD_CONJUNCTION = re.compile(
    # 应俄罗斯总统普京邀请: at his invitation (应用技术大学 keeps 应).
    "^(?:据|根据|由|在|对于|对|来自|包括|其中|而|但|不过|同时|此外|与|跟|应(?!用|急))"
    # 来访的新加坡副总理: visiting, not part of the description.
    "|^(?:来访|到访|访华|正在访华)的"
)
BRACKETED = re.compile(r"\(([^()]*)\)")


def describe(
    text: str, title_start: int, title: str, gazetteer: Gazetteer
) -> tuple[str, str, str | None]:
    """(affiliation, affiliation_en, country) from the words before a title."""
    start = clause_start(text, title_start)
    raw = text[start:title_start]
    # 与/和/同 join two people in one clause: 普京与中国国家主席习近平.
    for joiner in ("与", "和", "同", "及", "跟"):
        at = raw.rfind(joiner)
        if at >= 0:
            rest = raw[at + 1 :]
            code, length = country_prefix(rest, gazetteer)
            # 同美国总统|国家安全事务助理: a country starts the second person's description.
            if not rest or code:
                raw = rest
                break
    # The description starts after the clause's subject and verb: 习近平会见|俄罗斯总统,
    # 他又与|中共中央外事工作委员会办公室主任, 他在18日会见|哈萨克斯坦总统.
    for hit in person_lexicon_zh(gazetteer).scan(raw):
        raw = raw[hit[1] :] if hit[1] - hit[0] >= 2 else raw
    if cuts := list(DESCRIPTION_CUT.finditer(raw)):
        raw = raw[cuts[-1].end() :]
    raw = LEAD_CONJUNCTION.sub("", raw)
    affiliation_en = ""
    for match in BRACKETED.finditer(raw):
        inner = match[1].strip()
        if inner and not has_cjk(inner) and LATIN_LETTER.search(inner):
            affiliation_en = affiliation_en or inner
    affiliation = BRACKETED.sub("", raw).strip()
    code, length = country_prefix(affiliation, gazetteer)
    country = None
    for prefix in TITLE_PREFIXES if code else ():
        if affiliation.startswith(prefix, length):
            # 美国前驻华|大使: what the post is, not that it was.
            affiliation = affiliation[:length] + affiliation[length + len(prefix) :]
            break
    if code:
        rest = ORDINAL.sub("", affiliation[length:])  # 中华民国第16任|总统
        if (
            not rest.strip("的 ")
            or rest.startswith(GOVERNMENT_WORDS)
            or rest in POLITICAL_TITLES
            or title in POLITICAL_TITLES
            and len(rest) <= 6
        ):
            country = code
        if not rest.strip("的 ") or rest in POLITICAL_TITLES:
            affiliation = ""  # 美国|总统国家安全事务助理: the country says it all
    if country is None and title in POLITICAL_TITLES and affiliation:
        # 东盟轮值主席国老挝|总理: the country right before a political title.
        hits = country_lexicon_zh(gazetteer).scan(affiliation)
        if hits and hits[-1][1] == len(affiliation) and hits[-1][2]:
            country = hits[-1][2][0]
    for marker in ("智库", "媒体"):
        at = affiliation.rfind(marker)
        if at >= 0 and affiliation[at + len(marker) :]:
            affiliation = affiliation[at + len(marker) :]
    affiliation = affiliation.removesuffix("的").strip()
    if affiliation.endswith("兼"):
        # 陆委会副主委兼|发言人: the other office held is no part of the body's name.
        offices = [
            hit
            for hit in TITLE_LEXICON.scan(affiliation)
            if hit[1] == len(affiliation) - 1 and hit[2]
        ]
        affiliation = affiliation[: offices[-1][0] if offices else -1]
    # 澳大利亚国立大学的中亚问题|学者: the institution, not the field.
    institution, _of, field_of_study = affiliation.rpartition("的")
    if institution.endswith(INSTITUTION_ENDINGS) and not field_of_study.endswith(
        INSTITUTION_ENDINGS
    ):
        affiliation = institution
    if len(affiliation) > 40 or (affiliation and not has_cjk(affiliation)):
        affiliation = ""
    return affiliation, affiliation_en, country


PLAUSIBLE_KEPT = 50_000  # answers of plausible_name() kept per gazetteer


@dataclass
class PeopleFinder:
    """Finds the people of one article and every mention of them."""

    gazetteer: Gazetteer
    language: str
    info: dict[str, PersonInfo] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    # Chinese names seen in this article -> key (for the second pass).
    names: dict[str, str] = field(default_factory=dict)
    names_en: dict[str, str] = field(default_factory=dict)
    # Built from the names above when mentions are first looked for.
    _tables_zh: tuple | None = field(default=None, repr=False)
    _tables_en: tuple | None = field(default=None, repr=False)
    # Each language's mentions per text, for the tables of that language.
    _mentions_zh: dict = field(default_factory=dict, repr=False)
    _mentions_en: dict = field(default_factory=dict, repr=False)

    def key_for(self, name_zh: str = "", name_en: str = "") -> tuple[str, bool]:
        gazetteer = self.gazetteer
        if name_zh:
            folded = (
                name_zh.replace("·", "")
                if name_zh.replace("·", "") in gazetteer.person_names_zh
                else name_zh
            )
            if folded in gazetteer.person_names_zh:
                return gazetteer.person_names_zh[folded], True
        if name_en and " ".join(name_en.split()) in gazetteer.person_names_en:
            return gazetteer.person_names_en[" ".join(name_en.split())], True
        if name_zh and name_zh in self.names:
            return self.names[name_zh], False
        if name_en and name_en in self.names_en:
            return self.names_en[name_en], False
        return person_key(name_zh, name_en), False

    def add(
        self,
        name_zh: str = "",
        name_en: str = "",
        title: str = "",
        affiliation: str = "",
        affiliation_en: str = "",
        country: str | None = None,
    ) -> str:
        key, known = self.key_for(name_zh, name_en)
        info = self.info.get(key)
        if info is None:
            info = self.info[key] = PersonInfo()
            self.order.append(key)
            if known:
                entry = self.gazetteer.people[key]
                info.known_key = key
                info.name_zh = entry.name_zh
                info.name_en = entry.name_en
                info.country = entry.country
                # Every Chinese spelling of a known person is theirs here.
                for alias in known_spellings_zh(self.gazetteer, key):
                    self.names.setdefault(alias, key)
        info.name_zh = info.name_zh or name_zh
        info.name_en = info.name_en or name_en
        if title and not info.title:
            info.title = title
            info.affiliation = affiliation
            info.affiliation_en = info.affiliation_en or affiliation_en
        info.affiliation_en = info.affiliation_en or affiliation_en
        if country and not info.country:
            info.country = country
        if name_zh:
            self.names.setdefault(name_zh, key)
        if name_en:
            self.names_en.setdefault(name_en, key)
            parts = name_en.split()
            if len(parts) > 1:
                self.names_en.setdefault(parts[-1], key)
            chinese = info.name_zh or name_zh
            if len(parts) in (2, 3) and (
                (
                    chinese[:1] in SURNAMES
                    and not is_translit_name(chinese)
                    and parts[0] not in EN_NOT_NAME_WORDS
                    and len(parts[0]) <= 6  # a family name in pinyin: Wang, Ouyang, Kim
                )
                or (not chinese and parts[0] in FAMILY_NAMES_FIRST)
            ):
                # Chinese and Korean names put the family name first: "Wang" is
                # Wang Yi, "Wu added" is Wu Xinbo.
                self.names_en.setdefault(parts[0], key)
        return key

    def plausible(self, chunk: str, strict: bool = False, any_shape: bool = False) -> bool:
        """plausible_name(), worked out once for each chunk while the
        gazetteer's places and names stay the same (it reads nothing else):
        the same ones (他, 专家, 分析人士, a name) come up paragraph after
        paragraph and article after article."""
        answers = cached(self.gazetteer, "plausible_names", dict)
        key = (chunk, strict, any_shape)
        answer = answers.get(key)
        if answer is None:
            if len(answers) >= PLAUSIBLE_KEPT:
                answers.clear()  # a bound for a long-running worker
            answer = plausible_name(chunk, self.gazetteer, strict, any_shape)
            answers[key] = answer
        return answer

    # Chinese ----------------------------------------------------------

    def find_zh(self, text: str, known_hits=None, title_hits=None) -> None:
        """Collect people named in folded TEXT (first pass). KNOWN_HITS and
        TITLE_HITS are the scans of TEXT for known names and titles, where
        the caller made them for many texts at once (scan_each)."""
        gazetteer = self.gazetteer
        known = person_lexicon_zh(gazetteer)
        if known_hits is None:
            known_hits = known.scan(text)
        if title_hits is None:
            title_hits = TITLE_LEXICON.scan(text)
        for index, after, _key in known_hits:
            if after - index >= 2:
                name = text[index:after]
                title, title_start = title_before(text, index)
                title = title or title_after(text, after)
                affiliation, affiliation_en, country = ("", "", None)
                if title_start >= 0:
                    affiliation, affiliation_en, country = describe(
                        text, title_start, title, gazetteer
                    )
                self.add(
                    name_zh=name,
                    name_en=latin_name_at(text, after),
                    title=title,
                    affiliation=affiliation,
                    affiliation_en=affiliation_en,
                    country=country,
                )
        # Title + name.
        for start, end, title in title_hits:
            if not title:
                continue
            title_start = start
            for prefix in TITLE_PREFIXES:
                if text[max(0, start - len(prefix)) : start] == prefix:
                    title_start = start - len(prefix)
                    title = prefix + title
                    break
            name = read_name_after_title(text, end, gazetteer)
            if not name:
                continue
            described = None
            if not (
                self.plausible(name, any_shape=True)
                or known.match_at(name, 0, min_length=len(name))
                or latin_name_at(text, end + len(name))
                or listed_after_title(text, end, name, title, gazetteer)
            ):
                # 日本外相上川阳子: a Japanese name has four characters whose
                # halves may be words (上川, 阳子), though the whole is none.
                if len(name) != 4 or name in dictionary_words()[1]:
                    continue
                described = describe(text, title_start, title, gazetteer)
                if described[2] != "JP":
                    continue
            affiliation, affiliation_en, country = described or describe(
                text, title_start, title, gazetteer
            )
            self.add(
                name_zh=name,
                name_en=latin_name_at(text, end + len(name)),
                title=title,
                affiliation=affiliation,
                affiliation_en=affiliation_en,
                country=country,
            )
        # Name (Latin Name) with no title before it.
        for match in LATIN_NAME.finditer(text):
            latin = latin_name_at(text, match.start())
            if not latin:
                continue
            position = match.start()
            start = position
            while start > 0 and (text[start - 1] in TRANSLIT) and position - start < 10:
                start -= 1
            chunk = text[start:position]
            while chunk and not self.plausible(chunk) and len(chunk) > 2:
                chunk = chunk[1:]
            if chunk and (self.plausible(chunk) or chunk in self.names):
                self.add(name_zh=chunk, name_en=latin)
        # Name + speech verb: ，孙韵说 / 科罗廖夫则认为 / 在朱志群看来.
        for _start, _end, chunk in speech_subjects(text):
            if chunk in self.names or known.match_at(chunk, 0, min_length=len(chunk)):
                continue
            if self.plausible(chunk, strict=len(chunk) == 2):
                self.add(name_zh=chunk)

    def mention_tables_zh(self) -> tuple[Lexicon, dict[str, set], frozenset[str]]:
        """The names seen so far as a Lexicon, the bare surnames that stand
        for one of them, and the characters where either may start.
        Rebuilt only when a name was added since the last call (the version
        is the number of names: they are only ever added)."""
        tables = self._tables_zh
        if tables is not None and tables[0] == len(self.names):
            return tables[1]  # asked for once per paragraph and rule: kept cheap
        # A bare surname after the full name: 习 for 习近平 (Chinese names only).
        surnames: dict[str, set] = {}
        for name, key in self.names.items():
            if (
                len(name) >= 3
                and name[0] in SURNAMES
                and name[:2] not in COMPOUND_SURNAMES
                and not is_translit_name(name)
            ):
                surnames.setdefault(name[0], set()).add(key)
        # Built for one article's few names, so looked up, not compiled.
        lexicon = Lexicon(dict(self.names), compiled=False)
        starts = frozenset(lexicon.first) | frozenset(PRONOUNS_ZH) | frozenset(surnames)
        self._tables_zh = (len(self.names), (lexicon, surnames, starts))
        self._mentions_zh.clear()
        return lexicon, surnames, starts

    def mentions_zh(self, text: str, read_only: bool = False) -> list[NameHit]:
        """Every mention of this article's people in folded TEXT, with 他/她.

        READ_ONLY callers promise not to change the hits and get the ones
        kept for TEXT, not copies."""
        lexicon, surnames, starts = self.mention_tables_zh()
        hits = self._mentions_zh.get(text)
        if hits is None:
            hits = self._mentions_zh[text] = self._mention_hits_zh(text, positions(text, starts))
        return hits if read_only else [clone(hit) for hit in hits]

    def prepare_mentions_zh(self, texts: list[str]) -> None:
        """Work out the mentions in each of TEXTS (as mentions_zh() would, one
        by one) from one search of them joined for where a name may start."""
        lexicon, surnames, starts = self.mention_tables_zh()
        texts = [text for text in dict.fromkeys(texts) if text not in self._mentions_zh]
        if not texts:
            return
        offsets = list(itertools.accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
        found: list[list[int]] = [[] for _text in texts]
        which, last = 0, len(offsets) - 1
        for index in positions("\n".join(texts), starts):
            while which < last and offsets[which + 1] <= index:
                which += 1
            found[which].append(index - offsets[which])
        for text, indexes in zip(texts, found, strict=True):
            self._mentions_zh[text] = self._mention_hits_zh(text, indexes)

    def _mention_hits_zh(self, text: str, indexes: list[int]) -> list[NameHit]:
        """The mentions in TEXT, given INDEXES: where a name, surname or
        pronoun may start, in order."""
        lexicon, surnames, _starts = self.mention_tables_zh()
        hits: list[NameHit] = []
        after_last = 0
        for index in indexes:
            if index < after_last:
                continue  # inside a name found already
            found = lexicon.match_at(text, index, min_length=2)
            if found:
                title, title_start = title_before(text, index)
                hits.append(
                    NameHit(index, index + found[0], found[1], title=title, title_start=title_start)
                )
                after_last = index + found[0]
                continue
            char = text[index]
            # A space, not "", past either end: "" is in every string, and
            # 他说 opening a paragraph would be no pronoun.
            before = text[index - 1] if index else " "
            after = text[index + 1] if index + 1 < len(text) else " "
            if char in PRONOUNS_ZH and after not in "们国人方乡" and before not in "其吉利排":
                hits.append(NameHit(index, index + 1, None, pronoun=PRONOUNS_ZH[char]))
            elif (
                char in surnames
                and len(surnames[char]) == 1
                and (is_boundary(before) or before in FUNCTION_CHARS)
                and (after in "的说在本此也则认表对与和指称" or is_boundary(after))
            ):
                hits.append(NameHit(index, index + 1, next(iter(surnames[char]))))
        return hits

    # English ----------------------------------------------------------

    def find_en(self, text: str) -> None:
        gazetteer = self.gazetteer
        known = person_lexicon_en(gazetteer)
        # The richest description first: add() keeps the first title it gets.
        for match in EN_APPOSITIVE.finditer(text):
            name = clean_english_name(match["name"], gazetteer)
            if name:
                # "the Carnegie Center in Berlin": the institution, not its city.
                affiliation = EN_TRAILING_CITY.sub("", match["org"].strip())
                # "secretary of Iran's Supreme National Security Council": Iran's.
                owner = EN_OWNER.match(affiliation)
                self.add(
                    name_en=name,
                    # "Dilma Rousseff, now head of the New Development Bank": head.
                    title=re.sub(r"^(?:now|currently|also)\s+", "", match["title"].strip()),
                    affiliation=affiliation,
                    country=country_named_en(owner[1], gazetteer) if owner else None,
                )
        for match in EN_POSSESSIVE_APPOSITIVE.finditer(text):
            name = clean_english_name(match["name"], gazetteer)
            if name:
                # Whose: a country (China's top diplomat) or a body (the EU's).
                country = country_named_en(match["owner"], gazetteer)
                affiliation = "" if country else match["owner"]
                self.add(
                    name_en=name, title=match["title"], affiliation=affiliation, country=country
                )
        for start, _end, name in known.finditer(text):
            title, affiliation, country = english_title_before(text, start, gazetteer)
            self.add(name_en=name, title=title, affiliation=affiliation, country=country)
        for match in EN_TITLE_NAME.finditer(text):
            name = clean_english_name(match["name"], gazetteer)
            if not name:
                continue
            title, affiliation, country = english_title_before(text, match.start("name"), gazetteer)
            self.add(name_en=name, title=title, affiliation=affiliation, country=country)
        for regex in (EN_SAID_NAME, EN_NAME_SAID):
            for match in regex.finditer(text):
                name = clean_english_name(match["name"], gazetteer)
                if name and (len(name.split()) >= 2 or name in self.names_en):
                    self.add(name_en=name)

    def mention_tables_en(self) -> tuple[EnglishLexicon, dict[str, set]]:
        """The English names seen so far as one pattern, and the words of
        each name (for "Mr Wang"); rebuilt only when a name was added."""
        tables = self._tables_en
        if tables is not None and tables[0] == len(self.names_en):
            return tables[1]
        words: dict[str, set] = {}
        for name, key in self.names_en.items():
            for word in name.split():
                words.setdefault(word, set()).add(key)
        lexicon = EnglishLexicon(self.names_en)
        self._tables_en = (len(self.names_en), (lexicon, words))
        self._mentions_en.clear()
        return lexicon, words

    def mentions_en(self, text: str, read_only: bool = False) -> list[NameHit]:
        pattern, words = self.mention_tables_en()
        cached_hits = self._mentions_en.get(text)
        if cached_hits is not None:
            return cached_hits if read_only else [clone(hit) for hit in cached_hits]
        hits: list[NameHit] = []
        taken: list[tuple[int, int]] = []
        for start, end, name in pattern.finditer(text):
            hits.append(NameHit(start, end, self.names_en[name]))
            taken.append((start, end))
        # "Mr Wang", "Ms Glaser": any word of one person's English name.
        for match in EN_COURTESY_NAME.finditer(text):
            keys = words.get(match[1], set())
            if len(keys) == 1 and not any(start <= match.start(1) < end for start, end in taken):
                hits.append(NameHit(match.start(1), match.end(1), next(iter(keys))))
        for match in EN_PRONOUN.finditer(text):
            hits.append(NameHit(match.start(), match.end(), None, pronoun=match.group().lower()))
        hits.sort(key=lambda hit: hit.start)
        self._mentions_en[text] = hits
        return hits if read_only else [clone(hit) for hit in hits]

    def people(self) -> list[PersonMention]:
        result = []
        for key in self.order:
            info = self.info[key]
            result.append(
                PersonMention(
                    key=key,
                    name_zh=info.name_zh,
                    name_en=info.name_en,
                    title=info.title,
                    affiliation=info.affiliation,
                    affiliation_en=info.affiliation_en,
                    country=info.country,
                    known=info.known_key is not None,
                )
            )
        return result


def title_before(text: str, index: int) -> tuple[str, int]:
    """The title word ending right at INDEX (中国国家主席|习近平), with its start."""
    if text[index - 1 : index] not in TITLE_ENDINGS:
        return "", -1  # most names follow no title: no need to try each length
    for length in range(min(index, 8), 1, -1):
        word = text[index - length : index]
        if word in TITLE_LEXICON.entries and TITLE_LEXICON.entries[word]:
            start = index - length
            for prefix in TITLE_PREFIXES:
                if text[max(0, start - len(prefix)) : start] == prefix:
                    return prefix + word, start - len(prefix)
            return word, start
    return "", -1


def title_after(text: str, index: int) -> str:
    """A title right after a name (普京总统, 习近平主席)."""
    found = TITLE_LEXICON.match_at(text, index)
    if found and found[1] and found[1] in POLITICAL_TITLES:
        return found[1]
    return ""


IN_VIEW_OF = re.compile("在([\u4e00-\u9fff·]{2,10})看来")  # 在朱志群看来


@functools.lru_cache(maxsize=512)
def speech_verbs(text: str) -> tuple[tuple[int, int], ...]:
    """(clause start, verb start) of each speech verb in folded TEXT; both
    the search for people and the one for speakers ask, paragraph by paragraph."""
    return tuple(
        (clause_start(text, start), start) for start, _end, _verb in SPEECH_LEXICON.scan(text)
    )


def speech_subjects(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, chunk) for the words before each speech verb in folded TEXT."""
    for chunk_start, verb_start in speech_verbs(text):
        between = text[chunk_start:verb_start]
        # The name is the shortest lead that leaves only filler before the verb.
        match = SUBJECT_AND_FILLER.match(between)
        if match:
            cut = match.end("name")
            name = strip_lead_words(match["name"])
            if name:
                yield chunk_start, chunk_start + cut, name
    if "看来" in text:
        for match in IN_VIEW_OF.finditer(text):
            yield match.start(1), match.end(1), match[1]


def strip_lead_words(name: str) -> str:
    if not name.startswith(SPEAKER_LEAD_WORDS):
        return name
    for word in LEAD_WORDS_LONGEST_FIRST:
        if name.startswith(word) and len(name) > len(word) + 1:
            return name[len(word) :]
    return name


# English names and titles.
# A name's words may have one inner capital: McCarthy, MaryKay, DeSantis.
EN_NAME_WORD = r"(?:[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[-'’][A-Z]?[a-z]+)*|[A-Z]\.)"
# Particles go with the word after them (Lula da Silva, von der Leyen), so a
# name of five words fits and none ends in one.
EN_NAME = (
    EN_NAME_WORD
    + r"(?:\s+(?:(?:bin|al|van|von|de|der|da|dos|el|le|la|du)\s+){0,2}"
    + EN_NAME_WORD
    + r"){1,3}(?![\w-])"
)
EN_TITLES = (
    r"President|Vice[- ]President|Prime Minister|Premier|Foreign Minister|Defen[cs]e Minister|"
    r"Finance Minister|Minister|Chief Executive|Chief Cabinet Secretary|Chancellor|King|Queen|Crown Prince|Emir|Sheikh|Secretary of State|"
    r"Defen[cs]e Secretary|Foreign Secretary|Home Secretary|Secretary|"
    r"Secretary[- ]General|Speaker|[Ss]pokes(?:man|woman|person)|Professor|Prof\.|Dr\.?|analyst|researcher|"
    r"senior fellow|fellow|director|Ambassador|ambassador|General|Senator|Representative|Governor|"
    r"Mayor|Chairman|chairman|leader|envoy|lecturer|expert|economist|Supreme Leader|"
    r"foreign policy chief|top diplomat|diplomat|chief|counterpart|State Councill?or|Councill?or"
)
# The Guardian writes offices in lower case: "the Chinese foreign minister, Wang Yi".
EN_TITLES_ANY_CASE = re.sub(
    r"(?<![\w\[])([A-Z])(?=[a-z])", lambda m: f"[{m[1]}{m[1].lower()}]", EN_TITLES
)
# A comma may stand between: "the EU's foreign policy chief, Josep Borrell".
EN_TITLE_AT_END = re.compile(r"(?<![A-Za-z])(?P<title>" + EN_TITLES_ANY_CASE + r"),?\s+$")
EN_TITLE_NAME = re.compile(
    r"\b(?P<title>" + EN_TITLES_ANY_CASE + r"),?\s+(?P<name>" + EN_NAME + r")"
)
EN_APPOSITIVE = re.compile(
    r"(?P<name>"
    + EN_NAME
    + r"),\s+(?:(?:a|an|the)\s+)?(?P<title>(?:[a-z-]+\s+){0,3}?(?:[a-z]+-)*(?:professor|lecturer|researcher|"
    r"fellow|analyst|director|expert|scholar|spokes(?:man|woman|person)|advis[eo]r|minister|ambassador|"
    r"economist|head|chief|president|chairman|chair|editor|correspondent|official|commentator|specialist|"
    r"founder|dean|strategist|historian|envoy|diplomat|secretary)"
    r"(?:-[a-z]+)*"  # co-founder, editor-in-chief
    r"(?:\s+(?:of|in|on)\s+[a-z][a-z ]{2,40}?)?)"
    r"\s+(?:of|at|with|from|for)\s+(?:the\s+)?(?P<org>[A-Z][^,;.()]{2,80})"
)
EN_OWNER = re.compile(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})['’]s\s")


def country_named_en(words: str, gazetteer: Gazetteer) -> str | None:
    """The country WORDS name, all of them (Saudi Arabia, Iran), else None."""
    pattern, table = country_pattern_en(gazetteer)
    named = pattern.fullmatch(words) if pattern is not None else None
    return table.get(named.group()) if named else None


# "Musaed Al-Aiban, Saudi Arabia's national security adviser": whose title.
EN_POSSESSIVE_APPOSITIVE = re.compile(
    r"(?P<name>"
    + EN_NAME
    + r"),\s+(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,4})['’]s\s+(?P<title>(?:[a-z-]+\s+){0,3}?"
    r"(?:minister|secretary|adviser|advisor|diplomat|envoy|ambassador|spokes(?:man|woman|person)|"
    r"chief|president|leader|head|director|negotiator|commander))\b"
)
EN_SPEECH = r"said|says|told|added|argued|noted|warned|explained|wrote|stressed|insisted|asked|believes|thinks|according to"
EN_SAID_NAME = re.compile(
    r"\b(?:said|says|added|argued|noted|warned|explained|according to)\s+(?P<name>" + EN_NAME + r")"
)
# Common Chinese family names in pinyin (and Korean ones in their usual
# spellings): an English name that starts with one puts the family name first.
FAMILY_NAMES_FIRST = frozenset(
    words(
        """
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng
Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Jiang Cai Du Ye
Cheng Su Wei Lu Ding Ren Shen Yao Jin Shi Fu Fang Bai Zou Meng Xiong Qin Qiu Yin Xue Yan
Duan Lei Hou Long Tao Mao Hao Gong Shao Qian Dai Kong Xiang Kang Qiao Zhuang Nie Zhan Ouyang
Kim Lee Park Choi Jung Cho Yoon Jang Lim Oh Seo Shin Kwon Moon
"""
    )
)
# What may stand between "said" and the speaker's name: "said Dr", "says
# Chinese Foreign Ministry spokesman", "said the Kremlin's": capitalised words
# and titles, never "a statement from" or "the report, citing".
EN_TITLE_BEFORE_NAME = re.compile(
    r"(?:(?:the\s+)?(?:[A-Z][\w.'’-]*|"
    r"spokes(?:man|woman|person)|analyst|researcher|professor|lecturer|fellow|director|"
    r"minister|ambassador|envoy|official|diplomat|economist|expert|leader|chief|adviser|advisor|"
    r"president|prime|foreign|defen[cs]e|secretary|premier|chancellor|counterpart"
    # "said Kazakhstan's president, Kassym-Jomart Tokayev", as the Guardian writes it
    r"),?\s+)*"
)
# "…," the statement quoted Wang as saying.
EN_QUOTED_AS_SAYING = re.compile(
    r"[^.;:\"“”]{0,60}?\bquoted\s+(?=\S+(?:\s+\S+){0,3}\s+as\s+saying)"
)
EN_TRAILING_CITY = re.compile(r"\s+in\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?$")
EN_COURTESY_STOP = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col)\.")
EN_COURTESY_NAME = re.compile(r"\b(?:Mr|Ms|Mrs|Miss|Dr|Prof)\.?\s+([A-Z][\w'’-]+)")
EN_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
EN_NAME_SAID = re.compile(
    r"(?P<name>" + EN_NAME + r")\s+(?:(?:has|had)\s+)?(?:" + EN_SPEECH + r")\b"
)
EN_NOT_NAME_WORDS = set(
    words(
        """
The A An But And In On At For With From By Of This That These Those It Its He She
They We Mr Mrs Ms Spokesperson Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
February March April May June July August September October November December
President Prime Minister Foreign Secretary General Professor Dr Speaker King Queen
Ambassador Senator Governor Chancellor Premier However Meanwhile Chief Executive Vice
Deputy Defence Finance Spokesman Spokeswoman Mayor Emir Sheikh Crown Prince
"""
    )
)


EN_NOT_NAME_PARTS = set(
    words(
        "House Kremlin Pentagon Downing Street Hall Palace Square Road Avenue Capitol Hill Valley "
        "Bay Sea Ocean River Mountain Island Islands Strait Gulf Peninsula Republic Kingdom Empire "
        "Communist Democratic Republican Liberal Labour Conservative National Federal Central "
        "Foreign Defence Defense Interior Trade State Security Affairs Olympic Olympics Games War Cup "
        "Cross Crescent Thought Doctrine Dialogue"
    )
)


def clean_english_name(name: str, gazetteer: Gazetteer | None = None) -> str:
    """NAME without leading title words, or '' when it is no person's name
    (the State Department, Chinese Communist Party, Hong Kong)."""
    words = re.sub(r"['’]s$", "", name).split()  # Vinay Kwatra's briefing
    while words and words[0].strip(".") in EN_NOT_NAME_WORDS:
        words = words[1:]
    if len(words) < 1 or any(word.strip(".") in EN_NOT_NAME_WORDS for word in words):
        return ""
    cleaned = " ".join(words)
    if ORG_WORDS.search(cleaned) or any(word.strip(".") in EN_NOT_NAME_PARTS for word in words):
        return ""
    if gazetteer is not None:
        pattern, table = country_pattern_en(gazetteer)
        if pattern is not None and pattern.search(cleaned):
            return ""
        if any(word in gazetteer.place_names_en for word in (cleaned, *words)):
            return ""
        # "Vladimir V. Putin", as the New York Times writes him: the known Vladimir Putin.
        if "." in cleaned and cleaned not in gazetteer.person_names_en:
            plain = " ".join(word for word in words if not MIDDLE_INITIAL.fullmatch(word))
            if plain in gazetteer.person_names_en and len(plain.split()) >= 2:
                return plain
    return cleaned


MIDDLE_INITIAL = re.compile(r"[A-Z]\.")


def english_title_before(
    text: str, index: int, gazetteer: Gazetteer
) -> tuple[str, str, str | None]:
    """("President", "", "RU") from "Russian President Vladimir Putin"; the
    longest title that ends right before INDEX, and the country named by the
    capitalised words before it (Russian, China's)."""
    before = text[max(0, index - 80) : index]
    match = EN_TITLE_AT_END.search(before)
    if not match:
        return "", "", None
    owner = before[: match.start()].rstrip()
    owner_words = re.search(r"((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)$", owner)
    country = None
    if owner_words:
        pattern, table = country_pattern_en(gazetteer)
        if pattern is not None:
            found = [table.get(m.group()) for m in pattern.finditer(owner_words[1])]
            found = [code for code in found if code]
            if found:
                country = found[-1]
    return match["title"], "", country


# ---------------------------------------------------------------------------
# 4. Quotes


@dataclass
class Span:
    open: int  # offset of the opening mark
    start: int  # first character inside
    end: int  # offset of the closing mark (or text end)
    close: int  # offset just after the closing mark


QUOTE_MARK = re.compile("[" + re.escape("".join(OPENERS)) + "”]")


def quote_spans(text: str) -> list[Span]:
    spans = []
    index = 0
    while (mark := QUOTE_MARK.search(text, index)) is not None:
        index = mark.start()
        char = text[index]
        closer = OPENERS.get(char)
        if closer:
            end = text.find(closer, index + 1)
            if end < 0:
                # At the paragraph's start, after a colon, or opening a sentence
                # ("…," she said. "We share the same values.), as a quote that
                # goes on in the next paragraph is left open.
                runs_on = index <= 1 or text[:index].rstrip().endswith(
                    ("：", ":", ".", "!", "?", "。", "！", "？")
                )
                # A straight quote left open could be a stray mark: ask for a
                # whole sentence after it.
                if runs_on and (char != '"' or text.rstrip().endswith((".", "!", "?"))):
                    # A quote running on past its paragraph: the next one opens
                    # again (表示：“…。 / “…。”他说 / said: "….).
                    spans.append(Span(index, index + 1, len(text), len(text)))
                break
            spans.append(Span(index, index + 1, end, end + 1))
            index = end + 1
            continue
        if char == "”":
            # A stray ”…“ pair, written backwards.
            end = text.find("“", index + 1)
            other = text.find("”", index + 1)
            if end >= 0 and (other < 0 or end < other) and end - index < 40:
                spans.append(Span(index, index + 1, end, end + 1))
                index = end + 1
                continue
        index += 1
    if ("'" in text or "‘" in text) and not has_cjk(text):
        spans = with_single_quotes(text, spans)
    return spans


# British style: 'It shows how close they have become,' he said. An opening
# mark after no letter and before a capital; a closing one right after the
# sentence's punctuation and before no letter, so that neither an apostrophe
# (Beijing's, don't, the Saudis' oil) nor a quoted term ('forbidden') counts.
SINGLE_QUOTED = re.compile(r"(?<![\w'’])['‘](?=[A-Z0-9])[^\"“”]+?[,.!?]['’](?![\w'’])")


def with_single_quotes(text: str, spans: list[Span]) -> list[Span]:
    """SPANS and the single-quoted quotations of English TEXT outside them."""
    found = [
        Span(match.start(), match.start() + 1, match.end() - 1, match.end())
        for match in SINGLE_QUOTED.finditer(text)
        if not any(span.open <= match.start() < span.close for span in spans)
    ]
    return sorted(spans + found, key=lambda span: span.open) if found else spans


# Words ending in a speech verb that name rather than report (合称, 简称).
NAMING_WORDS = (
    "合称",
    "简称",
    "并称",
    "统称",
    "号称",
    "名称",
    "又称",
    "俗称",
    "堪称",
    "通称",
    "誉称",
)


def speech_verb_before(text: str, index: int, party: bool = True) -> int:
    """Start of a speech verb (or colon) that ends right before INDEX, else -1.

    With PARTY, also across a side named between verb and quote:
    他接着说，俄方“理解你们的关切” (the side speaks through the speaker)."""
    before = text[:index].rstrip()
    if before.endswith((":", "：")):
        return len(before) - 1
    before = before.rstrip(",，")
    for length in (3, 2, 1):
        word = before[-length:]
        if word in SPEECH_LEXICON.entries:
            if before.endswith(NAMING_WORDS):
                return -1  # 合称“一带一路”: a name given, not words spoken
            return len(before) - length
    offset = max(0, index - 80)
    match = EN_SPEECH_AT_END.search(text[offset:index])
    if match:
        return offset + match.start()
    if party and (side := SIDE_AT_END.search(text[offset:index])):
        start = offset + side.start()
        if start > 0 and text[start - 1] in ",，:：":
            return speech_verb_before(text, start - 1, party=False)
    return -1


EN_SPEECH_AT_END = re.compile(r"\b(?:" + EN_SPEECH + r")(?:\s+that)?\s*[:,]?\s*$")
SIDE_AT_END = re.compile(r"(?:[\u4e00-\u9fff]方|我们|我国)$")


@dataclass
class Cue:
    hit: NameHit | None
    kind: str


def after_cue(text: str, span: Span, hits: list[NameHit], english: bool) -> Cue | None:
    """“…”，朱志群说 / "…," said Name / "…," she said."""
    rest = text[span.close :]
    position = span.close + len(rest) - len(rest.lstrip(" " if english else " ,，。."))
    if english:
        match = re.match(r"\s*(?:" + EN_SPEECH + r")\s+", text[position:]) or (
            EN_QUOTED_AS_SAYING.match(text, position)
        )
        if match and match.re is EN_QUOTED_AS_SAYING:
            target = match.end()
            return next((Cue(hit, "after") for hit in hits if hit.start == target), None)
        if match:
            target = position + match.end()
            for hit in hits:
                if hit.start >= target and EN_TITLE_BEFORE_NAME.fullmatch(text, target, hit.start):
                    return Cue(hit, "after")
            return None
    for hit in hits:
        if hit.start < position:
            continue
        lead_text = re.sub(r"\([^()]*\)", "", text[position : hit.start])
        if english:
            lead_text = EN_COURTESY_STOP.sub("", lead_text)  # "…," Mr. Putin said
        if hit.start - position > 60 or CLAUSE_BREAK.search(lead_text):
            return None
        filler_start = hit.end
        if english:
            if EN_SPEECH_AFTER_NAME.match(text, filler_start):
                return Cue(hit, "after")
            return None
        window = text[filler_start : filler_start + 56]
        for verb_start, verb_end, _verb in SPEECH_LEXICON.scan(window):
            filler = window[:verb_start]
            if FILLER_ZH.match(filler):
                if text[span.close : hit.start].strip(" ") in ("。", ".") and window[
                    verb_end : verb_end + 1
                ] in (":", "："):
                    # “…”。萧兹则说：“…”: a new sentence, whose words follow.
                    return None
                return Cue(hit, "after")
            if CLAUSE_BREAK.search(re.sub(r"《[^》]*》", "", filler)):
                break  # past the clause: 谈到 in 在谈到…时说 is not the verb
        return None
    return None


# "…," Xi said / Xi has said / Xi was quoted as saying by Xinhua.
EN_SPEECH_AFTER_NAME = re.compile(
    # "…," Wang Yi, China's top diplomat, said: an appositive may stand between.
    r"(?:\s*,\s*[^,\"“”.;:]{2,60}?,)?"
    r"(?:\s*(?:(?:has|had)\s+)?(?:" + EN_SPEECH + r")\b|\s*(?:was|is)\s+quoted\s+as\s+saying\b)"
)
EN_ACCORDING_TO = re.compile(r"\b[Aa]ccording to\s+(?P<source>[^,;:.“\"]{2,60}?)\s*,?\s*$")


def before_cue(text: str, span: Span, hits: list[NameHit], english: bool) -> Cue | None:
    """朱志群认为，“…” / 他表示：“…” / 科罗廖夫这样总结习的议程：“…” /
    According to Ms Glaser, "…"."""
    if english and (according := EN_ACCORDING_TO.search(text, max(0, span.open - 80), span.open)):
        start, end = according.span("source")
        named = [hit for hit in hits if start <= hit.start and hit.end <= end]
        return Cue(named[0] if named else None, "before")
    verb = speech_verb_before(text, span.open)
    if verb < 0:
        return None
    colon = text[verb] in ":："
    start = clause_start(text, verb)
    in_clause = [hit for hit in hits if start <= hit.start and hit.end <= verb]
    if colon and in_clause:
        return Cue(in_clause[0], "before")
    for hit in reversed(in_clause):
        between = text[hit.end : verb]
        if english or FILLER_ZH.match(between):
            return Cue(hit, "before")
    if in_clause:
        return Cue(in_clause[0], "before")
    # 他重申…，表示“…”: the subject of the sentence.
    sentence = sentence_start(text, verb)
    in_sentence = [hit for hit in hits if sentence <= hit.start and hit.end <= verb]
    if in_sentence:
        return Cue(in_sentence[0], "before")
    return Cue(None, "before")


def sentence_start(text: str, index: int) -> int:
    position = max(text.rfind(mark, 0, index) for mark in ("。", "！", "？", "!", "?", ". ", "；"))
    return position + 1 if position >= 0 else 0


def is_real_quote(text: str, span: Span, has_cue: bool, english: bool) -> bool:
    inner = text[span.start : span.end].strip()
    if len(inner) < 2:
        return False
    if (
        not english
        and len(inner) < (LONG_PARTIAL_QUOTE if has_cue else 10)
        and not SENTENCE_PUNCT.search(inner)
        and (
            is_cjk(text[span.close : span.close + 1])
            or (
                is_cjk(text[span.open - 1 : span.open])
                and text[span.close : span.close + 1] in ("", "。", "！", "？", ".", "!", "?")
            )
        )
    ):
        # A term inside a phrase, even after 表示: “中国—中亚”机制, 不支持“台独”。
        # (越过了“底线”，他说 is a quote: its speaker follows.)
        return False
    if not english and TERM_LIST.fullmatch(inner):
        return False  # 会谈是“积极、务实、建设性的”: a list of words that describe
    if has_cue:
        return True
    if english:
        words = inner.split()
        # A sentence of its own, stop and all: "…," he said. "It matters."
        before = text[: span.open].rstrip()
        if (
            len(words) >= 2
            and inner.endswith((".", "!", "?"))
            and (not before or before.endswith((".", "!", "?")))
            and not before.endswith(("Mr.", "Ms.", "Dr.", "Mrs.", "St."))
        ):
            return True
        # Inner punctuation, not the stop American style puts inside the
        # marks: their "comprehensive strategic partnership." is a term.
        return len(words) > SCARE_QUOTE_MAX_EN or (
            len(words) >= 3 and bool(re.search(r"[.!?,;]", inner.rstrip(".")))
        )
    # A sentence of its own, stop and all: 「…，」他說。「但也不會輕易動武。」
    if (
        inner.endswith(("。", "！", "？"))
        and len(inner) >= 4
        and (span.open == 0 or text[span.open - 1 : span.open] in ("。", "！", "？", "!", "?"))
    ):
        return True
    # A slogan (“不干涉，不结盟”) has punctuation too: ask for some length.
    punctuated = SENTENCE_PUNCT.search(inner.rstrip("。.!?！？")) or inner.endswith(
        ("。", "！", "？")
    )
    return bool(punctuated) and len(inner) >= 10 or len(inner) > SCARE_QUOTE_MAX_ZH


@dataclass
class Attribution:
    """Running state: who spoke last, who was named last."""

    last_speaker: str | None = None
    last_speaker_paragraph: int = -10
    last_named: str | None = None


def resolve(
    hit: NameHit | None,
    state: Attribution,
    paragraph_hits: list[NameHit],
    before: int,
    after_quote: bool,
    paragraph: int,
) -> str | None:
    if hit is None:
        return None
    if hit.key:
        return hit.key
    # 他/她.
    named_here = [
        other.key
        for other in paragraph_hits
        if other.key and other.end <= before and not other.quoted
    ]
    recent_speaker = state.last_speaker if paragraph - state.last_speaker_paragraph <= 1 else None
    if after_quote:
        return recent_speaker or (named_here[-1] if named_here else state.last_named)
    return (named_here[-1] if named_here else None) or state.last_speaker or state.last_named


REPORTED_END = re.compile(r"[。！？!?]|\.(?:\s|$)")


def reported_speech_removed(
    text: str, hits: list[NameHit], events: list[tuple[int, NameHit]]
) -> list[NameHit]:
    """HITS without the names inside reported speech: those after a speech
    verb, to the end of its sentence (speakers themselves stay)."""
    speakers = {id(hit) for _position, hit in events}
    ranges = []
    for position, _hit in events:
        end = REPORTED_END.search(text, position)
        ranges.append((position, end.start() if end else len(text)))
    return [
        hit
        for hit in hits
        if id(hit) in speakers or not any(start < hit.start < end for start, end in ranges)
    ]


def find_quotes(units: list[Unit], finder: PeopleFinder, language: str) -> list[QuoteMention]:
    english = language != "zh"
    state = Attribution()
    quotes: list[QuoteMention] = []
    previous_tail_speaker: str | None = None
    for unit in units:
        if unit.kind != "paragraph" or unit.noise:
            continue
        text = unit.folded
        hits = finder.mentions_en(text) if english else finder.mentions_zh(text)
        spans = quote_spans(text)
        inside = [(span.start, span.end) for span in spans]
        if inside:  # else no hit is quoted (NameHit.quoted is False at first)
            for hit in hits:
                hit.quoted = any(start <= hit.start < end for start, end in inside)
        outside = [hit for hit in hits if not hit.quoted]
        events = speaker_events(text, outside, english)
        # 他/她 refers back to a speaker, not to someone named in what the
        # speaker said: 黄启明认为，普京希望…。他说 is 黄启明.
        antecedents = reported_speech_removed(text, outside, events)
        paragraph_quotes: list[QuoteMention] = []
        last_real_open = -1
        tail_speaker = None
        for span in spans:
            # People and speech verbs before this quote update the state.
            for position, hit in events:
                if position < span.open and not hit.used:
                    hit.used = True
                    key = resolve(hit, state, antecedents, hit.start, False, unit.number)
                    if key:
                        state.last_speaker, state.last_speaker_paragraph = key, unit.number
            named = [hit for hit in outside if hit.key and hit.end <= span.open]
            if named:
                state.last_named = named[-1].key
            cue_after = after_cue(text, span, outside, english)
            cue_before = before_cue(text, span, outside, english)
            # The second half of “…”，并且，“…” continues the quote before it.
            joined = bool(
                paragraph_quotes
                and paragraph_quotes[-1].position == last_real_open
                and JOINED_QUOTES.fullmatch(text[previous_close(spans, span) : span.open])
            )
            has_cue = bool(
                cue_after
                or (cue_before and cue_before.hit)
                # 一名官员说：“…”: words spoken, though by nobody named.
                or (cue_before and text[span.open - 1 : span.open] in (":", "："))
                or joined
                or closes_reported_sentence(text, span, events)
            )
            if not is_real_quote(text, span, has_cue, english):
                continue
            last_real_open = span.open
            speaker, how = None, ""
            # 普京表示：“…。”托卡耶夫则说…: a colon's speaker comes first.
            if cue_before and cue_before.hit and text[span.open - 1 : span.open] in ("：", ":"):
                speaker = resolve(cue_before.hit, state, antecedents, span.open, False, unit.number)
                how = "before"
            if speaker is None and cue_after and cue_after.hit:
                speaker = resolve(cue_after.hit, state, antecedents, span.open, True, unit.number)
                how = "after"
            if speaker is None and cue_before and cue_before.hit:
                speaker = resolve(cue_before.hit, state, antecedents, span.open, False, unit.number)
                how = "before"
            if speaker is None and joined and paragraph_quotes[-1].speaker:
                speaker, how = paragraph_quotes[-1].speaker, "split"
            if speaker is None:
                sentence = sentence_start(text, span.open)
                subjects = [
                    hit for hit in outside if sentence <= hit.start and hit.end <= span.open
                ]
                if subjects:
                    speaker = resolve(
                        subjects[0], state, antecedents, span.open, False, unit.number
                    )
                    how = "clause"
            if speaker is None:
                spoken = [hit for position, hit in events if position < span.open]
                if spoken:
                    speaker = resolve(spoken[-1], state, antecedents, span.open, False, unit.number)
                    how = "paragraph"
            if (
                speaker is None
                and previous_tail_speaker
                and span.open <= 1
                and not text[span.close :].strip(" 。.,，")
            ):
                speaker, how = previous_tail_speaker, "continuation"
            if speaker:
                state.last_speaker, state.last_speaker_paragraph = speaker, unit.number
                state.last_named = speaker
            original = unit.text[span.start : span.end].strip()
            quote = QuoteMention(original, unit.number, span.open, speaker, how)
            paragraph_quotes.append(quote)
            if how in ("after", "continuation") and ends_paragraph_after_cue(text, span):
                tail_speaker = speaker
            elif span.close == len(text) and not text.endswith(CLOSERS):
                tail_speaker = speaker  # a quote that runs on into the next paragraph
        for _position, hit in events:
            if not hit.used:
                hit.used = True
                key = resolve(hit, state, antecedents, hit.start, False, unit.number)
                if key:
                    state.last_speaker, state.last_speaker_paragraph = key, unit.number
        named = [hit for hit in outside if hit.key]
        if named:
            state.last_named = named[-1].key
        if (
            tail_speaker is None
            and state.last_speaker_paragraph == unit.number
            and text.rstrip().endswith((":", "："))
            and speech_verb_before(text, len(text.rstrip()), party=False) >= 0
            and not any(span.close == len(text) for span in spans)
        ):
            # 王毅回应说： with the quote in a paragraph of its own after it.
            tail_speaker = state.last_speaker
        previous_tail_speaker = tail_speaker
        quotes.extend(paragraph_quotes)
    return quotes


LONG_PARTIAL_QUOTE = 7  # characters: shorter quoted words are terms (is_real_quote)


def closes_reported_sentence(text: str, span: Span, events: list[tuple[int, NameHit]]) -> bool:
    """习近平在会晤中说，面对…，中方愿…，“为变乱交织的世界注入稳定性”。: a quote
    that is a clause of its own and ends a sentence a speaker opened."""
    if span.open == 0:
        return False
    if text[span.open - 1] not in ",，:：" and span.end - span.start < LONG_PARTIAL_QUOTE:
        return False  # 普京说，中方的计划“可以作为解决方案的基础”。 is long enough
    if text[span.close : span.close + 1] not in ("", "。", ".", "!", "！", "?", "？"):
        return False
    sentence = sentence_start(text, span.open)
    return any(sentence <= position < span.open for position, _hit in events)


JOINED_QUOTES = re.compile(r"[\s,，、]*(?:并且|并|而且|以及|还|又|同时|此外|and|but)?[\s,，:：]*")


def previous_close(spans: list[Span], span: Span) -> int:
    earlier = [other.close for other in spans if other.close <= span.open]
    return earlier[-1] if earlier else 0


def ends_paragraph_after_cue(text: str, span: Span) -> bool:
    """“…”，他说。 with nothing after the attribution."""
    rest = text[span.close :]
    return not re.search(r"[“\"「『]", rest) and len(rest.strip()) <= 24


# Between an English speaker and the verb: nothing, an adverb, or an appositive.
EN_SUBJECT_GAP = re.compile(
    r"\s*(?:,[^.;\"“”]{0,160},)?\s*(?:also|then|later|had|has|have|previously|earlier)?\s*"
)


IN_VIEW_OF_ANY = re.compile("在(.{2,10}?)看来")  # whoever the hits say stands inside


def speaker_events(text: str, hits: list[NameHit], english: bool) -> list[tuple[int, NameHit]]:
    """(verb position, speaker hit) for every speech verb with a subject."""
    events = []
    if english:
        for match in re.finditer(r"\b(?:" + EN_SPEECH + r")\b", text):
            sentence = sentence_start(text, match.start())
            # "Name said", "Name, a fellow at X, said", "said Name".
            subject = [
                hit
                for hit in hits
                if sentence <= hit.start
                and hit.end <= match.start()
                and EN_SUBJECT_GAP.fullmatch(text[hit.end : match.start()])
            ]
            after = [hit for hit in hits if 0 <= hit.start - match.end() <= 1]
            chosen = subject[-1:] or after[:1]
            if chosen:
                events.append((match.start(), chosen[0]))
        return events
    for start, verb_start in speech_verbs(text):
        candidates = [hit for hit in hits if start <= hit.start and hit.end <= verb_start]
        for hit in reversed(candidates):
            if FILLER_ZH.match(text[hit.end : verb_start]):
                events.append((verb_start, hit))
                break
    for match in IN_VIEW_OF_ANY.finditer(text) if "看来" in text else ():
        for hit in hits:
            if hit.start == match.start(1):
                events.append((match.start(), hit))
    events.sort(key=lambda event: event[0])
    return events


# ---------------------------------------------------------------------------
# 5. Dates


@dataclass
class DateHit:
    start: int
    end: int
    year: int | None
    month: int
    day: int
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    weekday: bool = False
    day_only: bool = False  # 15日: the month is the published date's
    years_later: int | None = None  # 今年 0, 去年 -1, 明年 1: the article's year plus this
    months_later: int | None = None  # 本月 0, 上月 -1, 下月 1, for a day_only date
    # 今天 0, 昨天 1, 前天 2, 明天 -1: days before the published date (weekday is
    # set too: like 周四, the day is the story's, not one written out).
    days_ago: int | None = None

    def shifted(self, offset: int) -> DateHit:
        """This date with its offsets counted from OFFSET."""
        moved = clone(self)
        moved.start, moved.end = self.start - offset, self.end - offset
        return moved

    def dates(self, year: int | None) -> tuple[datetime.date, datetime.date] | None:
        first_year = self.year or year
        if first_year is not None and self.years_later:
            first_year += self.years_later
        if first_year is None:
            return None
        try:
            first = datetime.date(first_year, self.month, self.day)
            last = datetime.date(
                self.end_year or first_year, self.end_month or self.month, self.end_day or self.day
            )
        except ValueError:
            return None
        if last < first:
            try:
                last = last.replace(year=last.year + 1)
            except ValueError:
                return None
        return first, last


RANGE = r"(?:\s*(?:-|–|—|~|至|到)\s*|\s+to\s+"
# 15日和16日, "Sept. 15 and 16": two days in a row are one span (see day_pair).
RANGE += r"|(?P<pair>\s+and\s+|\s*[和及、]\s*))"
ZH_FULL = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?(?:"
    + RANGE
    + r"(?:(?P<m2>\d{1,2})\s*月\s*)?(?P<d2>\d{1,2})\s*[日号])?"
)
# 习近平15日在撒马尔罕…: a day of the month the article was published in.
ZH_DAY_ONLY = re.compile(
    r"(?:(?<![\d月年号日第])|(?<=(?P<rel>[本上下])月))(?P<d>\d{1,2})\s*[日号](?:"
    + RANGE
    + r"(?P<d2>\d{1,2})\s*[日号])?(?!\s*(?:内|以内|之内|左右|以上|以下|多|游|元))"
)
ZH_MONTH_DAY = re.compile(
    r"(?:(?<![\d年])|(?<=(?P<rel>[今去明])年))(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?(?:"
    + RANGE
    + r"(?:(?P<m2>\d{1,2})\s*月\s*)?(?P<d2>\d{1,2})\s*[日号])?(?!\d)"
)
ZH_WEEKDAY = re.compile(r"(?:周|星期|礼拜)(?P<w>[一二三四五六日天])")
# 总统赖清德今天接见…: Taiwan's papers date by the day of the story.
# Not 十年后的今天, 今天的中国, 直到今天: today as an age, not a day.
ZH_RELATIVE_DAY = re.compile(r"(?<![的到至])(今天|昨天|前天|明天)(?![气然下的])")
# 昨（27）日, 今（28）日: Taiwan's papers give the day in brackets.
ZH_BRACKETED_DAY = re.compile(r"[今昨前明]\s*\(\s*(?P<d>\d{1,2})\s*\)\s*[日号]")
RELATIVE_DAYS = {"今天": 0, "昨天": 1, "前天": 2, "明天": -1}
ZH_RELATIVE_YEAR = re.compile(r"(?P<rel>今年|去年|前年|明年)\s*\(?\s*(?P<y>(?:19|20)\d{2})\s*年?")
MONTH_NAMES = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
EN_DMY = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:"
    + RANGE
    + r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?\s+(?P<m>"
    + MONTH_NAMES
    + r")(?:,?\s+(?P<y>(?:19|20)\d{2}))?\b"
)
EN_MDY = re.compile(
    r"\b(?P<m>"
    + MONTH_NAMES
    + r")\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:"
    + RANGE
    + r"(?P<d2>\d{1,2}))?(?:,?\s+(?P<y>(?:19|20)\d{2}))?\b"
)
EN_WEEKDAY = re.compile(
    r"\b(?:on\s+)?(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
# Two patterns, as each is quicker than one (see says_future).
FUTURE_WORDS_ZH = re.compile(r"将于|将在|将会|计划|预定|预计将|拟于|明年|下月|下周")
FUTURE_WORDS_EN = re.compile(
    r"\bwill\b|\bnext\b|\bplans? to\b|\bscheduled\b|"
    r"\b(?:is|are) due\b|\b(?:ends|begins|opens|starts|closes) on\b"
)
LOWER_CASE_LETTER = re.compile(r"[a-z]")


UNTIL_BEFORE = re.compile(r"\b(?:through|until|till|by)\s+$", re.IGNORECASE)


def says_future(sentence: str) -> bool:
    """Is SENTENCE about the future (将于, will, next)? The regex engine skips
    quickly to where one of the Chinese words may start, which it cannot
    for words after \\b; those are all in lower case, so they are looked
    for only where a lower-case letter is."""
    return bool(
        FUTURE_WORDS_ZH.search(sentence)
        or (LOWER_CASE_LETTER.search(sentence) and FUTURE_WORDS_EN.search(sentence))
    )


# What every date form above holds: a digit before 年, 月, 日 or 号, a weekday
# (周四, 星期四, 礼拜四, Thursday) or the start of an English month name.
# Written to start with a character class, which lets the regex engine skip
# to the next candidate quickly; "增长了6%" has none.
DATE_HINT = re.compile(
    r"[\d周星礼今昨前明dJFMASOND](?:(?<=\d)\s*[年月日号]|(?<=\d)\)\s*[日号]|(?<=周)[一二三四五六日天]"
    r"|(?<=[今昨前明])天"
    r"|(?<=星)期[一二三四五六日天]|(?<=礼)拜[一二三四五六日天]|(?<=d)ay\b"
    r"|(?<=J)(?:an|u[nl])|(?<=F)eb|(?<=M)a[ry]|(?<=A)(?:pr|ug)|(?<=S)ep|(?<=O)ct"
    r"|(?<=N)ov|(?<=D)ec)"
)


class Taken:
    """Which characters of a text an earlier match took."""

    def __init__(self, size: int):
        self.marks = bytearray(size)

    def free(self, span: tuple[int, int]) -> bool:
        return self.marks.find(1, span[0], span[1]) < 0

    def append(self, span: tuple[int, int]) -> None:
        self.marks[span[0] : span[1]] = b"\x01" * (span[1] - span[0])


def day_pair(match: re.Match) -> tuple[int, int | None]:
    """(end, last day) of a date MATCH. Two days joined by "and" or 和 are a
    span only when the second follows the first (15日和16日); else the match
    ends before the join, and the second day is a date of its own."""
    d2 = int(match["d2"]) if match["d2"] else None
    if d2 is not None and match["pair"] and d2 != int(match["d"]) + 1:
        return match.start("pair"), None
    return match.end(), d2


def find_dates(text: str) -> list[DateHit]:
    """Day-precision dates in folded TEXT (weekdays too, resolved later)."""
    if not DATE_HINT.search(text):
        return []  # every date form has a digit or a weekday word
    hits: list[DateHit] = []
    taken = Taken(len(text))
    free = taken.free

    has_year = "年" in text
    has_latin = LATIN_LETTER.search(text) is not None
    for match in ZH_FULL.finditer(text) if has_year else ():
        end, d2 = day_pair(match)
        m2 = int(match["m2"]) if match["m2"] and d2 else None
        hits.append(
            DateHit(
                match.start(), end, int(match["y"]), int(match["m"]), int(match["d"]), None, m2, d2
            )
        )
        taken.append((match.start(), end))
    for match in ZH_MONTH_DAY.finditer(text) if "月" in text else ():
        if not free(match.span()):
            continue
        end, d2 = day_pair(match)
        m2 = int(match["m2"]) if match["m2"] and d2 else None
        hit = DateHit(match.start(), end, None, int(match["m"]), int(match["d"]), None, m2, d2)
        if match["rel"]:
            hit.years_later = {"今": 0, "去": -1, "明": 1}[match["rel"]]
        hits.append(hit)
        taken.append((match.start(), end))
    for regex in (EN_DMY, EN_MDY) if has_latin else ():
        for match in regex.finditer(text):
            if not free(match.span()):
                continue
            month = MONTHS_EN.get(match["m"].lower().rstrip("."))
            if month is None:
                continue
            year = int(match["y"]) if match["y"] else None
            end, d2 = day_pair(match)
            if d2 is None and match["d2"] and regex is EN_DMY:
                # "3 and 10 September": two dates, both of the month named last.
                day = int(match["d2"])
                hits.append(DateHit(match.start("d2"), match.end(), year, month, day, year))
            hits.append(DateHit(match.start(), end, year, month, int(match["d"]), year, None, d2))
            # "3 and 10 September" takes both days; "Sept. 3 and 10" leaves the 10.
            taken.append((match.start(), match.end() if regex is EN_DMY else end))
    for match in ZH_DAY_ONLY.finditer(text) if ("日" in text or "号" in text) else ():
        if free(match.span()):
            end, d2 = day_pair(match)
            hits.append(
                DateHit(
                    match.start(),
                    end,
                    None,
                    0,
                    int(match["d"]),
                    None,
                    None,
                    d2,
                    day_only=True,
                    # 本月3日, 上月20日: the month is said.
                    months_later={"本": 0, "上": -1, "下": 1}.get(match["rel"] or ""),
                )
            )
            taken.append((match.start(), end))
    for match in ZH_BRACKETED_DAY.finditer(text) if "(" in text else ():
        if free(match.span()):
            hits.append(
                DateHit(match.start(), match.end(), None, 0, int(match["d"]), day_only=True)
            )
            taken.append(match.span())
    for match in ZH_RELATIVE_DAY.finditer(text) if "天" in text else ():
        if free(match.span()):
            hits.append(
                DateHit(
                    match.start(),
                    match.end(),
                    None,
                    0,
                    0,
                    weekday=True,
                    days_ago=RELATIVE_DAYS[match[1]],
                )
            )
    for match in (
        ZH_WEEKDAY.finditer(text) if ("周" in text or "星期" in text or "礼拜" in text) else ()
    ):
        if free(match.span()):
            hits.append(
                DateHit(match.start(), match.end(), None, 0, WEEKDAYS_ZH[match["w"]], weekday=True)
            )
    for match in EN_WEEKDAY.finditer(text) if has_latin else ():
        if UNTIL_BEFORE.search(text, 0, match.start()):
            continue  # "continues through Friday": when it ends, not when it was
        if free(match.span()):
            hits.append(
                DateHit(
                    match.start(),
                    match.end(),
                    None,
                    0,
                    WEEKDAYS_EN[match["w"].lower()],
                    weekday=True,
                )
            )
    hits.sort(key=lambda hit: hit.start)
    return [hit for hit in hits if hit.weekday or hit.day_only or 1 <= hit.month <= 12]


NUMERIC_DATE = re.compile(r"(?<![\d.])((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?![\d.])")


def infer_published(units: list[Unit]) -> tuple[datetime.date | None, int | None]:
    """(date, year) the text itself suggests when the document has no date.

    The latest full date (2022年9月14日) gives the year; month-day dates of that
    year up to a month later, outside sentences about the future, may move
    the date on (an article dated by 9月15日 events). Without a full date, a
    year stated next to 今年/去年 gives the year only.
    """
    full: list[datetime.date] = []
    partial: list[tuple[int, int, bool]] = []
    relative_years: list[int] = []
    for unit in units:
        if unit.noise:
            continue
        for _offset, sentence in sentences(unit.folded):
            future = says_future(sentence)
            for hit in find_dates(sentence):
                if hit.weekday or hit.day_only:
                    continue
                if hit.year:
                    span = hit.dates(hit.year)
                    if span and not future:
                        full.append(span[0])
                else:
                    partial.append((hit.month, hit.day, future))
            for match in ZH_RELATIVE_YEAR.finditer(sentence):
                offset = {"今年": 0, "去年": 1, "前年": 2, "明年": -1}[match["rel"]]
                relative_years.append(int(match["y"]) + offset)
            # A page's time stamp: 2024-07-03 15:20, 2024/7/3, 2024.07.03.
            for match in NUMERIC_DATE.finditer(sentence) if not future else ():
                try:
                    full.append(datetime.date(int(match[1]), int(match[3]), int(match[4])))
                except ValueError:
                    continue
    if full:
        latest = max(full)
        candidates = [latest]
        for month, day, future in partial:
            if future:
                continue
            try:
                day_date = datetime.date(latest.year, month, day)
            except ValueError:
                continue
            if datetime.timedelta(0) <= day_date - latest <= datetime.timedelta(days=31):
                candidates.append(day_date)
        return max(candidates), latest.year
    if relative_years:
        return None, max(relative_years)
    return None, None


# Written to start with a character class, which lets the regex engine skip
# to the next stop quickly: a run of 。！？!? with a closing quote, or a full
# stop (not after an initial or an abbreviation) before a capital.
SENTENCE_END = re.compile(
    r"[。！？!?.](?:(?<=[。！？!?])[。！？!?]*[”」』\"]?"
    r"|(?<![A-Z]\.)(?<!\b[A-Z][a-z]\.)(?<!\bSt\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)"
    r"(?<=\.)[”\"]?(?=\s+[A-Z“\"]))"
)


@functools.lru_cache(maxsize=512)
def sentences(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, sentence) pieces of TEXT, split after 。！？ and English stops;
    kept for the paragraphs that several rules split."""
    pieces = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        end = match.end()
        pieces.append((start, text[start:end]))
        start = end
    if start < len(text):
        pieces.append((start, text[start:]))
    return tuple(pieces)


DAYS_AHEAD = 2


def resolve_date(
    hit: DateHit, year: int | None, published: datetime.date | None, future: bool = False
) -> tuple[datetime.date, datetime.date] | None:
    if hit.day_only:
        if published is None or not 1 <= hit.day <= 31:
            return None
        month_start = published.replace(day=1)
        if hit.months_later is not None:
            month = month_start.year * 12 + month_start.month - 1 + hit.months_later
            month_start = datetime.date(month // 12, month % 12 + 1, 1)
        elif hit.day > published.day + DAYS_AHEAD and not future:
            # A past day later in the month than today: last month. (A day or
            # two ahead is this month: a story dated in another time zone, or
            # one that goes on to the next day's leg of a trip.)
            month_start = (month_start - datetime.timedelta(days=1)).replace(day=1)
        try:
            first = month_start.replace(day=hit.day)
            last = month_start.replace(day=hit.end_day or hit.day)
        except ValueError:
            return None
        return (first, last) if last >= first else (first, first)
    if hit.days_ago is not None:
        if published is None:
            return None
        day = published - datetime.timedelta(days=hit.days_ago)
        return day, day
    if hit.weekday:
        if published is None:
            return None
        if future:  # "will travel on Thursday": the coming one
            day = published + datetime.timedelta(days=(hit.day - published.weekday()) % 7)
        else:
            day = published - datetime.timedelta(days=(published.weekday() - hit.day) % 7)
        return day, day
    span = hit.dates(year)
    if (
        span
        and published
        and not hit.year
        and hit.years_later is None
        and (span[0] - published).days > 180
    ):
        earlier = hit.dates(span[0].year - 1)
        if earlier:
            span = earlier
    return span


# ---------------------------------------------------------------------------
# 6. Events

EVENT_WORDS_ZH = [
    ("联合声明", "joint_statement"),
    ("国事访问", "state_visit"),
    ("峰会", "summit"),
    ("元首理事会", "summit"),  # the SCO's name for its summit
    ("首脑会议", "summit"),
    # APEC's 领导人非正式会议, 东盟领导人会议, 中日韩领导人会议.
    ("领导人非正式会议", "summit"),
    ("领导人会议", "summit"),
    ("会晤", "meeting"),
    ("会见", "meeting"),
    ("接见", "meeting"),  # 总统赖清德今天接见美国众议员访团
    ("会面", "meeting"),
    ("会谈", "meeting"),
    ("接待", "meeting"),  # 托卡耶夫在阿斯塔纳接待了普京
    ("见面", "meeting"),
    ("交谈", "meeting"),  # 在峰会期间简短交谈: a word on the sidelines
    ("战略对话", "meeting"),  # 举行第七轮中德外交与安全战略对话
    # A call between leaders: talks, though not a meeting (kind "other").
    ("通电话", "call"),
    ("通话", "call"),
    ("出访", "state_visit"),
    ("访问", "state_visit"),
    ("到访", "state_visit"),
    ("来访", "state_visit"),  # 会见来访的美国国务卿布林肯: the guest's (see find_events)
]
CALL_EN = (
    r"(?:tele)?phone (?:call|conversation)|video (?:call|link)|spoke by (?:tele)?phone|"
    r"held a call|(?:tele)?phoned"
)
CALL_WORDS = re.compile("通电话|通话|" + CALL_EN, re.IGNORECASE)
# After "visiting": an office, so the guest is named next.
VISITING_GUEST = re.compile(
    r"\s+(?:[A-Z][\w.]*\s+){0,2}(?:President|Prime|Premier|Secretary|Minister|Foreign|Chancellor|"
    r"King|Queen|Crown|Emir|Vice|Defen[cs]e|delegation|leaders?|officials?|ministers?|president|"
    r"premier|dignitaries)"
)
EVENT_WORDS_EN = [
    (r"joint statement|joint declaration", "joint_statement"),
    (r"state visit", "state_visit"),
    (
        r"summit|(?:Meeting of the )?Council of Heads of State|(?:Economic )?Leaders['’]? Meeting(?!s)",
        "summit",
    ),
    # "leaders of the SCO gathered in Astana": kept only where an
    # organisation is named (see find_events).
    (r"gathered|convened", "summit"),
    # Not talks someone was invited to or called for: those are yet to come.
    # Nor "meetings", which are habits or plans ("agreed to hold annual meetings").
    (
        r"met\b|meeting(?!s)|hosted\b|(?<!\bto )(?<!\bfor )talks\b|held talks|sat down with\b|"
        # "Xi received visiting US Secretary of State Antony Blinken": a person.
        r"received\s+(?=(?:the\s+)?(?:visiting\s+)?[A-Z])",
        "meeting",
    ),
    (CALL_EN, "call"),
    # "visiting US Secretary of State Antony Blinken": the guest's visit (see find_events).
    (r"visit(?:ed|s|ing)?\b", "state_visit"),
    # "Xi arrived in Paris on Sunday", "travelled to Belgrade": a visit, where the
    # place is abroad (see find_events).
    (r"arrived in\b|travell?ed to\b|flew to\b", "state_visit"),
]
# "Both", "the two": see refers_back().
ANAPHORA_ZH = re.compile(r"两国|双方|两位领导人|两人|两国元首|三国|三方")
ANAPHORA_EN = re.compile(
    r"\bthe (?:two|three) (?:countries|nations|leaders|sides|men|women|presidents|"
    r"(?:foreign |defen[cs]e |prime )?ministers|heads of state|neighbou?rs)\b"
    r"|\bboth (?:countries|nations|leaders|sides|ministers)\b"
    # "the Chinese and Russian leaders" (the capitals matter, whatever the case elsewhere)
    r"|\bthe (?-i:[A-Z][a-z]+ and [A-Z][a-z]+ )(?:leaders|presidents|sides|ministers)\b",
    re.IGNORECASE,
)


def refers_back(text: str) -> bool:
    """Does TEXT speak of 两国 or "the two leaders"? The English words (which
    hold a t, in either case) are looked for only where a Latin letter is:
    the regex engine cannot skip quickly to a word after \\b."""
    return bool(
        ANAPHORA_ZH.search(text) or (LATIN_LETTER.search(text) and ANAPHORA_EN.search(text))
    )


OTHER_EVENT_VERBS = re.compile(
    r"出席|签署|召开|举行|发表|抵达|宴请|款待|attended|signed|held|arrived|hosted a (?:state )?banquet"
)


@dataclass
class Draft:
    kind: str
    start: datetime.date
    end: datetime.date
    place: str | None = None
    country: str | None = None
    countries: set = field(default_factory=set)
    participants: list = field(default_factory=list)
    organisation: str | None = None
    evidence: list = field(default_factory=list)


def organisation_table(gazetteer: Gazetteer) -> tuple[Lexicon, re.Pattern | None, dict]:
    def build():
        names_zh: dict[str, str] = {}
        names_en: dict[str, str] = {}
        display: dict[str, tuple[str, str]] = {}
        for slug, zh, en, aliases_zh, aliases_en in ORGANISATIONS:
            display[slug] = (zh, en)
            for name in aliases_zh:
                names_zh[fold(name)] = slug
            for name in aliases_en:
                names_en[name] = slug
        for slug, entry in gazetteer.organisations.items():
            display[slug] = (entry.name_zh or entry.name_en, entry.abbreviation or entry.name_en)
        for name, slug in gazetteer.organisation_names_zh.items():
            names_zh.setdefault(name, slug)
        for name, slug in gazetteer.organisation_names_en.items():
            names_en.setdefault(name, slug)
        return Lexicon(names_zh), english_pattern(names_en), {"display": display, "en": names_en}

    return cached(gazetteer, "organisations", build)


def place_table(gazetteer: Gazetteer) -> tuple[Lexicon, re.Pattern | None]:
    def build():
        return Lexicon(dict(gazetteer.place_names_zh)), english_pattern(gazetteer.place_names_en)

    return cached(gazetteer, "places", build)


TOPIC_BEFORE = re.compile(r"(?:就|围绕|关于|涉及|有关)$")
LOCATIVE_ZH = re.compile(
    r"(?:在|于|抵达|到达|前往|飞抵|赴|访问|出访|来到|途经)[^,，。;；:：!?！？“”]{0,10}$"
)
LOCATIVE_EN = re.compile(
    r"\b(?:in|at|to|from|visit(?:s|ed|ing)?)\s+(?:the\s+)?(?:(?:[A-Z][\w'’-]*|city|capital|of)\s+){0,4}$"
)


def is_locative(sentence: str, start: int) -> bool:
    """Does a word of place (在, 抵达, in, at) come before the place at START?"""
    before = sentence[max(0, start - 40) : start]
    return bool(LOCATIVE_ZH.search(before) or LOCATIVE_EN.search(before))


def places_and_organisations(
    text: str, gazetteer: Gazetteer
) -> tuple[list[tuple[int, str]], list[str]]:
    """The places TEXT names, as (offset, slug) in text order, and the
    organisations (slugs), Chinese ones first; each table scanned once."""
    lexicon, pattern = place_table(gazetteer)
    organisations, organisations_en, tables = organisation_table(gazetteer)
    found_organisations = organisations.scan(text)
    spans = [(start, end) for start, end, _slug in found_organisations]
    slugs = [slug for _start, _end, slug in found_organisations]
    if organisations_en is not None:
        for match in organisations_en.finditer(text):
            spans.append(match.span())
            slugs.append(tables["en"][match.group()])
    masked = mask(text, spans)  # 上海合作组织 names no place
    found = [
        (start, slug)
        for start, end, slug in lexicon.scan(masked)
        if not GOVERNMENT_SPEAKS_ZH.match(masked, end)
        and not GOVERNMENT_TARGETED_ZH.search(masked, max(0, start - 6), start)
    ]
    if pattern is not None:
        en_names = gazetteer.place_names_en
        found += [
            (match.start(), en_names[match.group()])
            for match in pattern.finditer(masked)
            if not GOVERNMENT_SPEAKS_EN.match(masked, match.end())
            and not GOVERNMENT_TARGETED_EN.search(masked, max(0, match.start() - 30), match.start())
        ]
    return sorted(found), slugs


# A place that speaks is its government, not where anything happened:
# "The Kremlin had earlier said…", 北京表示, 白宫此前宣布.
GOVERNMENT_SPEAKS_EN = re.compile(
    r"(?:\s+(?:had|has|have|also|earlier|previously|then))*\s+"
    r"(?:said|says|announced|warned|insisted|denied|accused|responded|confirmed|urged)\b"
)
# …as is a place that is supported, pressed or blamed: "a pledge to keep
# supporting Kyiv", "sanctions against Moscow", 继续支持基辅, 警告莫斯科.
GOVERNMENT_TARGETED_EN = re.compile(
    r"\b(?:support(?:s|ed|ing)?|back(?:s|ed|ing)?|arm(?:s|ed|ing)?|aid(?:s|ed|ing)?"
    r"|help(?:s|ed|ing)?|pressur(?:e|es|ed|ing)|urg(?:e|es|ed|ing)|warn(?:s|ed|ing)?"
    r"|sanction(?:s|ed|ing)?|punish(?:es|ed|ing)?|isolat(?:e|es|ed|ing)|condemn(?:s|ed|ing)?"
    r"|criticiz(?:e|es|ed|ing)|criticis(?:e|es|ed|ing)|accus(?:e|es|ed|ing)|against)\s+$"
)
GOVERNMENT_TARGETED_ZH = re.compile(r"(?:支持|援助|帮助|制裁|敦促|警告|谴责|批评|指责|孤立|声援)$")
GOVERNMENT_SPEAKS_ZH = re.compile(
    r"(?:此前|早前|随后|当天|也|则|还|曾|已|方面)*"
    r"(?:表示|说|称|宣布|回应|批评|谴责|否认|警告|证实|敦促|指出|强调)"
)


# Words by which an undated sentence names a day by the one just reported:
# the day before (-1), the day after (1) or that day (0).
DAY_SHIFTS_ZH = {
    "前一天": -1,
    "前一日": -1,
    "头一天": -1,
    "次日": 1,
    "第二天": 1,
    "翌日": 1,
    "隔天": 1,
}
DAY_SHIFTS_ZH |= dict.fromkeys(("当天", "当日", "同日", "同一天"), 0)
# No groups, so that the regex engine can skip to where one of the words starts.
DAY_WORDS_ZH = re.compile("|".join(sorted(DAY_SHIFTS_ZH, key=len, reverse=True)))
DAY_WORDS_EN = re.compile(
    r"\b(?:(?P<before>the (?:day before|previous day|preceding day)|a day (?:earlier|before))"
    r"|(?P<after>the (?:next|following) day|a day later)|that day|the same day)\b",
    re.IGNORECASE,
)
# Words of an undated sentence about the day just reported, besides those.
LATER_ZH = re.compile(r"(?:会谈|会晤|会见|会面|访问)(?:结束)?后|随后")
LATER_EN = re.compile(r"\b(?:later|afterwards|after the (?:talks|meeting))\b", re.IGNORECASE)


def day_named(text: str) -> int | None:
    """-1, 1 or 0 where TEXT names the day before, after or of the one just
    reported (此前一天, 次日, 当天, the next day); None where it names none.
    The English words are looked for only where "day" is: the regex engine
    cannot skip quickly to a word after \\b."""
    if match := DAY_WORDS_ZH.search(text):
        return DAY_SHIFTS_ZH[match.group()]
    if ("day" in text or "Day" in text) and (match := DAY_WORDS_EN.search(text)):
        return -1 if match["before"] else 1 if match["after"] else 0
    return None


def says_later(text: str) -> bool:
    """会谈后, 随后, later: the sentence goes on from the day just reported."""
    return bool(LATER_ZH.search(text) or (LATIN_LETTER.search(text) and LATER_EN.search(text)))


ATTENDED = re.compile(r"出席|与会|参会|\battend(?:ed|s|ing)?\b")
SUMMIT_WORDS = re.compile(r"峰会|元首理事会|首脑会议|\b[Ss]ummit\b|Council of Heads of State")
THE_SUMMIT_AGAIN = re.compile(
    r"\bthe (?:meeting|summit|gathering)\b|本次会议|此次会议|本次峰会|此次峰会"
)
ATTENDED_OR_CHAIRED = re.compile(r"出席|与会|参会|主持|\b(?:attend|chair|host)(?:ed|s|ing)?\b")
# An undated sentence that judges or intends is no report of that day's events:
# 他认为，北京有意把峰会安排在七国集团峰会同一天.
OPINION_WORDS = re.compile(
    r"此次|这次|本次|"  # 此次会晤在…峰会期间举行: the story's main event, not the last date's
    r"认为|看来|估计|猜测|或许|也许|可能|有意|打算|希望|试图|"
    r"\b(?:thinks?|believes?|argues?|may|might|could|would|intends?|hopes?|wants?)\b|"
    # What happened often or over years is no event of the story's day.
    r"多次|屡次|经常|任内|任期内|\b(?:several|many) times\b|\brepeatedly\b|\boften\b|"
    r"\bduring (?:his|her|their) (?:term|tenure)\b"
)
# A year or a month without a day: the sentence is about another time.
YEAR_ONLY = re.compile(
    r"(?<!\d)(?:19|20)\d{2}\s*年(?!\s*\d{1,2}\s*月\s*\d)|(?<![\d-])\b(?:19|20)\d{2}\b(?!-)"
)


def party_count(parties: tuple[list, set], info: dict) -> int:
    """How many sides PARTIES name: people, and countries none of them is from."""
    keys, codes = parties
    theirs = {info[key].country for key in keys if key in info and info[key].country}
    return len(keys) + len(set(codes) - theirs)


def parties_before(
    units: list[Unit], position: int, finder: PeopleFinder, hits_by_unit: dict
) -> tuple[list, set]:
    """The people and countries of the last sentence naming two parties or
    more (两国, "the two leaders") in the three paragraphs (or the
    standfirst) before UNITS[POSITION]."""
    english = finder.language != "zh"
    looked = 0
    for index in range(position - 1, -1, -1):
        unit = units[index]
        if unit.noise or unit.is_caption or unit.kind == "heading":
            continue
        if unit.kind == "headline" or looked == 3:
            break
        looked += 1
        text = unit.folded
        hits = [
            hit
            for hit in (
                finder.mentions_en(text, read_only=True)
                if english
                else finder.mentions_zh(text, read_only=True)
            )
            if hit.key
        ]
        countries = sorted(hits_by_unit.get(index, []), key=lambda hit: hit.start)
        found: tuple[list, set] = ([], set())
        two_people: list = []  # the last sentence naming two people or more
        for _offset, _sentence, in_people, in_countries in by_sentence(text, hits, countries):
            parties = parties_of(in_people, in_countries)
            if party_count(parties, finder.info) >= 2:
                found = parties
            if len(parties[0]) >= 2:
                two_people = parties[0]
        if any(found):
            # 石破茂与尹锡悦举行会谈。两人同意加强美日韩三方合作。: the two are
            # the people of the sentence before the one naming the countries.
            if len(found[0]) < 2 and two_people:
                return two_people, found[1]
            return found
    return [], set()


def by_sentence(
    text: str, people_hits: list, country_hits: list
) -> Iterator[tuple[int, str, list, list]]:
    """(offset, sentence, its people hits, its country hits) for each sentence
    of TEXT; both lists of hits are in text order."""
    people_starts = [hit.start for hit in people_hits]
    country_starts = [hit.start for hit in country_hits]
    for offset, sentence in sentences(text):
        end = offset + len(sentence)
        yield (
            offset,
            sentence,
            people_hits[
                bisect.bisect_left(people_starts, offset) : bisect.bisect_left(people_starts, end)
            ],
            country_hits[
                bisect.bisect_left(country_starts, offset) : bisect.bisect_left(country_starts, end)
            ],
        )


def parties_of(people_hits: list, country_hits: list) -> tuple[list, set]:
    """The people (keys) and countries (codes) the hits name."""
    return (
        unique(hit.key for hit in people_hits),
        {code for hit in country_hits for code in hit.codes},
    )


def leaders_of(codes: set, people: dict, order: list[str]) -> list[str]:
    """For each country in CODES, the first person of the article from it
    who holds a political title (the two leaders of two countries)."""
    found = []
    for code in sorted(codes):
        for key in order:
            info = people[key]
            if info.country == code and is_leader(info):
                found.append(key)
                break
    return found


def is_leader(info: PersonInfo) -> bool:
    return bool(info.title) and is_political_title(info.title)


def is_political_title(title: str) -> bool:
    return title in POLITICAL_TITLES or title.lower() in EN_POLITICAL_TITLES


EN_POLITICAL_TITLES = {
    "president",
    "prime minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "emir",
    "crown prince",
    "supreme leader",
    "foreign minister",
    "secretary of state",
    "top diplomat",
    "foreign policy chief",
}


def subject_after(hits: list[NameHit], subject: str | None, unit: Unit) -> str | None:
    """The subject (see find_events) once the sentences of a unit without
    events are read: the first person named in the last one naming anyone."""
    if unit.is_caption or unit.kind == "heading":
        return subject
    named = [hit for hit in hits if hit.key and not hit.quoted]
    if not named:
        return subject
    starts = [offset for offset, _sentence in sentences(unit.folded)]
    last_sentence = starts[bisect.bisect_right(starts, named[-1].start) - 1]
    return next(hit.key for hit in named if hit.start >= last_sentence)


# A closing attribution: ", [title] Name told reporters." / "，发言人佩斯科夫对记者说。"
REPORTS_AT_END_EN = re.compile(
    r"\s+(?:said|says|told|added|noted|wrote)\b[^,;:\"“”]{0,40}[.!]?\s*$"
)
REPORTS_AT_END_ZH = re.compile(r"(?:对[^，。]{1,8})?(?:说|表示|称|指出|透露)[。！]?\s*$")


def reports_at_end(sentence: str, start: int, end: int) -> bool:
    """Does the name at START:END only report the sentence, in a clause of
    its own that ends it, after a comma?"""
    comma = max(sentence.rfind(",", 0, start), sentence.rfind("，", 0, start))
    if comma < 0 or any(mark in sentence[comma:start] for mark in '“”"「」'):
        return False
    pattern = REPORTS_AT_END_ZH if is_cjk(sentence[end - 1 : end]) else REPORTS_AT_END_EN
    return pattern.match(sentence, end) is not None


# 在 or in right before a country: where something happened.
VENUE_BEFORE = re.compile(r"(?:[在于]|\b(?:in|at) )$")


# A wire story's first line opens with where (and when) it was filed:
# 新华社莫斯科4月9日电, 中央社记者王小明台北19日电, "MOSCOW, March 21 (Reuters) -",
# "HIROSHIMA, Japan (AP) —".
DATELINE = re.compile(
    r"\s*(?:[\u4e00-\u9fff]{2,6}社)?(?:记者[\u4e00-\u9fff·]{2,8})?[\u4e00-\u9fff]{2,6}"
    r"(?:\d{1,2}月)?\d{1,2}日电(?=\s)"
    r"|\s*[A-Z][A-Z.\'’ -]{2,30}(?:,\s*[A-Z][A-Za-z0-9. ]{1,30}){0,2}\s*\([A-Za-z. ]{2,20}\)\s*[-—–]"
    # "BEIJING - " (Kyodo), "SAMARKAND, Uzbekistan — " (the New York Times): no agency.
    r"|\s*[A-Z][A-Z.\'’]{2,}(?: [A-Z][A-Z.\'’]+)*(?:,\s*[A-Z][A-Za-z. ]{1,30})?\s+[-—–]\s"
)


def find_events(
    units: list[Unit],
    finder: PeopleFinder,
    hits_by_unit: dict,
    gazetteer: Gazetteer,
    language: str,
    year: int | None,
    published: datetime.date | None,
) -> list[Draft]:
    english = language != "zh"
    drafts: list[Draft] = []
    people = finder.info
    # The day the story is at (the last date a paragraph gave) and the unit
    # that gave it: an undated 会谈后/later sentence right after it is that day.
    discourse: tuple[datetime.date, int] | None = None
    # Who 他/he stands for: the first person the last sentence naming anyone
    # named (the subject, in the reports these rules read).
    subject: str | None = None
    hint = EVENT_HINT_EN if english else EVENT_HINT_ZH
    summit_named: tuple[str, int] | None = None  # the last text naming a summit, and its order
    summit_texts: list[tuple[str, int]] = []  # every text naming one, in order
    last_visit: tuple[Draft, int] | None = None  # the last visit reported, and its order
    last_summit: tuple[Draft, int] | None = None  # the last summit reported, and its order
    for position, unit in enumerate(units):
        if unit.noise or unit.kind == "heading":
            continue
        text = unit.folded
        unit_dates = find_dates(text)
        dateline = DATELINE.match(text) if unit.number <= 1 else None
        dateline_end = dateline.end() if dateline else 0
        # An English dateline writes its city in capitals: SAMARKAND, Uzbekistan.
        filed_in = (
            gazetteer.place_names_en.get(
                re.split(r"[,(]|\s[-—–]", dateline.group())[0].strip().title()
            )
            if dateline and dateline.group()[:1].isascii()
            else None
        )
        # Reading order: the standfirst, then paragraphs (headings and
        # captions are units too, but outside the story's sequence).
        order = 0 if unit.kind == "standfirst" else unit.number
        if not unit.is_caption and SUMMIT_WORDS.search(text):
            # An undated "summit hosted by India": what "the meeting" that a
            # later sentence dates may be (its organisation looked up if so).
            summit_named = (text, order)
            summit_texts.append(summit_named)
        all_hits = (
            finder.mentions_en(text, read_only=True)
            if english
            else finder.mentions_zh(text, read_only=True)
        )
        during_visit = (
            last_visit is not None
            and not unit.is_caption
            and order - last_visit[1] <= 3
            and DURING_VISIT.search(text) is not None
        )
        # …会议10日在万象举行。¶ 宋赛·西潘敦主持会议，黄循财…等出席: who
        # chaired and attended the summit of the paragraph before.
        summit_before = (
            last_summit[0]
            if last_summit is not None
            and not unit.is_caption
            and 1 <= order - last_summit[1] <= 2
            and ATTENDED_OR_CHAIRED.search(text)
            else None
        )
        if (
            not unit_dates
            and not during_visit
            and summit_before is None
            and not (
                discourse
                and not unit.is_caption
                and unit.kind in ("standfirst", "paragraph")
                and hint.search(text)
                and (
                    order - discourse[1] <= 3
                    or (order - discourse[1] <= 6 and day_named(text) is not None)
                )
            )
        ):
            subject = subject_after(all_hits, subject, unit)
            continue  # no date, no event
        name_hits = [hit for hit in all_hits if hit.key]  # in text order
        pronoun_hits = [hit for hit in all_hits if hit.pronoun and not hit.quoted]
        country_hits = sorted(hits_by_unit.get(position, []), key=lambda hit: hit.start)
        quotes = (
            [(span.start, span.end) for span in quote_spans(text)] if not unit.is_caption else []
        )
        # "The two leaders met…" may name its parties in the unit before.
        previous_parties: tuple[list, set] = (
            parties_before(units, position, finder, hits_by_unit)
            if refers_back(text)
            else ([], set())
        )
        previous_people = list(previous_parties[0])  # the last people named, for 两人
        previous_dated = False
        unit_summit: Draft | None = summit_before  # the last summit this unit reported
        for offset, sentence, sentence_people, sentence_countries in by_sentence(
            text, name_hits, country_hits
        ):
            end = offset + len(sentence)
            if offset < dateline_end:
                # 中央社记者陈怡君檀香山30日电: the reporter is no party.
                sentence_people = [hit for hit in sentence_people if hit.start >= dateline_end]
            # 他又与王毅会面: 他 is the subject named before (unless the
            # sentence named someone first: "Mr Xi visited…, where he met…").
            pronoun = next(
                (hit for hit in pronoun_hits if offset <= hit.start < end and subject), None
            )
            if (
                pronoun
                and subject not in {hit.key for hit in sentence_people}
                and not any(hit.start < pronoun.start for hit in sentence_people)
            ):
                sentence_people = sorted(
                    [*sentence_people, NameHit(pronoun.start, pronoun.end, subject)],
                    key=lambda hit: hit.start,
                )
            if sentence_people and not unit.is_caption:
                subject = sentence_people[0].key
            # "…agreed to expand trade, Kremlin spokesman Dmitry Peskov told
            # reporters": who reports the event is no party to it.
            sentence_people = [
                hit
                for hit in sentence_people
                if not reports_at_end(sentence, hit.start - offset, hit.end - offset)
            ]
            if (
                unit_summit is not None
                and sentence_people
                # (a dated sentence after the summit's paragraph tells of another day)
                and (
                    unit_summit is not summit_before
                    or attends_summit_later(sentence, offset, unit_dates, unit_summit, gazetteer)
                )
                and ATTENDED_OR_CHAIRED.search(sentence)
                and (THE_SUMMIT_AGAIN.search(sentence) or not event_words(sentence, english))
            ):
                # …会议7月4日在阿斯塔纳举行。托卡耶夫主持会议，习近平、普京等出席。 /
                # "Lula hosted the meeting, which was attended by…": who chaired
                # and attended the summit just reported.
                keys = [hit.key for hit in sentence_people]
                unit_summit.participants = unique([*unit_summit.participants, *keys])
                unit_summit.countries |= {c for hit in sentence_countries for c in hit.codes}
                unit_summit.countries |= {people[k].country for k in keys if people[k].country}
                unit_summit.evidence.append(sentence.strip())
                continue
            # 就巴以冲突交换意见: what the talks were about, not who held them.
            sentence_countries = [
                hit
                for hit in sentence_countries
                if not TOPIC_BEFORE.search(text, max(0, hit.start - 3), hit.start)
            ]
            parties = parties_of(sentence_people, sentence_countries)
            # "The two countries signed…" names its parties one sentence back.
            if any(parties) and (not any(previous_parties) or party_count(parties, people) >= 2):
                earlier, previous_parties = previous_parties, parties
            else:
                earlier = previous_parties
            # The last two people named, for 两人/两国元首: both of one
            # sentence, or the leaders of two (普京…抵达。习近平同日抵达。两国元首…).
            leaders = [key for key in parties[0] if is_leader(people[key])]
            earlier_people, previous_people = (
                previous_people,
                parties[0]
                if len(parties[0]) >= 2
                else unique([*previous_people, *leaders])[-2:]
                if leaders
                else previous_people,
            )
            # The unit's dates that fall in this sentence, as offsets in it.
            dates = [hit.shifted(offset) for hit in unit_dates if offset <= hit.start < end]
            if offset < dateline_end and any(hit.start >= dateline_end - offset for hit in dates):
                # "WELLINGTON, June 13 (Reuters) - Li arrived … on Thursday": the
                # day it was filed gives way to the sentence's own.
                dates = [hit for hit in dates if hit.start >= dateline_end - offset]
            dated_before, previous_dated = previous_dated, bool(dates)
            talks: Draft | None = None  # the talks an undated joint statement follows
            if not dates and during_visit and DURING_VISIT.search(sentence):
                # 访问期间，两国元首签署了联合声明: in the days of the visit just reported.
                first, last = last_visit[0].start, last_visit[0].end
                dates = [
                    DateHit(
                        0, 0, first.year, first.month, first.day, last.year, last.month, last.day
                    )
                ]
            if not dates:
                # The story's day as the sentences before this one left it:
                # within three paragraphs, or six where the sentence says so
                # (日本首相同日抵达基辅, after some paragraphs of comment).
                named_day = day_named(sentence)
                shift = named_day or 0
                recent = (
                    discourse
                    if discourse
                    and unit.kind in ("standfirst", "paragraph")
                    and order - discourse[1] <= (3 if named_day is None else 6)
                    else None
                )
                if (
                    recent is None
                    or unit.is_caption
                    or not (
                        dated_before
                        or named_day is not None
                        or says_later(sentence)
                        or (talks := talks_stated_on(sentence, drafts, recent[0]))
                    )
                    or YEAR_ONLY.search(sentence)
                    or says_future(sentence)
                    or OPINION_WORDS.search(sentence)
                    or not event_words(sentence, english)
                ):
                    continue
                # 会谈后，两国元首共同签署联合声明: the day the story is at
                # (此前一天: the one before).
                day = recent[0] + datetime.timedelta(days=shift)
                dates = [DateHit(0, 0, day.year, day.month, day.day)]
            spans = []
            future = says_future(sentence)
            for hit in dates:
                if any(start <= offset + hit.start < stop for start, stop in quotes):
                    continue
                if future and dates_the_saying(sentence, hit):
                    continue  # "…will visit Russia next week, the ministry said on Wednesday"
                resolved = resolve_date(hit, year, published, future)
                if resolved:
                    spans.append((hit, resolved))
            every_day = spans  # weekdays and all, for the day a summit closes
            explicit = [item for item in spans if not item[0].weekday]
            spans = explicit or spans[:1]
            if not spans:
                continue
            first, last = spans[0][1]
            if unit.kind in ("standfirst", "paragraph") and first == last:
                discourse = (first, order)
            kinds = event_words(sentence, english)
            if not (
                kinds
                or unit.is_caption
                or (sentence_people and explicit and OTHER_EVENT_VERBS.search(sentence))
                or acted_together(sentence, sentence_people)
                or SIGNED_AGREEMENT.search(sentence)
            ):
                continue
            place_list, organisations = places_and_organisations(sentence, gazetteer)
            if offset < dateline_end:
                # Where the story was filed (新华社莫斯科4月9日电, "MOSCOW (Reuters) -")
                # is the venue only where the sentence names no other place.
                filed = [item for item in place_list if offset + item[0] < dateline_end]
                if filed_in and not filed:
                    filed = [(0, filed_in)]
                place_list = [item for item in place_list if item not in filed] + filed
            # Where something happened is the place after 在/in; a capital
            # with no such word may be its government (北京希望, Moscow said).
            located = [(where, slug) for where, slug in place_list if is_locative(sentence, where)]
            sentence_place = (located or place_list)[0][1] if place_list else None
            found_kind = False
            years = [
                match.start()
                for match in YEAR_ONLY.finditer(sentence)
                if not any(hit.start <= match.start() < hit.end for hit, _span in spans)
            ]
            for word, kind, at in kinds:
                # A call has its parties as a meeting has, and is kind "other".
                call = kind == "call"
                kind = "meeting" if call else kind
                organisation = organisations[0] if organisations else None
                if (
                    kind == "meeting"
                    and not call
                    and organisation is None
                    and summit_named is not None
                    and order - summit_named[1] <= 2
                    and THE_SUMMIT_AGAIN.search(sentence)
                    and len({hit.key for hit in sentence_people}) >= 3
                    and (named := places_and_organisations(summit_named[0], gazetteer)[1])
                ):
                    # "…at a virtual summit hosted by India. Modi chaired the
                    # meeting on Tuesday, which was attended by…": that summit.
                    kind, organisation = "summit", named[0]
                if (
                    word.lower() in ("gathered", "convened")
                    and not organisations
                    and not refers_back(sentence)  # "the three leaders gathered on Monday"
                ):
                    continue
                found_kind = True
                if years and min(abs(year - at) for year in years) < min(
                    abs(hit.start - at) for hit, _span in spans
                ):
                    continue  # "the talks of 1996 … founded on 15 June 2001"
                # The date nearest before the event word (else after) is its date.
                first, last = with_duration(sentence, at, *nearest_date(spans, at))
                if kind == "summit":
                    last = closing_day(sentence, every_day, first, last)
                clause_from, clause_to = event_clause(sentence, at)
                in_clause = [
                    slug
                    for where, slug in sorted(
                        place_list, key=lambda item: not is_locative(sentence, item[0])
                    )
                    if clause_from <= where < clause_to
                ]
                place = in_clause[0] if in_clause else sentence_place
                people_here = unique(
                    hit.key
                    for hit in sentence_people
                    if clause_from <= hit.start - offset < clause_to
                )
                if kind != "meeting" or len(people_here) < 2:
                    # A summit's or visit's people are the sentence's people, but
                    # for those of a clause on another matter ("The two ministers
                    # last met on Oct. 18, when Putin attended the forum").
                    aside = (
                        clause_to
                        if kind == "meeting" and SIDE_CLAUSE_EN.match(sentence, clause_to)
                        else len(sentence)
                    )
                    people_here = unique(
                        hit.key for hit in sentence_people if hit.start - offset < aside
                    )
                codes = set()
                for hit in sentence_countries:
                    if clause_from <= hit.start - offset < clause_to:
                        codes.update(hit.codes)
                if kind == "summit" and ATTENDED.search(sentence):
                    # …主持峰会，哈萨克斯坦、吉尔吉斯斯坦…五国总统出席: every country
                    # the sentence names took part.
                    codes.update(code for hit in sentence_countries for code in hit.codes)
                if place and place in gazetteer.places and kind != "meeting":
                    codes.add(gazetteer.places[place].country)
                for key in people_here:
                    if people[key].country:
                        codes.add(people[key].country)
                draft = Draft(
                    kind,
                    first,
                    last,
                    place=place,
                    countries=codes,
                    participants=people_here,
                    organisation=organisation,
                    evidence=[sentence.strip()],
                )
                if kind == "meeting":
                    named_before = False
                    if len(people_here) < 2 and earlier_people and refers_back(sentence):
                        # "The two leaders met…": the people named just before.
                        people_here = unique(list(earlier_people) + people_here)
                        if len(people_here) < 2:
                            # …or the article's people of the countries named there.
                            people_here = unique(
                                people_here + leaders_of(earlier[1], people, finder.order)
                            )
                        draft.participants = people_here
                        codes |= {people[k].country for k in people_here if people[k].country}
                        named_before = True
                    visitors = {people[k].country for k in people_here if people[k].country}
                    # 在乌兹别克的撒马尔罕, 在老挝万象: where they met is not a party.
                    host = gazetteer.places[place].country if place in gazetteer.places else None
                    if host is None:
                        host = next(
                            (
                                code
                                for hit in sentence_countries
                                if VENUE_BEFORE.search(sentence, 0, hit.start - offset)
                                for code in hit.codes
                            ),
                            None,
                        )
                        # 在俄罗斯远东的东方航天发射场举行会晤: in Russia, at no place we know.
                        draft.country = host
                    parties = max(
                        len(people_here),
                        len(
                            visitors
                            | {
                                c
                                for h in sentence_countries
                                if clause_from <= h.start - offset < clause_to
                                for c in h.codes
                                if (c != host or c in visitors) and not named_before
                            }
                        ),
                    )
                    draft.kind = "bilateral_meeting" if parties <= 2 and not call else "other"
                    if (word.startswith("received") or word in ("交谈", "战略对话")) and len(
                        {hit.key for hit in sentence_people}
                    ) < 2:
                        # "received US support", 这是双方首次交谈, 出席中欧战略对话:
                        # nobody received or spoken with in person in this sentence.
                        continue
                    if len(people_here) < 2 and len(codes) < 2:
                        # 两国元首…举行会晤，中俄关系…: the parties are in the sentence.
                        codes |= {code for hit in sentence_countries for code in hit.codes}
                        if len(codes) < 2:
                            continue
                if (
                    kind == "joint_statement"
                    and (draft.participants or draft.countries)
                    and party_count((draft.participants, draft.countries), people) < 2
                    and refers_back(sentence)
                ):
                    # 这是普京…出访哈萨克斯坦，两国元首…签署了联合声明: both sides.
                    draft.participants = unique(draft.participants + list(earlier[0]))
                    draft.countries |= set(earlier[1]) | {
                        people[key].country for key in draft.participants if people[key].country
                    }
                if not draft.participants and not draft.countries:
                    if refers_back(sentence):
                        draft.participants = unique(
                            [*earlier[0], *(k for k in earlier_people if is_leader(people[k]))]
                        )
                        if len(draft.participants) == 1 and len(earlier[1]) >= 2:
                            # 托卡耶夫表示，哈方…愿同中方…。两国元首…发表联合声明: the
                            # other side's leader too.
                            draft.participants = unique(
                                draft.participants + leaders_of(earlier[1], people, finder.order)
                            )
                        draft.countries = set(earlier[1])
                        draft.countries |= {
                            people[key].country for key in draft.participants if people[key].country
                        }
                    if kind == "summit" and not draft.organisation:
                        # "The summit ends on Thursday": the one reported already.
                        summits = [d for d in drafts if d.kind == "summit" and d.organisation]
                        if summits:
                            draft.organisation = summits[-1].organisation
                    if kind == "summit" and draft.organisation and not draft.place:
                        # "The SCO summit will be held on Thursday", after "Xi
                        # arrived in Astana for the SCO summit": there.
                        draft.place = summit_venue(
                            draft.organisation,
                            draft.start.year,
                            summit_texts,
                            order,
                            text,
                            gazetteer,
                        )
                        if draft.place:
                            draft.country = gazetteer.places[draft.place].country
                            draft.countries.add(draft.country)
                    if (
                        not draft.participants
                        and not draft.countries
                        and not draft.place
                        and not (kind == "summit" and draft.organisation)
                    ):
                        continue
                if kind == "state_visit":
                    # The visitors are named before the visit word; the host's
                    # leader may come after (访问哈萨克斯坦，并与托卡耶夫举行会谈).
                    # 应国家主席习近平邀请，…: who invited is the host, not a guest.
                    invited_by = [match.span() for match in INVITED_BY.finditer(sentence, 0, at)]
                    guests = [
                        hit.key
                        for hit in sentence_people
                        if hit.start - offset < at
                        and not any(a <= hit.start - offset < b for a, b in invited_by)
                    ]
                    if sentence.startswith("的", at + len(word)) or (
                        word.lower() == "visiting"
                        and VISITING_GUEST.match(sentence, at + len(word))
                    ):
                        # 会见来华…进行国事访问的印尼总统佐科, "received visiting US
                        # Secretary of State Antony Blinken": the one after is the
                        # guest; whoever received them, the host.
                        hosts = guests
                        guests = [hit.key for hit in sentence_people if hit.start - offset > at]
                        people_here = draft.participants = unique([*guests, *hosts])
                    visitors = {
                        people[key].country for key in guests or people_here if people[key].country
                    }
                    if guests and invited_by:
                        draft.participants = unique([*guests, *draft.participants])
                    host = visit_host(
                        sentence, at, word, sentence_countries, offset, gazetteer, place, visitors
                    )
                    draft.country = host
                    if word.startswith(("arrived", "travel", "flew")) and (
                        host is None or host in visitors
                    ):
                        continue  # home again: "Putin arrived in Moscow"
                    if host:
                        draft.countries.add(host)
                        if place in gazetteer.places and gazetteer.places[place].country != host:
                            draft.place = None  # 离开北京，前往哈萨克斯坦进行国事访问
                    if not people_here and not host:
                        continue
                if talks is not None and kind == "joint_statement":
                    # "The two sides issued a joint statement": the talks' parties
                    # (not the countries it is about).
                    draft.participants = unique([*talks.participants, *draft.participants])
                    draft.countries = set(talks.countries) | {
                        people[key].country for key in draft.participants if people[key].country
                    }
                if during_visit and not draft.participants and refers_back(sentence):
                    draft.participants = list(last_visit[0].participants)  # 访问期间，两国元首…
                drafts.append(draft)
                if draft.kind == "summit":
                    unit_summit = draft
                    last_summit = (draft, order)
                if draft.kind == "state_visit":
                    last_visit = (draft, order)
            if not found_kind and unit.is_caption:
                # Agency captions: "习近平，哈萨克斯坦，2022年9月14日".
                draft = caption_visit(
                    sentence,
                    sentence_people,
                    sentence_countries,
                    offset,
                    sentence_place,
                    people,
                    gazetteer,
                    first,
                    last,
                )
                if draft:
                    drafts.append(draft)
            elif (
                not found_kind
                and sentence_people
                and (
                    (OTHER_EVENT_VERBS.search(sentence) and explicit)
                    or (acted_together(sentence, sentence_people) and not future)
                )
            ):
                codes = {code for hit in sentence_countries for code in hit.codes}
                codes |= {people[hit.key].country for hit in sentence_people} - {None}
                drafts.append(
                    Draft(
                        "other",
                        first,
                        last,
                        place=sentence_place,
                        countries=codes,
                        participants=unique(hit.key for hit in sentence_people),
                        organisation=organisations[0] if organisations else None,
                        evidence=[sentence.strip()],
                    )
                )
            elif (
                not found_kind
                and not unit.is_caption
                and not future
                and (signed := SIGNED_AGREEMENT.search(sentence))
                # 外交部8日表示，反对日菲签署协定: the day it was spoken of.
                and not SPOKEN_OF_BEFORE.search(sentence, 0, signed.start())
            ):
                # "Japan and the Philippines signed a defence pact on Monday":
                # the countries of the clause that signed, with nobody named.
                clause_from, clause_to = event_clause(sentence, signed.start())
                codes = {
                    code
                    for hit in sentence_countries
                    if clause_from <= hit.start - offset < clause_to
                    for code in hit.codes
                }
                if len(codes) >= 2:
                    drafts.append(
                        Draft(
                            "other",
                            first,
                            last,
                            place=sentence_place,
                            countries=codes,
                            participants=unique(hit.key for hit in sentence_people),
                            evidence=[sentence.strip()],
                        )
                    )
    return drafts


SPOKEN_OF_BEFORE = re.compile(
    r"表示|说|称|反对|批评|谴责|欢迎|"
    r"\b(?:said|says|opposed|critici[sz]ed|condemned|welcomed|reported)\b"
)
# Two leaders who announce or agree something together, on a day however named.
JOINT_ACTION = re.compile(
    r"共同宣布|宣布|同意|一致同意|达成|\b(?:jointly\s+)?(?:announced|agreed|unveiled|launched)\b"
)


def acted_together(sentence: str, people: list[NameHit]) -> bool:
    """ "Xi and Orbán announced a partnership on Thursday": two people named
    first in the sentence, then what they did together."""
    if len({hit.key for hit in people}) < 2 or (action := JOINT_ACTION.search(sentence)) is None:
        return False
    first, second = people[0], next(hit for hit in people if hit.key != people[0].key)
    between = sentence[first.end : second.start] if second.start > first.end else "x"
    return second.end <= action.start() and bool(JOINT_BETWEEN.fullmatch(between))


# "Iwaya and his Chinese counterpart Wang Yi agreed": and, then who the second is.
JOINT_BETWEEN = re.compile(r"\s*(?:和|与|同|及|and|&)(?:\s*[^,，。.;；:：]{0,40})?")
# Signed an agreement: 签署了…协议, "signed a defence pact".
SIGNED_AGREEMENT = re.compile(
    r"(?:签署|签订|签字)了?[^，。,；;]{0,16}?(?:协议|协定|条约|备忘录)"
    r"|\b(?:signed|inked)\s+(?:an?\s+|the\s+)?[\w\s-]{0,30}?"
    r"(?:pact|agreement|treaty|accord|deal|memorandum)\b"
)


# "为期三天的峰会", "a three-day summit": how many days an event lasts.
DURATION = re.compile(
    r"为期\s*(?P<zh>[两二三四五六七]|\d)\s*[天日]"
    r"|\b(?P<en>two|three|four|five|six|seven|[2-7])-day\b",
    re.IGNORECASE,
)
DAY_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
DAY_COUNTS |= {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# The dated day is the last one: 峰会周四闭幕, the summit closed on Thursday.
CLOSING_WORDS = re.compile(
    r"闭幕|落幕|结束|收官|最后一天|\b(?:closed|ended|concluded|wrapped up|(?:the )?(?:final|last) day)\b"
)


def with_duration(sentence: str, at: int, first: datetime.date, last: datetime.date):
    """FIRST and LAST widened to the length the sentence gives the one-day
    event whose word is at AT: 为期三天的国事访问, "a three-day visit" (not
    "met on Tuesday, the final day of his three-day visit")."""
    if first != last or not (match := DURATION.search(sentence)):
        return first, last
    if not 0 <= at - match.end() <= 12:
        return first, last
    count = match["zh"] or match["en"].lower()
    days = int(count) if count.isdigit() else DAY_COUNTS[count]
    if CLOSING_WORDS.search(sentence):
        return last - datetime.timedelta(days=days - 1), last
    return first, first + datetime.timedelta(days=days - 1)


CLOSES = re.compile(
    r"\s*(?:闭幕|落幕|结束)|\s*(?:and\s+)?(?:will\s+)?(?:close|closes|closed|end|ends|ended)\b"
)
CLOSES_BEFORE = re.compile(r"\b(?:close|closes|closed|end|ends|ended)\s+(?:on\s+)?$")


def closing_day(sentence: str, spans: list, first: datetime.date, last: datetime.date):
    """LAST, or the later day the sentence says the summit closes on (16日开幕，
    将于17日闭幕; "opened on Wednesday and will close on Friday")."""
    for hit, (day, _end) in spans:
        if (
            first < day <= first + datetime.timedelta(days=7)
            and day > last
            and (
                CLOSES.match(sentence, hit.end)
                or CLOSES_BEFORE.search(sentence, max(0, hit.start - 20), hit.start)
            )
        ):
            last = day
    return last


def nearest_date(spans: list, at: int) -> tuple[datetime.date, datetime.date]:
    before = [item for item in spans if item[0].start <= at]
    chosen = before[-1] if before else min(spans, key=lambda item: item[0].start - at)
    first, last = chosen[1]
    if (last - first).days > 31:
        last = first  # a range that long is no single event
    return first, last


CLAUSE_END = re.compile("[,，。;；]")


def event_clause(sentence: str, at: int) -> tuple[int, int]:
    """The clause around an event word, between commas and full stops."""
    breaks = ",，。;；"
    start = max(sentence.rfind(mark, 0, at) for mark in breaks) + 1
    following = CLAUSE_END.search(sentence, at)
    return start, following.start() if following else len(sentence)


def unique(items: Iterable) -> list:
    """ITEMS without repeats or empty ones, in order."""
    result = dict.fromkeys(items)
    result.pop(None, None)
    result.pop("", None)
    return list(result)


EVENT_PATTERNS_EN = [
    (re.compile(r"\b(?:" + pattern + r")", re.IGNORECASE), kind) for pattern, kind in EVENT_WORDS_EN
]
EVENT_HINT_ZH = re.compile("|".join(re.escape(word) for word, _kind in EVENT_WORDS_ZH))
EVENT_HINT_EN = re.compile(
    "|".join(r"\b(?:" + p + ")" for p, _kind in EVENT_WORDS_EN), re.IGNORECASE
)


def occurrences(text: str, word: str, start: int = 0) -> Iterator[int]:
    """Where WORD occurs in TEXT from START, without overlaps: what finditer
    of the escaped word finds, for less than the cost of a regex."""
    at = text.find(word, start)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


EN_DATED_BY = re.compile(
    r"(?:\b(?:(?:a|one|the) day (?:before|after)|ahead of|on the eve of|since)|^\s*after)\s+"
    r"(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# …峰会结束后，习近平返回北京 / 自两人在加州会晤以来: the clause only says when
# the next thing happened (unless it dates the event itself: 9月16日峰会闭幕后，…).
AFTER_IT = re.compile(r"(?:(?:结束|闭幕|落幕)?之?后\s*[,，]|以来)")
# 拉夫罗夫在(与王毅)会谈后表示: when he spoke, not talks of his own (but 习近平与
# 普京举行会谈后表示 reports the talks).
IN_TIME_OF = re.compile(r"在[^，,。在]{0,8}$")
AFTER_IT_SPEAKING = re.compile(
    r"(?:结束|闭幕|落幕)?之?后\s*(?:表示|说|称|指出|强调|透露|介绍|告诉)"
)
# A day named: 16日, 16号, 周四 (11月 alone dates nothing to the day).
DAY_NAMED = re.compile(r"\d\s*[日号]|(?:周|星期)[一二三四五六日天]")


def dated_before(sentence: str, index: int) -> bool:
    """Does a day stand in SENTENCE's clause before INDEX (9月16日峰会…)?"""
    begin = max(sentence.rfind(mark, 0, index) for mark in ",，。;；") + 1
    return DAY_NAMED.search(sentence, begin, index) is not None


# The numbered meetings of a group's leaders are its summits (but 两国领导人
# 第三次会晤 is a meeting of two).
SUMMIT_SERIES_ZH = re.compile(
    r"(?<!两国)(?<!双方)(?<!两位)领导人第[\d一二三四五六七八九十百]+次$"
    r"|第[\d一二三四五六七八九十百]+次[^，。,;；]{0,12}(?<!两国)(?<!双方)领导人$"
)


def attends_summit_later(
    sentence: str, offset: int, unit_dates: list[DateHit], summit: Draft, gazetteer: Gazetteer
) -> bool:
    """May SENTENCE, a paragraph or two after SUMMIT was reported, tell who
    chaired or attended it? Not if it is dated (another day), about what will
    come, or set elsewhere (Xi will host Macron in Beijing)."""
    end = offset + len(sentence)
    if any(offset <= hit.start < end for hit in unit_dates) or says_future(sentence):
        return False
    if summit.place is None:
        return True
    places = places_and_organisations(sentence, gazetteer)[0]
    return all(slug == summit.place for where, slug in places if is_locative(sentence, where))


def summit_venue(
    organisation: str,
    year: int,
    summit_texts: list[tuple[str, int]],
    order: int,
    text: str,
    gazetteer: Gazetteer,
) -> str | None:
    """Where an earlier paragraph (up to six back) put ORGANISATION's summit:
    the place (after in, at, 在, 抵达) of the last one naming both, and no
    other YEAR (last year's summit was elsewhere)."""
    for earlier, earlier_order in reversed(summit_texts):
        if order - earlier_order > 6:
            break
        if earlier is text or any(int(found) != year for found in FOUR_DIGIT_YEAR.findall(earlier)):
            continue
        places, organisations = places_and_organisations(earlier, gazetteer)
        located = [slug for where, slug in places if is_locative(earlier, where)]
        if organisation in organisations and located:
            return located[0]
    return None


FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
ARRIVED_FOR_EN = re.compile(
    r"\b(?:arrived|landed|travell?ed|flew|left|departed)\b[^.;]{0,80}?\b(?:for|to attend)\b[^.;]*$"
)
ARRIVED_FOR_ZH = re.compile(
    r"(?:抵达|到达|飞抵|启程)[^。；;]{0,30}?[，,]\s*(?:出席|参加)[^。；;]*$"
)


def event_words(sentence: str, english: bool) -> list[tuple[str, str, int]]:
    found = []
    taken: list[tuple[int, int]] = []
    hint = (EVENT_HINT_EN if english else EVENT_HINT_ZH).search(sentence)
    if hint is None:
        return []
    if english:
        matches = (
            (match.group(), kind, *match.span())
            for pattern, kind in EVENT_PATTERNS_EN
            for match in pattern.finditer(sentence, hint.start())
        )
    else:
        matches = (
            (word, kind, start, start + len(word))
            for word, kind in EVENT_WORDS_ZH
            for start in occurrences(sentence, word, hint.start())
        )
    for word, kind, start, end in matches:
        if (
            kind == "meeting"
            and not english
            and SUMMIT_SERIES_ZH.search(sentence, max(0, start - 24), start)
        ):
            kind = "summit"  # 金砖国家领导人第十六次会晤, 第24次中国－欧盟领导人会晤
        if kind == "summit" and (ARRIVED_FOR_EN if english else ARRIVED_FOR_ZH).search(
            sentence, 0, start
        ):
            # "arrived in Astana on Tuesday for the summit", 抵达阿斯塔纳，出席…峰会:
            # the day of the arrival, not of the summit (whose words are no meeting).
            taken.append((start, end))
            continue
        if (
            sentence.startswith(("前一天", "前一日", "次日", "第二天", "翌日"), end)
            or (not english and AFTER_IT.match(sentence, end) and not dated_before(sentence, start))
            or (
                not english
                and AFTER_IT_SPEAKING.match(sentence, end)
                and IN_TIME_OF.search(sentence, max(0, start - 9), start)
            )
            or (english and EN_DATED_BY.search(sentence, max(0, start - 60), start))
        ):
            # 峰会前一天, 峰会结束后，…, "a day before the summit", "after the
            # summit,": it only dates another event.
            continue
        if not taken or all(end <= s or start >= e for s, e in taken):
            found.append((word, kind, start))
            taken.append((start, end))
    # One event per kind and sentence: 会晤 and 会见 in one sentence are one
    # meeting; of two words of one kind the one listed first (国事访问 before
    # 访问) stands for it, as it is the more specific.
    chosen: dict[str, tuple[str, str, int]] = {}
    for item in found:  # in the order of the word lists
        chosen.setdefault(item[1], item)
    return sorted(chosen.values(), key=lambda item: item[2])


# Issued or signed, not "this joint statement" spoken of.
ISSUED_JOINT_STATEMENT = re.compile(
    r"(?:发表|签署|发布|通过)了?(?:一份)?(?:[^，。,；;“”「」]{0,12})?联合声明"
    r"|\b(?:issued|signed|released|adopted|agreed)\s+(?:a|the)\s+joint (?:statement|declaration)\b",
    re.IGNORECASE,
)
QUOTED_PART = re.compile(r"“[^”]*”|「[^」]*」|『[^』]*』|\"[^\"]*\"")


SIDE_CLAUSE_EN = re.compile(r"[,;]\s*(?:when|where|while|as|after|before|since)\b")
SAID_ON_EN = re.compile(
    r"\b(?:said|says|told\s+(?:[\w.]+\s+){0,3}?|announced|confirmed)\s*(?:on\s+|late\s+|early\s+)?$"
)
SAID_AFTER_ZH = re.compile(
    r"\s*(?:上午|下午|晚间|晚上|早些时候)?\s*(?:在[^，。,]{1,20}?[上中时])?"
    r"(?:表示|说|称|宣布|透露|证实|发表声明)"
)


def dates_the_saying(sentence: str, hit: DateHit) -> bool:
    """Does date HIT say when something was said (the ministry said on
    Wednesday, 外交部周三表示), not when what is said will happen?"""
    return bool(
        SAID_AFTER_ZH.match(sentence, hit.end)
        or SAID_ON_EN.search(sentence, max(0, hit.start - 60), hit.start)
    )


def talks_stated_on(sentence: str, drafts: list[Draft], day: datetime.date) -> Draft | None:
    """ "The two sides issued a joint statement", undated, right after the
    talks of DAY were reported: those talks (the statement is theirs, that day)."""
    if not (
        drafts
        and drafts[-1].kind in ("bilateral_meeting", "state_visit")
        and drafts[-1].start <= day <= drafts[-1].end
    ):
        return None
    said = QUOTED_PART.sub("", sentence)  # what someone says of a statement is no statement
    if ISSUED_JOINT_STATEMENT.search(said) and refers_back(said):
        return drafts[-1]
    return None


# 访问期间, "during the visit": the days of the visit just reported.
DURING_VISIT = re.compile(
    r"(?:国事访问|访问|访华|出访|到访)期间|\b[Dd]uring (?:the|his|her|their) (?:state )?visit\b"
)
# 应国家主席习近平邀请, "at the invitation of President Xi Jinping".
INVITED_BY = re.compile(r"应[^，,。；;]{1,40}?邀请|\b[Aa]t the invitation of\b[^,;.]{1,80}")


def visit_host(
    sentence: str,
    at: int,
    word: str,
    country_hits: list,
    offset: int,
    gazetteer: Gazetteer,
    place: str | None,
    visitors: set,
) -> str | None:
    """The country visited: named after the visit word (访问哈萨克斯坦), else
    the nearest other country in the sentence (对哈萨克斯坦进行国事访问), else
    the place's country. Of a tour's countries (抵达柏林，开始对德国、法国和
    西班牙的访问), the one the sentence's place is in."""
    after = [
        hit for hit in country_hits if at + len(word) <= hit.start - offset <= at + len(word) + 6
    ]
    if after and after[0].codes and after[0].codes[0] not in visitors:
        return after[0].codes[0]
    before = [
        hit.codes[0]
        for hit in country_hits
        if hit.start - offset < at and hit.codes and hit.codes[0] not in visitors
    ]
    where = gazetteer.places[place].country if place and place in gazetteer.places else None
    if before:
        return where if where in before else before[-1]
    return where


def caption_visit(
    sentence, people_hits, country_hits, offset, place, people, gazetteer, first, last
) -> Draft | None:
    parts = [part.strip() for part in re.split(r"[,，、]", sentence.strip(" 。.")) if part.strip()]
    if not 2 <= len(parts) <= 4 or len(sentence) > 60:
        return None
    keys = unique(hit.key for hit in people_hits)
    codes = unique(code for hit in country_hits for code in hit.codes)
    where = (gazetteer.places[place].country if place and place in gazetteer.places else None) or (
        codes[0] if len(codes) == 1 else None
    )
    if len(keys) != 1 or where is None:
        return None
    visitor = people[keys[0]]
    kind = "state_visit" if visitor.country and visitor.country != where else "other"
    return Draft(
        kind,
        first,
        last,
        place=place,
        country=where,
        countries={where} | ({visitor.country} if visitor.country else set()),
        participants=keys,
        evidence=[sentence.strip()],
    )


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    merged: list[Draft] = []
    for draft in drafts:
        for other in merged:
            if other.kind != draft.kind:
                continue
            # A summit's days come one sentence at a time ("gathered on
            # Wednesday", "ends on Thursday"): next days join up.
            slack = datetime.timedelta(days=1 if draft.kind == "summit" else 0)
            if draft.start > other.end + slack or other.start > draft.end + slack:
                continue
            if draft.place and other.place and draft.place != other.place:
                continue
            if (
                draft.kind == "summit"
                and draft.organisation
                and other.organisation
                and draft.organisation != other.organisation
            ):
                continue
            if (
                draft.kind == "bilateral_meeting"
                and len(draft.participants) >= 2
                and len(other.participants) >= 2
                and set(draft.participants) != set(other.participants)
            ):
                continue  # Putin–Modi and Putin–Erdogan: two meetings, one day
            if draft.kind in ("bilateral_meeting", "other"):
                if (
                    draft.participants
                    and other.participants
                    and not set(draft.participants) & set(other.participants)
                ):
                    continue
                if not (set(draft.participants) & set(other.participants)) and not (
                    draft.countries & other.countries
                ):
                    continue
                if (
                    draft.kind == "other"
                    and set(draft.participants) != set(other.participants)
                    and draft.participants
                    and other.participants
                ):
                    continue
            other.start, other.end = min(other.start, draft.start), max(other.end, draft.end)
            other.place = other.place or draft.place
            other.country = other.country or draft.country
            other.countries |= draft.countries
            other.participants = unique(other.participants + draft.participants)
            other.organisation = other.organisation or draft.organisation
            other.evidence += draft.evidence
            break
        else:
            merged.append(draft)
    # An event with no place, on the day some of its people met somewhere,
    # was there too (中俄蒙元首会晤 after the Xi–Putin meeting in Samarkand).
    for event in merged:
        if event.place or event.country or not event.participants:
            continue
        for other in merged:
            if (
                other is not event
                and other.place
                and other.start == event.start
                and set(other.participants) & set(event.participants)
            ):
                event.place, event.country = other.place, other.country
                break
    # A visit places the visitor's other events of its days that say nowhere:
    # in the country visited (a visit of several days may see several cities).
    for visit in merged:
        if visit.kind != "state_visit" or not visit.country:
            continue
        for other in merged:
            if other is visit or other.place or other.country:
                continue
            if visit.start <= other.start <= visit.end and set(other.participants) & set(
                visit.participants
            ):
                other.country = visit.country
    return merged


def event_key(draft: Draft) -> str:
    if draft.place:
        where = draft.place
    elif draft.countries:
        where = "+".join(sorted(draft.countries))
    else:
        where = "+".join(sorted(draft.participants))
    return f"{draft.kind}:{draft.start.isoformat()}:{draft.end.isoformat()}:{where}"[:300]


MEETING_WORDS = re.compile(r"会晤|会见|会面|会谈|见面|\b(?:met|meeting|talks)\b")
GIST_LENGTH = {"zh": 48, "en": 96}  # characters
TIME_OF_DAY = re.compile(r"^\s*(?:上午|下午|晚上|晚间|傍晚|晚|早上|清晨|凌晨|中午)")


def gist(sentence: str) -> str:
    """SENTENCE without the dateline or date it opens with, cut to GIST_LENGTH
    characters (Chinese says in 48 what English says in about twice as many)."""
    text = sentence.strip()
    if dateline := DATELINE.match(text):
        text = text[dateline.end() :].strip()
    hits = find_dates(text)
    if hits and hits[0].start <= 3:
        text = TIME_OF_DAY.sub("", text[hits[0].end :]).lstrip(" ,，、")
    text = text.rstrip("。.")
    chinese = has_cjk(text)
    if chinese:
        text = text.translate(FULL_WIDTH)  # the folded text's commas, as Chinese writes them
    length = GIST_LENGTH["zh" if chinese else "en"]
    return text if len(text) <= length else text[: length - 1] + "…"


FULL_WIDTH = str.maketrans(
    {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
)


def event_title(draft: Draft, finder: PeopleFinder, gazetteer: Gazetteer, language: str) -> str:
    zh = language == "zh"
    names = []
    for key in draft.participants:
        info = finder.info[key]
        names.append(
            (info.name_zh or info.name_en or key) if zh else (info.name_en or info.name_zh or key)
        )
    place_name = ""
    if draft.place and draft.place in gazetteer.places:
        entry = gazetteer.places[draft.place]
        place_name = (entry.name_zh or entry.name_en) if zh else (entry.name_en or entry.name_zh)
    countries = [
        gazetteer.country_name(code, "zh" if zh else "en") for code in sorted(draft.countries)
    ]
    host = gazetteer.country_name(draft.country, "zh" if zh else "en") if draft.country else ""
    organisation = ""
    if draft.organisation:
        _, _, tables = organisation_table(gazetteer)
        pair = tables["display"].get(draft.organisation, ("", ""))
        organisation = pair[0] if zh else pair[1]
    where_en = f", {place_name or host}" if (place_name or host) else ""
    if draft.kind == "summit":
        if not organisation and not place_name and len(countries) >= 2:
            # 中日韩领导人会议: the countries'.
            return ("、".join(countries) + "峰会") if zh else ("–".join(countries) + " summit")
        if zh:
            return f"{organisation}{place_name}峰会" if organisation or place_name else "峰会"
        return f"{organisation + ' ' if organisation else ''}summit{where_en}"
    if draft.kind == "state_visit":
        visitor = names[0] if names else ""
        destination = host or place_name or "、".join(countries)
        if zh:
            return f"{visitor}访问{destination}" if visitor else f"访问{destination}"
        return f"{visitor + ' ' if visitor else ''}visit to {destination}".strip()
    if draft.kind == "joint_statement":
        parties = countries or names
        if zh:
            return "与".join(parties[:2]) + ("等" if len(parties) > 2 else "") + "联合声明"
        return "–".join(parties) + " joint statement"
    call = draft.kind == "other" and CALL_WORDS.search("".join(draft.evidence))
    if draft.kind == "other" and not call and SIGNED_AGREEMENT.search("".join(draft.evidence)):
        parties = countries or names
        if zh:
            return "与".join(parties[:2]) + ("等" if len(parties) > 2 else "") + "签署协议"
        return "–".join(parties) + " agreement"
    evidence = "".join(draft.evidence)
    if draft.kind == "other" and not call and not MEETING_WORDS.search(evidence):
        # 论坛在北京开幕，普京出席: what the sentence says happened.
        return gist(draft.evidence[0]) if draft.evidence else ""
    if names:
        if zh:
            joined = names[0] if len(names) == 1 else "、".join(names[:-1]) + "与" + names[-1]
            if call:
                return f"{joined}通电话"
            return f"{joined}会晤"
        return " – ".join(names) + (" phone call" if call else f" meeting{where_en}")
    if zh:
        return "与".join(countries) + "会晤"
    return "–".join(countries) + f" meeting{where_en}"


# ---------------------------------------------------------------------------
# Putting it together


def extract(document: Document, gazetteer: Gazetteer) -> Extraction:
    language = "zh" if document.language.startswith("zh") else "en"
    units = make_units(document)
    mark_noise(units, language)
    result = Extraction(language=language)
    result.noise = [unit.number for unit in units if unit.kind == "paragraph" and unit.noise]

    countries, hits_by_unit = count_countries(units, gazetteer)
    result.countries = countries

    finder = PeopleFinder(gazetteer, language)
    live = [unit for unit in units if not unit.noise]
    chinese = [unit.folded for unit in live if has_cjk(unit.folded)]
    known_hits = iter(scan_each(person_lexicon_zh(gazetteer), chinese))
    title_hits = iter(scan_each(TITLE_LEXICON, chinese))
    for unit in live:
        if has_cjk(unit.folded):
            finder.find_zh(unit.folded, next(known_hits), next(title_hits))
        if language == "en":
            finder.find_en(unit.folded)
    if language == "zh":
        finder.prepare_mentions_zh([unit.folded for unit in live])
    result.quotes = find_quotes(units, finder, language)
    people = finder.people()
    mention_counts: Counter = Counter()
    for unit in live:
        hits = (
            finder.mentions_en(unit.folded, read_only=True)
            if language == "en"
            else finder.mentions_zh(unit.folded, read_only=True)
        )
        mention_counts.update(hit.key for hit in hits if hit.key)
    quoted = {quote.speaker for quote in result.quotes if quote.speaker}
    for person in people:
        person.mentions = mention_counts[person.key]
        person.quoted = person.key in quoted
    result.people = people

    published = document.published
    if published is None:
        inferred, year = infer_published(units)
        result.published = inferred
        published = inferred
    else:
        year = published.year
    drafts = merge_drafts(
        find_events(units, finder, hits_by_unit, gazetteer, language, year, published)
    )
    for draft in drafts:
        result.events.append(
            EventMention(
                kind=draft.kind,
                start=draft.start,
                end=draft.end,
                title=event_title(draft, finder, gazetteer, language)[:300],
                key=event_key(draft),
                place=draft.place,
                country=draft.country
                or (
                    gazetteer.places[draft.place].country
                    if draft.place in gazetteer.places
                    else None
                ),
                countries=sorted(draft.countries),
                participants=list(draft.participants),
                organisation=draft.organisation,
                evidence=draft.evidence,
            )
        )
    return result
