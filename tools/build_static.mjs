// Rebuild the vendored map assets under static/ from the npm devDependencies.
//
//   npm ci && node tools/build_static.mjs
//
// Writes (all committed, so that neither Node nor the network is needed to run
// the site):
//   static/vendor/leaflet/   Leaflet's dist: leaflet.js, leaflet.css, images/, LICENSE
//   static/geo/countries.geojson
//                            Natural Earth admin-0 boundaries from world-atlas as a
//                            GeoJSON FeatureCollection; properties: code (ISO alpha-2
//                            or null), name, name_zh
//   static/geo/LICENSE-world-atlas
//
// The boundaries are the 1:110m countries, plus the small countries and
// territories that only the 1:50m file has (Bahrain, the Maldives, Singapore...),
// so that every state the SCO deals with has a shape to colour. Coordinates are
// rounded (0.01 degree, about 1 km, at 1:110m; 0.001 for the small ones), which
// is far below the precision of the sources at these scales and keeps the file
// near 200 KB raw, 60 KB gzipped.

import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { feature } from "topojson-client";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const MODULES = join(ROOT, "node_modules");
const STATIC = join(ROOT, "static");

// Hong Kong and Macao are inside China's 1:110m outline; drawing them on top
// as separate grey dots would say something the map does not mean to say.
const SKIP_FROM_50M = new Set(["344", "446"]);
const RAW_LIMIT = 250 * 1024;
const GZIP_LIMIT = 100 * 1024;

function buildLeaflet() {
  const source = join(MODULES, "leaflet", "dist");
  const target = join(STATIC, "vendor", "leaflet");
  rmSync(target, { recursive: true, force: true });
  mkdirSync(join(target, "images"), { recursive: true });
  // The source map is not shipped: drop the comment that points at it (a
  // manifest static storage would otherwise fail on the missing file).
  const js = readFileSync(join(source, "leaflet.js"), "utf8").replace(
    /\n\/\/# sourceMappingURL=\S+\s*$/,
    "\n",
  );
  writeFileSync(join(target, "leaflet.js"), js);
  copyFileSync(join(source, "leaflet.css"), join(target, "leaflet.css"));
  for (const name of readdirSync(join(source, "images"))) {
    copyFileSync(join(source, "images", name), join(target, "images", name));
  }
  copyFileSync(join(MODULES, "leaflet", "LICENSE"), join(target, "LICENSE"));
  const version = JSON.parse(readFileSync(join(MODULES, "leaflet", "package.json"))).version;
  console.log(`leaflet ${version} -> static/vendor/leaflet/`);
}

/** A small RFC 4180 reader: seeds/countries.csv quotes names with commas. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += c;
    }
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.length > 1);
  return body.map((r) => Object.fromEntries(header.map((key, i) => [key, r[i] ?? ""])));
}

function countriesByNumeric() {
  const rows = parseCsv(readFileSync(join(ROOT, "seeds", "countries.csv"), "utf8"));
  const byNumeric = new Map();
  for (const row of rows) {
    const alpha2 = row.code || row.alpha2;
    if (row.numeric && alpha2) byNumeric.set(row.numeric.padStart(3, "0"), { ...row, alpha2 });
  }
  return byNumeric;
}

function loadCountries(resolution) {
  const topology = JSON.parse(
    readFileSync(join(MODULES, "world-atlas", `countries-${resolution}.json`), "utf8"),
  );
  return feature(topology, topology.objects.countries).features;
}

/** Round a ring's points and drop the repeats that rounding creates. */
function roundRing(ring, digits) {
  const scale = 10 ** digits;
  const out = [];
  for (const [x, y] of ring) {
    const point = [Math.round(x * scale) / scale, Math.round(y * scale) / scale];
    const last = out[out.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out.length >= 4 ? out : null; // a closed ring needs 4 positions
}

function roundGeometry(geometry, digits) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const kept = [];
  for (const polygon of polygons) {
    const [outer, ...holes] = polygon.map((ring) => roundRing(ring, digits));
    if (outer) kept.push([outer, ...holes.filter(Boolean)]);
  }
  if (!kept.length) return null;
  return kept.length === 1
    ? { type: "Polygon", coordinates: kept[0] }
    : { type: "MultiPolygon", coordinates: kept };
}

function buildBoundaries() {
  const countries = countriesByNumeric();
  const coarse = loadCountries("110m");
  const present = new Set(coarse.map((f) => f.id));
  const small = loadCountries("50m").filter(
    (f) => f.id !== undefined && !present.has(f.id) && !SKIP_FROM_50M.has(f.id),
  );
  const features = [];
  const unmatched = [];
  for (const [source, digits] of [
    [coarse, 2],
    [small, 3],
  ]) {
    for (const f of source) {
      const geometry = roundGeometry(f.geometry, digits);
      if (!geometry) continue;
      const country = f.id === undefined ? undefined : countries.get(f.id);
      if (!country) unmatched.push(`${f.id ?? "-"} ${f.properties.name}`);
      features.push({
        type: "Feature",
        properties: {
          // Kosovo, Northern Cyprus and Somaliland have no ISO 3166 code.
          code: country ? country.alpha2 : null,
          name: country ? country.name_en : f.properties.name,
          name_zh: country ? country.name_zh : "",
        },
        geometry,
      });
    }
  }
  // Countries by code, then the few without one: a stable, diffable file.
  const key = (f) => f.properties.code ?? `~${f.properties.name}`;
  features.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const text = JSON.stringify({ type: "FeatureCollection", features });
  const gzipped = gzipSync(text, { level: 9 }).length;
  const target = join(STATIC, "geo");
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, "countries.geojson"), text);
  copyFileSync(join(MODULES, "world-atlas", "LICENSE"), join(target, "LICENSE-world-atlas"));
  console.log(
    `countries.geojson: ${features.length} features, ${text.length} bytes, ${gzipped} gzipped`,
  );
  if (unmatched.length) console.log(`  without an ISO code: ${unmatched.join(", ")}`);
  if (text.length > RAW_LIMIT || gzipped > GZIP_LIMIT) {
    throw new Error(`countries.geojson is over its budget (${RAW_LIMIT} raw, ${GZIP_LIMIT} gzip)`);
  }
}

buildLeaflet();
buildBoundaries();
