/* Briefings maps: country boundaries coloured by a per-page status table.
 *
 * The boundaries (static/geo/countries.geojson, built by tools/build_static.mjs)
 * are fetched once per page load and shared by every map drawn afterwards, so
 * an htmx swap to another date costs no second download. Each page sends the
 * statuses as JSON in a <script type="application/json"> element (Django's
 * json_script), keyed by ISO alpha-2 code:
 *   {"CN": {"status": "member", "name_en": "China", "name_zh": "中国"}, ...}
 */
(function () {
  "use strict";

  const boundaries = new Map();

  function loadBoundaries(url) {
    if (!boundaries.has(url)) {
      const request = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("boundaries: HTTP " + response.status + " for " + url);
        return response.json();
      });
      request.catch(function () { boundaries.delete(url); }); // let a later map retry
      boundaries.set(url, request);
    }
    return boundaries.get(url);
  }

  function readJson(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : {};
  }

  function tooltipFor(feature, entry, style) {
    // Built with textContent: names never become markup.
    const span = document.createElement("span");
    const parts = [
      (entry && entry.name_en) || feature.properties.name,
      (entry && entry.name_zh) || feature.properties.name_zh,
    ];
    if (style) parts.push(style.label_en + " / " + style.label_zh);
    span.textContent = parts.filter(Boolean).join(" · ");
    return span;
  }

  function countryStatus(map, options) {
    const statuses = readJson(options.data);
    const styles = options.styles;
    const container = map.getContainer();

    function entryOf(feature) {
      const code = feature.properties.code;
      return code ? statuses[code] : undefined;
    }

    function styleOf(feature) {
      const entry = entryOf(feature);
      const style = entry && styles[entry.status];
      const code = feature.properties.code;
      return {
        // Lets pages and tests find a country's shape: path.country-IR.
        className: code ? "country country-" + code : "country",
        fillColor: style ? style.colour : options.other,
        fillOpacity: style ? 0.85 : 0.6,
        color: "#ffffff",
        weight: 0.6,
      };
    }

    const layer = L.geoJSON(null, {
      attribution: options.attribution,
      style: styleOf,
      onEachFeature: function (feature, path) {
        const entry = entryOf(feature);
        path.bindTooltip(tooltipFor(feature, entry, entry && styles[entry.status]), { sticky: true });
        path.on("mouseover", function () { path.setStyle({ weight: 2, color: "#1d232b" }); });
        path.on("mouseout", function () { layer.resetStyle(path); });
      },
    }).addTo(map);

    container.dataset.boundaries = "loading";
    loadBoundaries(options.boundaries).then(
      function (data) {
        layer.addData(data);
        layer.bringToBack();
        container.dataset.boundaries = "loaded";
      },
      function (error) {
        container.dataset.boundaries = "failed";
        console.error(error);
      },
    );
    return layer;
  }

  window.BriefingsMaps = Object.assign(window.BriefingsMaps || {}, { countryStatus: countryStatus });
})();
