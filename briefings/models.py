from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from geo.models import Country, Place


class Source(models.Model):
    """Where articles come from: an outlet, and later a folder or a feed."""

    class Kind(models.TextChoices):
        OUTLET = "outlet", "News outlet"
        FOLDER = "folder", "Folder"
        FILE = "file", "File"
        FEED = "feed", "RSS/Atom feed"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OUTLET)
    url = models.URLField(blank=True, help_text="The outlet's site, or the feed's address.")
    path = models.CharField(max_length=1000, blank=True, help_text="A folder or file to read.")
    language = models.CharField(max_length=10, blank=True)
    # Folders, files and feeds are polled by Celery beat (the "Poll sources"
    # periodic task, whose schedule editors set in the admin) while enabled.
    enabled = models.BooleanField(default=True)
    last_polled = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    class Language(models.TextChoices):
        CHINESE = "zh", "Chinese"
        ENGLISH = "en", "English"

    source = models.ForeignKey(Source, models.PROTECT, related_name="articles")
    headline = models.CharField(max_length=500)
    subheadline = models.CharField(max_length=500, blank=True)
    standfirst = models.TextField(blank=True)
    authors = models.JSONField(default=list, blank=True)
    url = models.URLField(max_length=1000, null=True, blank=True, unique=True)
    published = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=5, choices=Language.choices)
    # {"sections": [{"heading": str, "paragraphs": [str, ...]}, ...]}; paragraphs
    # are numbered from 1 across the whole article, in order.
    body = models.JSONField(default=dict)
    # Headline and body folded (traditional to simplified, whitespace
    # collapsed): the same article copied or re-encoded hashes the same.
    content_hash = models.CharField(max_length=64, unique=True)
    # Folded (simplified) headline and text, so that search finds traditional
    # and simplified spellings alike.
    search_text = models.TextField(blank=True)
    file_name = models.CharField(max_length=500, blank=True)
    ingested = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    countries = models.ManyToManyField(
        Country, through="ArticleCountry", related_name="articles", blank=True
    )
    people = models.ManyToManyField(
        "Person", through="ArticlePerson", related_name="articles", blank=True
    )

    class Meta:
        ordering = ["-published", "-id"]
        indexes = [
            # The briefing list: newest first.
            models.Index(fields=["-published", "-id"], name="article_newest_first"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return reverse("briefings:detail", args=[self.pk])

    def sections(self) -> list[dict]:
        """Sections with numbered paragraphs: [{"heading", "paragraphs": [(n, text)]}]."""
        number = 0
        result = []
        for section in self.body.get("sections", []):
            paragraphs = []
            for text in section.get("paragraphs", []):
                number += 1
                paragraphs.append((number, text))
            result.append({"heading": section.get("heading", ""), "paragraphs": paragraphs})
        return result


class ArticleCountry(models.Model):
    """A country an article names, with how often and where."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="country_links")
    country = models.ForeignKey(Country, models.PROTECT, related_name="article_links")
    mentions = models.PositiveIntegerField(default=1)
    # True when the country is named only in image captions, not the story.
    caption_only = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "country"], name="unique_article_country"),
        ]
        indexes = [
            # The briefing list filtered by country.
            models.Index(fields=["country", "article"], name="articlecountry_by_country"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} names {self.country_id}"


class ArticleImage(models.Model):
    article = models.ForeignKey(Article, models.CASCADE, related_name="images")
    position = models.PositiveSmallIntegerField()
    src = models.CharField(max_length=1000)
    alt = models.TextField(blank=True)
    caption = models.TextField(blank=True)
    credit = models.CharField(max_length=300, blank=True)
    # The image stands after this many paragraphs of the body (0: before the
    # first), inside section number `section` (0 is the untitled opening).
    after_paragraph = models.PositiveIntegerField(default=0)
    section = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="unique_image_position"),
        ]

    def __str__(self) -> str:
        return self.caption or self.alt or self.src


class Person(models.Model):
    """One real person across all articles, whatever the spelling."""

    # The folded (simplified) Chinese name, or the English name when no
    # Chinese one is known: what two articles agree on.
    key = models.CharField(max_length=200, unique=True)
    name_zh = models.CharField(max_length=100, blank=True)
    name_en = models.CharField(max_length=200, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    title = models.CharField(max_length=200, blank=True)
    affiliation = models.CharField(max_length=300, blank=True)
    affiliation_en = models.CharField(max_length=300, blank=True)
    country = models.ForeignKey(
        Country, models.SET_NULL, null=True, blank=True, related_name="people"
    )

    class Meta:
        ordering = ["key"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name_zh or self.name_en or self.key

    def name_for(self, language: str) -> str:
        if language.startswith("zh"):
            return self.name_zh or self.name_en
        return self.name_en or self.name_zh


class ArticlePerson(models.Model):
    """A person as one article presents them (titles change over time)."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="person_links")
    person = models.ForeignKey(Person, models.CASCADE, related_name="article_links")
    title = models.CharField(max_length=200, blank=True)
    affiliation = models.CharField(max_length=300, blank=True)
    affiliation_en = models.CharField(max_length=300, blank=True)
    quoted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="unique_article_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.article_id}"


class Quote(models.Model):
    article = models.ForeignKey(Article, models.CASCADE, related_name="quotes")
    speaker = models.ForeignKey(
        Person, models.SET_NULL, null=True, blank=True, related_name="quotes"
    )
    text = models.TextField()
    # Paragraph number (from 1, as in Article.sections) and the character
    # offset of the quote inside that paragraph.
    paragraph = models.PositiveIntegerField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["article", "paragraph", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "paragraph", "position"], name="unique_quote_position"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return f"{reverse('briefings:detail', args=[self.article_id])}#p{self.paragraph}"


class Event(models.Model):
    class Kind(models.TextChoices):
        SUMMIT = "summit", "Summit"
        BILATERAL_MEETING = "bilateral_meeting", "Bilateral meeting"
        STATE_VISIT = "state_visit", "State visit"
        JOINT_STATEMENT = "joint_statement", "Joint statement"
        OTHER = "other", "Other"

    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    start = models.DateField()
    end = models.DateField()
    place = models.ForeignKey(Place, models.SET_NULL, null=True, blank=True, related_name="events")
    # Where it happened when no place is known (a visit to Kazakhstan).
    country = models.ForeignKey(
        Country, models.SET_NULL, null=True, blank=True, related_name="events_held"
    )
    # Kind, dates and place (or participants when there is no place): the same
    # real event reported by two articles gets the same key and one row.
    key = models.CharField(max_length=300, unique=True)
    countries = models.ManyToManyField(Country, blank=True, related_name="events")
    participants = models.ManyToManyField(Person, blank=True, related_name="events")
    articles = models.ManyToManyField(Article, blank=True, related_name="events")

    class Meta:
        ordering = ["start", "title"]
        indexes = [
            # The events timeline, newest or oldest first, filtered by date.
            models.Index(fields=["start", "end"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start}: {self.title}"


class Commentary(models.Model):
    """An analyst's note on exactly one briefing, event, quote or country."""

    class Confidence(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="commentary")
    article = models.ForeignKey(
        Article, models.CASCADE, null=True, blank=True, related_name="commentary"
    )
    event = models.ForeignKey(
        Event, models.CASCADE, null=True, blank=True, related_name="commentary"
    )
    quote = models.ForeignKey(
        Quote, models.CASCADE, null=True, blank=True, related_name="commentary"
    )
    country = models.ForeignKey(
        Country, models.CASCADE, null=True, blank=True, related_name="commentary"
    )
    body = models.TextField()
    confidence = models.CharField(max_length=10, choices=Confidence.choices, blank=True)
    concerns = models.ManyToManyField(Country, blank=True, related_name="commentary_concerning")
    hidden = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    edited = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created"]
        verbose_name_plural = "commentary"
        constraints = [
            models.CheckConstraint(
                name="commentary_has_one_target",
                condition=(
                    Q(
                        article__isnull=False,
                        event__isnull=True,
                        quote__isnull=True,
                        country__isnull=True,
                    )
                    | Q(
                        article__isnull=True,
                        event__isnull=False,
                        quote__isnull=True,
                        country__isnull=True,
                    )
                    | Q(
                        article__isnull=True,
                        event__isnull=True,
                        quote__isnull=False,
                        country__isnull=True,
                    )
                    | Q(
                        article__isnull=True,
                        event__isnull=True,
                        quote__isnull=True,
                        country__isnull=False,
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author} on {self.target}"

    @property
    def target(self):
        return self.article or self.event or self.quote or self.country


class CommentaryRevision(models.Model):
    """The text a commentary had before an edit, and who replaced it."""

    commentary = models.ForeignKey(Commentary, models.CASCADE, related_name="revisions")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    body = models.TextField()
    replaced = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-replaced"]

    def __str__(self) -> str:
        return f"revision of {self.commentary_id} at {self.replaced}"


class IngestRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Done with failures"

    requested = models.JSONField(default=list, help_text="The inputs asked for.")
    # Metadata given for the inputs (url, published, source), for files that lack it.
    metadata = models.JSONField(default=dict, blank=True)
    requested_by = models.CharField(max_length=150, blank=True)
    source = models.ForeignKey(
        Source, models.SET_NULL, null=True, blank=True, related_name="ingest_runs"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    started = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started"]

    def __str__(self) -> str:
        return f"Ingest run {self.pk} ({self.status})"

    def counts(self) -> dict[str, int]:
        """Items per status (costs one query)."""
        rows = self.items.values_list("status").annotate(n=models.Count("id"))
        return {status: n for status, n in rows}


class IngestItem(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        UNCHANGED = "unchanged", "Unchanged"
        FAILED = "failed", "Failed"

    run = models.ForeignKey(IngestRun, models.CASCADE, related_name="items")
    name = models.CharField(max_length=1000, help_text="The input: a path or URL.")
    # What a feed entry tells of this input (url, published, source).
    metadata = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    article = models.ForeignKey(
        Article, models.SET_NULL, null=True, blank=True, related_name="ingest_items"
    )
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "name"], name="unique_item_per_run"),
        ]
        indexes = [
            # Is any item of this run still pending? Asked after every item:
            # without it, the answer scanned the items done so far.
            models.Index(
                fields=["run"], condition=models.Q(status="pending"), name="pending_items"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.status}"


class Correction(models.Model):
    """One editor's change to one field of extracted data: who, when, old and new.

    The object is named by kind and id rather than a foreign key, so that the
    record outlives the row (a person merged into another is deleted).
    """

    class Kind(models.TextChoices):
        QUOTE = "quote", "Quote"
        EVENT = "event", "Event"
        PERSON = "person", "Person"

    editor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="corrections")
    made = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(max_length=300)
    field = models.CharField(max_length=50)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)

    class Meta:
        ordering = ["-made", "-id"]
        indexes = [
            # The history shown on each correction page: one object's changes, newest first.
            models.Index(fields=["kind", "object_id", "-made"], name="correction_history"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}.{self.field}: {self.old} → {self.new}"


class DataVersion(models.Model):
    """Counters that grow whenever what the lists show changes: one row for
    people's edits, one for the ingest.

    Cached fragments are keyed by them (briefings.freshness), so a change
    anywhere makes every cached fragment stale.
    """

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"data version {self.value}"
