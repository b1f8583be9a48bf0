"""Which known places a text names."""

import re

from geo.models import Place


def places_named_in(folded_text: str) -> list[Place]:
    """Places whose Chinese or English name (or an alias) occurs in FOLDED_TEXT.

    FOLDED_TEXT is simplified and lower-cased (Article.search_text). English
    names must stand as words: Ufa is not in "manufacture", nor Lima in
    "climate". The gazetteer is small (about a hundred places), so a scan per
    page is cheap: one query.
    """
    found = []
    for place in Place.objects.all():
        if any(name and name in folded_text for name in [place.name_zh, *place.aliases_zh]) or any(
            named_as_word(name.lower(), folded_text)
            for name in (place.name_en, *place.aliases_en)
            if name
        ):
            found.append(place)
    return found


def named_as_word(name: str, text: str) -> bool:
    if name not in text:  # the cheap test first
        return False
    # Latin letters and digits only: 在Ufa举行 names Ufa.
    return re.search(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])", text) is not None
