import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Resource, ResourceGraph, Unknown } from '@sigil/core';
import { loadBicep } from '../src/index.js';

const folders: string[] = [];
const s = suite('bicep dependencies');

function load(files: Record<string, string>, lint: readonly string[] = ['main.bicep']): ResourceGraph {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-bicep-deps-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const graph = new ResourceGraph();
  loadBicep(lint.map((path) => ({ path, explicit: true })), graph, { cwd: dir });
  return graph;
}

/** The labels of what a resource waits for, sorted. */
function dependencies(graph: ResourceGraph, label: string): string[] {
  const r = graph.resources.find((x) => x.label === label);
  assert.ok(r, `resource ${label}`);
  return r.dependsOn.map((d) => (d instanceof Resource ? d.label : d instanceof Unknown ? '?' : JSON.stringify(d))).sort();
}

const res = (symbol: string, body = '', type = 'My.Rp/t') => `resource ${symbol} '${type}@2024-01-01' = {\n  name: '${symbol}'\n${body}}\n`;

s('variables are followed, however deep; parameters, loop items and lambda parameters refer to nothing', () => {
  const graph = load({
    'main.bicep': [
      res('a'), res('b'),
      "param p string = 'x'",
      'var first = a.id',
      'var second = [first]',
      res('c', "  properties: {\n    x: second\n    y: map(['1'], b => b)\n    z: [for a in [p]: a]\n  }\n"),
    ].join('\n'),
  });
  assert.equal(dependencies(graph, 'c'), ['a']);
});

s('dependencies are direct (SIG003 follows them), and a loop is every instance', () => {
  const graph = load({
    'main.bicep': [
      "resource a 'My.Rp/t@2024-01-01' = [for i in range(0, 2): {\n  name: 'a${i}'\n}]",
      res('b', '  properties: {\n    x: a[0].id\n  }\n'),
      res('c', '  dependsOn: [\n    b\n  ]\n'),
    ].join('\n'),
  });
  assert.equal(dependencies(graph, 'b'), ['a[0]', 'a[1]']);
  assert.equal(dependencies(graph, 'c'), ['b']);
});

s('a nested resource waits for the one it is declared in; inside a body, nested resources are visible by name', () => {
  const graph = load({
    'main.bicep': [
      "resource p 'My.Rp/t@2024-01-01' = {",
      "  name: 'p'",
      "  resource child 'kids' = {",
      "    name: 'child'",
      "    resource grandchild 'grandkids' = {",
      "      name: 'g'",
      '    }',
      '  }',
      "  resource sibling 'kids' = {",
      "    name: 'sibling'",
      '    properties: {',
      '      x: child::grandchild.id',
      '    }',
      '  }',
      '}',
      res('outside', '  properties: {\n    x: p::child.name\n  }\n'),
    ].join('\n'),
  });
  assert.equal(dependencies(graph, 'child'), ['p']);
  assert.equal(dependencies(graph, 'grandchild'), ['child']);
  assert.equal(dependencies(graph, 'sibling'), ['child', 'grandchild', 'p']);
  assert.equal(dependencies(graph, 'outside'), ['child', 'p']);
});

s('an existing resource gets no entry, but what it refers to is waited for', () => {
  const graph = load({
    'main.bicep': [
      res('a'),
      "resource e 'My.Rp/t@2024-01-01' existing = {\n  name: a.name\n}",
      res('c', '  properties: {\n    x: e.id\n  }\n'),
    ].join('\n'),
  });
  assert.equal(dependencies(graph, 'c'), ['a']);
});

s('a module\'s resources wait for what the module refers to; waiting for a module is waiting for all it deploys', () => {
  const graph = load({
    'main.bicep': [
      res('a'),
      "module m 'm.bicep' = {\n  name: 'm'\n  params: {\n    n: a.name\n  }\n}",
      res('after', '  dependsOn: [\n    m\n  ]\n'),
      res('unrelated'),
    ].join('\n'),
    'm.bicep': ['param n string', res('inner'), "module deeper 'deeper.bicep' = {\n  name: 'deeper'\n}"].join('\n'),
    'deeper.bicep': res('deepest'),
  });
  assert.equal(dependencies(graph, 'inner'), ['a']);
  assert.equal(dependencies(graph, 'deepest'), ['a']);
  assert.equal(dependencies(graph, 'after'), ['a', 'deepest', 'inner']);
  assert.equal(dependencies(graph, 'unrelated'), []);
  const run = graph.resources[0]?.run;
  assert.ok(run !== undefined && graph.resources.every((r) => r.run === run), 'one run: the entry file and its modules');
});

s('a chain of variables or existing resources deeper than the depth limit is not followed: the dependency is unknown', () => {
  const variables = Array.from({ length: 300 }, (_, i) => `var v${i + 1} = v${i}`);
  const existing = Array.from({ length: 300 }, (_, i) => `resource e${i + 1} 'My.Rp/t@2024-01-01' existing = {\n  name: e${i}.name\n}`);
  const graph = load({
    'main.bicep': [
      res('a'), 'var v0 = a.id', ...variables, res('viaVariables', '  properties: {\n    x: v300\n  }\n'),
      "resource e0 'My.Rp/t@2024-01-01' existing = {\n  name: a.name\n}", ...existing, res('viaExisting', '  properties: {\n    x: e300.id\n  }\n'),
    ].join('\n'),
  });
  assert.equal(dependencies(graph, 'viaVariables'), ['?']);
  assert.equal(dependencies(graph, 'viaExisting'), ['?']);
});

s('each parameters file is a run of its own: its resources depend only on each other', () => {
  const graph = load({
    'main.bicep': "param n string\n" + res('a') + res('b', '  properties: {\n    x: a.id\n    n: n\n  }\n'),
    'dev.bicepparam': "using 'main.bicep'\nparam n = 'dev'\n",
    'prod.bicepparam': "using 'main.bicep'\nparam n = 'prod'\n",
  }, ['main.bicep', 'dev.bicepparam', 'prod.bicepparam']);
  const bs = graph.resources.filter((r) => r.label === 'b');
  assert.is(bs.length, 2);
  const [dev, prod] = bs as [Resource, Resource];
  assert.ok(dev.run !== prod.run, 'two runs');
  for (const b of bs) {
    assert.equal(b.dependsOn.map((d) => (d instanceof Resource ? [d.label, d.run === b.run] : d)), [['a', true]]);
  }
});

s.after(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

s.run();
