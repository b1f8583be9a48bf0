"""Reading article files in UTF-8, GB18030 and Big5, and refusing what is not text."""

import pytest

from briefings.ingest.chinese import fold
from briefings.ingest.errors import IngestError
from briefings.ingest.reader import decode

SAMPLE = "# 中俄元首在撒马尔罕会晤\n\n  * 编辑部\n\n上海合作组织峰会期间，两国领导人举行了会谈，并发表了讲话。\n"
SAMPLE_TRADITIONAL = "# 中俄元首在撒馬爾罕會晤\n\n  * 編輯部\n\n上海合作組織峰會期間，兩國領導人舉行了會談，並發表了講話。\n"


@pytest.mark.parametrize(
    ("text", "codec"),
    [(SAMPLE, "utf-8"), (SAMPLE, "utf-8-sig"), (SAMPLE, "gb18030"), (SAMPLE_TRADITIONAL, "big5")],
)
def test_it_reads_each_chinese_encoding(text, codec):
    assert decode(text.encode(codec), "a.md") == text


def test_it_tells_big5_from_gb18030_when_both_decode():
    data = SAMPLE_TRADITIONAL.encode("big5")
    data.decode("gb18030")  # the wrong codec accepts these bytes too
    assert decode(data, "a.md") == SAMPLE_TRADITIONAL


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"# title\x00\x01\x02 binary", "binary"),
        (bytes(range(0x80, 0x100)) * 4, "no known encoding"),
    ],
)
def test_it_names_the_file_and_the_reason(data, reason):
    with pytest.raises(IngestError) as error:
        decode(data, "bad.md")
    assert str(error.value).startswith("bad.md: ")
    assert reason in str(error.value)


def test_fold_makes_traditional_simplified():
    assert fold("俄羅斯 關係 宣佈") == "俄罗斯 关系 宣布"


def test_korean_read_as_chinese_is_refused_whatever_its_sentences():
    from itertools import permutations

    from tests.broken_corpus import KOREAN

    for count in range(1, len(KOREAN) + 1):
        for sentences in permutations(KOREAN, count):
            data = ("# 정상회담 결과\n\n" + "\n\n".join(sentences)).encode("euc_kr")
            with pytest.raises(IngestError, match="unlikely characters|no known encoding"):
                decode(data, "x.md")
