"""Leaflet maps drawn with folium, loading nothing but our own static files.

folium's Map pulls Leaflet, jQuery, Bootstrap, Font Awesome and awesome-markers
from CDNs, and its Popup and GeoJson(embed=False) templates call jQuery. Here:

- `BriefingsMap` is the one folium.Map subclass: its `default_js`/`default_css`
  name our vendored Leaflet (static/vendor/leaflet, see static/LICENSES.md) and
  our glue (static/geo/maps.js, maps.css), resolved with `static()` when the map
  is rendered; its template drops folium's page-wide styles and the inline
  `L_NO_TOUCH` script.
- Markers, popups and tooltips are small elements of our own that pass every
  string to JavaScript as JSON (folium puts popup and tooltip HTML in template
  literals, where `${...}` would run).
- `CountryStatusLayer` colours countries: the browser fetches the boundaries
  once from static/geo/countries.geojson and colours them from a JSON status
  table in the page (static/geo/sco-map.js).
- `render_map()` renders the figure once and returns its three parts for our
  templates: header (our <script src>/<link> tags), html (the map's <div>) and
  script (JavaScript for a <script nonce> of the template's own).
"""

import hashlib
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import folium
from branca.element import CssLink, JavascriptLink
from django.conf import settings
from django.core.cache import cache
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from folium.elements import JSCSSMixin
from folium.template import Template

from geo.models import Membership, Place, TripStop

BOUNDARIES = "geo/countries.geojson"
BOUNDARIES_ATTRIBUTION = "Boundaries: Natural Earth"


@dataclass(frozen=True)
class StatusStyle:
    colour: str
    label_en: str
    label_zh: str


# Colours of the SCO map, strongest tie first; the legend and table use this order.
STATUS_STYLES: dict[str, StatusStyle] = {
    Membership.Status.MEMBER: StatusStyle("#b03a2e", "Member state", "成员国"),
    Membership.Status.ACCEDING: StatusStyle("#e67e22", "Acceding state", "加入进程中的国家"),
    Membership.Status.OBSERVER: StatusStyle("#2e86c1", "Observer", "观察员国"),
    Membership.Status.DIALOGUE_PARTNER: StatusStyle("#48a9a6", "Dialogue partner", "对话伙伴"),
    Membership.Status.PARTNER: StatusStyle("#8e6bbf", "SCO partner", "上合组织伙伴"),
}
OTHER_COLOUR = "#d5dae0"


class BriefingsMap(folium.Map):
    """A folium map that loads only our Leaflet; no tiles unless MAP_TILES_URL is set."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
            <div class="folium-map briefings-map" id={{ this.get_name()|tojson }}></div>
        {% endmacro %}

        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.map(
                {{ this.get_name()|tojson }},
                {
                    center: {{ this.location|tojson }},
                    crs: L.CRS.{{ this.crs }},
                    ...{{ this.options|tojavascript }}
                }
            );
            {{ this.get_name() }}.getContainer().briefingsMap = {{ this.get_name() }};
            {{ this.get_name() }}.attributionControl.setPrefix("Leaflet");
            {%- if this.control_scale %}
            L.control.scale().addTo({{ this.get_name() }});
            {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(self, location: Sequence[float], zoom_start: int = 3, **kwargs):
        super().__init__(location=location, zoom_start=zoom_start, tiles=None, **kwargs)
        if settings.MAP_TILES_URL:
            url = settings.MAP_TILES_URL
            folium.TileLayer(tiles=url, attr=urlsplit(url).hostname or url).add_to(self)

    # Properties, not lists: static() must run when the map is rendered (it
    # needs the staticfiles manifest), and folium's add_js_link() would
    # otherwise edit a list shared by every map in the process.
    @property
    def default_js(self) -> list[tuple[str, str]]:
        return map_scripts()

    @property
    def default_css(self) -> list[tuple[str, str]]:
        return map_stylesheets()


def map_scripts() -> list[tuple[str, str]]:
    return [
        ("leaflet", static("vendor/leaflet/leaflet.js")),
        ("briefings_maps", static("geo/maps.js")),
    ]


def map_stylesheets() -> list[tuple[str, str]]:
    return [
        ("leaflet_css", static("vendor/leaflet/leaflet.css")),
        ("briefings_maps_css", static("geo/maps.css")),
    ]


class DivMarker(folium.MacroElement):
    """A marker drawn as HTML (L.divIcon): numbered stops, direction arrows."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.marker(
                {{ this.location|tojson }},
                {icon: L.divIcon({{ this.icon|tojson }}), ...{{ this.options|tojson }}}
            ).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        location: Sequence[float],
        html: str,
        class_name: str,
        size: tuple[int, int],
        **options,
    ):
        super().__init__()
        self._name = "DivMarker"
        self.location = [float(location[0]), float(location[1])]
        width, height = size
        self.icon = {
            "html": str(html),
            "className": class_name,
            "iconSize": [width, height],
            "iconAnchor": [width // 2, height // 2],
        }
        self.options = options


class HtmlPopup(folium.MacroElement):
    """A popup for its parent layer; HTML must already be escaped (a Django template)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindPopup({{ this.html|tojson }}, {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, max_width: int = 320):
        super().__init__()
        self._name = "HtmlPopup"
        self.html = str(html)
        self.options = {"maxWidth": max_width}


class TextTooltip(folium.MacroElement):
    """A tooltip of plain text (escaped here) for its parent layer."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindTooltip({{ this.html|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "TextTooltip"
        self.html = str(format_html("{}", text))


class CountryStatusLayer(JSCSSMixin, folium.MacroElement):
    """Countries from our static GeoJSON, coloured by the status table in element DATA_ID.

    With no DATA_ID every country is drawn plain: a base map that needs no tiles.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = BriefingsMaps.countryStatus(
                {{ this._parent.get_name() }}, {{ this.settings()|tojson }}
            );
        {% endmacro %}
        """
    )

    def __init__(self, data_id: str | None, styles: dict[str, StatusStyle] | None = None):
        super().__init__()
        self._name = "CountryStatusLayer"
        self.data_id = data_id
        self.styles = STATUS_STYLES if styles is None else styles

    @property
    def default_js(self) -> list[tuple[str, str]]:
        return [("briefings_sco_map", static("geo/sco-map.js"))]

    def settings(self) -> dict:
        return {
            "boundaries": static(BOUNDARIES),
            "data": self.data_id,
            "attribution": BOUNDARIES_ATTRIBUTION,
            "other": OTHER_COLOUR,
            "styles": {
                str(status): {"colour": s.colour, "label_en": s.label_en, "label_zh": s.label_zh}
                for status, s in self.styles.items()
            },
        }


@dataclass(frozen=True)
class RenderedMap:
    """A rendered map, in the three parts our templates place."""

    header: SafeString
    html: SafeString
    script: SafeString


def _is_ours(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def render_map(m: folium.Map) -> RenderedMap:
    """Render M's figure once and split it into header, html and script.

    The header keeps only the <script src>/<link> tags of the map's elements
    (folium's <meta> tags and page-wide styles are dropped); a link to another
    host is an error, not something to ship.
    """
    figure = m.get_root()
    figure.render()  # fills figure.header, figure.html and figure.script
    links = []
    for element in figure.header._children.values():
        if isinstance(element, JavascriptLink | CssLink):
            if not _is_ours(element.url):
                raise ValueError(f"map asset from another host: {element.url}")
            links.append(element.render())
    script = "\n".join(
        line.rstrip() for line in figure.script.render().splitlines() if line.strip()
    )
    html = figure.html.render().strip()
    return RenderedMap(
        header=mark_safe("\n".join(links)),  # noqa: S308 - built by branca from our URLs
        html=mark_safe(html),  # noqa: S308 - folium's <div> with a generated id
        script=mark_safe(script),  # noqa: S308 - strings inside are JSON-escaped
    )


# The itinerary map ----------------------------------------------------------


@dataclass
class PlaceVisit:
    """One place on a trip and the stops made there, in trip order."""

    place: Place
    stops: list[TripStop] = field(default_factory=list)

    @property
    def label(self) -> str:
        return "·".join(str(stop.order) for stop in self.stops)


def visits_of(stops: Sequence[TripStop]) -> list[PlaceVisit]:
    """Group STOPS (ordered, with .place loaded) by place, in order of first visit."""
    visits: dict[int, PlaceVisit] = {}
    for stop in stops:
        visits.setdefault(stop.place_id, PlaceVisit(stop.place)).stops.append(stop)
    return list(visits.values())


def _mercator(lat: float, lon: float) -> tuple[float, float]:
    lat = max(min(lat, 85.0), -85.0)
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _unmercator(x: float, y: float) -> tuple[float, float]:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2), math.degrees(x)


def leg_arrow(start: Sequence[float], end: Sequence[float]) -> tuple[tuple[float, float], float]:
    """Midpoint of a straight leg on the (Mercator) map, and its heading on screen.

    The heading is in degrees clockwise from east, as CSS rotate() takes it.
    """
    x1, y1 = _mercator(*start)
    x2, y2 = _mercator(*end)
    middle = _unmercator((x1 + x2) / 2, (y1 + y2) / 2)
    return middle, -math.degrees(math.atan2(y2 - y1, x2 - x1))


def itinerary_map(
    visits: Sequence[PlaceVisit], popup_html: Callable[[PlaceVisit], str]
) -> RenderedMap:
    """Numbered markers at each place, a dashed line through the stops with arrows."""
    stops = [stop for visit in visits for stop in visit.stops]
    stops.sort(key=lambda stop: stop.order)
    points = [(stop.place.latitude, stop.place.longitude) for stop in stops]
    centre = points[0] if points else (40.0, 80.0)
    m = BriefingsMap(location=centre, zoom_start=4)
    CountryStatusLayer(None).add_to(m)  # plain outlines, for orientation
    if len(points) > 1:
        folium.PolyLine(
            points, color="#1f5f8b", weight=3, opacity=0.8, dash_array="8 6", class_name="trip-line"
        ).add_to(m)
        for start, end in zip(points, points[1:], strict=False):
            if start == end:
                continue
            middle, heading = leg_arrow(start, end)
            arrow = format_html(
                '<span class="leg-arrow" style="transform: rotate({}deg)"></span>',
                round(heading, 1),
            )
            DivMarker(middle, arrow, "leg", (12, 12), interactive=False, keyboard=False).add_to(m)
    for visit in visits:
        place = visit.place
        width = 16 + 9 * len(visit.label)
        marker = DivMarker(
            (place.latitude, place.longitude),
            format_html("<span>{}</span>", visit.label),
            "stop-marker",
            (width, 26),
            title=f"{place.name_en} · {place.name_zh}",
            riseOnHover=True,
        )
        marker.add_child(TextTooltip(f"{visit.label}. {place.name_en} · {place.name_zh}"))
        marker.add_child(HtmlPopup(popup_html(visit)))
        marker.add_to(m)
    if len(set(points)) > 1:
        m.fit_bounds(
            [
                [min(p[0] for p in points), min(p[1] for p in points)],
                [max(p[0] for p in points), max(p[1] for p in points)],
            ],
            padding=(30, 30),
        )
    return render_map(m)


# The SCO map ----------------------------------------------------------------


def status_map(data_id: str) -> RenderedMap:
    """Eurasia, with countries coloured from the JSON status table in element DATA_ID."""
    m = BriefingsMap(location=(38.0, 75.0), zoom_start=3)
    CountryStatusLayer(data_id).add_to(m)
    return render_map(m)


# Maps of places: events, a briefing's places, a country ----------------------


@dataclass
class PlaceMarker:
    """A place on a map with its popup HTML (already escaped, from a template)."""

    place: Place
    popup_html: str = ""
    count: int = 1


def places_map(
    markers: Sequence[PlaceMarker], centre: Sequence[float] = (40.0, 75.0), zoom: int = 3
) -> RenderedMap:
    """Country outlines and a marker at each place; fitted to the markers.

    folium takes milliseconds per marker, so the rendering is cached under a
    digest of everything it is drawn from: the same markers make the same map,
    whatever else in the database has changed since.
    """
    drawn_from = [
        [settings.MAP_TILES_URL, *(url for _, url in map_scripts() + map_stylesheets())],
        [list(centre), zoom],
        *(
            [m.place.pk, m.place.latitude, m.place.longitude, m.place.name_en, m.place.name_zh,
             m.popup_html, m.count]
            for m in markers
        ),
    ]  # fmt: skip
    digest = hashlib.sha256(json.dumps(drawn_from, default=str).encode()).hexdigest()
    key = f"places-map:{digest}"
    if (rendered := cache.get(key)) is None:
        rendered = _draw_places_map(markers, centre, zoom)
        cache.set(key, rendered, timeout=3600)
    return rendered


def _draw_places_map(
    markers: Sequence[PlaceMarker], centre: Sequence[float], zoom: int
) -> RenderedMap:
    m = BriefingsMap(location=centre, zoom_start=zoom)
    CountryStatusLayer(None).add_to(m)
    points = []
    for marker in markers:
        place = marker.place
        point = (place.latitude, place.longitude)
        points.append(point)
        label = str(marker.count) if marker.count > 1 else ""
        width = 14 + 8 * len(label)
        element = DivMarker(
            point,
            format_html("<span>{}</span>", label),
            "place-marker",
            (width, 18),
            riseOnHover=True,
        )
        element.add_child(TextTooltip(f"{place.name_en} · {place.name_zh}"))
        if marker.popup_html:
            element.add_child(HtmlPopup(marker.popup_html))
        element.add_to(m)
    if len(set(points)) > 1:
        m.fit_bounds(
            [
                [min(p[0] for p in points), min(p[1] for p in points)],
                [max(p[0] for p in points), max(p[1] for p in points)],
            ],
            padding=(30, 30),
            max_zoom=6,
        )
    elif points:
        m.location = list(points[0])
    return render_map(m)
