import { writeFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_LIMITS, ResourceGraph, isUnknown } from '@sigil/core';
import { isWhatIf, loadWhatIf } from '../src/index.js';
import { tempDir } from './helpers.js';

const test = suite('what-if results');

const ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/d';

function loadText(text: string, limits = DEFAULT_LIMITS) {
  const dir = tempDir();
  try {
    writeFileSync(dir.path('whatif.json'), text);
    const graph = new ResourceGraph();
    const loaded = loadWhatIf([{ path: 'whatif.json', explicit: true }], graph, { cwd: dir.dir, limits });
    return { graph, loaded };
  } finally {
    dir.remove();
  }
}

test('recognised by content: the CLI output and the REST response; other JSON is not', () => {
  const change = { changeType: 'Modify', resourceId: ID, before: {}, after: {} };
  assert.ok(isWhatIf({ changes: [change], status: 'Succeeded' }));
  assert.ok(isWhatIf({ status: 'Succeeded', properties: { changes: [change] } }));
  assert.not.ok(isWhatIf({ changes: [] }), 'no change: nothing to read');
  assert.not.ok(isWhatIf({ changes: [{ changeType: 'Modify' }] }), 'a change without resourceId');
  assert.not.ok(isWhatIf({ resources: [] }));
});

test('change types become actions; Unsupported and ids that are not resource ids are left out', () => {
  const entries = ['Create', 'Delete', 'Modify', 'Deploy', 'NoChange', 'Ignore', 'Unsupported'].map((changeType, i) => ({
    changeType, resourceId: `${ID}${i}`, before: changeType === 'Create' ? null : { properties: {} }, after: changeType === 'Delete' ? null : { properties: {} },
  }));
  entries.push({ changeType: 'Modify', resourceId: '/subscriptions/s/resourceGroups/rg', before: null, after: null });
  const { graph, loaded } = loadText(JSON.stringify({ changes: entries }));
  assert.equal(loaded.map((l) => l.kind), ['template']);
  assert.equal(graph.changes.all.map((c) => [c.action, String((c.after ?? c.before)?.fullName), c.before !== undefined, c.after !== undefined]), [
    ['create', 'g/d0', false, true],
    ['delete', 'g/d1', true, false],
    ['update', 'g/d2', true, true],
    ['update', 'g/d3', true, true],
    ['noop', 'g/d4', true, true],
    ['noop', 'g/d5', true, true],
  ]);
  // The what-if states are changes, not resources: the other rules lint the template.
  assert.equal(graph.resources, []);
});

test('hostile: a value nested 20000 levels deep is Unknown below 64 levels; no stack overflow', () => {
  const deep = `${'['.repeat(20000)}${']'.repeat(20000)}`;
  const { graph } = loadText(`{"changes":[{"changeType":"Modify","resourceId":"${ID}","before":{"properties":{"osType":${deep}}},"after":{"properties":{"osType":"Linux"}}}]}`);
  const before = graph.changes.all[0]?.before;
  assert.ok(before);
  let v = before.get(['properties', 'osType']);
  let depth = 0;
  while (Array.isArray(v)) {
    v = v[0];
    depth++;
  }
  assert.ok(isUnknown(v), 'the deep end is Unknown');
  assert.is(depth, 63);
});

test('hostile: more changes than the resource limit: the rest are not read', () => {
  const changes = Array.from({ length: 50 }, (_, i) => ({ changeType: 'Modify', resourceId: `${ID}${i}`, before: {}, after: {} }));
  const { graph } = loadText(JSON.stringify({ changes }), { ...DEFAULT_LIMITS, resources: 10 });
  assert.is(graph.changes.size, 10);
});

test.run();
