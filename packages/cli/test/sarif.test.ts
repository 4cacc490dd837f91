import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type * as Sarif from 'sarif';
import { builtinRules } from '@sigil/rules';
import { sigil, workspace, galleryTemplate, repoRoot, assertValidSarif } from './helpers.js';

const root = repoRoot;

function valid(log: unknown): void {
  assertValidSarif(log);
}

const sarif = suite('SARIF output');

sarif('the example report validates against the SARIF 2.1.0 schema', async () => {
  const run = await sigil(['lint', 'examples/', '--format', 'sarif'], root);
  assert.is(run.code, 1);
  const log = JSON.parse(run.stdout) as Sarif.Log;
  valid(log);
  const r = log.runs[0] as Sarif.Run;
  assert.is(r.tool.driver.name, 'sigil');
  // ruleIndex points into tool.driver.rules.
  const index = (code: string) => (r.tool.driver.rules ?? []).findIndex((x) => x.id === code);
  assert.is(r.tool.driver.rules?.[index('SIG301')]?.id, 'SIG301');
  assert.equal(r.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(root).href + '/' } });
  assert.equal(
    (r.results ?? []).map((x) => [x.ruleId, x.ruleIndex, x.level, x.locations?.[0]?.physicalLocation?.artifactLocation, x.locations?.[0]?.physicalLocation?.region]),
    [
      ['SIG302', index('SIG302'), 'error', { uri: 'examples/image-gallery-bicep/main.bicep', uriBaseId: '%SRCROOT%' }, { startLine: 7, startColumn: 25, endLine: 7, endColumn: 37 }],
      ['SIG303', index('SIG303'), 'error', { uri: 'examples/image-gallery-bicep/main.bicepparam', uriBaseId: '%SRCROOT%' }, { startLine: 8, startColumn: 3, endLine: 8, endColumn: 16 }],
      ['SIG202', index('SIG202'), 'error', { uri: 'examples/image-gallery/main.json', uriBaseId: '%SRCROOT%' }, { startLine: 29, startColumn: 18, endLine: 29, endColumn: 36 }],
      ['SIG101', index('SIG101'), 'error', { uri: 'examples/image-gallery/main.parameters.json', uriBaseId: '%SRCROOT%' }, { startLine: 5, startColumn: 31, endLine: 5, endColumn: 54 }],
      ['SIG201', index('SIG201'), 'error', { uri: 'examples/image-gallery/main.parameters.json', uriBaseId: '%SRCROOT%' }, { startLine: 9, startColumn: 19, endLine: 9, endColumn: 34 }],
      ['SIG301', index('SIG301'), 'error', { uri: 'examples/image-gallery/main.parameters.json', uriBaseId: '%SRCROOT%' }, { startLine: 12, startColumn: 31, endLine: 12, endColumn: 45 }],
    ],
  );
  const first = (r.results ?? [])[3] as Sarif.Result;
  assert.is(first.message.text, 'Gallery name "contoso-golden-images" contains "-"; use letters, digits, "_" and "."');
  assert.match(first.partialFingerprints?.['sigil/v1'] ?? '', /^[0-9a-f]{32}$/);
  assert.equal(first.relatedLocations?.map((l) => [l.id, l.physicalLocation?.artifactLocation?.uri, l.physicalLocation?.region?.startLine, l.message?.text]), [
    [1, 'examples/image-gallery/main.json', 35, 'used here by Microsoft.Compute/galleries "contoso-golden-images"'],
  ]);
  assert.equal(r.invocations?.[0], { executionSuccessful: true, toolExecutionNotifications: [] });
});

sarif('rules carry descriptions, help (text and markdown), helpUri, tags and a default level', async () => {
  const log = JSON.parse((await sigil(['lint', 'examples/', '--format', 'sarif'], root)).stdout) as Sarif.Log;
  const rules = log.runs[0]?.tool.driver.rules ?? [];
  // Every rule of the registry, in code order, with a PascalCase name.
  assert.equal(rules.map((x) => x.id), builtinRules.all.map((x) => x.code));
  assert.equal(rules.map((x) => x.name).slice(0, 5), ['SupportedLocation', 'ParentExists', 'ParentDependency', 'SingleLocationPerName', 'DeleteOrder']);
  const rule = rules.find((x) => x.id === 'SIG101') as Sarif.ReportingDescriptor;
  assert.is(rule.shortDescription?.text, 'Gallery names must be valid');
  assert.ok(rule.fullDescription?.text?.startsWith('A gallery name has 1 to 80 characters'));
  assert.ok(rule.help?.text?.includes('How to fix: Rename the gallery'));
  assert.ok(rule.help?.markdown?.includes('[Documentation](https://github.com/sigil-iac/sigil/blob/main/rules/gallery/gallery-name/README.md)'));
  assert.is(rule.helpUri, 'https://github.com/sigil-iac/sigil/blob/main/rules/gallery/gallery-name/README.md');
  assert.equal(rule.defaultConfiguration, { level: 'error' });
  assert.equal(rule.properties?.['tags'], ['azure', 'compute-gallery', 'iac', 'galleries']);
});

sarif('input errors are tool notifications with locations, and the run is not successful', async () => {
  const w = workspace({ 'ok.json': galleryTemplate('bad-name'), 'broken.json': '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [ }' });
  try {
    const run = await sigil(['lint', '--format', 'sarif'], w.dir);
    assert.is(run.code, 2);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    valid(log);
    const r = log.runs[0] as Sarif.Run;
    assert.equal((r.results ?? []).map((x) => x.ruleId), ['SIG101']);
    assert.equal(r.invocations?.[0]?.executionSuccessful, false);
    assert.equal(r.invocations?.[0]?.toolExecutionNotifications?.map((n) => [n.level, n.message.text, n.locations?.[0]?.physicalLocation?.artifactLocation?.uri, n.locations?.[0]?.physicalLocation?.region?.startLine]), [
      ['error', 'invalid JSON: a value is expected', 'broken.json', 1],
    ]);
  } finally {
    w.cleanup();
  }
});

sarif('an empty run is valid SARIF too', async () => {
  const w = workspace({ 'ok.json': galleryTemplate('good_name') });
  try {
    const run = await sigil(['lint', '--format', 'sarif'], w.dir);
    assert.is(run.code, 0);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    valid(log);
    assert.equal(log.runs[0]?.results, []);
  } finally {
    w.cleanup();
  }
});

sarif.run();
