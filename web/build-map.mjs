// Converts the world-atlas TopoJSON (Natural Earth 1:110m, ISC licence) into the small asset the
// dashboard embeds: one SVG path per country in an equirectangular projection (x = lon + 180,
// y = 90 - lat, in degrees, one decimal), keyed by ISO 3166-1 alpha-3, with English and French
// names from the gazetteer (data/gazetteer/countries.tsv). Antarctica is left out.
//
//   npm ci --prefix web && npm run --prefix web build
//
// The output, web/static/countries.json, is committed so that `cargo build` needs no npm.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';

const here = dirname(fileURLToPath(import.meta.url));
const topo = JSON.parse(
  readFileSync(join(here, 'node_modules/world-atlas/countries-110m.json'), 'utf8'),
);
const atlasVersion = JSON.parse(
  readFileSync(join(here, 'node_modules/world-atlas/package.json'), 'utf8'),
).version;

// numeric -> { alpha3, en, fr }
const names = new Map();
const tsv = readFileSync(join(here, '../data/gazetteer/countries.tsv'), 'utf8').split('\n');
const head = tsv[0].split('\t');
const col = (n) => head.indexOf(n);
for (const line of tsv.slice(1)) {
  if (!line.trim()) continue;
  const f = line.split('\t');
  names.set(f[col('numeric')], { a3: f[col('alpha3')], en: f[col('name_en')], fr: f[col('name_fr')] });
}

const r = (v) => Math.round(v * 10) / 10;
function ring(coords) {
  let d = '';
  let px = null;
  let py = null;
  let n = 0;
  for (const [lon, lat] of coords) {
    const x = r(lon + 180);
    const y = r(90 - lat);
    if (x === px && y === py) continue;
    d += (n === 0 ? 'M' : 'L') + x + ' ' + y;
    px = x;
    py = y;
    n++;
  }
  return n >= 3 ? d + 'Z' : '';
}

const geo = feature(topo, topo.objects.countries);
const out = [];
for (const f of geo.features) {
  // Antarctica (010) holds no events and its ring along the map's edge draws a stray line.
  if (!f.geometry || f.id === '010') continue;
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const d = polys.flatMap((p) => p.map(ring)).join('');
  if (!d) continue;
  const meta = names.get(f.id) || {};
  out.push({ id: meta.a3 || null, name: f.properties.name, en: meta.en || f.properties.name, fr: meta.fr || f.properties.name, d });
}
out.sort((a, b) => (a.en < b.en ? -1 : 1));
const asset = {
  source: `world-atlas ${atlasVersion} countries-110m (Natural Earth, public domain; world-atlas ISC licence, Copyright 2013-2019 Michael Bostock)`,
  projection: 'equirectangular: x = lon + 180, y = 90 - lat',
  countries: out,
};
writeFileSync(join(here, 'static/countries.json'), JSON.stringify(asset) + '\n');
console.log(`web/static/countries.json: ${out.length} countries, ${out.filter((c) => !c.id).length} without ISO code`);
