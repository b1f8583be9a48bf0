"""Analyst commentary: Markdown made safe, threads, htmx fragments, history, moderation,
the feed, the export helper, and editors' corrections of extracted data.

Who may reach which URL is pinned in test_permissions.py.
"""

import datetime
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse

from briefings import commentary
from briefings import services as ingest
from briefings.ingest.document import Document, Paragraph
from briefings.models import (
    ArticlePerson,
    Commentary,
    CommentaryRevision,
    Correction,
    Event,
    Person,
    Quote,
)
from geo.models import Country

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}

XSS_PAYLOADS = [
    "<script>alert('script')</script>",
    "<img src=x onerror=alert('img')>",
    "<a href=\"javascript:alert('a')\">a link</a>",
    "[markdown link](javascript:alert('md'))",
    "[entity link](jav&#x61;script:alert('entity'))",
    "[spaced link]( javascript:alert('spaced'))",
    "![image](javascript:alert('image'))",
    "<svg onload=alert('svg')><circle r=1 /></svg>",
    "<p style=\"background:url(javascript:alert('style'))\">styled</p>",
    "<style>body{display:none}</style>",
    "<iframe src=\"javascript:alert('frame')\"></iframe>",
    "<a href=\"data:text/html,<script>alert('data')</script>\">data link</a>",
    '<form action="https://evil.example/"><button formaction="javascript:alert(1)">x</button></form>',
    "[scheme-relative](//evil.example/x)",
    "<div onmouseover=\"alert('hover')\">hover</div>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')>",
    "![tracker](https://evil.example/pixel.png)",
    '<a href="#" onclick="alert(\'click\')">click me</a>',
]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_world(make_user) -> SimpleNamespace:
    """Users of each role, one of each target, and two people to merge."""
    kz = Country.objects.create(
        code="KZ", alpha3="KAZ", numeric="398", name_en="Kazakhstan", name_zh="哈萨克斯坦"
    )
    ru = Country.objects.create(
        code="RU", alpha3="RUS", numeric="643", name_en="Russia", name_zh="俄罗斯"
    )
    article, _ = ingest.store_document(
        Document(
            headline="Xi visits Astana",
            language="en",
            source="Example News",
            published=datetime.date(2022, 9, 14),
            paragraphs=[Paragraph(1, 0, "Opening."), Paragraph(2, 0, "“We are friends,” he said.")],
        )
    )
    xi = Person.objects.create(key="习近平", name_zh="习近平", name_en="Xi Jinping")
    xi_again = Person.objects.create(
        key="Xi Jinping", name_en="Xi Jinping", title="President", aliases=["Xi"]
    )
    tokayev = Person.objects.create(key="托卡耶夫", name_zh="托卡耶夫")
    quote = Quote.objects.create(
        article=article, speaker=tokayev, text="We are friends", paragraph=2
    )
    ArticlePerson.objects.create(article=article, person=tokayev, quoted=True)
    event = Event.objects.create(
        title="State visit to Kazakhstan",
        kind=Event.Kind.STATE_VISIT,
        start=datetime.date(2022, 9, 14),
        end=datetime.date(2022, 9, 14),
        key="state_visit|2022-09-14|astana",
    )
    event.articles.add(article)
    event.participants.add(xi_again)
    return SimpleNamespace(
        reader=make_user("rita", "reader"),
        analyst=make_user("alan", "analyst"),
        other=make_user("olga", "analyst"),
        editor=make_user("edna", "editor"),
        kz=kz,
        ru=ru,
        article=article,
        quote=quote,
        event=event,
        xi=xi,
        xi_again=xi_again,
        tokayev=tokayev,
    )


@pytest.fixture
def world(make_user):
    return make_world(make_user)


def as_user(client, user):
    client.force_login(user)
    return client


def html(response) -> str:
    return response.content.decode()


# --- Markdown ---------------------------------------------------------------


class Markup(HTMLParser):
    """The elements and attributes of some HTML, as a browser would see them."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


def assert_harmless(text: str) -> None:
    markup = Markup(text)
    assert not set(markup.tags) & {
        "script",
        "style",
        "svg",
        "math",
        "iframe",
        "img",
        "form",
        "button",
        "object",
        "embed",
    }, markup.tags
    for tag, name, value in markup.attributes:
        assert not name.startswith("on") and name not in {"style", "src", "formaction", "srcdoc"}, (
            tag,
            name,
        )
        if name == "href":
            assert value.startswith(("http://", "https://", "mailto:", "#")) or (
                value.startswith("/") and not value.startswith("//")
            ), value
            assert "evil.example" not in value


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markdown_keeps_no_script_handler_style_or_dangerous_link(payload):
    rendered = str(commentary.render_markdown(payload))
    assert_harmless(rendered)
    assert "javascript:" not in Markup(rendered).attributes.__repr__().lower()


def test_links_are_marked_nofollow_and_noopener():
    markup = Markup(
        commentary.render_markdown("[a](https://example.org/) <a href='/x' rel='opener'>b</a>")
    )
    rels = [value for tag, name, value in markup.attributes if name == "rel"]
    assert rels == ["noopener noreferrer nofollow"] * 2


def test_markdown_keeps_ordinary_formatting_and_marks_links():
    rendered = commentary.render_markdown(
        "**Bold** and *italic*\n\n- one\n- two\n\n> quoted\n\n[source](https://example.org/a) and [here](/briefings/1/)"
    )
    for expected in (
        "<strong>Bold</strong>",
        "<em>italic</em>",
        "<li>one</li>",
        "<blockquote>",
        'href="https://example.org/a"',
        'href="/briefings/1/"',
        'rel="noopener noreferrer nofollow"',
    ):
        assert expected in rendered, expected


def test_raw_html_text_is_shown_as_text_not_markup():
    rendered = commentary.render_markdown("1 < 2 and `<b>code</b>`")
    assert "1 &lt; 2" in rendered and "<code>&lt;b&gt;code&lt;/b&gt;</code>" in rendered


# --- Adding -------------------------------------------------------------------


def test_an_analyst_adds_commentary_through_htmx(client, world):
    as_user(client, world.analyst)
    url = reverse("commentary:article", args=[world.article.pk])
    response = client.post(
        url,
        {
            "body": "Watch the **gas** deal.",
            "confidence": "high",
            "concerns": "kz, ru",
            "author": world.other.pk,
        },
        headers=HTMX,
    )
    assert response.status_code == 200
    comment = Commentary.objects.get()
    assert comment.author == world.analyst  # never from the form
    assert comment.article == world.article and comment.confidence == "high"
    assert sorted(comment.concerns.values_list("code", flat=True)) == ["KZ", "RU"]
    content = html(response)
    assert "<html" not in content
    assert f'id="comment-{comment.pk}"' in content and "<strong>gas</strong>" in content
    assert f'hx-swap-oob="beforeend:#commentary-article-{world.article.pk}-list"' in content
    assert f'id="commentary-article-{world.article.pk}-form"' in content  # a fresh form
    assert 'hx-swap-oob="delete"' in content  # the "no commentary yet" note goes
    assert "High confidence" in content and ">KZ<" in content


def test_the_second_comment_does_not_remove_the_empty_note_again(client, world):
    commentary.add(world.analyst, world.article, "First")
    as_user(client, world.analyst)
    response = client.post(
        reverse("commentary:article", args=[world.article.pk]), {"body": "Second"}, headers=HTMX
    )
    assert 'hx-swap-oob="delete"' not in html(response)


def test_without_javascript_adding_redirects_back_to_the_page(client, world):
    as_user(client, world.analyst)
    url = reverse("commentary:event", args=[world.event.pk])
    response = client.post(url, {"body": "A note", "next": "/briefings/"})
    assert response.status_code == 302 and response["Location"] == "/briefings/"
    response = client.post(url, {"body": "Another", "next": "https://evil.example/"})
    assert response["Location"] == url  # an off-site next is ignored
    assert Commentary.objects.filter(event=world.event).count() == 2


def test_a_bad_form_comes_back_with_its_errors(client, world):
    as_user(client, world.analyst)
    url = reverse("commentary:quote", args=[world.quote.pk])
    response = client.post(url, {"body": "", "concerns": "KZ, XX"}, headers=HTMX)
    assert response.status_code == 200
    content = html(response)
    assert "This field is required." in content and "Not ISO 3166 country codes: XX." in content
    assert "<html" not in content
    response = client.post(url, {"body": "", "confidence": "certain"})
    assert response.status_code == 200 and "<html" in html(response)
    assert not Commentary.objects.exists()


def test_a_reader_cannot_add_commentary(client, world):
    as_user(client, world.reader)
    response = client.post(
        reverse("commentary:article", args=[world.article.pk]), {"body": "Hi"}, headers=HTMX
    )
    assert response.status_code == 403
    assert not Commentary.objects.exists()


def test_a_reader_sees_the_thread_without_the_form(client, world):
    commentary.add(world.analyst, world.article, "Worth reading", "medium", [world.kz])
    as_user(client, world.reader)
    content = html(client.get(world.article.get_absolute_url()))
    assert "Worth reading" in content and "Medium confidence" in content
    assert "comment-form" not in content and "Edit</a>" not in content


def test_country_threads_take_the_code_in_either_case(client, world):
    as_user(client, world.analyst)
    response = client.post("/countries/kz/commentary/", {"body": "On Kazakhstan"})
    assert response.status_code == 302
    assert Commentary.objects.get().country == world.kz
    response = client.get(reverse("commentary:country", args=["KZ"]))
    assert "On Kazakhstan" in html(response) and "Kazakhstan · 哈萨克斯坦" in html(response)
    assert client.get("/countries/XX/commentary/").status_code == 404


# --- The thread on a page -----------------------------------------------------


def test_the_briefing_page_shows_its_thread_in_a_fixed_number_of_queries(client, world):
    as_user(client, world.analyst)
    url = world.article.get_absolute_url()

    def count_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    commentary.add(world.analyst, world.article, "One", concerns=[world.kz])
    client.get(url)  # the logged-in user is cached after a first request
    baseline = count_queries()
    for n in range(10):
        comment = commentary.add(
            world.other, world.article, f"More {n}", concerns=[world.kz, world.ru]
        )
        commentary.edit(comment, world.other, f"More {n}, edited", "low", [world.ru])
    assert count_queries() == baseline
    content = html(client.get(url))
    assert content.count('<li class="comment"') == 11
    assert f'id="commentary-article-{world.article.pk}"' in content


def test_the_include_contract_works_for_every_kind_of_target(world):
    request = RequestFactory().get("/somewhere/")
    request.user = world.analyst
    request.htmx = False
    template = Template('{% include "briefings/commentary/thread.html" with target=target %}')
    for target in (world.article, world.event, world.quote, world.kz):
        commentary.add(world.analyst, target, f"On {commentary.kind_of(target)}")
        content = template.render(RequestContext(request, {"target": target}))
        assert f"On {commentary.kind_of(target)}" in content
        assert f'action="{commentary.add_url(target)}"' in content
        assert 'name="next" value="/somewhere/"' in content


def test_hidden_commentary_is_seen_only_by_editors_and_its_author(client, world):
    comment = commentary.add(world.analyst, world.article, "Questionable claim")
    commentary.set_hidden(comment, True)
    url = world.article.get_absolute_url()
    assert "Questionable claim" not in html(as_user(client, world.reader).get(url))
    assert "Questionable claim" not in html(as_user(client, world.other).get(url))
    for user in (world.analyst, world.editor):
        content = html(as_user(client, user).get(url))
        assert "Questionable claim" in content and "hidden from readers" in content
    assert (
        as_user(client, world.reader)
        .get(reverse("commentary:comment", args=[comment.pk]))
        .status_code
        == 404
    )


# --- Editing ------------------------------------------------------------------


def test_editing_swaps_the_comment_for_its_form_and_back(client, world):
    comment = commentary.add(world.analyst, world.event, "First *take*", "low", [world.kz])
    as_user(client, world.analyst)
    url = reverse("commentary:edit", args=[comment.pk])
    form = html(client.get(url, headers=HTMX))
    assert form.lstrip().startswith(f'<li class="comment editing" id="comment-{comment.pk}"')
    assert "First *take*" in form and 'value="KZ"' in form and "<html" not in form
    assert f'hx-get="{reverse("commentary:comment", args=[comment.pk])}"' in form  # cancel
    response = client.post(
        url, {"body": "Second take", "confidence": "high", "concerns": "RU"}, headers=HTMX
    )
    content = html(response)
    assert content.lstrip().startswith(f'<li class="comment" id="comment-{comment.pk}"')
    assert "Second take" in content and "High confidence" in content and "edited" in content
    assert (
        "1 earlier version" in content
        and "First *take*" in content
        and "replaced by alan" in content
    )
    comment.refresh_from_db()
    assert comment.body == "Second take" and comment.edited is not None
    assert list(comment.concerns.values_list("code", flat=True)) == ["RU"]
    revision = CommentaryRevision.objects.get()
    assert (revision.commentary, revision.editor, revision.body) == (
        comment,
        world.analyst,
        "First *take*",
    )


def test_the_cancel_link_brings_the_comment_back(client, world):
    comment = commentary.add(world.analyst, world.event, "Unchanged")
    response = as_user(client, world.analyst).get(
        reverse("commentary:comment", args=[comment.pk]), headers=HTMX
    )
    assert html(response).lstrip().startswith(f'<li class="comment" id="comment-{comment.pk}"')
    page = as_user(client, world.reader).get(reverse("commentary:comment", args=[comment.pk]))
    assert "<html" in html(page) and "Unchanged" in html(page)


def test_an_unchanged_body_keeps_no_revision(world):
    comment = commentary.add(world.analyst, world.event, "Same", "low")
    assert commentary.edit(comment, world.analyst, "Same", "high", []) is True
    assert not CommentaryRevision.objects.exists()
    assert commentary.edit(comment, world.analyst, "Same", "high", []) is False


def test_without_javascript_editing_is_a_page_and_a_redirect(client, world):
    comment = commentary.add(world.analyst, world.article, "Draft")
    as_user(client, world.analyst)
    url = reverse("commentary:edit", args=[comment.pk])
    page = html(client.get(url + "?next=/briefings/"))
    assert "<html" in page and 'name="next" value="/briefings/"' in page and "Draft" in page
    response = client.post(url, {"body": "Final", "next": "/briefings/"})
    assert response.status_code == 302 and response["Location"] == "/briefings/"
    response = client.post(url, {"body": "Final again"})
    assert (
        response["Location"]
        == f"{world.article.get_absolute_url()}#commentary-article-{world.article.pk}"
    )


def test_only_the_author_edits(client, world):
    comment = commentary.add(world.analyst, world.article, "Mine")
    url = reverse("commentary:edit", args=[comment.pk])
    for user in (world.reader, world.other, world.editor):
        assert as_user(client, user).post(url, {"body": "Theirs"}, headers=HTMX).status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Mine" and not comment.revisions.exists()


# --- Deleting and hiding -------------------------------------------------------


def test_deleting_asks_first_and_then_removes_the_comment(client, world):
    comment = commentary.add(world.analyst, world.article, "Regrettable")
    as_user(client, world.analyst)
    thread = html(client.get(world.article.get_absolute_url()))
    assert 'hx-confirm="Delete this commentary? This cannot be undone."' in thread
    url = reverse("commentary:delete", args=[comment.pk])
    confirm = html(client.get(url))
    assert (
        "Delete this commentary?" in confirm
        and "Regrettable" in confirm
        and 'method="post"' in confirm
    )
    assert Commentary.objects.exists()
    response = client.post(url, headers=HTMX)
    assert response.status_code == 200 and response.content == b""
    assert not Commentary.objects.exists()


def test_without_javascript_deleting_redirects_back(client, world):
    comment = commentary.add(world.analyst, world.quote, "Gone soon")
    response = as_user(client, world.editor).post(reverse("commentary:delete", args=[comment.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("commentary:quote", args=[world.quote.pk])
    assert not Commentary.objects.exists()


def test_editors_hide_and_show_commentary(client, world):
    comment = commentary.add(world.analyst, world.article, "Unsourced rumour")
    as_user(client, world.editor)
    url = reverse("commentary:hide", args=[comment.pk])
    response = client.post(url, {"hidden": "1"}, headers=HTMX)
    assert response.status_code == 200 and "hidden from readers" in html(response)
    assert "Show to readers" in html(response)
    comment.refresh_from_db()
    assert comment.hidden
    response = client.post(url, {"hidden": "0", "next": "/briefings/"})
    assert response["Location"] == "/briefings/"
    comment.refresh_from_db()
    assert not comment.hidden
    assert client.post(url, {"hidden": "maybe"}).status_code == 400
    assert client.get(url).status_code == 405


def test_get_requests_write_nothing(client, world):
    comment = commentary.add(world.analyst, world.article, "Stays")
    as_user(client, world.editor)
    client.get(reverse("commentary:delete", args=[comment.pk]))
    client.get(reverse("commentary:article", args=[world.article.pk]), {"body": "sneaky"})
    assert list(Commentary.objects.values_list("body", flat=True)) == ["Stays"]


def test_writes_need_the_csrf_token(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.analyst)
    response = client.post(
        reverse("commentary:article", args=[world.article.pk]), {"body": "Forged"}
    )
    assert response.status_code == 403
    assert not Commentary.objects.exists()


def test_stored_payloads_are_rendered_harmless_on_the_page(client, world):
    for payload in XSS_PAYLOADS:
        commentary.add(world.analyst, world.article, payload)
    content = html(as_user(client, world.reader).get(world.article.get_absolute_url()))
    thread = content[content.index(f'id="commentary-article-{world.article.pk}"') :]
    assert thread.count('class="comment"') == len(XSS_PAYLOADS)
    assert_harmless(thread)


# --- The feed ------------------------------------------------------------------


def test_the_feed_lists_recent_commentary_newest_first(
    client, world, django_assert_max_num_queries
):
    commentary.add(world.analyst, world.article, "On the briefing")
    commentary.add(world.analyst, world.quote, "On the quote")
    commentary.add(world.other, world.event, "On the event")
    hidden = commentary.add(world.other, world.kz, "Hidden note")
    commentary.set_hidden(hidden, True)
    as_user(client, world.reader)
    with django_assert_max_num_queries(8):
        content = html(client.get(reverse("commentary:feed")))
    assert (
        content.index("On the event")
        < content.index("On the quote")
        < content.index("On the briefing")
    )
    assert "Hidden note" not in content
    assert f'href="{reverse("commentary:event", args=[world.event.pk])}"' in content
    assert "State visit to Kazakhstan" in content and "Xi visits Astana" in content
    fragment = html(client.get(reverse("commentary:feed"), headers=HTMX))
    assert "<html" not in fragment and 'id="commentary-feed"' in fragment


def test_the_feed_can_be_included_on_any_page(world):
    commentary.add(world.analyst, world.article, "Dashboard worthy")
    request = RequestFactory().get("/")
    request.user = world.reader
    content = Template('{% include "briefings/commentary/feed.html" %}').render(
        RequestContext(request, {})
    )
    assert "Dashboard worthy" in content and "Recent commentary" in content


# --- Export ------------------------------------------------------------------------


def test_commentary_for_export_groups_visible_commentary_by_article(
    world, django_assert_num_queries
):
    on_article = commentary.add(world.analyst, world.article, "On the briefing", "high", [world.kz])
    commentary.edit(on_article, world.analyst, "On the briefing, revised", "high", [world.kz])
    commentary.add(world.other, world.quote, "On the quote")
    commentary.add(world.other, world.event, "On the event")
    commentary.add(world.other, world.kz, "On the country")  # not part of any briefing
    commentary.set_hidden(commentary.add(world.other, world.article, "Hidden"), True)
    with django_assert_num_queries(3):
        exported = commentary.commentary_for_export([world.article.pk, 999])
    assert exported[999] == []
    rows = exported[world.article.pk]
    assert [(row["target"], row["body"]) for row in rows] == [
        ("article", "On the briefing, revised"),
        ("quote", "On the quote"),
        ("event", "On the event"),
    ]
    first = rows[0]
    assert (
        first["author"] == "alan" and first["confidence"] == "high" and first["concerns"] == ["KZ"]
    )
    assert first["revisions"] == 1 and first["edited"] and first["created"]
    assert rows[1]["target_id"] == world.quote.pk and rows[2]["target_id"] == world.event.pk
    assert commentary.commentary_for_export([]) == {}


# --- Editors' corrections --------------------------------------------------------------


def test_an_editor_fixes_a_quotes_speaker_and_the_change_is_recorded(client, world):
    as_user(client, world.editor)
    url = reverse("commentary:quote_speaker", args=[world.quote.pk])
    assert "托卡耶夫" in html(client.get(url))
    response = client.post(url, {"speaker": world.xi.pk}, follow=True)
    world.quote.refresh_from_db()
    assert world.quote.speaker == world.xi
    correction = Correction.objects.get()
    assert (correction.editor, correction.kind, correction.object_id, correction.field) == (
        world.editor,
        "quote",
        world.quote.pk,
        "speaker",
    )
    assert (
        correction.old == f"托卡耶夫 (#{world.tokayev.pk})"
        and correction.new == f"习近平 (#{world.xi.pk})"
    )
    content = html(response)
    assert (
        "The speaker was corrected." in content and "edna" in content and correction.old in content
    )
    # The article's people follow: the new speaker is quoted, the old one no longer.
    assert ArticlePerson.objects.get(article=world.article, person=world.xi).quoted
    assert not ArticlePerson.objects.get(article=world.article, person=world.tokayev).quoted
    client.post(url, {"speaker": world.xi.pk})
    assert Correction.objects.count() == 1  # no change, no record


def test_an_editor_corrects_an_events_dates(client, world):
    as_user(client, world.editor)
    url = reverse("commentary:event_dates", args=[world.event.pk])
    response = client.post(url, {"start": "2022-09-15", "end": "2022-09-13"})
    assert "cannot end before it starts" in html(response)
    client.post(url, {"start": "2022-09-14", "end": "2022-09-15"})
    world.event.refresh_from_db()
    assert world.event.end == datetime.date(2022, 9, 15)
    assert world.event.key == "state_visit|2022-09-14|astana"
    assert list(Correction.objects.values_list("field", "old", "new")) == [
        ("end", "2022-09-14", "2022-09-15")
    ]


def test_an_editor_merges_two_people(client, world):
    world.quote.speaker = world.xi_again
    world.quote.save()
    ArticlePerson.objects.create(
        article=world.article, person=world.xi_again, title="President", quoted=True
    )
    as_user(client, world.editor)
    url = reverse("commentary:person_merge", args=[world.xi.pk])
    assert world.xi.pk not in [int(v) for v in _option_values(html(client.get(url)))]
    response = client.post(url, {"duplicate": world.xi_again.pk})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=world.xi_again.pk).exists()
    world.xi.refresh_from_db()
    world.quote.refresh_from_db()
    assert world.quote.speaker == world.xi
    assert world.xi.title == "President" and world.xi.aliases == ["Xi"]
    assert ArticlePerson.objects.get(article=world.article, person=world.xi).quoted
    assert list(world.event.participants.all()) == [world.xi]
    fields = set(
        Correction.objects.filter(kind="person", object_id=world.xi.pk).values_list(
            "field", flat=True
        )
    )
    assert fields == {"merged", "title", "aliases"}
    assert "Xi Jinping (#" in html(client.get(url))
    assert client.post(url, {"duplicate": world.xi.pk}).status_code == 200  # not into itself


def _option_values(content: str) -> list[str]:
    import re

    return re.findall(r'<option value="(\d+)"', content)


# --- The demo flow ---------------------------------------------------------------------


def test_the_demo_flow(client, world):
    """An analyst comments on an event and a quote and edits one; a reader cannot edit."""
    as_user(client, world.analyst)
    client.post(
        reverse("commentary:event", args=[world.event.pk]),
        {"body": "A first state visit since 2019."},
        headers=HTMX,
    )
    client.post(
        reverse("commentary:quote", args=[world.quote.pk]),
        {"body": "Friends, *for now*.", "confidence": "low"},
        headers=HTMX,
    )
    on_quote = Commentary.objects.get(quote=world.quote)
    client.post(
        reverse("commentary:edit", args=[on_quote.pk]),
        {"body": "Friends, *for now*, he says.", "confidence": "medium"},
        headers=HTMX,
    )

    as_user(client, world.reader)
    page = html(client.get(reverse("commentary:quote", args=[world.quote.pk])))
    assert (
        "Friends, <em>for now</em>, he says." in page
        and "1 earlier version" in page
        and "Medium confidence" in page
    )
    assert "A first state visit since 2019." in html(
        client.get(reverse("commentary:event", args=[world.event.pk]))
    )
    assert client.get(reverse("commentary:edit", args=[on_quote.pk])).status_code == 403
    assert (
        client.post(reverse("commentary:edit", args=[on_quote.pk]), {"body": "Hacked"}).status_code
        == 403
    )
    on_quote.refresh_from_db()
    assert on_quote.body == "Friends, *for now*, he says."


def test_services_take_plain_objects(world):
    """No request needed: a task or a command can call them."""
    comment = commentary.add(world.editor, world.kz, "Editors comment too")
    assert commentary.thread(world.reader, world.kz).comments == [comment]


def test_editors_find_the_corrections_from_the_commentary_pages(client, world):
    quote_page = reverse("commentary:quote", args=[world.quote.pk])
    event_page = reverse("commentary:event", args=[world.event.pk])
    as_user(client, world.editor)
    assert reverse("commentary:quote_speaker", args=[world.quote.pk]) in html(
        client.get(quote_page)
    )
    assert reverse("commentary:person_merge", args=[world.tokayev.pk]) in html(
        client.get(quote_page)
    )
    assert reverse("commentary:event_dates", args=[world.event.pk]) in html(client.get(event_page))
    as_user(client, world.analyst)
    assert "/speaker/" not in html(client.get(quote_page))
    assert "/dates/" not in html(client.get(event_page))
