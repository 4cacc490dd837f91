import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { ResourceGraph, isUnknown, originOf, type Value } from '@sigil/core';
import { JsonDocument, classifyArm, loadArm, looksLikeArm, parametersOf, readText, targetScope, InputError, type ParameterSource } from '../src/index.js';
import { GALLERY, PARAMETERS_SCHEMA, TEMPLATE_SCHEMA, diagnostics, parametersFile, reasonOf, summary, tempDir, template, where } from './helpers.js';

// ---- detection -------------------------------------------------------------------------------

const detect = suite('classifyArm and targetScope');

detect('templates, with and without $schema', () => {
  assert.is(classifyArm({ $schema: TEMPLATE_SCHEMA, resources: [] }), 'template');
  assert.is(classifyArm({ $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#' }), 'template');
  assert.is(classifyArm({ $SCHEMA: 'HTTPS://SCHEMA.MANAGEMENT.AZURE.COM/SCHEMAS/2019-04-01/DEPLOYMENTTEMPLATE.JSON#' }), 'template');
  assert.is(classifyArm({ contentVersion: '1.0.0.0', resources: [] }), 'template');
  assert.is(classifyArm({ contentVersion: '1.0.0.0', languageVersion: '2.0', resources: {} }), 'template');
});

detect('parameters files, with and without $schema', () => {
  assert.is(classifyArm({ $schema: PARAMETERS_SCHEMA, parameters: {} }), 'parameters');
  assert.is(classifyArm({ contentVersion: '1.0.0.0', parameters: { a: { value: 1 } } }), 'parameters');
});

detect('everything else is not ARM', () => {
  assert.is(classifyArm({ name: 'pkg', version: '1.0.0', dependencies: {} }), undefined);
  assert.is(classifyArm({ $schema: 'http://json-schema.org/draft-07/schema#', resources: [], contentVersion: '1' }), undefined);
  assert.is(classifyArm({ resources: [] }), undefined);
  assert.is(classifyArm({ contentVersion: '1.0.0.0', resources: 'x' }), undefined);
  assert.is(classifyArm({ contentVersion: '1.0.0.0', parameters: {}, resources: [] }), 'template');
  assert.is(classifyArm({ contentVersion: '1.0.0.0', parameters: [] }), undefined);
  assert.is(classifyArm([{ $schema: TEMPLATE_SCHEMA }]), undefined);
  assert.is(classifyArm('deploymentTemplate.json'), undefined);
  assert.is(classifyArm(null), undefined);
  assert.is(classifyArm(undefined), undefined);
});

detect('looksLikeArm reads the schema name in the first 4 KB of raw text', () => {
  assert.is(looksLikeArm(`{ "$schema": "${TEMPLATE_SCHEMA}", oops`), true);
  assert.is(looksLikeArm(`{ "$schema": "${PARAMETERS_SCHEMA}"`), true);
  assert.is(looksLikeArm('{ "name": "pkg", oops'), false);
  assert.is(looksLikeArm(`${' '.repeat(5000)}"${TEMPLATE_SCHEMA}"`), false);
});

detect('targetScope follows the schema', () => {
  assert.is(targetScope({ $schema: TEMPLATE_SCHEMA }), 'resourceGroup');
  assert.is(targetScope({ $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#' }), 'subscription');
  assert.is(targetScope({ $schema: 'https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#' }), 'managementGroup');
  assert.is(targetScope({ $schema: 'https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#' }), 'tenant');
  assert.is(targetScope({ contentVersion: '1.0.0.0', resources: [] }), 'resourceGroup');
  assert.is(targetScope(null), 'resourceGroup');
});

// ---- loading ---------------------------------------------------------------------------------

const loading = suite('loadArm: files');

const galleryTemplate = (name: Value = "[parameters('name')]", extra: Record<string, unknown> = {}) => JSON.stringify(template({
  parameters: { name: { type: 'string', defaultValue: 'default-name' } },
  resources: [{ type: GALLERY, apiVersion: '2022-03-03', name }],
  ...extra,
}), null, 2);

loading('every expression is checked for syntax, including places evaluation never reaches', () => {
  const graph = new ResourceGraph();
  const text = JSON.stringify(template({
    resources: [
      { type: 'Microsoft.Storage/storageAccounts', apiVersion: 'x', name: 'st', properties: { note: "[concat('a', ]", ok: "[concat('a', 'b')]" } },
      { type: GALLERY, apiVersion: 'x', name: 'g', tags: { t: '[[not an expression' } },
    ],
  }), null, 2);
  loadArm([{ path: 'virtual/main.json', explicit: true, text }], graph);
  // No rule reads storage accounts, so nothing evaluates that property: the syntax pass reports it.
  assert.equal(diagnostics(graph), [
    ['error', 'invalid template expression: unexpected end of expression at position 13 of expression', ['resources', 0, 'properties', 'note']],
  ]);
  assert.is(where(graph.span(graph.diagnostics[0]?.ref ?? { file: '' })), '10:17-10:33');
});

loading('classification of each file; non-ARM JSON is skipped silently', () => {
  const graph = new ResourceGraph();
  const loaded = loadArm([
    { path: 'a/with-schema.json', explicit: false, text: galleryTemplate() },
    { path: 'a/no-schema.json', explicit: false, text: JSON.stringify({ contentVersion: '1.0.0.0', resources: [{ type: GALLERY, apiVersion: 'x', name: 'plain' }] }) },
    { path: 'a/package.json', explicit: false, text: JSON.stringify({ name: 'pkg', version: '1.0.0', scripts: { test: 'uvu' } }) },
    { path: 'a/tsconfig.json', explicit: true, text: '{ "compilerOptions": { "strict": true, }, // comment\n}' },
    { path: 'a/values.parameters.json', explicit: false, text: JSON.stringify(parametersFile({ x: { value: 1 } })) },
  ], graph);
  assert.equal(loaded, [
    { file: 'a/with-schema.json', kind: 'template' },
    { file: 'a/no-schema.json', kind: 'template' },
    { file: 'a/package.json', kind: 'other' },
    { file: 'a/tsconfig.json', kind: 'other' },
    { file: 'a/values.parameters.json', kind: 'parameters' },
  ]);
  assert.equal(summary(graph), [`${GALLERY} | default-name | resources[0]`, `${GALLERY} | plain | resources[0]`]);
  assert.equal(graph.diagnostics, []);
  assert.ok(graph.document('a/with-schema.json') instanceof JsonDocument);
  assert.is(graph.document('a/package.json'), undefined);
});

loading('an ARM file that does not parse is an error with its span; the others still load', () => {
  const broken = `{\n  "$schema": "${TEMPLATE_SCHEMA}",\n  "contentVersion": "1.0.0.0"\n  "resources": []\n}`;
  const graph = new ResourceGraph();
  const loaded = loadArm([
    { path: 'a/broken.json', explicit: false, text: broken },
    { path: 'a/ok.json', explicit: false, text: galleryTemplate('ok') },
  ], graph);
  assert.equal(loaded.map((l) => l.kind), ['invalid', 'template']);
  assert.equal(summary(graph), [`${GALLERY} | ok | resources[0]`]);
  assert.equal(graph.diagnostics.map((d) => [d.severity, d.file, d.message, where(d.span)]), [
    ['error', 'a/broken.json', 'invalid JSON: "," is expected', '4:3-4:14'],
  ]);
  // The broken document is known to the graph, so the CLI can show the line.
  assert.is(graph.document('a/broken.json')?.text, broken);
});

loading('invalid JSON that is not ARM: skipped when found by walking, an error when named', () => {
  const text = '{\n  "name": "pkg",\n  "version": \n}';
  const walked = new ResourceGraph();
  assert.equal(loadArm([{ path: 'a/data.json', explicit: false, text }], walked), [{ file: 'a/data.json', kind: 'other' }]);
  assert.equal(walked.diagnostics, []);
  const named = new ResourceGraph();
  assert.equal(loadArm([{ path: 'a/data.json', explicit: true, text }], named), [{ file: 'a/data.json', kind: 'invalid' }]);
  assert.equal(named.diagnostics.map((d) => [d.severity, d.file, d.message, where(d.span)]), [
    ['error', 'a/data.json', 'invalid JSON: a value is expected', '4:1-4:2'],
  ]);
});

loading('a file that cannot be read is an error without span', () => {
  const graph = new ResourceGraph();
  const loaded = loadArm([{ path: '/nonexistent/sigil/main.json', explicit: true }], graph);
  assert.equal(loaded, [{ file: '/nonexistent/sigil/main.json', kind: 'invalid' }]);
  assert.is(graph.diagnostics.length, 1);
  assert.is(graph.diagnostics[0]?.severity, 'error');
  assert.is(graph.diagnostics[0]?.span, undefined);
  assert.match(graph.diagnostics[0]?.message ?? '', /^cannot read the file: ENOENT: no such file or directory/);
});

loading('files on disk: UTF-16 with BOM and UTF-8 with BOM and CRLF are read, spans exact', () => {
  const tmp = tempDir();
  try {
    const text = galleryTemplate('[concat(\'a\',]').replace(/\n/g, '\r\n');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    writeFileSync(tmp.path('utf16.json'), utf16);
    writeFileSync(tmp.path('utf8bom.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    assert.is(readText(tmp.path('utf16.json')), text);
    assert.is(readText(tmp.path('utf8bom.json')), text);
    const graph = new ResourceGraph();
    loadArm([{ path: tmp.path('utf16.json'), explicit: false }, { path: tmp.path('utf8bom.json'), explicit: false }], graph);
    assert.is(graph.resources.length, 2);
    // The syntax error in the name expression is placed on its line (CRLF not counted) in both files.
    const spans = graph.diagnostics.map((d) => [d.severity, d.message, where(graph.span(d.ref ?? { file: '' }))]);
    const expected = ['error', 'invalid template expression: unexpected end of expression at position 12 of expression', '14:15-14:30'];
    assert.equal(spans, [expected, expected]);
  } finally {
    tmp.remove();
  }
});

loading('readText enforces the size limit with InputError', () => {
  const tmp = tempDir();
  try {
    writeFileSync(tmp.path('big.json'), 'x'.repeat(2048));
    try {
      readText(tmp.path('big.json'), { ...limitsWith(1024) });
      assert.unreachable('readText accepted a file over the limit');
    } catch (e) {
      assert.instance(e, InputError);
      assert.is((e as Error).message, 'the file is 2048 bytes, more than the 1024-byte limit (ARM accepts at most 4 MB)');
    }
  } finally {
    tmp.remove();
  }
});

function limitsWith(fileSize: number) {
  return { steps: 2_000_000, stringLength: 1_048_576, collectionSize: 100_000, depth: 128, copyCount: 800, resources: 20_000, deploymentDepth: 16, fileSize };
}

// ---- parameters files ------------------------------------------------------------------------

const pairing = suite('loadArm: parameters files');

pairing('main.parameters.json and main.parameters.<env>.json pair with main.json: one evaluation each', () => {
  const tmp = tempDir();
  try {
    mkdirSync(tmp.path('sub'));
    writeFileSync(tmp.path('main.json'), galleryTemplate());
    writeFileSync(tmp.path('main.parameters.json'), JSON.stringify(parametersFile({ name: { value: 'from-main-parameters' } })));
    writeFileSync(tmp.path('main.parameters.prod.json'), JSON.stringify(parametersFile({ name: { value: 'from-prod' } })));
    writeFileSync(tmp.path('other.parameters.json'), JSON.stringify(parametersFile({ name: { value: 'from-other' } })));
    writeFileSync(tmp.path('mainx.parameters.json'), JSON.stringify(parametersFile({ name: { value: 'from-mainx' } })));
    writeFileSync(tmp.path('sub', 'main.parameters.json'), JSON.stringify(parametersFile({ name: { value: 'from-sub' } })));
    writeFileSync(tmp.path('lonely.json'), galleryTemplate());
    const files = ['main.json', 'main.parameters.prod.json', 'main.parameters.json', 'other.parameters.json', 'mainx.parameters.json', 'sub/main.parameters.json', 'lonely.json'];
    const graph = new ResourceGraph();
    const loaded = loadArm(files.map((f) => ({ path: tmp.path(f), explicit: false })), graph);
    assert.equal(loaded.map((l) => l.kind), ['template', 'parameters', 'parameters', 'parameters', 'parameters', 'parameters', 'template']);
    assert.equal(graph.resources.map((r) => [r.fullName, r.file]), [
      ['from-main-parameters', tmp.path('main.json')],
      ['from-prod', tmp.path('main.json')],
      ['default-name', tmp.path('lonely.json')],
    ]);
    assert.equal(graph.diagnostics, []);
    // Each evaluation points at its own parameters file.
    assert.equal(graph.resources.map((r) => r.locate(['name']).primary), [
      { file: tmp.path('main.parameters.json'), path: ['parameters', 'name', 'value'] },
      { file: tmp.path('main.parameters.prod.json'), path: ['parameters', 'name', 'value'] },
      { file: tmp.path('lonely.json'), path: ['parameters', 'name', 'defaultValue'] },
    ]);
    // Paired parameters files are documents of the graph (for spans); unpaired ones are not.
    assert.is(where(graph.span({ file: tmp.path('main.parameters.prod.json'), path: ['parameters', 'name', 'value'] })), '1:153-1:164');
    assert.is(graph.document(tmp.path('other.parameters.json')), undefined);
  } finally {
    tmp.remove();
  }
});

pairing('a parameters file linted alone brings the template beside it, evaluated with that file only', () => {
  const tmp = tempDir();
  try {
    writeFileSync(tmp.path('Main.json'), galleryTemplate());
    writeFileSync(tmp.path('main.parameters.json'), JSON.stringify(parametersFile({ name: { value: 'from-main-parameters' } })));
    writeFileSync(tmp.path('main.parameters.prod.json'), JSON.stringify(parametersFile({ name: { value: 'from-prod' } })));
    writeFileSync(tmp.path('other.parameters.json'), JSON.stringify(parametersFile({ name: { value: 'from-other' } })));
    const graph = new ResourceGraph();
    const loaded = loadArm(['main.parameters.prod.json', 'other.parameters.json'].map((f) => ({ path: tmp.path(f), explicit: true })), graph);
    assert.equal(loaded, [
      { file: tmp.path('main.parameters.prod.json'), kind: 'parameters' },
      { file: tmp.path('other.parameters.json'), kind: 'parameters' },
      { file: tmp.path('Main.json'), kind: 'template' },
    ]);
    assert.equal(graph.resources.map((r) => [r.fullName, r.file]), [['from-prod', tmp.path('Main.json')]]);
    assert.equal(graph.diagnostics, []);
  } finally {
    tmp.remove();
  }
});

pairing('a parameter the parameters file does not set keeps its default', () => {
  const graph = new ResourceGraph();
  loadArm([
    { path: 'v/main.json', explicit: true, text: galleryTemplate("[concat(parameters('name'), '-', parameters('env'))]", { parameters: { name: { type: 'string', defaultValue: 'default-name' }, env: { type: 'string', defaultValue: 'dev' } } }) },
    { path: 'v/main.parameters.json', explicit: true, text: JSON.stringify(parametersFile({ env: { value: 'prod' } })) },
  ], graph);
  assert.equal(summary(graph), [`${GALLERY} | default-name-prod | resources[0]`]);
});

pairing('explicit --parameters (file, then name=value) override the files found beside the template', () => {
  const tmp = tempDir();
  try {
    writeFileSync(tmp.path('main.json'), JSON.stringify(template({
      parameters: {
        name: { type: 'string', defaultValue: 'default-name' },
        count: { type: 'int', defaultValue: 1 },
        regions: { type: 'array', defaultValue: [] },
        flag: { type: 'bool', defaultValue: false },
        settings: { type: 'object', defaultValue: {} },
        text: { type: 'string', defaultValue: '' },
        quoted: { type: 'string', defaultValue: '' },
        fromFile: { type: 'string', defaultValue: 'default-from-file' },
      },
      resources: [{
        type: GALLERY, apiVersion: 'x', name: "[parameters('name')]",
        properties: {
          count: "[parameters('count')]", regions: "[parameters('regions')]", flag: "[parameters('flag')]",
          settings: "[parameters('settings')]", text: "[parameters('text')]", quoted: "[parameters('quoted')]", fromFile: "[parameters('fromFile')]",
        },
      }],
    })));
    writeFileSync(tmp.path('main.parameters.json'), JSON.stringify(parametersFile({ name: { value: 'beside' }, count: { value: 99 } })));
    writeFileSync(tmp.path('explicit.json'), JSON.stringify(parametersFile({ name: { value: 'from-explicit-file' }, fromFile: { value: 'explicit-file-value' } })));
    const parameters: ParameterSource[] = [
      { kind: 'file', path: tmp.path('explicit.json') },
      { kind: 'inline', name: 'NAME', value: 'from-command-line' },
      { kind: 'inline', name: 'count', value: '3' },
      { kind: 'inline', name: 'regions', value: '["westeurope","eastus"]' },
      { kind: 'inline', name: 'flag', value: 'true' },
      { kind: 'inline', name: 'settings', value: '{"tier":"Standard"}' },
      { kind: 'inline', name: 'text', value: 'not json at all' },
      { kind: 'inline', name: 'quoted', value: '"42"' },
    ];
    const graph = new ResourceGraph();
    loadArm([{ path: tmp.path('main.json'), explicit: false }, { path: tmp.path('main.parameters.json'), explicit: false }], graph, { parameters });
    assert.equal(summary(graph), [`${GALLERY} | from-command-line | resources[0]`]);
    const r = graph.resources[0];
    assert.equal(r?.get(['properties']), {
      count: 3, regions: ['westeurope', 'eastus'], flag: true, settings: { tier: 'Standard' }, text: 'not json at all', quoted: '42', fromFile: 'explicit-file-value',
    });
    assert.equal(originOf(r?.get(['properties', 'regions']) as object), { file: '<command line>', path: [] });
    // The explicit file value points into that file.
    const located = r?.locate(['properties', 'fromFile']);
    assert.is(located?.primary.file, tmp.path('explicit.json'));
    assert.equal(located?.primary.path, ['parameters', 'fromFile', 'value']);
    assert.equal(graph.diagnostics, []);
  } finally {
    tmp.remove();
  }
});

pairing('a Key Vault reference is Unknown, never a value', () => {
  const graph = new ResourceGraph();
  loadArm([
    { path: 'v/main.json', explicit: true, text: JSON.stringify(template({ parameters: { password: { type: 'string' } }, resources: [{ type: GALLERY, apiVersion: 'x', name: 'g', properties: { p: "[parameters('password')]" } }] })) },
    { path: 'v/main.parameters.json', explicit: true, text: JSON.stringify(parametersFile({ password: { reference: { keyVault: { id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.KeyVault/vaults/kv' }, secretName: 'admin' } } })) },
  ], graph);
  const p = graph.resources[0]?.get(['properties', 'p']);
  assert.is(reasonOf(p), 'parameter "password" is a Key Vault reference');
  assert.equal(isUnknown(p) ? p.origin : undefined, { file: 'v/main.parameters.json', path: ['parameters', 'password'] });
  assert.equal(graph.diagnostics, []);
});

pairing('an explicit --parameters file that is not a parameters file is an error; so is one that does not parse', () => {
  const tmp = tempDir();
  try {
    writeFileSync(tmp.path('template.json'), galleryTemplate('t'));
    writeFileSync(tmp.path('broken.parameters.json'), `{\n  "$schema": "${PARAMETERS_SCHEMA}",\n  "parameters": {\n}`);
    const graph = new ResourceGraph();
    loadArm([{ path: 'v/main.json', explicit: true, text: galleryTemplate() }], graph, {
      parameters: [{ kind: 'file', path: tmp.path('template.json') }, { kind: 'file', path: tmp.path('broken.parameters.json') }],
    });
    assert.equal(graph.diagnostics.map((d) => [d.severity, d.file, d.message, where(d.span)]), [
      ['error', tmp.path('template.json'), 'this is not an ARM parameters file (expected "$schema": ".../deploymentParameters.json#" and "parameters")', undefined],
      ['error', tmp.path('broken.parameters.json'), 'invalid JSON: "}" is expected (the file ends too early)', '4:2-4:2'],
    ]);
    // The template is still evaluated, with its defaults.
    assert.equal(summary(graph), [`${GALLERY} | default-name | resources[0]`]);
  } finally {
    tmp.remove();
  }
});

pairing('parametersOf: entries that are not objects are errors; over-deep values are Unknown', () => {
  let deep: Value = 'leaf';
  for (let i = 0; i < 100; i++) deep = [deep];
  const doc = new JsonDocument('p.json', JSON.stringify(parametersFile({ bad: 'just a string', empty: {}, deep: { value: deep }, ok: { value: { a: [1] } } }), null, 2));
  const graph = new ResourceGraph();
  graph.addDocument(doc);
  const values = parametersOf(doc, graph);
  assert.equal([...values.keys()], ['deep', 'ok']);
  let v: Value = values.get('deep')?.value ?? null;
  let levels = 0;
  while (Array.isArray(v)) {
    v = v[0] as Value;
    levels++;
  }
  // Arrays at depths 0 to 64 are kept; the value at depth 65 is more than 64 levels deep.
  assert.is(levels, 65);
  assert.is(reasonOf(v), 'the value is nested more than 64 levels deep');
  assert.equal(values.get('ok'), { value: { a: [1] }, ref: { file: 'p.json', path: ['parameters', 'ok', 'value'] } });
  assert.equal(diagnostics(graph), [['error', 'parameter "bad" must be an object with "value" or "reference"', ['parameters', 'bad']]]);
  assert.is(where(graph.span(graph.diagnostics[0]?.ref ?? { file: '' })), '5:12-5:27');
});

detect.run();
loading.run();
pairing.run();
