import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PolicyCompileError, Unknown, compileCondition, defineRule, type ValueObject } from '../src/index.js';
import { GALLERY, IMAGE_VERSION, check, resource, summary, thrown, NOW } from './helpers.js';

// A rule's condition compiled for the linter (`linting`): members of an allOf after the first are
// compiled when first reached, and false outcomes carry no evidence where no `not` reads it. Verdicts,
// and the evidence and reports of true outcomes, are those of the eager compile.

const V = IMAGE_VERSION;
const REPLICAS = `${V}/publishingProfile.replicaCount`;
const TR = `${V}/publishingProfile.targetRegions[*]`;
const lint = { compile: { linting: true } } as const;

const body = (publishingProfile: ValueObject): ValueObject => ({ location: 'westus', properties: { publishingProfile } });

const suiteOf = suite('compiling a condition for the linter');

suiteOf('a member after a false one is not compiled; reached, it is compiled and fails as the eager compile does', () => {
  const condition = { allOf: [{ field: 'type', equals: GALLERY }, { value: '[noSuchFunction()]', equals: 1 }] };
  const eager = thrown(() => compileCondition(condition));
  assert.ok(eager.error instanceof PolicyCompileError);
  assert.is(eager.message, 'unknown function "noSuchFunction" (at allOf.1.value of the condition)');
  const lazy = compileCondition(condition, { linting: true });
  assert.equal(summary(lazy.evaluate({ resource: resource({}), now: NOW })), { verdict: 'false', evidence: [] });
  const reached = thrown(() => lazy.evaluate({ resource: resource({}, { type: GALLERY, fullName: 'g' }), now: NOW }));
  assert.ok(reached.error instanceof PolicyCompileError);
  assert.is(reached.message, eager.message);
});

suiteOf('the same verdicts, true evidence and reports as the eager compile', () => {
  const condition = {
    anyOf: [
      { messageId: 'replicas', allOf: [{ field: REPLICAS, exists: true }, { field: REPLICAS, greater: 3 }] },
      { messageId: 'region', count: { field: TR, where: { field: `${TR}.name`, equals: 'eastus' } }, greater: 0 },
      { not: { anyOf: [{ field: REPLICAS, less: 1 }, { field: 'location', equals: 'westus' }] } },
    ],
  };
  const bodies = [
    body({}),
    body({ replicaCount: 5 }),
    body({ replicaCount: 2, targetRegions: [{ name: 'eastus' }, { name: 'westus' }] }),
    { location: 'northeurope', properties: { publishingProfile: { replicaCount: 2 } } },
    { location: 'northeurope', properties: { publishingProfile: { replicaCount: 0 } } },
  ];
  const verdicts = bodies.map((b) => {
    const eager = summary(check(condition, b));
    const lazy = summary(check(condition, b, lint));
    const e = eager as { verdict: string };
    if (e.verdict === 'true') assert.equal(lazy, eager);
    else assert.equal((lazy as { verdict: string }).verdict, e.verdict);
    return e.verdict;
  });
  // The first body has no replica count to compare: Azure fails that evaluation, in both compiles.
  assert.equal(verdicts, ['error', 'true', 'true', 'true', 'false']);
  // The `not` turns the false anyOf into a true outcome: its evidence is the false members', kept.
  assert.equal(summary(check(condition, bodies[3] as ValueObject, lint)), {
    verdict: 'true',
    evidence: [
      { field: REPLICAS, path: ['properties', 'publishingProfile', 'replicaCount'], value: 2 },
      { field: 'location', path: ['location'], value: 'northeurope' },
    ],
  });
});

suiteOf('a false outcome carries no evidence where nothing reads it; the eager compile keeps it', () => {
  const condition = { anyOf: [{ field: REPLICAS, greater: 3 }, { field: 'location', equals: 'eastus' }] };
  const b = body({ replicaCount: 2 });
  assert.equal(summary(check(condition, b)), {
    verdict: 'false',
    evidence: [
      { field: REPLICAS, path: ['properties', 'publishingProfile', 'replicaCount'], value: 2 },
      { field: 'location', path: ['location'], value: 'westus' },
    ],
  });
  assert.equal(summary(check(condition, b, lint)), { verdict: 'false', evidence: [] });
});

suiteOf('an allOf guarded by `exists: true`: false at once on an absent field, evaluated as written otherwise', () => {
  const guarded = (problem: unknown) => ({
    anyOf: [
      { messageId: 'replicas', allOf: [{ field: REPLICAS, exists: true }, problem] },
      { field: 'location', equals: 'nowhere' },
    ],
  });
  // The rest would fail the evaluation (no such parameter): never reached on an absent field.
  const failing = guarded({ value: "[parameters('missing')]", equals: 1 });
  for (const b of [body({}), { location: 'westus', properties: { publishingProfile: 'not an object' } }, { location: 'westus' }]) {
    assert.equal(summary(check(failing, b, lint)), { verdict: 'false', evidence: [] });
    assert.is(check(failing, b).verdict, 'false');
  }
  // Present (even null is read as absent by `exists`, present otherwise): the rest is evaluated.
  assert.is(check(failing, body({ replicaCount: 2 }), lint).verdict, 'error');
  assert.is(check(failing, body({ replicaCount: null }), lint).verdict, 'false');
  const big = guarded({ field: REPLICAS, greater: 3 });
  assert.equal(summary(check(big, body({ replicaCount: 5 }), lint)), summary(check(big, body({ replicaCount: 5 }))));
  assert.equal(summary(check(big, body({ replicaCount: 5 }), lint)), {
    verdict: 'true',
    evidence: [
      { field: REPLICAS, path: ['properties', 'publishingProfile', 'replicaCount'], value: 5 },
      { field: REPLICAS, path: ['properties', 'publishingProfile', 'replicaCount'], value: 5 },
    ],
    reports: [{ messageId: 'replicas', paths: [['properties', 'publishingProfile', 'replicaCount'], ['properties', 'publishingProfile', 'replicaCount']] }],
  });
  // An unknown on the way to the field: not certainly absent, so unknown as written.
  const unknownProfile = { location: 'westus', properties: { publishingProfile: new Unknown('the profile is a parameter') } };
  assert.equal(summary(check(big, unknownProfile, lint)), summary(check(big, unknownProfile)));
  assert.equal(summary(check(big, unknownProfile, lint)), { verdict: 'unknown', evidence: [], reason: 'the profile is a parameter' });
  // Another resource type's alias selects nothing.
  assert.is(check(big, body({ replicaCount: 5 }), { ...lint, type: GALLERY, fullName: 'g' }).verdict, 'false');
});

suiteOf("a rule's lintCondition is compiled lazily, or is its checked `compiled` once that exists", () => {
  const definition = {
    code: 'TST001',
    name: 'test-rule',
    meta: { title: 't', severity: 'error' as const, resourceTypes: [V], summary: 's', fix: 'f', azureErrors: [] },
    messages: { default: 'd' },
    condition: { allOf: [{ field: 'type', equals: GALLERY }, { value: '[noSuchFunction()]', equals: 1 }] },
  };
  const rule = defineRule(definition);
  assert.is(rule.lintCondition?.evaluate({ resource: resource({}), now: NOW }).verdict, 'false');
  assert.ok(thrown(() => rule.compiled).error instanceof PolicyCompileError, 'the checked compile still reports the mistake');
  const checked = defineRule({ ...definition, condition: { field: 'type', equals: GALLERY } });
  const compiled = checked.compiled;
  assert.is(checked.lintCondition, compiled);
});

suiteOf.run();
