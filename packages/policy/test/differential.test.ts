import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ResourceGraph, compileCondition, lint, type Resource } from '@sigil/core';
import { builtinRules } from '@sigil/rules';
import { lintFiles } from '@sigil/cli';
import { repoRoot } from '@sigil/testing';
import { buildToTemp, parameterDefaults, readDefinitions } from './helpers.js';

/**
 * The policy and the linter must agree. The definitions are read back from a `sigil policy build`
 * output directory and evaluated with their parameters' defaults on every resource of every fixture;
 * for each (rule, resource), the policy denies (its `if` holds, or its evaluation fails, which Azure
 * treats as deny) exactly when `sigil lint` reports the rule on that resource. A disagreement is a bug
 * in the compiler, the rule or the engine.
 */
const test = suite('differential: generated policy = sigil lint, on every fixture');
const NOW = new Date('2026-06-01T00:00:00Z'); // the rule tests' clock (date rules)

function caseDirs(): string[] {
  const root = join(repoRoot(), 'fixtures');
  const out: string[] = [];
  for (const rule of readdirSync(root).sort()) {
    for (const kind of ['valid', 'invalid']) {
      const dir = join(root, rule, kind);
      if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
      for (const c of readdirSync(dir).sort()) if (statSync(join(dir, c)).isDirectory()) out.push(join(dir, c));
    }
  }
  return out;
}

function filesIn(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((e) => (statSync(join(dir, e)).isDirectory() ? filesIn(join(dir, e)) : [join(dir, e)]));
}

/** The linter's verdict for one rule on one resource: the engine over a graph of that resource alone. */
function lintReports(resource: Resource, code: string): boolean {
  const graph = new ResourceGraph();
  graph.add(resource);
  const rule = builtinRules.get(code);
  return rule !== undefined && lint(graph, [rule], { now: NOW }).length > 0;
}

interface Outcome {
  disagreements: string[];
  deniedInvalid: Map<string, number>;
  pairs: number;
}

/**
 * Evaluates the definitions on every fixture resource and compares with the linter. AuditIfNotExists
 * definitions (graph rules) are left out: their verdict depends on a related resource Azure looks up
 * after the deployment, which the files do not settle; their `if` is tested in existence.test.ts.
 */
function compare(definitions: ReturnType<typeof readDefinitions>): Outcome {
  const policies = [...definitions].filter(([, d]) => d.properties.policyRule.then.details === undefined).map(([code, d]) => ({ code, compiled: compileCondition(d.properties.policyRule.if), parameters: parameterDefaults(d) }));
  const out: Outcome = { disagreements: [], deniedInvalid: new Map(), pairs: 0 };
  const fixtures = join(repoRoot(), 'fixtures');
  for (const dir of caseDirs()) {
    const { graph } = lintFiles(filesIn(dir).map((path) => ({ path, explicit: false })), { rules: [], now: NOW });
    const [fixtureRule, kind] = relative(fixtures, dir).split(/[\\/]/);
    for (const resource of graph.resources.filter((r) => r.deployed)) {
      for (const p of policies) {
        out.pairs++;
        const verdict = p.compiled.evaluate({ resource, parameters: p.parameters, now: NOW }).verdict;
        const denies = verdict === 'true' || verdict === 'error';
        const reports = lintReports(resource, p.code);
        if (denies !== reports) {
          out.disagreements.push(`${relative(fixtures, dir)} ${resource.label} ${p.code}: policy ${verdict}, lint ${reports ? 'reports' : 'silent'}`);
        }
        if (denies && kind === 'invalid' && builtinRules.get(p.code)?.name === fixtureRule) {
          out.deniedInvalid.set(p.code, (out.deniedInvalid.get(p.code) ?? 0) + 1);
        }
      }
    }
  }
  return out;
}

const built = await buildToTemp();
const definitions = readDefinitions(built.dir);
rmSync(built.dir, { recursive: true, force: true });

test('every fixture resource: the policy denies exactly where the linter reports', () => {
  assert.is(built.code, 0, built.stderr);
  assert.is(definitions.size, builtinRules.all.filter((r) => r.policy).length);
  const conditionRules = builtinRules.all.filter((r) => r.policy && !r.existencePolicy).map((r) => r.code);
  const { disagreements, deniedInvalid, pairs } = compare(definitions);
  assert.equal(disagreements, []);
  // Not vacuous: each rule's own invalid fixtures are denied by its policy.
  for (const code of conditionRules) assert.ok((deniedInvalid.get(code) ?? 0) > 0, `${code}: its policy denies none of its invalid fixtures`);
  assert.ok(pairs > 10_000, `${pairs} (resource, policy) pairs compared`);
});

test('a definition that differs from its rule is caught (parameter default changed on disk)', () => {
  const sig304 = definitions.get('SIG304');
  assert.ok(sig304);
  const changed = structuredClone(sig304);
  (changed.properties.parameters['maxReplicaCount'] as { defaultValue: number }).defaultValue = 2;
  const { disagreements } = compare(new Map([['SIG304', changed]]));
  assert.ok(disagreements.length > 0);
  assert.ok(disagreements.every((d) => d.includes('SIG304: policy true, lint silent')), disagreements.join('\n'));
});

test.run();
