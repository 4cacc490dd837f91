// rules/data/property-model.json: the request properties of the five gallery resource types at each
// api-version the reference covers (type, enum values, required, read-only), for SIG006.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const output = 'rules/data/property-model.json';

const TYPES = [
  'Microsoft.Compute/galleries',
  'Microsoft.Compute/galleries/images',
  'Microsoft.Compute/galleries/images/versions',
  'Microsoft.Compute/galleries/applications',
  'Microsoft.Compute/galleries/applications/versions',
];

// Set by Azure or by the template language, never a property a rule checks.
const SKIPPED = /^(id|name|type|apiVersion|tags|systemData)(\.|\[|$)/;

// bicep-types keeps no string formats; the swagger declares these two `format: date-time`
// (azure-compute-gallery.md, sections 3 to 5).
const DATE_TIME = /(^|\.)(endOfLifeDate|publishedDate)$/;

const DAY = 86_400_000;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

function fail(message) {
  throw new Error(`property-model: ${message}`);
}

/** One row of the source, reduced to what SIG006 uses. */
function fact(row) {
  const out = { type: DATE_TIME.test(row.path) && row.type === 'string' ? 'date-time' : row.type };
  if (row.type === 'enum') {
    out.values = row.values;
    out.open = row.openString === true;
  }
  if (row.flags.includes('Required')) out.required = true;
  if (row.flags.includes('ReadOnly')) out.readOnly = true;
  return out;
}

export function derive(shared) {
  const dataDir = join(shared, 'reference/data');
  const source = JSON.parse(readFileSync(join(dataDir, 'gallery-rp-properties-by-api-version.json'), 'utf8'));
  const enums = JSON.parse(readFileSync(join(dataDir, 'gallery-enums-2025-12-03.json'), 'utf8'));
  const apiVersions = Object.keys(source).filter((k) => k !== '_meta').sort();
  if (apiVersions.length === 0) fail('no api-version in the source');

  const types = {};
  for (const type of TYPES) {
    // path -> JSON of the fact -> api-versions that have it
    const byPath = new Map();
    for (const apiVersion of apiVersions) {
      const rows = source[apiVersion][`${type}@${apiVersion}`];
      if (!Array.isArray(rows)) fail(`${type} is missing at ${apiVersion}`);
      // A read-only object's children are read-only too (the source flags only the object).
      const readOnlyRoots = rows.filter((r) => r.flags.includes('ReadOnly')).map((r) => r.path);
      for (const row of rows) {
        if (SKIPPED.test(row.path) || row.path.includes('.*')) continue;
        if (readOnlyRoots.some((root) => row.path.startsWith(`${root}.`) || row.path.startsWith(`${root}[`))) continue;
        const key = JSON.stringify(fact(row));
        let facts = byPath.get(row.path);
        if (!facts) byPath.set(row.path, (facts = new Map()));
        facts.set(key, [...(facts.get(key) ?? []), apiVersion]);
      }
    }
    const rows = [];
    for (const path of [...byPath.keys()].sort()) {
      for (const [key, versions] of byPath.get(path)) {
        rows.push({ path, ...JSON.parse(key), ...(versions.length === apiVersions.length ? {} : { apiVersions: versions }) });
      }
    }
    types[type] = rows;

    // The enum file is a second extract of the newest api-version: both must agree.
    const newest = apiVersions[apiVersions.length - 1];
    const listed = enums[`${type}@${newest}`] ?? {};
    for (const [path, e] of Object.entries(listed)) {
      if (SKIPPED.test(path)) continue;
      const row = rows.find((r) => r.path === path && (r.apiVersions ?? apiVersions).includes(newest));
      if (!row) {
        if (!(e.flags ?? []).includes('ReadOnly') && !readOnlyAncestor(rows, path)) fail(`${type} ${path} is an enum in the enum file only`);
        continue;
      }
      if (JSON.stringify(row.values) !== JSON.stringify(e.values) || row.open !== e.openString) {
        fail(`${type} ${path}: the two sources disagree on its values`);
      }
    }
  }

  // An api-version outside the data is checked against the nearest one: api-versions are dates, so the
  // nearest is decided by the day halfway between two known ones.
  const dayOf = (v) => Date.parse(`${v}T00:00:00Z`);
  const nearest = apiVersions.map((apiVersion, i) => {
    const next = apiVersions[i + 1];
    return {
      apiVersion,
      from: i === 0 ? null : isoDay(dayOf(apiVersions[i - 1]) + Math.ceil((dayOf(apiVersion) - dayOf(apiVersions[i - 1])) / DAY / 2) * DAY),
      until: next === undefined ? null : isoDay(dayOf(apiVersion) + Math.ceil((dayOf(next) - dayOf(apiVersion)) / DAY / 2) * DAY),
    };
  });

  const meta = source._meta;
  return {
    _meta: {
      description:
        'Request properties of the gallery resource types per api-version: type (date-time for the two date properties), enum values and whether the enum is open, required, read-only. Read-only objects stand for their children; systemData, id, name, type, apiVersion, tags and map entries are left out. A row without `apiVersions` holds at every api-version. Used by SIG006 property-schema.',
      derivedFrom:
        'shared/reference/data/gallery-rp-properties-by-api-version.json, checked against gallery-enums-2025-12-03.json (regenerate with `npm run generate`)',
      origin: `${meta.source_repo}@${meta.commit}, ${Object.values(meta.paths).join(', ')}`,
      license: meta.license,
      nearest: 'An api-version from `from` (inclusive) until `until` (exclusive) is checked against `apiVersion`: the nearest known one, by date.',
    },
    apiVersions,
    nearest,
    types,
  };
}

function readOnlyAncestor(rows, path) {
  return rows.some((r) => r.readOnly && (path.startsWith(`${r.path}.`) || path.startsWith(`${r.path}[`)));
}
