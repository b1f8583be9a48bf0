"""Every page works offline: nothing is loaded from a host other than ours.

Links to other hosts (a briefing's original article, a link in commentary)
are navigation, not loads, and carry rel="noopener noreferrer".
"""

import re

import pytest
from django.urls import reverse

from briefings.models import Article
from tests.test_permissions import PERMISSIONS, world  # noqa: F401 - the world fixture

pytestmark = pytest.mark.django_db

# Attributes and CSS that make a browser fetch something.
LOADS = re.compile(
    r"""(?:\b(?:src|srcset|poster|data|action|formaction)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:@import\s+["']?\s*(?:https?:)?//)""",
    re.IGNORECASE,
)
ANCHOR_OFFSITE = re.compile(r"""<a\b[^>]*\bhref\s*=\s*["']\s*(?:https?:)?//[^>]*>""", re.IGNORECASE)

GET_PAGES = [
    name
    for name, entry in PERMISSIONS.items()
    if "GET" in entry and entry["GET"][-1] == 200 and not name.startswith("password_reset_confirm")
]


@pytest.mark.parametrize("name", GET_PAGES)
def test_no_page_loads_anything_from_another_host(client, world, name):  # noqa: F811
    Article.objects.filter(pk=world.article.pk).update(url="https://news.example.org/story")
    client.force_login(world.users["editor"])
    entry = PERMISSIONS[name]
    url = reverse(name, args=entry["args"](world) if "args" in entry else [])
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get(url, headers=headers)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        content = response.content.decode()
        assert not LOADS.search(content), (
            f"{url} loads from another host: {LOADS.search(content)[0]}"
        )
        for anchor in ANCHOR_OFFSITE.findall(content):
            assert "noopener" in anchor and "noreferrer" in anchor, f"{url}: {anchor}"
