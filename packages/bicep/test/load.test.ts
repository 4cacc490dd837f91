import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ResourceGraph, Unknown, type Resource, type JsonPath } from '@sigil/core';
import { loadBicep } from '../src/index.js';

const folders: string[] = [];

/**
 * Writes files into a temporary folder, lints the given ones (all by default), and returns the graph.
 * The folder stays until the suite ends: evaluation is lazy, and imports are read when first used.
 */
function load(files: Record<string, string>, lint: string[] = Object.keys(files).filter((f) => /\.bicep(param)?$/.test(f)), parameters?: Parameters<typeof loadBicep>[2]): ResourceGraph {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-bicep-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const graph = new ResourceGraph();
  loadBicep(lint.map((path) => ({ path, explicit: true })), graph, { cwd: dir, ...parameters });
  return graph;
}

function only(graph: ResourceGraph, type: string): Resource {
  const list = graph.resources.filter((r) => r.type.toLowerCase() === type.toLowerCase());
  assert.is(list.length, 1, `one ${type}`);
  return list[0] as Resource;
}

/** Where a value was written: `file:line:col-line:col` of the primary location. */
function where(graph: ResourceGraph, r: Resource, path: JsonPath): string {
  const { primary } = r.locate(path);
  const span = graph.span(primary);
  return span ? `${primary.file}:${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}` : `${primary.file}:?`;
}

function errors(graph: ResourceGraph): string[] {
  return graph.diagnostics.filter((d) => d.severity === 'error').map((d) => {
    const span = d.span ?? (d.ref ? graph.span(d.ref) : undefined);
    return `${d.file}:${span?.start.line}:${span?.start.column}: ${d.message}`;
  });
}

const GALLERY = 'Microsoft.Compute/galleries';
const IMAGE = 'Microsoft.Compute/galleries/images';
const VERSION = 'Microsoft.Compute/galleries/images/versions';

const t = suite('bicep evaluation');

t('parameters, variables and interpolation; values located where they were written', () => {
  const g = load({
    'main.bicep': [
      "param prefix string = 'contoso'",
      "param location string = 'westeurope'",
      "var galleryName = '${prefix}_images'",
      '',
      "resource gallery 'Microsoft.Compute/galleries@2023-07-03' = {",
      '  name: galleryName',
      '  location: location',
      '  properties: {',
      "    description: 'Images for ${toUpper(prefix)}'",
      '  }',
      '}',
    ].join('\n'),
  });
  const r = only(g, GALLERY);
  assert.equal(errors(g), []);
  assert.is(r.fullName, 'contoso_images');
  assert.is(r.apiVersion, '2023-07-03');
  assert.equal(r.get(['properties', 'description']), 'Images for CONTOSO');
  assert.is(r.get(['location']), 'westeurope');
  assert.is(where(g, r, ['location']), 'main.bicep:2:25-2:37');
  assert.is(where(g, r, ['name']), 'main.bicep:3:19-3:37');
  assert.is(r.frontend, 'bicep');
  assert.is(r.label, 'gallery');
});

t('.bicepparam values replace defaults and are located in the .bicepparam file', () => {
  const g = load({
    'main.bicep': "param location string = 'westeurope'\nresource gallery 'Microsoft.Compute/galleries@2023-07-03' = {\n  name: 'g'\n  location: location\n}\n",
    'main.bicepparam': "using 'main.bicep'\n\nparam location = 'North Europe'\n",
  });
  const r = only(g, GALLERY);
  assert.is(r.get(['location']), 'North Europe');
  assert.is(where(g, r, ['location']), 'main.bicepparam:3:18-3:32');
});

t('a .bicepparam file linted alone loads its template', () => {
  const g = load({
    'main.bicep': "param n string\nresource gallery 'Microsoft.Compute/galleries@2023-07-03' = {\n  name: n\n  location: 'westeurope'\n}\n",
    'prod.bicepparam': "using './main.bicep'\nparam n = 'prod_gallery'\n",
  }, ['prod.bicepparam']);
  assert.is(only(g, GALLERY).fullName, 'prod_gallery');
});

t('--parameters: a .bicepparam file, an ARM parameters file and name=value, later ones winning', () => {
  const files = {
    'main.bicep': "param n string\nparam location string\nparam tier string = 'a'\nresource gallery 'Microsoft.Compute/galleries@2023-07-03' = {\n  name: n\n  location: location\n  properties: { description: tier }\n}\n",
    'main.bicepparam': "using 'main.bicep'\nparam n = 'ignored_when_explicit'\n",
    'prod.bicepparam': "using 'main.bicep'\nparam n = 'prod_gallery'\nparam location = 'westeurope'\n",
    'arm.parameters.json': JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { location: { value: 'northeurope' } } }),
  };
  const g = load(files, ['main.bicep'], {
    parameters: [{ kind: 'file', path: 'prod.bicepparam' }, { kind: 'file', path: 'arm.parameters.json' }, { kind: 'inline', name: 'tier', value: 'b' }],
  });
  const r = only(g, GALLERY);
  assert.equal([r.fullName, r.get(['location']), r.get(['properties', 'description'])], ['prod_gallery', 'northeurope', 'b']);
  assert.is(where(g, r, ['name']), 'prod.bicepparam:2:11-2:25');
});

t('a parameter without a value is unknown', () => {
  const g = load({ 'main.bicep': "param n string\nresource gallery 'Microsoft.Compute/galleries@2023-07-03' = {\n  name: n\n  location: resourceGroup().location\n}\n" });
  const r = only(g, GALLERY);
  assert.instance(r.fullName, Unknown);
  assert.instance(r.get(['location']), Unknown);
});

t('a @secure() parameter is never read, even with a default or a .bicepparam value', () => {
  const g = load({
    'main.bicep': "@secure()\nparam n string = 'hidden-name'\nresource gallery 'Microsoft.Compute/galleries@2023-07-03' = {\n  name: n\n}\n",
    'main.bicepparam': "using 'main.bicep'\nparam n = 'other-name'\n",
  });
  const name = only(g, GALLERY).fullName;
  assert.instance(name, Unknown);
  assert.is((name as Unknown).reason, '"n" is a secure parameter; sigil does not read its value');
});

t('nested child resources and parent: build full names and types', () => {
  const g = load({
    'main.bicep': [
      "resource gallery 'Microsoft.Compute/galleries@2023-07-03' = {",
      "  name: 'gal'",
      "  location: 'westeurope'",
      "  resource image 'images' = {",
      "    name: 'ubuntu'",
      "    location: 'westeurope'",
      '  }',
      '}',
      "resource version 'Microsoft.Compute/galleries/images/versions@2023-07-03' = {",
      "  parent: gallery::image",
      "  name: '1.0.0'",
      "  location: 'westeurope'",
      '}',
      "resource other 'Microsoft.Compute/galleries/images@2023-07-03' = {",
      '  parent: gallery',
      "  name: 'windows'",
      "  location: 'westeurope'",
      '}',
    ].join('\n'),
  });
  assert.equal(errors(g), []);
  const images = g.resources.filter((r) => r.type === IMAGE).map((r) => r.fullName);
  assert.equal(images, ['gal/ubuntu', 'gal/windows']);
  assert.is(only(g, VERSION).fullName, 'gal/ubuntu/1.0.0');
  assert.is(only(g, VERSION).get(['parent']), undefined, 'parent: is not part of the ARM body');
});

t('resource loops: one resource per item, located at the item', () => {
  const g = load({
    'main.bicep': [
      "var regions = ['westeurope', 'northeurope']",
      "resource galleries 'Microsoft.Compute/galleries@2023-07-03' = [for (region, i) in regions: {",
      "  name: 'gal${i}'",
      '  location: region',
      '}]',
    ].join('\n'),
  });
  const list = g.resources.filter((r) => r.type === GALLERY);
  assert.equal(list.map((r) => [r.fullName, r.get(['location']), r.label]), [['gal0', 'westeurope', 'galleries[0]'], ['gal1', 'northeurope', 'galleries[1]']]);
  assert.is(where(g, list[1] as Resource, ['location']), 'main.bicep:1:30-1:43');
});

t('property loops build arrays located at their items', () => {
  const g = load({
    'main.bicep': [
      "param regions array = ['westeurope', 'northeurope']",
      "resource version 'Microsoft.Compute/galleries/images/versions@2023-07-03' = {",
      "  name: 'g/i/1.0.0'",
      "  location: 'westeurope'",
      '  properties: {',
      '    publishingProfile: {',
      '      targetRegions: [for r in regions: { name: r, regionalReplicaCount: 1 }]',
      '    }',
      '  }',
      '}',
    ].join('\n'),
  });
  const r = only(g, VERSION);
  assert.equal(r.get(['properties', 'publishingProfile', 'targetRegions']), [{ name: 'westeurope', regionalReplicaCount: 1 }, { name: 'northeurope', regionalReplicaCount: 1 }]);
  assert.is(where(g, r, ['properties', 'publishingProfile', 'targetRegions', 1, 'name']), 'main.bicep:1:38-1:51');
});

t('conditions: false is not deployed, unknown stays unknown', () => {
  const g = load({
    'main.bicep': [
      'param deploy bool',
      "resource a 'Microsoft.Compute/galleries@2023-07-03' = if (false) {",
      "  name: 'a'",
      '}',
      "resource b 'Microsoft.Compute/galleries@2023-07-03' = if (deploy) {",
      "  name: 'b'",
      '}',
    ].join('\n'),
  });
  const [a, b] = g.resources;
  assert.is(a?.condition, false);
  assert.instance(b?.condition, Unknown);
});

t('existing resources are declared, not deployed; references give ids', () => {
  const g = load({
    'main.bicep': [
      "resource des 'Microsoft.Compute/diskEncryptionSets@2023-04-02' existing = {",
      "  name: 'des1'",
      '}',
      "resource version 'Microsoft.Compute/galleries/images/versions@2023-07-03' = {",
      "  name: 'g/i/1.0.0'",
      '  properties: {',
      '    encryptionId: des.id',
      '    n: des.name',
      '  }',
      '}',
    ].join('\n'),
  });
  const des = g.resources.find((r) => r.type === 'Microsoft.Compute/diskEncryptionSets');
  assert.is(des?.existing, true);
  const v = only(g, VERSION);
  assert.is(v.get(['properties', 'n']), 'des1');
  const id = v.get(['properties', 'encryptionId']);
  assert.instance(id, Unknown, 'the subscription is not known');
  assert.equal((id as Unknown).parts?.filter((p) => typeof p === 'string').join(''), '/subscriptions//resourceGroups//providers/Microsoft.Compute/diskEncryptionSets/des1');
});

t('an existing resource scoped to another resource group has that group\'s id', () => {
  const g = load({
    'main.bicep': [
      "resource base 'Microsoft.Compute/images@2024-07-01' existing = {",
      "  name: 'ubuntu-base'",
      "  scope: resourceGroup('00000000-0000-0000-0000-000000000000', 'rg-build')",
      '}',
      "resource other 'Microsoft.Compute/images@2024-07-01' existing = {",
      "  name: 'other'",
      "  scope: resourceGroup('rg-build')",
      '}',
      "resource gallery 'Microsoft.Compute/galleries@2024-03-03' = {",
      "  name: 'g'",
      '  properties: { a: base.id, b: other.id }',
      '}',
    ].join('\n'),
  });
  const r = only(g, GALLERY);
  assert.is(r.get(['properties', 'a']), '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-build/providers/Microsoft.Compute/images/ubuntu-base');
  assert.instance(r.get(['properties', 'b']), Unknown, 'the subscription is the deployment\'s');
});

t('modules: parameters passed through, values located where the caller wrote them', () => {
  const g = load({
    'main.bicep': [
      "param region string = 'swedencentral'",
      "module images './modules/images.bicep' = {",
      "  name: 'images'",
      '  params: {',
      "    galleryName: 'from_main'",
      '    location: region',
      '  }',
      '}',
    ].join('\n'),
    'modules/images.bicep': "param galleryName string\nparam location string\nresource gallery 'Microsoft.Compute/galleries@2023-07-03' = {\n  name: galleryName\n  location: location\n}\n",
  }, ['main.bicep']);
  const r = only(g, GALLERY);
  assert.is(r.fullName, 'from_main');
  assert.is(where(g, r, ['name']), 'main.bicep:5:18-5:29');
  assert.is(where(g, r, ['location']), 'main.bicep:1:23-1:38');
});

t('module loops and scopes', () => {
  const g = load({
    'main.bicep': [
      "module m './m.bicep' = [for rg in ['rg1', 'rg2']: {",
      "  name: 'm-${rg}'",
      '  scope: resourceGroup(rg)',
      "  params: { n: 'g_${rg}' }",
      '}]',
    ].join('\n'),
    'm.bicep': "param n string\nresource gallery 'Microsoft.Compute/galleries@2023-07-03' = {\n  name: n\n}\n",
  }, ['main.bicep']);
  assert.equal(g.resources.map((r) => [r.fullName, r.scope.resourceGroup]), [['g_rg1', 'rg1'], ['g_rg2', 'rg2']]);
});

t('module cycles, missing modules and registry modules', () => {
  const g = load({
    'a.bicep': "module b './b.bicep' = {\n  name: 'b'\n}\n",
    'b.bicep': "module a './a.bicep' = {\n  name: 'a'\n}\n",
    'c.bicep': "module x './missing.bicep' = {\n  name: 'x'\n}\nmodule r 'br/public:avm/res/compute/gallery:0.9.0' = {\n  name: 'r'\n}\n",
  }, ['a.bicep', 'c.bicep']);
  assert.equal(errors(g), [
    'b.bicep:1:10: module cycle: a.bicep -> b.bicep -> a.bicep',
    'c.bicep:1:10: the module file ./missing.bicep cannot be read',
  ]);
  assert.ok(g.diagnostics.some((d) => d.severity === 'note' && d.message === 'registry module br/public:avm/res/compute/gallery:0.9.0 is not available locally; its resources are not checked'));
});

t('ARM JSON modules are evaluated by the ARM frontend with the module parameters', () => {
  const g = load({
    'main.bicep': "module m './m.json' = {\n  name: 'm'\n  params: {\n    n: 'json_gallery'\n  }\n}\n",
    'm.json': JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { n: { type: 'string' } },
      resources: [{ type: GALLERY, apiVersion: '2023-07-03', name: "[parameters('n')]", location: 'westeurope' }],
    }),
  }, ['main.bicep']);
  assert.is(only(g, GALLERY).fullName, 'json_gallery');
});

t('imports: values and functions from another file', () => {
  const g = load({
    'shared.bicep': "@export()\nvar regions = ['westeurope', 'northeurope']\n@export()\nfunc galleryName(env string) string => 'gal_${env}'\n",
    'main.bicep': [
      "import { regions, galleryName } from 'shared.bicep'",
      "import * as shared from 'shared.bicep'",
      "resource gallery 'Microsoft.Compute/galleries@2023-07-03' = {",
      "  name: galleryName('prod')",
      '  location: regions[1]',
      '  properties: {',
      '    description: shared.regions[0]',
      '  }',
      '}',
    ].join('\n'),
  }, ['main.bicep']);
  const r = only(g, GALLERY);
  assert.is(r.fullName, 'gal_prod');
  assert.is(r.get(['location']), 'northeurope');
  assert.is(r.get(['properties', 'description']), 'westeurope');
  assert.is(where(g, r, ['location']), 'shared.bicep:2:30-2:43');
});

t('lambdas and operators follow ARM semantics', () => {
  const g = load({
    'main.bicep': [
      "var xs = filter(['a', 'B', 'c'], x => x =~ 'b' || x == 'c')",
      "var n = 7 / 2 + 10 % 4 - -1",
      "var s = null ?? 'fallback'",
      "var t = true ? 'yes' : 'no'",
      "var o = { ...{ a: 1 }, b: 2 }",
      "resource gallery 'Microsoft.Compute/galleries@2023-07-03' = {",
      "  name: 'g'",
      '  properties: { xs: xs, n: n, s: s, t: t, o: o, m: map(range(0, 3), i => i * 2), e: \'${true}-${1}\' }',
      '}',
    ].join('\n'),
  });
  assert.equal(errors(g), []);
  assert.equal(only(g, GALLERY).get(['properties']), { xs: ['B', 'c'], n: 6, s: 'fallback', t: 'yes', o: { a: 1, b: 2 }, m: [0, 2, 4], e: 'True-1' });
});

t('syntax errors are reported with their span; the rest of the file is evaluated', () => {
  const g = load({ 'main.bicep': "param = 'x'\nresource gallery 'Microsoft.Compute/galleries@2023-07-03' = {\n  name: 'g'\n}\n" });
  assert.is(g.diagnostics.filter((d) => d.severity === 'error').length > 0, true);
  const first = g.diagnostics.find((d) => d.severity === 'error');
  assert.is(first?.file, 'main.bicep');
  assert.is(first?.span?.start.line, 1);
  assert.is(only(g, GALLERY).fullName, 'g');
});

t('undefined names are errors with their place; recursion is bounded', () => {
  const g = load({ 'main.bicep': "var a = b\nvar c = d\nvar d = c\nresource gallery 'Microsoft.Compute/galleries@2023-07-03' = {\n  name: '${a}${c}'\n}\n" });
  assert.instance(only(g, GALLERY).fullName, Unknown);
  assert.equal(errors(g), ['main.bicep:1:9: the name "b" does not exist in this file']);
  assert.ok(g.diagnostics.some((d) => d.message === 'evaluation stopped: "c" refers to itself'));
});

t('a loop over an unknown array yields one representative resource', () => {
  const g = load({ 'main.bicep': "param names array\nresource g 'Microsoft.Compute/galleries@2023-07-03' = [for n in names: {\n  name: n\n  location: 'westeurope'\n}]\n" });
  const r = only(g, GALLERY);
  assert.is(r.label, 'g[*]');
  assert.instance(r.fullName, Unknown);
  assert.is(r.get(['location']), 'westeurope');
});

t('a failing member leaves the others known; a body spread from an unknown object is not checked', () => {
  const g = load({
    'main.bicep': [
      'param extra object',
      "resource a 'Microsoft.Compute/galleries@2023-07-03' = {",
      "  name: 'a'",
      "  location: 'westeurope'",
      "  properties: { description: int('x') }",
      '}',
      "resource b 'Microsoft.Compute/galleries@2023-07-03' = {",
      "  name: 'b'",
      '  ...extra',
      '}',
    ].join('\n'),
  });
  const a = only(g, GALLERY);
  assert.is(a.fullName, 'a');
  assert.is(a.get(['location']), 'westeurope');
  assert.instance(a.get(['properties', 'description']), Unknown);
  assert.ok(g.diagnostics.some((d) => d.message === 'the members of b are known only at deployment; it is not checked'));
});

t('hostile input: recursion and huge loops stop at the limits; the other members stay known', () => {
  const g = load({
    'main.bicep': [
      'func f(x int) int => f(x + 1)',
      'var big = [for i in range(0, 100000): i]',
      "resource g 'Microsoft.Compute/galleries@2023-07-03' = {",
      "  name: 'x${f(1)}'",
      "  location: 'westeurope'",
      '  properties: { a: big }',
      '}',
    ].join('\n'),
  });
  const r = only(g, GALLERY);
  assert.instance(r.fullName, Unknown);
  assert.instance(r.get(['properties', 'a']), Unknown);
  assert.is(r.get(['location']), 'westeurope');
  const notes = g.diagnostics.filter((d) => d.severity === 'note').map((d) => d.message);
  assert.equal(notes, ['evaluation stopped: expressions nested deeper than 256 levels', 'this expression fails: range(): a count of 100000 is more than the 10000 ARM allows']);
});

t('hostile input: module fan-out stops at the resource and step limits', () => {
  const g = load({
    'main.bicep': "module m './fan.bicep' = [for i in range(0, 800): { name: 'm${i}' }]\n",
    'fan.bicep': "module m './fan2.bicep' = [for i in range(0, 800): { name: 'm${i}' }]\n",
    'fan2.bicep': "resource g 'Microsoft.Compute/galleries@2023-07-03' = [for i in range(0, 800): { name: 'g${i}', location: 'westeurope' }]\n",
  }, ['main.bicep']);
  assert.is(g.resources.length, 20_000);
  const notes = g.diagnostics.filter((d) => d.severity === 'note').map((d) => d.message);
  assert.ok(notes.includes('more than 20000 resources; the rest are not checked'), notes.join('\n'));
});

t('suppression directives: the next line, codes or names, the reason from " -- " or a comment after #disable-next-line', () => {
  const g = load({ 'main.bicep': "#disable-next-line SIG001 no-unused-params // region approved by the platform team\nresource g 'Microsoft.Compute/galleries@2023-07-03' = {\n  // sigil-disable-next-line gallery-name until=2027-06-30 -- legacy name\n  name: 'bad-name'\n}\n" });
  const doc = g.document('main.bicep');
  assert.equal(
    doc?.suppressions?.().map((d) => ({ codes: d.codes, reason: d.reason, until: d.until, target: d.target, syntax: d.syntax, span: g.span(d.at)?.start.line })),
    [
      { codes: ['SIG001', 'no-unused-params'], reason: 'region approved by the platform team', until: undefined, target: { kind: 'line', line: 2 }, syntax: '#disable-next-line', span: 1 },
      { codes: ['gallery-name'], reason: 'legacy name', until: '2027-06-30', target: { kind: 'line', line: 4 }, syntax: '// sigil-disable-next-line', span: 3 },
    ],
  );
});

t.after(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

t.run();
