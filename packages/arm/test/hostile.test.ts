import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { ResourceGraph, DEFAULT_LIMITS, describePartial, isUnknown, type Limits, type Value } from '@sigil/core';
import { loadArm } from '../src/index.js';
import { DEPLOYMENT, GALLERY, TEMPLATE_SCHEMA, VIRTUAL, diagnostics, load, reasonOf, resource, summary, tempDir, template } from './helpers.js';

const test = suite('hostile inputs');

/**
 * Runs a hostile input. No wall-clock assertion (speed belongs to the benchmark): each test pins the
 * note or Unknown that proves a bound stopped the evaluation, and a hang would never finish the run.
 */
function bounded<T>(run: () => T): T {
  return run();
}

/** `v0 = base`, `v{i} = expression over v{i-1}` (`P` stands for the previous variable's name). */
function chain(base: Value, expression: string, levels: number): Record<string, Value> {
  const vars: Record<string, Value> = { v0: base };
  for (let i = 1; i <= levels; i++) vars[`v${i}`] = expression.replaceAll('P', `v${i - 1}`);
  return vars;
}

function gallery(properties: Record<string, Value>, name: Value = 'g'): Record<string, unknown> {
  return { type: GALLERY, apiVersion: '2022-03-03', name, properties };
}

test('exponential strings: 60 levels of concat(v, v) with the default limits', () => {
  const { graph } = load(template({
    variables: chain('ab', "[concat(variables('P'), variables('P'))]", 60),
    resources: [gallery({ top: "[variables('v60')]", length: "[length(variables('v60'))]" })],
  }));
  const r = bounded(() => {
    const r = resource(graph, 'resources[0]');
    void r.body;
    return r;
  });
  // v19 is exactly 1 MiB, v20 would be 2 MiB: stopped there, and everything built on it is Unknown.
  assert.is(reasonOf(r.get(['properties', 'top'])), 'string of 2097152 characters exceeds the limit of 1048576');
  assert.is(reasonOf(r.get(['properties', 'length'])), 'string of 2097152 characters exceeds the limit of 1048576');
  assert.equal(diagnostics(graph), [['note', 'evaluation stopped: string of 2097152 characters exceeds the limit of 1048576', ['variables', 'v20']]]);
});

test('exponential partial strings around an unknown: parts stay bounded, prefix and suffix kept', () => {
  const { graph } = load(template({
    parameters: { env: { type: 'string' } },
    variables: chain("[concat('pre-', parameters('env'), '-suf')]", "[concat(variables('P'), variables('P'))]", 60),
    resources: [gallery({ top: "[variables('v60')]", formatted: "[format('{0}{1}', variables('v60'), variables('v60'))]" }, "[variables('v60')]")],
  }));
  const r = bounded(() => {
    const r = resource(graph, 'resources[0]');
    void r.body;
    return r;
  });
  for (const v of [r.fullName, r.get(['properties', 'top']), r.get(['properties', 'formatted'])]) {
    assert.is(reasonOf(v), 'parameter "env" has no value (no default, and none supplied)');
    assert.ok(isUnknown(v) && (v.parts?.length ?? 0) <= 64, `parts: ${isUnknown(v) ? v.parts?.length : '-'}`);
    const text = describePartial(v as unknown as string) ?? '';
    assert.ok(text.startsWith('pre-…') && text.endsWith('…-suf'), text);
  }
  assert.is(describePartial(r.fullName), 'pre-…-suf');
  assert.is(describePartial(r.name), 'pre-…-suf');
  assert.equal(diagnostics(graph), []);
});

test('exponential arrays: concat(v, v) stops at the collection limit', () => {
  const { graph } = load(template({
    variables: chain([1, 2], "[concat(variables('P'), variables('P'))]", 60),
    resources: [gallery({ top: "[variables('v60')]", length: "[length(variables('v60'))]", first: "[first(variables('v15'))]" })],
  }));
  const r = bounded(() => resource(graph, 'resources[0]'));
  assert.is(reasonOf(r.get(['properties', 'top'])), 'collection of 131072 items exceeds the limit of 100000');
  assert.is(reasonOf(r.get(['properties', 'length'])), 'collection of 131072 items exceeds the limit of 100000');
  assert.is(r.get(['properties', 'first']), 1);
  assert.equal(diagnostics(graph), [['note', 'evaluation stopped: collection of 131072 items exceeds the limit of 100000', ['variables', 'v16']]]);
});

test('exponential arrays: union of distinct elements stops at the step budget, reported once', () => {
  const { graph } = load(template({
    variables: chain([0, 1], "[union(variables('P'), map(variables('P'), lambda('x', add(lambdaVariables('x'), length(variables('P'))))))]", 60),
    resources: [gallery({ top: "[variables('v60')]", small: "[length(variables('v3'))]" })],
  }));
  const r = bounded(() => resource(graph, 'resources[0]'));
  assert.is(reasonOf(r.get(['properties', 'top'])), 'evaluation stopped after 2000000 steps');
  assert.equal(diagnostics(graph), [['note', 'evaluation stopped: evaluation stopped after 2000000 steps', ['variables', 'v10']]]);
  // The budget is spent for this template: later expressions are Unknown too, without more notes.
  assert.is(reasonOf(r.get(['properties', 'small'])), 'evaluation stopped after 2000000 steps');
});

test('exponential objects: shared halves stay shared; serializing them stops at the string limit', () => {
  const { graph } = load(template({
    variables: { ...chain('x', "[createObject('a', variables('P'), 'b', variables('P'))]", 60), text: "[string(variables('v60'))]" },
    resources: [gallery({ keys: "[length(variables('v60'))]", text: "[variables('text')]" })],
  }));
  const r = bounded(() => resource(graph, 'resources[0]'));
  assert.is(r.get(['properties', 'keys']), 2);
  assert.is(reasonOf(r.get(['properties', 'text'])), 'serialized value exceeds 1048576 characters');
  assert.equal(diagnostics(graph), [['note', 'evaluation stopped: serialized value exceeds 1048576 characters', ['variables', 'text']]]);
});

test('exponential variables finish fast with reduced limits too', () => {
  const limits: Limits = { ...DEFAULT_LIMITS, steps: 10_000, stringLength: 1000, collectionSize: 1000 };
  const { graph } = load(template({
    variables: chain('ab', "[concat(variables('P'), variables('P'))]", 60),
    resources: [gallery({ top: "[variables('v60')]" })],
  }), { limits });
  const r = bounded(() => resource(graph, 'resources[0]'));
  assert.is(reasonOf(r.get(['properties', 'top'])), 'string of 1024 characters exceeds the limit of 1000');
  assert.equal(diagnostics(graph), [['note', 'evaluation stopped: string of 1024 characters exceeds the limit of 1000', ['variables', 'v9']]]);
});

test('range(0, 10000) nested in map: the step budget stops it', () => {
  const { graph } = load(template({
    variables: { grid: "[map(range(0, 10000), lambda('i', map(range(0, 10000), lambda('j', add(lambdaVariables('i'), lambdaVariables('j'))))))]" },
    resources: [gallery({ grid: "[variables('grid')]" })],
  }));
  const r = bounded(() => resource(graph, 'resources[0]'));
  assert.is(reasonOf(r.get(['properties', 'grid'])), 'evaluation stopped after 2000000 steps');
  assert.equal(diagnostics(graph), [['note', 'evaluation stopped: evaluation stopped after 2000000 steps', ['variables', 'grid']]]);
});

test('a variable that refers to itself, directly and through a name', () => {
  const { graph } = load(template({
    variables: { self: "[concat(variables('self'), 'x')]", name: "[variables('name')]" },
    resources: [gallery({ self: "[variables('self')]" }, "[variables('name')]")],
  }));
  const r = bounded(() => resource(graph, 'resources[0]'));
  assert.is(reasonOf(r.fullName), 'variables(): "name" depends on itself');
  assert.is(reasonOf(r.get(['properties', 'self'])), 'variables(): "self" depends on itself');
  assert.equal(diagnostics(graph), [
    ['note', 'this expression fails: variables(): "name" depends on itself', ['variables', 'name']],
    ['note', 'this expression fails: variables(): "self" depends on itself', ['variables', 'self']],
  ]);
});

test('a chain of 10,000 variables (and of parameter defaults) is bounded by the depth limit', () => {
  const vars = chain('x', "[variables('P')]", 10_000);
  const params: Record<string, Value> = { p0: { type: 'string', defaultValue: 'y' } };
  for (let i = 1; i <= 10_000; i++) params[`p${i}`] = { type: 'string', defaultValue: `[parameters('p${i - 1}')]` };
  const { graph } = load(template({
    parameters: params,
    variables: { ...vars, short: "[variables('v100')]" },
    resources: [gallery({ v: "[variables('v10000')]", p: "[parameters('p10000')]", short: "[variables('short')]" })],
  }));
  const r = bounded(() => resource(graph, 'resources[0]'));
  assert.is(reasonOf(r.get(['properties', 'v'])), 'nesting deeper than 128 levels');
  assert.is(reasonOf(r.get(['properties', 'p'])), 'nesting deeper than 128 levels');
  // 101 levels is within the limit.
  assert.is(r.get(['properties', 'short']), 'x');
  // Counted from the resource: v10000 is level 1, v9872 would be level 129.
  assert.equal(diagnostics(graph), [['note', 'evaluation stopped: nesting deeper than 128 levels', ['variables', 'v9873']]]);
});

test('1000 levels of nested property objects stop at the depth limit', () => {
  let deep: Record<string, Value> = { leaf: 'x' };
  for (let i = 0; i < 1000; i++) deep = { n: deep };
  const { graph } = load(template({ resources: [gallery(deep)] }));
  const r = bounded(() => resource(graph, 'resources[0]'));
  const at127 = r.get(['properties', ...Array<string>(127).fill('n')]);
  assert.ok(at127 !== null && typeof at127 === 'object' && !isUnknown(at127));
  assert.is(reasonOf(r.get(['properties', ...Array<string>(128).fill('n')])), 'nesting deeper than 128 levels');
  assert.equal(diagnostics(graph), [['note', 'evaluation stopped: nesting deeper than 128 levels', ['resources', 0, 'properties', ...Array<string>(128).fill('n')]]]);
});

test('a template 200,000 levels deep loads, and its spans are exact', () => {
  const depth = 200_000;
  const text = `{"$schema": "${TEMPLATE_SCHEMA}", "contentVersion": "1.0.0.0", "resources": [{"type": "${GALLERY}", "apiVersion": "x", "name": "deep", "properties": ${'{"n":'.repeat(depth)}1${'}'.repeat(depth)}}]}`;
  const { graph } = bounded(() => load(text));
  assert.equal(summary(graph), [`${GALLERY} | deep | resources[0]`]);
  const r = resource(graph, 'resources[0]');
  assert.is(reasonOf(r.get(['properties', ...Array<string>(128).fill('n')])), 'nesting deeper than 128 levels');
  assert.is(graph.diagnostics.length, 1);
  assert.is(graph.diagnostics[0]?.message, 'evaluation stopped: nesting deeper than 128 levels');
  // Locating scans tokens without recursion: even at this depth the spans are exact.
  const declaration = graph.span(r.declaration);
  assert.equal([declaration?.start.offset, declaration?.end.offset], [text.indexOf('{"type"'), text.length - 2]);
  const note = graph.span(graph.diagnostics[0]?.ref ?? { file: VIRTUAL });
  assert.is(note?.start.offset, text.indexOf('{"n":') + 128 * 5);
});

test('24,000 resources from copy loops: the per-file resource limit, one note', () => {
  const resources = Array.from({ length: 30 }, (_, i) => ({ type: GALLERY, apiVersion: 'x', name: `[concat('g${i}-', copyIndex())]`, copy: { name: `c${i}`, count: 800 } }));
  const { graph } = bounded(() => load(template({ resources })));
  assert.is(graph.resources.length, 20_000);
  assert.is(graph.resources[19_999]?.fullName, 'g24-799');
  assert.is(graph.resources[19_999]?.label, 'resources[24][799]');
  assert.equal(diagnostics(graph), [['note', 'more than 20000 resources; the rest are not checked', ['resources', 25]]]);
});

test('640,000 resources through nested deployments in a copy loop: the same limit, counted across them', () => {
  const { graph } = bounded(() => load(template({
    resources: [{
      type: DEPLOYMENT, apiVersion: 'x', name: "[concat('d', copyIndex())]", copy: { name: 'd', count: 800 },
      properties: { mode: 'Incremental', template: template({ resources: [{ type: GALLERY, apiVersion: 'x', name: "[concat('g', copyIndex())]", copy: { name: 'g', count: 800 } }] }) },
    }],
  })));
  assert.is(graph.resources.length, 20_000);
  // 24 deployments of 801 resources each, then d24 and 775 of its galleries.
  assert.is(graph.resources[19_224]?.fullName, 'd24');
  assert.is(graph.resources[19_999]?.fullName, 'g774');
  assert.equal(diagnostics(graph), [['note', 'more than 20000 resources; the rest are not checked', ['resources', 0, 'properties', 'template', 'resources', 0]]]);
});

test('a smaller resource limit applies the same way', () => {
  const { graph } = load(template({ resources: [{ type: GALLERY, apiVersion: 'x', name: "[concat('g', copyIndex())]", copy: { name: 'c', count: 10 } }] }), {
    limits: { ...DEFAULT_LIMITS, resources: 3 },
  });
  assert.equal(summary(graph), [`${GALLERY} | g0 | resources[0][0]`, `${GALLERY} | g1 | resources[0][1]`, `${GALLERY} | g2 | resources[0][2]`]);
  assert.equal(diagnostics(graph), [['note', 'more than 3 resources; the rest are not checked', ['resources', 0]]]);
});

test('mutual recursion of user functions that doubles its argument', () => {
  const { graph } = load(template({
    parameters: { unknown: { type: 'string' } },
    functions: [{
      namespace: 'n',
      members: {
        a: { parameters: [{ name: 'x', type: 'string' }], output: { type: 'string', value: "[n.b(concat(parameters('x'), parameters('x')))]" } },
        b: { parameters: [{ name: 'x', type: 'string' }], output: { type: 'string', value: "[n.a(concat(parameters('x'), parameters('x')))]" } },
      },
    }],
    resources: [gallery({ known: "[n.a('ab')]", unknown: "[n.a(parameters('unknown'))]" })],
  }));
  const r = bounded(() => resource(graph, 'resources[0]'));
  assert.is(reasonOf(r.get(['properties', 'known'])), 'string of 2097152 characters exceeds the limit of 1048576');
  assert.is(reasonOf(r.get(['properties', 'unknown'])), 'n.a(): user functions nested too deeply');
  assert.equal(diagnostics(graph), [
    ['note', 'evaluation stopped: string of 2097152 characters exceeds the limit of 1048576', ['resources', 0, 'properties', 'known']],
    ['note', 'this expression fails: n.a(): user functions nested too deeply', ['resources', 0, 'properties', 'unknown']],
  ]);
});

test('a chain of 20 nested deployments stops at the depth limit (16)', () => {
  let t: Record<string, unknown> = template({ resources: [gallery({}, 'leaf')] });
  for (let level = 19; level >= 0; level--) {
    t = template({
      resources: [gallery({}, `level${level}`), { type: DEPLOYMENT, apiVersion: 'x', name: `d${level}`, properties: { expressionEvaluationOptions: { scope: 'inner' }, template: t } }],
    });
  }
  const { graph } = bounded(() => load(t));
  const names = graph.resources.map((r) => r.fullName);
  assert.is(names.length, 34);
  assert.equal(names.slice(-4), ['level15', 'd15', 'level16', 'd16']);
  const path: (string | number)[] = ['resources', 1];
  for (let i = 0; i < 16; i++) path.push('properties', 'template', 'resources', 1);
  assert.equal(diagnostics(graph), [['note', 'nested deployments deeper than 16 levels are not followed', path]]);
});

test('outer-scope nested deployments count against the same depth limit', () => {
  let t: Record<string, unknown> = template({ resources: [gallery({}, 'leaf')] });
  for (let level = 4; level >= 0; level--) {
    t = template({ resources: [{ type: DEPLOYMENT, apiVersion: 'x', name: `d${level}`, properties: { template: t } }] });
  }
  const { graph } = load(t, { limits: { ...DEFAULT_LIMITS, deploymentDepth: 3 } });
  assert.equal(graph.resources.map((r) => r.fullName), ['d0', 'd1', 'd2', 'd3']);
  assert.equal(diagnostics(graph), [['note', 'nested deployments deeper than 3 levels are not followed', ['resources', 0, 'properties', 'template', 'resources', 0, 'properties', 'template', 'resources', 0, 'properties', 'template', 'resources', 0]]]);
});

test('expressions nested 200 and 100,000 levels deep: Unknown, reported, no stack overflow', () => {
  const deepCall = `[${'concat('.repeat(200)}'x'${')'.repeat(200)}]`;
  const deepParens = `[${'('.repeat(100_000)}]`;
  const withinLimit = `[${'concat('.repeat(100)}'x'${')'.repeat(100)}]`;
  const { graph } = load(template({ resources: [gallery({ deepCall, deepParens, withinLimit })] }));
  const r = bounded(() => resource(graph, 'resources[0]'));
  assert.is(r.get(['properties', 'withinLimit']), 'x');
  assert.is(reasonOf(r.get(['properties', 'deepCall'])), 'expression nested deeper than 128 levels');
  assert.is(reasonOf(r.get(['properties', 'deepParens'])), 'expression nested deeper than 128 levels');
  // A limit of sigil's is a note, not an input error: the expression is not wrong, only too deep to
  // follow. Each limit is noted once per template evaluation.
  assert.equal(graph.diagnostics.map((d) => [d.severity, d.message, d.ref?.path]), [
    ['note', 'evaluation stopped: expression nested deeper than 128 levels', ['resources', 0, 'properties', 'deepCall']],
  ]);
});

test('__proto__ as a parameter, variable, property and computed key stays data; nothing is polluted', () => {
  const text = `{"$schema": "${TEMPLATE_SCHEMA}", "contentVersion": "1.0.0.0",
    "parameters": {"__proto__": {"type": "object", "defaultValue": {"polluted": true}}},
    "variables": {"__proto__": {"isAdmin": true}},
    "resources": [{"type": "${GALLERY}", "apiVersion": "x", "name": "g", "properties": {
      "__proto__": {"evil": 1},
      "p": "[parameters('__proto__')]",
      "v": "[variables('__proto__')]",
      "inherited": "[variables('toString')]",
      "created": "[createObject('__proto__', 1)]",
      "parsed": "[json('{\\"__proto__\\": {\\"x\\": 1}}')]",
      "merged": "[union(createObject('a', 1), json('{\\"__proto__\\": {\\"y\\": 1}}'))]"
    }}]}`;
  const { graph } = load(text);
  const properties = resource(graph, 'resources[0]').get(['properties']) as Record<string, Value>;
  assert.equal(Object.keys(properties), ['__proto__', 'p', 'v', 'inherited', 'created', 'parsed', 'merged']);
  assert.is(Object.getPrototypeOf(properties), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(properties, '__proto__')?.value, { evil: 1 });
  assert.equal(properties['p'], { polluted: true });
  assert.equal(properties['v'], { isAdmin: true });
  assert.is(reasonOf(properties['inherited']), 'variables(): the template has no variable "toString"');
  for (const key of ['created', 'parsed', 'merged']) {
    const v = properties[key] as Record<string, Value>;
    assert.is(Object.getPrototypeOf(v), Object.prototype, key);
    assert.ok(Object.prototype.hasOwnProperty.call(v, '__proto__'), key);
  }
  const clean = {} as Record<string, unknown>;
  assert.equal([clean['polluted'], clean['isAdmin'], clean['evil'], clean['x'], clean['y']], [undefined, undefined, undefined, undefined, undefined]);
});

test('a 20 MB file over a small size limit: an error for it, the other files still load', () => {
  const tmp = tempDir();
  try {
    const big = JSON.stringify(template({ resources: [gallery({ blob: 'x'.repeat(20 * 1024 * 1024) }, 'big')] }));
    writeFileSync(tmp.path('big.json'), big);
    writeFileSync(tmp.path('big-data.json'), JSON.stringify({ data: 'y'.repeat(20 * 1024 * 1024) }));
    writeFileSync(tmp.path('small.json'), JSON.stringify(template({ resources: [gallery({}, 'small')] })));
    const graph = new ResourceGraph();
    const limits: Limits = { ...DEFAULT_LIMITS, fileSize: 1024 * 1024 };
    const loaded = bounded(() => loadArm([
      { path: tmp.path('big.json'), explicit: false },
      { path: tmp.path('big-data.json'), explicit: false },
      { path: tmp.path('small.json'), explicit: false },
    ], graph, { limits }));
    assert.equal(loaded.map((l) => l.kind), ['invalid', 'other', 'template']);
    assert.equal(summary(graph), [`${GALLERY} | small | resources[0]`]);
    assert.equal(graph.diagnostics, [{
      severity: 'error',
      file: tmp.path('big.json'),
      message: `the file is ${big.length} bytes, more than the 1048576-byte limit (ARM accepts at most 4 MB)`,
    }]);
    // Named on the command line, a large file is always reported, ARM or not.
    const explicit = new ResourceGraph();
    loadArm([{ path: tmp.path('big-data.json'), explicit: true }], explicit, { limits });
    assert.equal(explicit.diagnostics.map((d) => [d.severity, d.file, d.message.slice(0, 12)]), [['error', tmp.path('big-data.json'), 'the file is ']]);
  } finally {
    tmp.remove();
  }
});

test.run();
