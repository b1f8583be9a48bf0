"""Which known places a text names."""

from geo.models import Place


def places_named_in(folded_text: str) -> list[Place]:
    """Places whose Chinese or English name (or an alias) occurs in FOLDED_TEXT.

    FOLDED_TEXT is simplified and lower-cased (Article.search_text). The
    gazetteer is small (tens of places), so a scan per page is cheap: one query.
    """
    found = []
    for place in Place.objects.select_related("country"):
        names = [place.name_zh, *place.aliases_zh]
        names += [name.lower() for name in (place.name_en, *place.aliases_en)]
        if any(name and name in folded_text for name in names):
            found.append(place)
    return found
