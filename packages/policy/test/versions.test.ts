import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defineRule, type RuleParameter } from '@sigil/core';
import { repoRoot } from '@sigil/testing';
import { buildPolicyModel, builtinPolicyModel, nextEntry, policySnapshot, readLock, SNAPSHOT_DIR, type VersionLock } from '../src/index.js';

const test = suite('definition versions and snapshots');
const VERSION = 'Microsoft.Compute/galleries/images/versions';

function rule(condition: unknown, parameters: Record<string, RuleParameter> = {}) {
  return defineRule({
    code: 'TST960',
    name: 'versioned',
    meta: { title: 'Versioned', severity: 'error', resourceTypes: [VERSION], summary: 'A rule.', fix: 'None.', azureErrors: [] },
    messages: { default: 'x' },
    condition,
    parameters,
  });
}

const build = (r: ReturnType<typeof rule>, lock: VersionLock) => buildPolicyModel([r], { lock, groupOf: () => 'test' });
const version = (result: ReturnType<typeof build>) => result.model.definitions[0]?.properties.metadata.version;
const limit: RuleParameter = { type: 'Integer', defaultValue: 3, displayName: 'L', description: 'L' };

test('same policy, same version; a changed condition or default is minor; a removed or retyped parameter is major', () => {
  const first = build(rule({ field: 'name', equals: "[string(parameters('limit'))]" }, { limit }), {});
  assert.is(version(first), '1.0.0');
  assert.equal(first.changed, ['TST960', 'initiative']);
  const again = build(rule({ field: 'name', equals: "[string(parameters('limit'))]" }, { limit }), first.lock);
  assert.is(version(again), '1.0.0');
  assert.equal(again.changed, []);
  const condition = build(rule({ field: 'name', notEquals: "[string(parameters('limit'))]" }, { limit }), first.lock);
  assert.is(version(condition), '1.1.0');
  assert.equal(condition.changed, ['TST960', 'initiative']);
  const defaults = build(rule({ field: 'name', equals: "[string(parameters('limit'))]" }, { limit: { ...limit, defaultValue: 4 } }), first.lock);
  assert.is(version(defaults), '1.1.0');
  const retyped = build(rule({ field: 'name', equals: "[parameters('limit')]" }, { limit: { ...limit, type: 'String', defaultValue: '3' } }), first.lock);
  assert.is(version(retyped), '2.0.0');
  const removed = build(rule({ field: 'name', equals: 'x' }), first.lock);
  assert.is(version(removed), '2.0.0');
  // The initiative follows its definitions.
  assert.is(condition.model.initiative.metadata.version, '1.1.0');
});

test('nextEntry keeps the previous entry when nothing changed', () => {
  const previous = { version: '1.2.0', hash: 'abc', parameters: { effect: 'String' } };
  assert.is(nextEntry(previous, 'abc', {}), previous);
});

test('the committed version lock matches the rules (else: npm run generate bumps the versions)', () => {
  const { changed } = builtinPolicyModel();
  assert.equal(changed, [], `the policy of ${changed.join(', ')} changed without a new version in packages/policy/versions.json: run npm run generate`);
});

test('the committed snapshots are what the rules generate (npm run generate updates them)', () => {
  const root = repoRoot();
  const { files } = policySnapshot(readLock());
  for (const [path, content] of files) {
    const abs = join(root, path);
    assert.ok(existsSync(abs), `${path} is missing: run npm run generate`);
    assert.ok(readFileSync(abs, 'utf8') === content, `${path} is out of date: run npm run generate and review the diff`);
  }
  const list = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(join(dir, e.name)) : [join(dir, e.name)]));
  const extra = list(join(root, SNAPSHOT_DIR)).map((f) => relative(root, f).split(sep).join('/')).filter((p) => !files.has(p));
  assert.equal(extra, [], 'snapshots nothing generates any more');
  assert.ok(files.size > 25);
});

test.run();
