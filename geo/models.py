import datetime

from django.db import models
from django.db.models import Q


class Country(models.Model):
    """An ISO 3166-1 country; the alpha-2 code is the key used everywhere."""

    code = models.CharField("alpha-2", max_length=2, primary_key=True)
    alpha3 = models.CharField("alpha-3", max_length=3, unique=True)
    numeric = models.CharField(max_length=3, unique=True)
    name_en = models.CharField(max_length=100)
    name_zh = models.CharField(max_length=100)
    # Other names news writing uses: short forms (沙特, 俄), traditional
    # spellings (俄羅斯), common English names (Russia) and demonyms.
    aliases_zh = models.JSONField(default=list, blank=True)
    aliases_en = models.JSONField(default=list, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return f"{self.name_en} ({self.code})"

    def name_for(self, language: str) -> str:
        return self.name_zh if language.startswith("zh") else self.name_en


class Place(models.Model):
    slug = models.SlugField(unique=True)
    name_en = models.CharField(max_length=100)
    name_zh = models.CharField(max_length=100)
    aliases_zh = models.JSONField(default=list, blank=True)
    aliases_en = models.JSONField(default=list, blank=True)
    country = models.ForeignKey(Country, models.PROTECT, related_name="places")
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        ordering = ["name_en"]

    def __str__(self) -> str:
        return f"{self.name_en}, {self.country_id}"

    def name_for(self, language: str) -> str:
        return self.name_zh if language.startswith("zh") else self.name_en


class Organisation(models.Model):
    slug = models.SlugField(unique=True)
    name_en = models.CharField(max_length=200)
    name_zh = models.CharField(max_length=200)
    abbreviation = models.CharField(max_length=20, blank=True)
    aliases_zh = models.JSONField(default=list, blank=True)
    aliases_en = models.JSONField(default=list, blank=True)
    founded = models.DateField(null=True, blank=True)
    countries = models.ManyToManyField(Country, through="Membership", related_name="organisations")

    class Meta:
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.abbreviation or self.name_en

    def memberships_on(self, day: datetime.date) -> models.QuerySet["Membership"]:
        """Memberships in force on DAY, one per country (costs one query)."""
        return self.memberships.in_force(day).select_related("country")


class MembershipQuerySet(models.QuerySet):
    def in_force(self, day: datetime.date) -> "MembershipQuerySet":
        return self.filter(Q(start__lte=day), Q(end__isnull=True) | Q(end__gt=day))


class Membership(models.Model):
    """One country's status in an organisation over a span of dates.

    A country that moves from observer to member has two rows; `end` is the
    first day the status no longer held (null while it still does).
    """

    class Status(models.TextChoices):
        MEMBER = "member", "Member state"
        OBSERVER = "observer", "Observer"
        DIALOGUE_PARTNER = "dialogue_partner", "Dialogue partner"
        ACCEDING = "acceding", "Acceding state"
        PARTNER = "partner", "SCO partner"

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="memberships")
    country = models.ForeignKey(Country, models.PROTECT, related_name="memberships")
    status = models.CharField(max_length=20, choices=Status.choices)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    source = models.TextField(blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "start", "country"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "country", "status", "start"], name="unique_membership_span"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=models.F("start")),
                name="membership_ends_after_start",
            ),
        ]
        indexes = [
            # Organisation.memberships_on(): status of every country on a date.
            models.Index(fields=["organisation", "start", "end"]),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.status} of {self.organisation} from {self.start}"


class Trip(models.Model):
    slug = models.SlugField(unique=True)
    title_en = models.CharField(max_length=200)
    title_zh = models.CharField(max_length=200, blank=True)
    traveller = models.ForeignKey(
        "briefings.Person", models.SET_NULL, null=True, blank=True, related_name="trips"
    )
    start = models.DateField()
    end = models.DateField()

    class Meta:
        ordering = ["-start"]

    def __str__(self) -> str:
        return self.title_en


class TripStop(models.Model):
    trip = models.ForeignKey(Trip, models.CASCADE, related_name="stops")
    order = models.PositiveSmallIntegerField()
    place = models.ForeignKey(Place, models.PROTECT, related_name="trip_stops")
    arrival = models.DateField(null=True, blank=True)
    departure = models.DateField(null=True, blank=True)
    purpose_en = models.CharField(max_length=200, blank=True)
    purpose_zh = models.CharField(max_length=200, blank=True)
    events = models.ManyToManyField("briefings.Event", blank=True, related_name="trip_stops")

    class Meta:
        ordering = ["trip", "order"]
        constraints = [
            models.UniqueConstraint(fields=["trip", "order"], name="unique_stop_order"),
        ]

    def __str__(self) -> str:
        return f"{self.trip} #{self.order}: {self.place}"
