import datetime

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from briefings.models import Article, Event
from geo import maps
from geo.forms import MapDateForm, TripForm
from geo.models import Membership, Organisation, Trip, TripStop

SCO_SLUG = "sco"
SCO_STATUS_ID = "sco-status"
# Dates an analyst asks about: the quick buttons of the SCO map.
SCO_DATES = [
    (datetime.date(2001, 6, 15), _("Founding, Shanghai")),
    (datetime.date(2017, 6, 9), _("India and Pakistan join")),
    (datetime.date(2022, 9, 15), _("Samarkand summit")),
    (datetime.date(2023, 7, 4), _("Iran joins")),
    (datetime.date(2024, 7, 4), _("Belarus joins")),
]


def _articles():
    return Prefetch("articles", queryset=Article.objects.only("id", "headline", "published"))


def _stops_with_events(trip: Trip) -> list[TripStop]:
    """TRIP's stops in order, each with .all_events: its own events and those at
    its place within its dates, with their briefings (five queries in all)."""
    stops = list(
        trip.stops.select_related("place__country").prefetch_related(
            Prefetch("events", queryset=Event.objects.prefetch_related(_articles()))
        )
    )
    days = [d for stop in stops for d in (stop.arrival, stop.departure) if d] + [
        trip.start,
        trip.end,
    ]
    nearby = list(
        Event.objects.filter(
            place_id__in={stop.place_id for stop in stops}, start__lte=max(days), end__gte=min(days)
        ).prefetch_related(_articles())
    )
    for stop in stops:
        found = {event.pk: event for event in stop.events.all()}
        first, last = stop.arrival or stop.departure, stop.departure or stop.arrival
        if first:
            for event in nearby:
                if event.place_id == stop.place_id and event.start <= last and event.end >= first:
                    found.setdefault(event.pk, event)
        stop.all_events = sorted(found.values(), key=lambda event: (event.start, event.title))
    return stops


@require_GET
def itinerary(request: HttpRequest) -> HttpResponse:
    form = TripForm(request.GET)
    if not form.is_valid():
        return render(request, "geo/itinerary.html", {"form": form}, status=400)
    trips = list(Trip.objects.select_related("traveller"))
    slug = form.cleaned_data["trip"]
    if slug:
        trip = next((trip for trip in trips if trip.slug == slug), None)
        if trip is None:
            raise Http404("No trip with that slug.")
    else:
        trip = trips[0] if trips else None  # Trip.Meta.ordering: latest first
    context = {"form": form, "trips": trips, "trip": trip}
    if trip is not None:
        stops = _stops_with_events(trip)
        visits = maps.visits_of(stops)
        context["stops"] = stops
        context["map"] = maps.itinerary_map(
            visits, lambda visit: render_to_string("geo/_stop_popup.html", {"visit": visit})
        )
    return render(request, "geo/itinerary.html", context)


def _statuses_on(day: datetime.date) -> list[Membership]:
    """The SCO's memberships in force on DAY, one per country (two queries)."""
    sco = get_object_or_404(Organisation, slug=SCO_SLUG)
    by_country: dict[str, Membership] = {}
    for membership in sco.memberships_on(day):  # ordered by start: the latest wins
        by_country[membership.country_id] = membership
    return list(by_country.values())


@require_GET
@vary_on_headers("HX-Request")
def sco(request: HttpRequest) -> HttpResponse:
    fragment = request.htmx and not request.htmx.history_restore_request
    template = "geo/sco.html#map" if fragment else "geo/sco.html"
    form = MapDateForm(request.GET)
    today = timezone.localdate()
    context = {"form": form, "quick_dates": [*SCO_DATES, (today, _("Today"))], "today": today}
    if not form.is_valid():
        # The full page still loads Leaflet, so that a later htmx swap can draw.
        context["map"] = maps.status_map(SCO_STATUS_ID)
        return render(request, template, context, status=400)
    day = form.cleaned_data["date"]
    # One id per date: during an htmx swap the old fragment is still in the page.
    status_id = f"{SCO_STATUS_ID}-{day:%Y%m%d}"
    memberships = _statuses_on(day)
    groups = []
    for status, style in maps.STATUS_STYLES.items():
        countries = sorted(
            (m.country for m in memberships if m.status == status), key=lambda c: c.name_en
        )
        if countries:
            groups.append({"status": status, "style": style, "countries": countries})
    context |= {
        "day": day,
        "groups": groups,
        "styles": maps.STATUS_STYLES,
        "other_colour": maps.OTHER_COLOUR,
        "status_id": status_id,
        "statuses": {
            m.country_id: {
                "status": m.status,
                "name_en": m.country.name_en,
                "name_zh": m.country.name_zh,
            }
            for m in memberships
        },
        "map": maps.status_map(status_id),
    }
    return render(request, template, context)
