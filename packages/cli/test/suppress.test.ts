import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type * as Sarif from 'sarif';
import { sigil, workspace, assertValidSarif } from './helpers.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** An ARM template (JSONC): one gallery per entry, each with the lines written before its name. */
function armGalleries(galleries: { name: string; before?: string; metadata?: object }[]): string {
  const resources = galleries.map((g) => [
    '    {',
    '      "type": "Microsoft.Compute/galleries",',
    '      "apiVersion": "2024-03-03",',
    ...(g.before ? [`      ${g.before}`] : []),
    `      "name": "${g.name}",`,
    ...(g.metadata ? [`      "metadata": ${JSON.stringify(g.metadata)},`] : []),
    '      "location": "westeurope"',
    '    }',
  ].join('\n'));
  return `{\n  "$schema": "${SCHEMA}",\n  "contentVersion": "1.0.0.0",\n  "resources": [\n${resources.join(',\n')}\n  ]\n}\n`;
}

const s = suite('suppressions');

s('ARM: a comment on the line before and resource metadata suppress, with a reason; SARIF keeps them as suppressed', async () => {
  const w = workspace({
    'main.json': armGalleries([
      { name: 'legacy-gallery', before: '// sigil-disable-next-line SIG101 until=2027-06-30 -- renamed with the Q3 migration' },
      { name: 'shared-gallery', metadata: { sigil: { suppress: [{ code: 'gallery-name', reason: 'owned by the network team' }] } } },
      { name: 'new-gallery' },
    ]),
  });
  try {
    const run = await sigil(['lint', '--now', '2026-11-26'], w.dir);
    assert.is(run.code, 1);
    assert.equal(run.stdout.split('\n').filter((l) => /SIG101|suppressed/.test(l)), [
      '  22:15   error   Gallery name "new-gallery" contains "-"; use letters, digits, "_" and "."  SIG101 gallery-name',
      '✖ 1 problem (1 error, 0 warnings, 0 notes), 2 suppressed (2 in the source)',
    ]);
    assert.is(run.stderr, '');

    const sarif = await sigil(['lint', '--now', '2026-11-26', '--format', 'sarif'], w.dir);
    const log = JSON.parse(sarif.stdout) as Sarif.Log;
    assertValidSarif(log);
    const results = log.runs[0]?.results ?? [];
    assert.equal(results.map((r) => [r.ruleId, r.locations?.[0]?.physicalLocation?.region?.startLine, r.suppressions?.map((x) => [x.kind, x.status, x.justification, x.location?.physicalLocation?.region?.startLine])]), [
      ['SIG101', 9, [['inSource', 'accepted', 'renamed with the Q3 migration (until 2027-06-30)', 8]]],
      ['SIG101', 15, [['inSource', 'accepted', 'owned by the network team', 16]]],
      ['SIG101', 22, undefined],
    ]);
  } finally {
    w.cleanup();
  }
});

s('expired, reasonless and unknown suppressions do not suppress, and say so at the directive', async () => {
  const w = workspace({
    'main.json': armGalleries([
      { name: 'expired-gallery', before: '// sigil-disable-next-line SIG101 until=2026-06-30 -- until the rename' },
      { name: 'no-reason-gallery', before: '// sigil-disable-next-line SIG101' },
      { name: 'typo-gallery', before: '// sigil-disable-next-line SIG1O1 -- typo in the code' },
      { name: 'bad-date-gallery', metadata: { sigil: { suppress: [{ code: 'SIG101', reason: 'later', until: '2026-02-30' }] } } },
    ]),
  });
  try {
    const run = await sigil(['lint', '--now', '2026-11-26'], w.dir);
    assert.is(run.code, 1);
    assert.equal(run.stdout.split('\n').filter((l) => l.includes('SIG101 gallery-name')).map((l) => l.trim().split(/\s+/)[0]), ['9:15', '16:15', '23:15', '29:15']);
    assert.equal(run.stderr.split('\n'), [
      'main.json:8:7: warning: suppression of SIG101 expired on 2026-06-30; the findings it hid are reported again',
      'main.json:15:7: warning: suppression of SIG101 has no reason, so it does not apply; write it after " -- ": "SIG101 -- why"',
      'main.json:22:7: warning: // sigil-disable-next-line names "SIG1O1", which is no sigil rule (run "sigil rules" for the list)',
      'main.json:30:41: warning: suppression of SIG101 has the date "2026-02-30", which is not a date (YYYY-MM-DD), so it does not apply',
      '',
    ]);
    // The last day holds: until=2026-06-30 still suppresses on that day, in UTC.
    const onTheDay = await sigil(['lint', '--now', '2026-06-30T23:59:59Z'], w.dir);
    assert.not.match(onTheDay.stderr, /expired/);
    assert.not.match(onTheDay.stdout, /"expired-gallery"/);
  } finally {
    w.cleanup();
  }
});

s('Bicep: #disable-next-line with a reason in a comment, and // sigil-disable-next-line; codes of other tools are ignored', async () => {
  const w = workspace({
    'main.bicep': [
      "resource a 'Microsoft.Compute/galleries@2023-07-03' = {",
      '  #disable-next-line SIG101 no-hardcoded-location // kept for the old pipeline',
      "  name: 'legacy-a'",
      "  location: 'westeurope'",
      '}',
      "resource b 'Microsoft.Compute/galleries@2023-07-03' = {",
      '  #disable-next-line gallery-name',
      "  name: 'legacy-b'",
      "  location: 'westeurope'",
      '}',
      "resource c 'Microsoft.Compute/galleries@2023-07-03' = {",
      '  // sigil-disable-next-line gallery-name until=2030-01-01 -- renamed in Q3',
      "  name: 'legacy-c'",
      "  location: 'westeurope'",
      '}',
      '',
    ].join('\n'),
  });
  try {
    const run = await sigil(['lint', '--now', '2026-11-26', '--format', 'json'], w.dir);
    const report = JSON.parse(run.stdout) as { findings: { line: number }[]; suppressed: { line: number; suppression: unknown }[] };
    assert.equal(report.findings.map((f) => f.line), [8]);
    assert.equal(report.suppressed.map((f) => [f.line, f.suppression]), [
      [3, { kind: 'inSource', justification: 'kept for the old pipeline', file: 'main.bicep', line: 2, column: 3 }],
      [13, { kind: 'inSource', justification: 'renamed in Q3', until: '2030-01-01', file: 'main.bicep', line: 12, column: 3 }],
    ]);
    assert.is(run.stderr, 'main.bicep:7:3: warning: suppression of SIG101 has no reason, so it does not apply; write it in a comment: "#disable-next-line SIG101 // why"\n');
  } finally {
    w.cleanup();
  }
});

s('Terraform JSON: a "//" property in the resource block suppresses that resource', async () => {
  const block = (name: string, comment?: string) => ({ ...(comment ? { '//': comment } : {}), name, resource_group_name: 'rg-images', location: 'westeurope' });
  const w = workspace({
    'main.tf.json': `${JSON.stringify({
      resource: {
        azurerm_shared_image_gallery: {
          fixed: block('tf-fixed', 'sigil-disable SIG101 -- the name is fixed by the landing zone'),
          other: block('tf-other', 'an ordinary comment'),
        },
      },
    }, null, 2)}\n`,
  });
  try {
    const run = await sigil(['lint', '--format', 'json'], w.dir);
    const report = JSON.parse(run.stdout) as { findings: { message: string }[]; suppressed: { message: string; suppression: { justification: string; line: number } }[] };
    assert.equal(report.findings.map((f) => f.message), ['Gallery name "tf-other" contains "-"; use letters, digits, "_" and "."']);
    assert.equal(report.suppressed.map((f) => [f.message, f.suppression.justification, f.suppression.line]), [
      ['Gallery name "tf-fixed" contains "-"; use letters, digits, "_" and "."', 'the name is fixed by the landing zone', 5],
    ]);
    assert.is(run.code, 1);
  } finally {
    w.cleanup();
  }
});

s('a finding in a parameters file is suppressed by the metadata of the resource that uses the value', async () => {
  const template = {
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: { galleryName: { type: 'string' } },
    resources: [{
      type: 'Microsoft.Compute/galleries',
      apiVersion: '2024-03-03',
      name: "[parameters('galleryName')]",
      location: 'westeurope',
      metadata: { sigil: { suppress: [{ code: 'SIG101', reason: 'the name predates the convention' }] } },
    }],
  };
  const w = workspace({
    'main.json': JSON.stringify(template, null, 2),
    'main.parameters.json': JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { galleryName: { value: 'param-gallery' } } }, null, 2),
  });
  try {
    const run = await sigil(['lint', '--format', 'json'], w.dir);
    const report = JSON.parse(run.stdout) as { findings: unknown[]; suppressed: { file: string; suppression: { justification: string } }[] };
    assert.equal(report.findings, []);
    assert.equal(report.suppressed.map((f) => [f.file, f.suppression.justification]), [['main.parameters.json', 'the name predates the convention']]);
    assert.is(run.code, 0);
  } finally {
    w.cleanup();
  }
});

s('a suppression of a rule the configuration turns off is no mistake', async () => {
  const w = workspace({
    '.sigil.yaml': 'rules:\n  SIG101: off\n',
    'main.json': armGalleries([{ name: 'legacy-gallery', before: '// sigil-disable-next-line SIG101 -- renamed in Q3' }]),
  });
  try {
    assert.equal(await sigil(['lint'], w.dir), { code: 0, stdout: '', stderr: '' });
  } finally {
    w.cleanup();
  }
});

s.run();
