#!/usr/bin/env node
// Regenerates data/reference/countries.json and the `generated` half of
// data/reference/customs-country-aliases.json from Unicode CLDR JSON.
//
//   npm i --prefix /tmp/cldr cldr-core@48.2.0 cldr-localenames-full@48.2.0
//   node scripts/reference-data/generate-countries.mjs /tmp/cldr
//
// The argument is a folder holding the CLDR packages (or a node_modules above them); without it
// the project's own node_modules is searched. The CLDR packages are never project dependencies:
// the service reads the committed JSON, not CLDR. Output has no timestamps, so a rerun with the
// same CLDR versions gives byte-identical files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(projectRoot, 'data', 'reference');
const COUNTRIES_FILE = join(outDir, 'countries.json');
const ALIASES_FILE = join(outDir, 'customs-country-aliases.json');

// The customs service reports unattributed trade as ZZ; CLDR calls ZZ "Unknown Region", which is
// not what the service means, so its names are ours.
const OTHER_COUNTRIES = { code: 'ZZ', nameEn: 'Other countries', nameKo: '기타국가' };

// CLDR lists these as territories, but ISO 3166-1 only reserves them ("exceptionally reserved"
// or "transitionally reserved") or never assigned them. Private-use codes are filtered by pattern.
const NOT_ISO_COUNTRIES = new Set(['AC', 'CP', 'CQ', 'DG', 'EA', 'EU', 'EZ', 'IC', 'TA', 'UN']);
const PRIVATE_USE = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;

function findPackagesDir(arg) {
  const candidates = arg
    ? [resolve(arg), resolve(arg, 'node_modules')]
    : [join(projectRoot, 'node_modules')];
  const dir = candidates.find((d) => existsSync(join(d, 'cldr-core', 'package.json')));
  if (!dir) {
    throw new Error(
      `cldr-core not found in ${candidates.join(' or ')}; install the CLDR packages outside the project ` +
        '(npm i --prefix /tmp/cldr cldr-core@48.2.0 cldr-localenames-full@48.2.0) and pass that folder',
    );
  }
  return dir;
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function loadCldr(packagesDir) {
  // -full and -modern carry the same en/ko territory names; prefer -full, the one still published.
  const namesPkg = ['cldr-localenames-full', 'cldr-localenames-modern'].find((p) =>
    existsSync(join(packagesDir, p, 'package.json')),
  );
  if (!namesPkg) throw new Error(`no cldr-localenames-full/-modern in ${packagesDir}`);
  const names = (lang) =>
    readJson(join(packagesDir, namesPkg, 'main', lang, 'territories.json')).main[lang]
      .localeDisplayNames.territories;
  const containment = readJson(join(packagesDir, 'cldr-core', 'supplemental', 'territoryContainment.json'));
  const version = (p) => readJson(join(packagesDir, p, 'package.json')).version;
  return {
    en: names('en'),
    ko: names('ko'),
    containment: containment.supplemental.territoryContainment,
    cldrVersion: containment.supplemental.version._cldrVersion,
    packages: { 'cldr-core': version('cldr-core'), [namesPkg]: version(namesPkg) },
  };
}

// Maps each territory to the region that directly contains it. Grouping (EU, 419 Latin America)
// and deprecated containments are skipped so that every territory has exactly one parent, which
// is the finest UN M49 region: the intermediate region where M49 has one (005 South America,
// 011 Western Africa), else the sub-region (030 Eastern Asia).
function parentMap(containment) {
  const parent = new Map();
  for (const [key, value] of Object.entries(containment)) {
    if (key.includes('-status-') || value._grouping === 'true') continue;
    for (const child of value._contains) {
      if (parent.has(child)) throw new Error(`${child} is in both ${parent.get(child)} and ${key}`);
      parent.set(child, key);
    }
  }
  return parent;
}

function buildCountries(cldr) {
  const parent = parentMap(cldr.containment);
  const continents = new Set(cldr.containment['001']._contains);
  const ref = (code) => ({ code, nameEn: cldr.en[code], nameKo: cldr.ko[code] });
  const isM49 = (code) => /^\d{3}$/.test(code ?? '');
  const countries = Object.keys(cldr.en)
    .filter((code) => /^[A-Z]{2}$/.test(code) && !PRIVATE_USE.test(code) && !NOT_ISO_COUNTRIES.has(code))
    .filter((code) => parent.has(code))
    .map((code) => {
      const region = parent.get(code);
      // Antarctica sits in CLDR's private QO ("Outlying Oceania"); M49 puts it in no region.
      if (!isM49(region)) return { code, nameEn: cldr.en[code], nameKo: cldr.ko[code], region: null, continent: null };
      let continent = region;
      while (continent && !continents.has(continent)) continent = parent.get(continent);
      if (!continent) throw new Error(`no continent for ${code} (region ${region})`);
      return { code, nameEn: cldr.en[code], nameKo: cldr.ko[code], region: ref(region), continent: ref(continent) };
    });
  countries.push({ ...OTHER_COUNTRIES, region: null, continent: null });
  countries.sort((a, b) => (a.code < b.code ? -1 : 1));
  for (const c of countries) if (!c.nameEn || !c.nameKo) throw new Error(`missing name for ${c.code}`);
  // ISO 3166-1 has had 249 codes since 2011; a different count means the filter above needs a look.
  if (countries.length !== 250) throw new Error(`expected 249 ISO countries + ZZ, got ${countries.length}`);
  return countries;
}

// Lookups ignore whitespace entirely: KCS writes `아랍에미리트 연합`, others `아랍에미리트연합`.
const aliasKey = (name) => name.normalize('NFC').replace(/\s+/gu, '');

function buildGeneratedAliases(cldr, countries) {
  const codes = new Set(countries.map((c) => c.code));
  const entries = [];
  for (const [key, name] of Object.entries(cldr.ko)) {
    const [code, alt] = key.split('-alt-');
    if (!codes.has(code) || code === OTHER_COUNTRIES.code) continue;
    entries.push({ name, code, cldr: alt ? `alt-${alt}` : 'standard' });
  }
  return entries;
}

function checkAliases(generated, manual, codes) {
  const seen = new Map();
  for (const e of [...generated, ...manual]) {
    if (!codes.has(e.code)) throw new Error(`alias ${e.name} -> ${e.code}: no such country`);
    const k = aliasKey(e.name);
    if (seen.has(k) && seen.get(k) !== e.code) throw new Error(`alias ${e.name} maps to ${seen.get(k)} and ${e.code}`);
    seen.set(k, e.code);
  }
  return seen.size;
}

const byNameThenCode = (a, b) => (a.name === b.name ? (a.code < b.code ? -1 : 1) : a.name < b.name ? -1 : 1);
const write = (path, value) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);

function main() {
  const packagesDir = findPackagesDir(process.argv[2]);
  const cldr = loadCldr(packagesDir);
  const header = {
    source: 'Unicode CLDR JSON: cldr-core supplemental/territoryContainment.json, cldr-localenames main/{en,ko}/territories.json',
    cldrVersion: cldr.cldrVersion,
    cldrPackages: cldr.packages,
    licence: 'Unicode License v3 (SPDX Unicode-3.0); notice in data/reference/LICENSE-CLDR.txt',
    generatedBy: `node scripts/reference-data/generate-countries.mjs <dir with ${Object.entries(cldr.packages).map(([p, v]) => `${p}@${v}`).join(' ')}>`,
  };
  const countries = buildCountries(cldr);
  // The manual half lives only in the output file, so it is read back and kept, never regenerated.
  const existing = existsSync(ALIASES_FILE) ? readJson(ALIASES_FILE) : {};
  const manual = [...(existing.manual ?? [])].sort(byNameThenCode);
  const generated = buildGeneratedAliases(cldr, countries).sort(byNameThenCode);
  const keys = checkAliases(generated, manual, new Set(countries.map((c) => c.code)));

  write(COUNTRIES_FILE, {
    description: 'ISO 3166-1 alpha-2 countries plus ZZ (customs "other countries"), names in English and Korean, finest UN M49 region and continent. Generated: do not edit by hand.',
    ...header,
    notes: [
      'region is the smallest UN M49 region CLDR places the country in: the intermediate region where M49 has one (e.g. 005 South America, 011 Western Africa), otherwise the sub-region (e.g. 030 Eastern Asia).',
      'region and continent are null for AQ (M49 puts Antarctica in no region) and ZZ.',
      'ZZ names are the customs service\'s ("기타국가"), not CLDR\'s "Unknown Region".',
    ],
    countries,
  });
  write(ALIASES_FILE, {
    description: 'Korean partner names as the Korea Customs Service writes them (statCdCntnKor1) -> ISO 3166-1 alpha-2. `generated` is rewritten from CLDR by the generator; `manual` is maintained by hand and kept as is.',
    normalization: 'A name matches an alias when both are equal after Unicode NFC and removal of all whitespace.',
    ...header,
    generated,
    manual,
  });
  console.log(`${countries.length} countries, ${generated.length} generated + ${manual.length} manual aliases (${keys} distinct keys) from ${packagesDir}`);
}

try {
  main();
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
}
