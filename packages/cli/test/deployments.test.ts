import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { builtinRules } from '@sigil/rules';
import type { Diagnostic, ResourceGraph, Rule, Value } from '@sigil/core';
import { lintFiles, loadConfig, scopeDeclarations } from '../src/index.js';
import { sigil, workspace, repoRoot } from './helpers.js';

const deployments = suite('.sigil.yaml deployments');

const SUB = '00000000-0000-0000-0000-000000000000';
const OTHER_SUB = '11111111-1111-1111-1111-111111111111';
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const PARAMETERS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';
const VERSION_ID = `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contoso_images/images/ubuntu/versions/1.0.0`;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** An image definition and its version replicated to westeurope only, tagged with what the scope functions return. */
const gallery = (extra: Record<string, unknown> = {}) => json({
  $schema: SCHEMA,
  contentVersion: '1.0.0.0',
  ...extra,
  resources: [
    {
      type: 'Microsoft.Compute/galleries/images',
      apiVersion: '2024-03-03',
      name: 'contoso_images/ubuntu',
      location: 'westeurope',
      properties: { osType: 'Linux', osState: 'Generalized', identifier: { publisher: 'contoso', offer: 'ubuntu', sku: '24_04' } },
    },
    {
      type: 'Microsoft.Compute/galleries/images/versions',
      apiVersion: '2024-03-03',
      name: 'contoso_images/ubuntu/1.0.0',
      location: 'westeurope',
      tags: { group: '[resourceGroup().name]', groupId: '[resourceGroup().id]', subscription: '[subscription().subscriptionId]', groupLocation: '[resourceGroup().location]' },
      properties: { publishingProfile: { targetRegions: [{ name: 'westeurope' }] }, storageProfile: { source: { id: `/subscriptions/${SUB}/resourceGroups/rg-build/providers/Microsoft.Compute/images/base` } } },
    },
  ],
});

/** A VM in eastus that names the version by its full literal id. */
const vm = json({
  $schema: SCHEMA,
  contentVersion: '1.0.0.0',
  resources: [
    { type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-07-01', name: 'vm-app', location: 'eastus', properties: { storageProfile: { imageReference: { id: VERSION_ID } } } },
  ],
});

const declaration = (files: string, group = 'rg-images', sub = SUB) => `  - files: ["${files}"]\n    subscription: ${sub}\n    resourceGroup: ${group}\n`;

interface Linted { graph: ResourceGraph; codes: string[]; notes: Diagnostic[] }

/** Lints a folder with SIG401 and the deployments of its `.sigil.yaml`, as `sigil lint` does. */
function lint(dir: string, files: string[]): Linted {
  const configFile = join(dir, '.sigil.yaml');
  const config = loadConfig(configFile, builtinRules);
  const scopes = scopeDeclarations(configFile, config.deployments);
  const result = lintFiles(files.map((path) => ({ path, explicit: false })), { cwd: dir, rules: [builtinRules.get('SIG401') as Rule], now: new Date('2026-06-01T00:00:00Z'), ...(scopes ? { scopes } : {}) });
  return { graph: result.graph, codes: result.findings.map((f) => `${f.code} ${f.file}:${f.span?.start.line}:${f.span?.start.column}`), notes: result.diagnostics.filter((d) => d.severity === 'note') };
}

const tagsOf = (graph: ResourceGraph, file: string): Value => {
  const version = graph.ofType('Microsoft.Compute/galleries/images/versions').find((r) => r.declaration.file === file);
  assert.ok(version, file);
  return version.body.tags as Value;
};

deployments('invalid deployments: exit code 2, file:line:column and the reason', async () => {
  const cases: [string, string][] = [
    ['deployments: gallery\n', '.sigil.yaml:1:14: error: deployments must be a list of { files, subscription, resourceGroup }'],
    ['deployments:\n  - gallery/**\n', '.sigil.yaml:2:5: error: deployments[0] must be a mapping'],
    [`deployments:\n  - files: [a.json]\n    subscription: ${SUB}\n    region: westeurope\n`, '.sigil.yaml:4:5: error: unknown key "region" in deployments[0] (expected files, subscription, resourceGroup)'],
    [`deployments:\n  - subscription: ${SUB}\n`, '.sigil.yaml:2:5: error: deployments[0] must have files (globs relative to the configuration\'s folder)'],
    ['deployments:\n  - files: [a.json]\n    resourceGroup: rg\n', '.sigil.yaml:2:5: error: deployments[0] must have subscription (the subscription id the files are deployed to)'],
    [`deployments:\n  - files: []\n    subscription: ${SUB}\n`, '.sigil.yaml:2:12: error: deployments[0].files must name at least one glob'],
    ['deployments:\n  - files: gallery/**\n    subscription: x\n', '.sigil.yaml:2:12: error: deployments[0].files must be a list of strings'],
    ['deployments:\n  - files: [a.json]\n    subscription: my-subscription\n', '.sigil.yaml:3:19: error: deployments[0].subscription must be a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000), not "my-subscription"'],
    [`deployments:\n  - files: [a.json]\n    subscription: ${SUB}\n    resourceGroup: rg/images\n`, '.sigil.yaml:4:20: error: deployments[0].resourceGroup must be a resource group name (1-90 characters without / \\ ? # % or spaces, not ending with .), not "rg/images"'],
    [`deployments:\n  - files: [a.json]\n    subscription: ${SUB}\n    resourceGroup: rg.\n`, '.sigil.yaml:4:20: error: deployments[0].resourceGroup must be a resource group name (1-90 characters without / \\ ? # % or spaces, not ending with .), not "rg."'],
    // One file, two places: which one the link would follow is a guess.
    [`deployments:\n${declaration('gallery/**')}${declaration('**/*.json', 'rg-other')}`, '.sigil.yaml:5:5: error: "gallery/gallery.json" is matched by this deployments entry and by the one at line 2: a file is deployed to one place per run (lint each environment with its own configuration)'],
  ];
  for (const [text, stderr] of cases) {
    const w = workspace({ '.sigil.yaml': text, 'gallery/gallery.json': gallery(), 'vm.json': vm });
    try {
      const run = await sigil(['lint'], w.dir);
      assert.equal({ code: run.code, stdout: run.stdout, stderr: run.stderr }, { code: 2, stdout: '', stderr: `${stderr}\n` }, text);
    } finally {
      w.cleanup();
    }
  }
});

deployments('two entries over different files are fine; a file outside the configuration\'s folder matches none', async () => {
  const w = workspace({ '.sigil.yaml': `deployments:\n${declaration('gallery/**')}${declaration('vm.json', 'rg-app')}`, 'gallery/gallery.json': gallery(), 'vm.json': vm });
  try {
    const run = await sigil(['lint', '--format', 'json'], w.dir);
    const report = JSON.parse(run.stdout) as { findings: { code: string; file: string; line: number; message: string }[] };
    assert.equal(report.findings.filter((f) => f.code === 'SIG401').map((f) => [f.code, f.file, f.line, f.message]), [
      ['SIG401', 'vm.json', 13, 'The virtual machine "vm-app" is in "eastus", which is not a target region of the image version "contoso_images/ubuntu/1.0.0" (westeurope)'],
    ]);
    assert.is(run.code, 1);
    const scopes = scopeDeclarations(join(w.dir, '.sigil.yaml'), loadConfig(join(w.dir, '.sigil.yaml'), builtinRules).deployments);
    assert.equal(scopes?.(join(w.dir, 'gallery', 'gallery.json')), { files: ['gallery/**'], subscriptionId: SUB, resourceGroup: 'rg-images', line: 2, column: 5 });
    assert.is(scopes?.(join(w.dir, '..', 'gallery', 'gallery.json')), undefined);
  } finally {
    w.cleanup();
  }
});

deployments('the declared scope is what resourceGroup() and subscription() return; the location stays unknown', () => {
  const w = workspace({ '.sigil.yaml': `deployments:\n${declaration('gallery/**')}`, 'gallery/gallery.json': gallery(), 'vm.json': vm });
  try {
    const { graph, codes } = lint(w.dir, ['gallery/gallery.json', 'vm.json']);
    const tags = tagsOf(graph, 'gallery/gallery.json') as Record<string, Value>;
    assert.equal([tags.group, tags.groupId, tags.subscription], ['rg-images', `/subscriptions/${SUB}/resourceGroups/rg-images`, SUB]);
    assert.is.not(typeof tags.groupLocation, 'string');
    assert.equal(codes, ['SIG401 vm.json:13:19']);
  } finally {
    w.cleanup();
  }
});

deployments('without a declaration, or declared elsewhere, the literal id links to nothing', () => {
  for (const config of ['', `deployments:\n${declaration('gallery/**', 'rg-other')}`, `deployments:\n${declaration('gallery/**', 'rg-images', OTHER_SUB)}`]) {
    const w = workspace({ '.sigil.yaml': config, 'gallery/gallery.json': gallery(), 'vm.json': vm });
    try {
      const { graph, codes } = lint(w.dir, ['gallery/gallery.json', 'vm.json']);
      assert.equal(codes, [], config);
      if (config === '') assert.is.not(typeof (tagsOf(graph, 'gallery/gallery.json') as Record<string, Value>).group, 'string');
    } finally {
      w.cleanup();
    }
  }
});

deployments('a subscription template takes the declared subscription only', () => {
  const subscriptionTemplate = json({
    $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [{ type: 'Microsoft.Resources/resourceGroups', apiVersion: '2022-09-01', name: 'rg-images', location: 'westeurope', tags: { subscription: '[subscription().id]' } }],
  });
  const w = workspace({ '.sigil.yaml': `deployments:\n${declaration('**')}`, 'groups.json': subscriptionTemplate });
  try {
    const { graph } = lint(w.dir, ['groups.json']);
    const [group] = graph.ofType('Microsoft.Resources/resourceGroups');
    assert.ok(group);
    assert.equal(group.scope, { level: 'subscription', subscriptionId: SUB });
    assert.equal(group.body.tags, { subscription: `/subscriptions/${SUB}` });
  } finally {
    w.cleanup();
  }
});

const parametersFile = (location: string) => json({ $schema: PARAMETERS_SCHEMA, contentVersion: '1.0.0.0', parameters: { location: { value: location } } });
const parameterizedGallery = gallery({ parameters: { location: { type: 'string' } } }).replaceAll('"location": "westeurope"', '"location": "[parameters(\'location\')]"');

deployments('parameters files: each run takes its parameters file\'s scope, else the template\'s; one scope for several runs is none', () => {
  const files = { 'gallery/gallery.json': parameterizedGallery, 'gallery/gallery.parameters.dev.json': parametersFile('northeurope'), 'gallery/gallery.parameters.prod.json': parametersFile('westeurope'), 'vm.json': vm };
  const linted = ['gallery/gallery.json', 'gallery/gallery.parameters.dev.json', 'gallery/gallery.parameters.prod.json', 'vm.json'];
  // dev and prod in their own resource groups: the VM's id names prod's version.
  let w = workspace({ ...files, '.sigil.yaml': `deployments:\n${declaration('gallery/*.dev.json', 'rg-dev')}${declaration('gallery/*.prod.json')}` });
  try {
    const { graph, codes, notes } = lint(w.dir, linted);
    assert.equal(codes, ['SIG401 vm.json:13:19']);
    assert.equal(notes, []);
    assert.equal(graph.ofType('Microsoft.Compute/galleries/images/versions').map((r) => [r.body.location, r.scope.resourceGroup]), [['northeurope', 'rg-dev'], ['westeurope', 'rg-images']]);
  } finally {
    w.cleanup();
  }
  // The template's declaration over both runs would put two versions at one id: neither run takes it.
  w = workspace({ ...files, '.sigil.yaml': `deployments:\n${declaration('gallery/**')}` });
  try {
    const { graph, codes, notes } = lint(w.dir, linted);
    assert.equal(codes, []);
    assert.equal(notes.map((n) => [n.file, n.message]), [['gallery/gallery.json', 'several parameters files of this template are declared in the same deployment scope (.sigil.yaml deployments); its resources are linked as if deployed to an unknown scope']]);
    assert.ok(graph.ofType('Microsoft.Compute/galleries/images/versions').every((r) => typeof r.scope.resourceGroup !== 'string'));
  } finally {
    w.cleanup();
  }
});

deployments('Bicep: a template linted through its .bicepparam file takes the template\'s declared scope', () => {
  const bicep = `param location string\n\nresource definition 'Microsoft.Compute/galleries/images@2024-03-03' = {\n  name: 'contoso_images/ubuntu'\n  location: 'westeurope'\n  properties: {\n    osType: 'Linux'\n    osState: 'Generalized'\n    identifier: { publisher: 'contoso', offer: 'ubuntu', sku: '24_04' }\n  }\n}\n\nresource version 'Microsoft.Compute/galleries/images/versions@2024-03-03' = {\n  name: 'contoso_images/ubuntu/1.0.0'\n  location: location\n  tags: {\n    group: resourceGroup().name\n  }\n  properties: {\n    publishingProfile: {\n      targetRegions: [\n        { name: location }\n      ]\n    }\n  }\n}\n`;
  const w = workspace({
    '.sigil.yaml': `deployments:\n${declaration('gallery/main.bicep')}`,
    'gallery/main.bicep': bicep,
    'gallery/main.bicepparam': "using 'main.bicep'\n\nparam location = 'westeurope'\n",
    'vm.json': vm,
  });
  try {
    const { graph, codes } = lint(w.dir, ['gallery/main.bicepparam', 'vm.json']);
    assert.equal(tagsOf(graph, 'gallery/main.bicep'), { group: 'rg-images' });
    assert.equal(codes, ['SIG401 vm.json:13:19']);
  } finally {
    w.cleanup();
  }
});

deployments('a template another one uses as a module or linked template takes no declaration of its own', () => {
  const moduleBicep = `param location string = 'westeurope'\n\nresource definition 'Microsoft.Compute/galleries/images@2024-03-03' = {\n  name: 'contoso_images/ubuntu'\n  location: location\n  properties: {\n    osType: 'Linux'\n    osState: 'Generalized'\n    identifier: { publisher: 'contoso', offer: 'ubuntu', sku: '24_04' }\n  }\n}\n\nresource version 'Microsoft.Compute/galleries/images/versions@2024-03-03' = {\n  name: 'contoso_images/ubuntu/1.0.0'\n  location: location\n  properties: {\n    publishingProfile: {\n      targetRegions: [\n        { name: location }\n      ]\n    }\n  }\n}\n`;
  const mainBicep = "module gallery 'modules/gallery.bicep' = {\n  name: 'gallery'\n  params: {\n    location: 'northeurope'\n  }\n}\n";
  const linkedArm = parameterizedGallery.replace('"type": "string"', '"type": "string", "defaultValue": "westeurope"').replace('"name": "westeurope"', '"name": "[parameters(\'location\')]"');
  const mainArm = json({
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'gallery', properties: { mode: 'Incremental', templateLink: { relativePath: 'modules/gallery.json' }, parameters: { location: { value: 'northeurope' } } } }],
  });
  const message = 'The virtual machine "vm-app" is in "eastus", which is not a target region of the image version "contoso_images/ubuntu/1.0.0" (northeurope)';
  for (const files of [{ 'gallery/main.bicep': mainBicep, 'gallery/modules/gallery.bicep': moduleBicep }, { 'gallery/main.json': mainArm, 'gallery/modules/gallery.json': linkedArm }]) {
    const w = workspace({ '.sigil.yaml': `deployments:\n${declaration('gallery/**')}`, 'vm.json': vm, ...files });
    try {
      const configFile = join(w.dir, '.sigil.yaml');
      const scopes = scopeDeclarations(configFile, loadConfig(configFile, builtinRules).deployments);
      const result = lintFiles([...Object.keys(files), 'vm.json'].map((path) => ({ path, explicit: false })), { cwd: w.dir, rules: [builtinRules.get('SIG401') as Rule], ...(scopes ? { scopes } : {}) });
      // The module's own evaluation (its default westeurope) is not put at the id of the one its parent deploys.
      assert.equal(result.findings.map((f) => [f.file, f.span?.start.line, f.message]), [['vm.json', 13, message]], Object.keys(files).join());
    } finally {
      w.cleanup();
    }
  }
});

deployments('Terraform: a module folder takes the declared subscription where its azurerm provider writes none', () => {
  const fixture = join(repoRoot, 'fixtures', 'vm-image-region', 'invalid', 'declared-scope');
  const galleryTf = readFileSync(join(fixture, 'gallery', 'gallery.tf.json'), 'utf8');
  const vmTf = readFileSync(join(fixture, 'vm.tf.json'), 'utf8');
  const config = `deployments:\n${declaration('gallery/**')}`;
  const provider = (sub: string) => json({ provider: { azurerm: { features: {}, subscription_id: sub } } });
  const cases: [Record<string, string>, string[], string[]][] = [
    [{}, ['SIG401 vm.tf.json:23:28'], []],
    // The provider's own subscription_id wins over the declaration.
    [{ 'gallery/providers.tf.json': provider(OTHER_SUB) }, [], []],
    [{ 'gallery/providers.tf.json': provider(SUB) }, ['SIG401 vm.tf.json:23:28'], []],
    // Two tfvars runs in one declared subscription: environments are not guessed to share it.
    [{ 'gallery/dev.tfvars.json': '{}\n', 'gallery/prod.tfvars.json': '{}\n' }, [], ['several tfvars files of this module are declared in the same subscription (.sigil.yaml deployments); its resources are linked as if its subscription were unknown']],
  ];
  for (const [extra, codes, notes] of cases) {
    const w = workspace({ '.sigil.yaml': config, 'gallery/gallery.tf.json': galleryTf, 'vm.tf.json': vmTf, ...extra });
    try {
      const linted = lint(w.dir, ['gallery/gallery.tf.json', 'vm.tf.json', ...Object.keys(extra)]);
      assert.equal(linted.codes, codes, JSON.stringify(extra));
      assert.equal(linted.notes.map((n) => n.message), notes, JSON.stringify(extra));
    } finally {
      w.cleanup();
    }
  }
});

deployments('the JSON Schema accepts the deployments sigil accepts and rejects the ones it rejects', () => {
  const require = createRequire(import.meta.url);
  const Ajv = require('ajv') as typeof import('ajv').default;
  const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas/sigil-config.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  const parse = (text: string) => (require('yaml') as typeof import('yaml')).parse(text) as unknown;
  const good = [`deployments:\n${declaration('gallery/**')}`, `deployments:\n  - files: [a.json]\n    subscription: ${SUB.toUpperCase()}\n`, `deployments:\n${declaration('a.json', 'rg_(images)-1.ü')}`];
  const bad = ['deployments: gallery\n', `deployments:\n  - files: [a.json]\n    subscription: sub\n`, `deployments:\n${declaration('a.json', 'rg/x')}`, `deployments:\n  - files: []\n    subscription: ${SUB}\n`, `deployments:\n  - subscription: ${SUB}\n`];
  for (const text of good) assert.ok(validate(parse(text)), `${text}\n${JSON.stringify(validate.errors)}`);
  for (const text of bad) assert.not.ok(validate(parse(text)), text);
});

deployments.run();
