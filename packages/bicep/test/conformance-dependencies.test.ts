/**
 * The official compiler as oracle for dependencies: for every baseline sample that compiles without
 * errors, the dependencies our Bicep frontend gives each resource of `main.bicep` agree with the
 * `dependsOn` the compiler wrote into `main.symbolicnames.json` (symbolic names, so that each entry
 * names a Bicep declaration). Ours list everything a resource waits for, transitively, so:
 * - every resource the compiler makes it depend on (directly, or through a module it depends on) is
 *   among ours: a missing one would be a false SIG003 finding;
 * - every resource of ours is reachable through the compiler's dependencies: an extra one could hide a
 *   real race.
 * Dependencies on `existing` resources are left out on both sides: they are not deployed, so they
 * order nothing (the compiler writes them for property reads in symbolic-name templates only, and
 * drops them from other templates).
 * Files are read in place from `../shared`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Resource, ResourceGraph } from '@sigil/core';
import { loadBicep } from '../src/index.js';

// packages/bicep/dist/test -> the repository root -> ../shared
const CORPUS = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'conformance', 'bicep');

interface Compiled {
  readonly type?: string;
  readonly dependsOn?: readonly string[];
}

/** The compiled resources by symbolic name (`parent::child` for nested ones), when the template has them. */
function compiledResources(dir: string): Map<string, Compiled> | undefined {
  const path = join(dir, 'main.symbolicnames.json');
  if (!existsSync(path)) return undefined;
  const template = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as { resources?: unknown };
  const resources = template.resources;
  if (!resources || Array.isArray(resources) || typeof resources !== 'object') return undefined;
  return new Map(Object.entries(resources as Record<string, Compiled>));
}

/** `"gallery"`, `"[format('gallery[{0}]', ...)]"` -> `gallery`: the declaration an entry names. */
function symbolOfEntry(entry: string): string | undefined {
  if (!entry.startsWith('[')) return entry;
  return /^\[format\('([\w:]+)\[\{0\}\]'/.exec(entry)?.[1];
}

/** The last segment of a symbol chain (`a::b` -> `b`): our labels name nested resources by it. */
function leaf(symbol: string): string {
  const at = symbol.lastIndexOf('::');
  return at < 0 ? symbol : symbol.slice(at + 2);
}

function labelSymbol(r: Resource): string {
  return r.label.replace(/\[[^\]]*\]$/, '');
}

const totals = { samples: 0, resources: 0, compilerDependencies: 0, ours: 0 };

const conformance = suite('bicep conformance: dependencies = compiled dependsOn');

const rows = readFileSync(join(CORPUS, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1).map((row) => row.split('\t'));
for (const [name, compiles, hasErrors] of rows) {
  if (compiles !== 'yes' || hasErrors !== 'no' || name === undefined) continue;
  const dir = join(CORPUS, name);
  const compiled = compiledResources(dir);
  if (!compiled) continue;
  conformance(name, () => {
    const graph = new ResourceGraph();
    loadBicep([{ path: 'main.bicep', explicit: true }], graph, { cwd: dir });
    const isModule = (symbol: string) => compiled.get(symbol)?.type?.toLowerCase() === 'microsoft.resources/deployments';
    const isExisting = (symbol: string) => (compiled.get(symbol) as { existing?: boolean } | undefined)?.existing === true;
    const compiledDeps = (symbol: string) => (compiled.get(symbol)?.dependsOn ?? []).map(symbolOfEntry);
    // The compiled symbols by leaf, for resources whose leaf is unique in the template.
    const byLeaf = new Map<string, string | null>();
    for (const symbol of compiled.keys()) byLeaf.set(leaf(symbol), byLeaf.has(leaf(symbol)) ? null : symbol);

    /** What the compiler makes a symbol wait for, transitively: resources and modules by leaf. */
    const closure = (symbol: string): Set<string> => {
      const seen = new Set<string>();
      const queue = [symbol];
      while (queue.length > 0) {
        for (const d of compiledDeps(queue.pop() as string)) {
          if (d === undefined || seen.has(d)) continue;
          seen.add(d);
          queue.push(d);
        }
      }
      return new Set([...seen].map(leaf));
    };

    const problems: string[] = [];
    totals.samples++;
    for (const r of graph.resources) {
      if (r.frontend !== 'bicep' || r.declaration.file !== 'main.bicep') continue;
      const symbol = byLeaf.get(labelSymbol(r));
      if (!symbol) continue;
      totals.resources++;
      const ours = new Set(r.dependsOn.filter((d): d is Resource => d instanceof Resource && d.declaration.file === 'main.bicep').map(labelSymbol));
      totals.ours += ours.size;
      // Every direct dependency on a resource, and every resource a module it depends on waits for.
      const required = new Set<string>();
      const visit = (s: string) => {
        for (const d of compiledDeps(s)) {
          if (d === undefined) {
            problems.push(`${r.label}: a compiled dependsOn entry of ${s} names no declaration`);
            continue;
          }
          if (isModule(d)) visit(d);
          else if (!isExisting(d)) required.add(leaf(d));
        }
      };
      visit(symbol);
      totals.compilerDependencies += required.size;
      for (const d of required) if (!ours.has(d)) problems.push(`${r.label}: the compiler makes it depend on ${d}, sigil does not`);
      const reachable = closure(symbol);
      for (const d of ours) if (!reachable.has(d)) problems.push(`${r.label}: sigil makes it depend on ${d}, the compiler does not`);
    }
    assert.equal(problems, []);
  });
}

conformance('the corpus was compared', () => {
  // Guards against a corpus or loader change that silently compares nothing.
  assert.ok(totals.samples >= 30, `${totals.samples} samples compared`);
  assert.ok(totals.resources >= 150, `${totals.resources} resources compared`);
  assert.ok(totals.compilerDependencies >= 80, `${totals.compilerDependencies} compiled dependencies compared`);
});

conformance.run();
