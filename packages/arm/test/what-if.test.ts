import { writeFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_LIMITS, ResourceGraph, isUnknown } from '@sigil/core';
import { isWhatIf, loadWhatIf } from '../src/index.js';
import { diagnostics, plain, reasonOf, refText, tempDir } from './helpers.js';

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

test('recognised with potentialChanges only, and with changes of Bicep extensible resources (identifiers, no resourceId)', () => {
  const change = { changeType: 'Modify', resourceId: ID, before: {}, after: {} };
  assert.ok(isWhatIf({ status: 'Succeeded', properties: { changes: [], potentialChanges: [change] } }));
  assert.ok(isWhatIf({ changes: [change, { changeType: 'Create', identifiers: { name: 'x' } }] }));
  assert.not.ok(isWhatIf({ changes: [], potentialChanges: [] }));
  assert.not.ok(isWhatIf({ changes: [change], potentialChanges: [{ changeType: 'Modify' }] }), 'a potential change without resourceId');
  // An extensible resource has no ARM resource id: it is not an Azure resource the rules know.
  const { graph } = loadText(JSON.stringify({ changes: [{ changeType: 'Create', identifiers: { name: 'x' }, after: { name: 'x' } }, change] }));
  assert.equal(graph.changes.all.map((c) => [c.action, String(c.after?.fullName)]), [['update', 'g/d']]);
});

/** A what-if result of one Modify of the image definition ID, with only a delta (the snapshots left out). */
function deltaOnly(delta: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ changes: [{ changeType: 'Modify', resourceId: ID, delta, ...extra }], status: 'Succeeded' }, null, 2);
}

test('delta without snapshots: each side holds the properties the delta names, with their value on that side, located in the delta', () => {
  const { graph } = loadText(deltaOnly([
    { path: 'properties.osType', propertyChangeType: 'Modify', before: 'Windows', after: 'Linux' },
    { path: 'properties.hyperVGeneration', propertyChangeType: 'Create', after: 'V2' },
    { path: 'tags.team', propertyChangeType: 'Delete', before: 'images' },
    { path: 'properties.identifier', propertyChangeType: 'Modify', children: [{ path: 'sku', propertyChangeType: 'Modify', before: '2022', after: '2022-g2' }] },
    { path: 'properties.features', propertyChangeType: 'Array', children: [{ path: '1', propertyChangeType: 'Create', after: { name: 'IsAcceleratedNetworkSupported', value: 'true' } }] },
    { path: 'properties.description', propertyChangeType: 'NoEffect', before: 'old', after: 'new' },
    { path: 'properties..x', propertyChangeType: 'Modify', before: 1, after: 2 },
    { path: 'properties.targetRegions[0].name', propertyChangeType: 'Modify', before: 'a', after: 'b' },
    { path: '0', propertyChangeType: 'Modify', before: 'a', after: 'b' },
  ]));
  const change = graph.changes.all[0];
  assert.ok(change?.before && change.after);
  assert.equal(plain(change.before.body), {
    properties: { osType: 'Windows', identifier: { sku: '2022' }, features: '<unknown: the what-if delta lists only the changed elements of this array>' },
    tags: { team: 'images' },
  });
  assert.equal(plain(change.after.body), {
    properties: { osType: 'Linux', hyperVGeneration: 'V2', identifier: { sku: '2022-g2' }, features: '<unknown: the what-if delta lists only the changed elements of this array>' },
  });
  // Each value is where the delta writes it; a property the delta does not name is absent, not invented.
  assert.is(refText(graph, change.before.locate(['properties', 'osType']).primary), 'whatif.json ["changes",0,"delta",0,"before"] @10:21-10:30');
  assert.is(refText(graph, change.after.locate(['properties', 'identifier', 'sku']).primary), 'whatif.json ["changes",0,"delta",3,"children",0,"after"] @31:24-31:33');
  assert.is(change.before.get(['properties', 'osState']), undefined);
  assert.is(change.before.get(['properties', 'description']), undefined);
});

test('delta with snapshots: the snapshots are the states; delta without a usable entry: the state is unknown', () => {
  const withSnapshots = loadText(deltaOnly([{ path: 'properties.osType', propertyChangeType: 'Modify', before: 'Windows', after: 'Linux' }], { before: { properties: { osType: 'Windows', osState: 'Generalized' } }, after: { properties: { osType: 'Linux', osState: 'Generalized' } } }));
  assert.equal(plain(withSnapshots.graph.changes.all[0]?.before?.body), { properties: { osType: 'Windows', osState: 'Generalized' } });
  // --result-format ResourceIdOnly: neither snapshots nor delta.
  for (const text of [deltaOnly([]), deltaOnly([{ path: 'properties.osType', propertyChangeType: 'NoEffect', before: 'Windows' }]), JSON.stringify({ changes: [{ changeType: 'Modify', resourceId: ID }] })]) {
    const before = loadText(text).graph.changes.all[0]?.before;
    assert.is(reasonOf(before?.get(['properties'])), 'the what-if result does not give this state', text);
  }
});

test('a value what-if leaves to the deployment ("[reference(...)]") is Unknown; an escaped "[[" is not an expression', () => {
  const after = { properties: { osType: "[reference('other', '2023-07-03').osType]", osState: ' [if(true(), \'a\', \'b\')] ', description: '[[literal]' } };
  const { graph } = loadText(JSON.stringify({ changes: [{ changeType: 'Modify', resourceId: ID, before: { properties: { osType: 'Windows' } }, after }] }));
  const state = graph.changes.all[0]?.after;
  assert.is(reasonOf(state?.get(['properties', 'osType'])), 'the what-if result leaves this expression to the deployment');
  assert.is(reasonOf(state?.get(['properties', 'osState'])), 'the what-if result leaves this expression to the deployment');
  assert.is(state?.get(['properties', 'description']), '[[literal]');
});

test('potentialChanges are not read as changes; --verbose notes how many were not checked', () => {
  const potential = (name: string) => ({ changeType: 'Modify', resourceId: `${ID}${name}`, before: { properties: { osType: 'Windows' } }, after: { properties: { osType: 'Linux' } } });
  const { graph } = loadText(JSON.stringify({ status: 'Succeeded', properties: { changes: [{ changeType: 'NoChange', resourceId: ID, before: {}, after: {} }], potentialChanges: [potential('a'), potential('b')] } }));
  assert.equal(graph.changes.all.map((c) => String(c.after?.fullName)), ['g/d']);
  assert.equal(diagnostics(graph), [['note', '2 potential changes (what-if is not sure they happen) are not checked', ['properties', 'potentialChanges']]]);
});

test('hostile: delta children nested 5000 levels deep are not followed past a bound; no stack overflow', () => {
  const open = '{"path":"p","propertyChangeType":"Modify","children":['.repeat(5000);
  const leaf = '{"path":"osType","propertyChangeType":"Modify","before":"Windows","after":"Linux"}';
  const { graph } = loadText(`{"changes":[{"changeType":"Modify","resourceId":"${ID}","delta":[${open}${leaf}${']}'.repeat(5000)}]}]}`);
  assert.is(reasonOf(graph.changes.all[0]?.before?.get(['properties'])), 'the what-if result does not give this state');
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
