/**
 * The official compiler as oracle for evaluation: for every baseline sample that compiles without
 * errors, the resources our Bicep frontend derives from `main.bicep` equal those our ARM frontend
 * derives from the `main.json` the compiler produced: same types and names, and the same location and
 * properties wherever both sides are fully known. Files are read in place from `../shared`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ResourceGraph, findUnknown, Unknown, type Resource, type Value } from '@sigil/core';
import { loadArm } from '@sigil/arm';
import { loadBicep } from '../src/index.js';

// packages/bicep/dist/test -> the repository root -> ../shared
const CORPUS = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'conformance', 'bicep');

interface Sample {
  readonly name: string;
  readonly compiles: boolean;
  readonly hasErrors: boolean;
}

function samples(): Sample[] {
  const rows = readFileSync(join(CORPUS, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1);
  return rows.map((row) => {
    const [name, compiles, hasErrors] = row.split('\t');
    return { name: name as string, compiles: compiles === 'yes', hasErrors: hasErrors === 'yes' };
  });
}

/**
 * Samples whose resources cannot be compared, with the reason. Everything else must match.
 */
const NOT_COMPARED: Record<string, string> = {
  Registry_LF: 'its modules come from registries (br:, ts:), which sigil does not fetch: their resources are unknown by design',
};

function graphOf(load: (graph: ResourceGraph) => void): ResourceGraph {
  const graph = new ResourceGraph();
  load(graph);
  return graph;
}

/** Deployed resources with a known name, by `type name` (lower case); deployments are compared through their contents. */
function byIdentity(graph: ResourceGraph): Map<string, Resource[]> {
  const out = new Map<string, Resource[]>();
  for (const r of graph.resources) {
    if (r.existing || r.type.toLowerCase() === 'microsoft.resources/deployments') continue;
    const name = r.fullName;
    if (typeof name !== 'string') continue;
    const key = `${r.type.toLowerCase()} ${name.toLowerCase()}`;
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
}

function known(v: Value | undefined): boolean {
  return v !== undefined && !(v instanceof Unknown) && findUnknown(v) === undefined;
}

function plain(v: Value | undefined): unknown {
  return JSON.parse(JSON.stringify(v ?? null)) as unknown;
}

const totals = { samples: 0, resources: 0, unnamed: 0, compared: 0 };

const conformance = suite('bicep conformance: Bicep = compiled ARM');

for (const sample of samples()) {
  if (!sample.compiles || sample.hasErrors) continue;
  const dir = join(CORPUS, sample.name);
  const reason = NOT_COMPARED[sample.name];
  if (reason) continue;
  conformance(sample.name, () => {
    const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile());
    // The sample's parameters file (ARM JSON) is given to Bicep as `--parameters` would be.
    const parameters = files.includes('main.parameters.json') ? [{ kind: 'file' as const, path: 'main.parameters.json' }] : [];
    const bicep = graphOf((g) => loadBicep([{ path: 'main.bicep', explicit: true }], g, { cwd: dir, parameters }));
    const arm = graphOf((g) => loadArm([{ path: 'main.json', explicit: true }, ...(files.includes('main.parameters.json') ? [{ path: 'main.parameters.json', explicit: false }] : [])], g, { cwd: dir }));
    const errors = bicep.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}: ${d.message}`);
    assert.equal(errors, [], 'no error diagnostics on a sample the compiler accepts');
    const mine = byIdentity(bicep);
    const theirs = byIdentity(arm);
    assert.equal([...mine.keys()].sort(), [...theirs.keys()].sort(), 'the same resources (type and name)');
    totals.samples++;
    totals.unnamed += bicep.resources.filter((r) => typeof r.fullName !== 'string').length;
    for (const [key, list] of theirs) {
      const other = mine.get(key) ?? [];
      totals.resources += list.length;
      list.forEach((r, i) => {
        const b = other[i];
        if (!b) return;
        for (const path of [['location'], ['properties'], ['sku'], ['kind'], ['tags']]) {
          const x = r.get(path);
          const y = b.get(path);
          if (!known(x) || !known(y)) continue;
          totals.compared++;
          assert.equal(plain(y), plain(x), `${key}: ${path.join('.')}`);
        }
      });
    }
  });
}

/**
 * Samples whose official errors are all semantic checks sigil does not make (it reads templates to
 * find gallery errors; it is not a Bicep type checker). They must still evaluate without an exception.
 */
const NO_SYNTAX_ERRORS: Record<string, string> = {
  InvalidLoadFunctions_CRLF: 'argument types and encodings of load functions (BCP050, BCP051, BCP070, BCP085, BCP091): sigil makes the value unknown when a file cannot be loaded',
  InvalidModulesManagementGroup_LF: 'module names that collide and scopes that do not fit the target scope (BCP122)',
  InvalidModulesSubscription_LF: 'module scopes that do not fit the target scope (BCP115, BCP122, BCP134)',
  InvalidModulesTenant_LF: 'module scopes and types that do not fit the target scope (BCP036, BCP122, BCP134, BCP144)',
  InvalidRuntimeValueUsages_LF: 'runtime values where Bicep needs values known at the start of the deployment (BCP182)',
};

conformance('samples with errors: evaluated to the end without an exception, each with error diagnostics (or a named gap)', () => {
  const failing: string[] = [];
  for (const sample of samples()) {
    if (!sample.hasErrors) continue;
    const graph = new ResourceGraph();
    try {
      loadBicep([{ path: 'main.bicep', explicit: true }], graph, { cwd: join(CORPUS, sample.name) });
      // Everything lazy is forced: names, bodies and dependencies of every resource.
      for (const r of graph.resources) void [r.fullName, r.apiVersion, r.body, r.dependsOn, r.id];
    } catch (e) {
      failing.push(`${sample.name}: ${(e as Error).stack ?? String(e)}`);
      continue;
    }
    const hasErrors = graph.diagnostics.some((d) => d.severity === 'error');
    if (hasErrors === sample.name in NO_SYNTAX_ERRORS) failing.push(`${sample.name}: ${hasErrors ? 'errors found: remove it from the gaps' : 'no error diagnostic'}`);
  }
  assert.equal(failing, []);
});

conformance.after(() => {
  console.log(`bicep conformance: ${totals.samples} samples evaluated like their compiled ARM; ${totals.resources} resources matched by type and name (${totals.unnamed} Bicep resources with names known only at deployment), ${totals.compared} location/properties/sku/kind/tags values equal`);
});

conformance.run();
