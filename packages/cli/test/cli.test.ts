import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sigil, workspace, galleryTemplate, repoRoot } from './helpers.js';
import { builtinRules } from '@sigil/rules';
import { colorWanted } from '../src/main.js';
import { parseLintArgs } from '../src/args.js';

const root = repoRoot;

interface JsonReport {
  findings: { code: string; file: string; line: number; column: number; endLine: number; endColumn: number; message: string; fingerprint: string; property: string; related: { file: string; line: number }[] }[];
  diagnostics: { severity: string; file: string; line: number | null; column: number | null; message: string }[];
  suppressed: unknown[];
  summary: { errors: number; warnings: number; notes: number; suppressed: number; inputErrors: number };
}

const lint = suite('sigil lint');

lint('the bundled example: findings in stylish format, exit code 1', async () => {
  const run = await sigil(['lint', 'examples/'], root);
  assert.is(run.code, 1);
  assert.is(run.stderr, '');
  const lines = run.stdout.split('\n');
  assert.ok(lines.includes('examples/image-gallery/main.parameters.json'), 'file heading');
  assert.ok(
    lines.includes('  5:31    error   Gallery name "contoso-golden-images" contains "-"; use letters, digits, "_" and "."  SIG101 gallery-name'),
    'finding line',
  );
  const frame = lines.indexOf('  > 5 |     "galleryName": { "value": "contoso-golden-images" },');
  assert.ok(frame > 0, 'code frame line');
  assert.is(lines[frame + 1], `      | ${' '.repeat(30)}${'^'.repeat(23)}`, 'caret under the value');
  assert.ok(lines.includes('    used here by Microsoft.Compute/galleries "contoso-golden-images" (examples/image-gallery/main.json:35:15)'));
  assert.ok(lines.includes('examples/image-gallery-bicep/main.bicepparam'), 'the Bicep example is linted too');
  assert.is(lines[lines.length - 2], '✖ 6 problems (6 errors, 0 warnings, 0 notes)');
});

lint('json format: every finding with its location and a fingerprint', async () => {
  const run = await sigil(['lint', 'examples/image-gallery', '--format', 'json'], root);
  assert.is(run.code, 1);
  const report = JSON.parse(run.stdout) as JsonReport;
  assert.equal(
    report.findings.map((f) => [f.code, f.file, f.line, f.column, f.endLine, f.endColumn, f.property]),
    [
      ['SIG202', 'examples/image-gallery/main.json', 29, 18, 29, 36, 'properties.identifier.publisher'],
      ['SIG101', 'examples/image-gallery/main.parameters.json', 5, 31, 5, 54, 'name'],
      ['SIG201', 'examples/image-gallery/main.parameters.json', 9, 19, 9, 34, 'name'],
      ['SIG301', 'examples/image-gallery/main.parameters.json', 12, 31, 12, 45, 'name'],
    ],
  );
  assert.equal(report.summary, { errors: 4, warnings: 0, notes: 0, suppressed: 0, inputErrors: 0 });
  assert.equal(report.suppressed, []);
  assert.equal(report.findings[3]?.related.map((r) => [r.file, r.line]), [
    ['examples/image-gallery/main.json', 67],
    ['examples/image-gallery/main.json', 67],
  ]);
  for (const f of report.findings) assert.match(f.fingerprint, /^[0-9a-f]{32}$/);
});

lint('fingerprints survive edits elsewhere in the file', async () => {
  const a = workspace({ 'main.json': galleryTemplate('my-gallery') });
  const b = workspace({ 'main.json': `\n\n${galleryTemplate('my-gallery').replace('"resources"', '"metadata": {"x": 1},\n  "resources"')}` });
  try {
    const ra = JSON.parse((await sigil(['lint', '--format', 'json'], a.dir)).stdout) as JsonReport;
    const rb = JSON.parse((await sigil(['lint', '--format', 'json'], b.dir)).stdout) as JsonReport;
    assert.is(ra.findings[0]?.line, 8);
    assert.is(rb.findings[0]?.line, 11);
    assert.is(ra.findings[0]?.fingerprint, rb.findings[0]?.fingerprint);
  } finally {
    a.cleanup();
    b.cleanup();
  }
});

lint('a clean folder: exit code 0 and no output', async () => {
  const w = workspace({ 'main.json': galleryTemplate('platform_images'), 'package.json': '{"name": "not-arm"}' });
  try {
    const run = await sigil(['lint'], w.dir);
    assert.equal(run, { code: 0, stdout: '', stderr: '' });
  } finally {
    w.cleanup();
  }
});

lint('no template found: exit code 0, and a note on stderr so a wrong path does not pass unseen', async () => {
  const w = workspace({ 'package.json': '{"name": "not-arm"}', 'docs/readme.md': '# docs' });
  try {
    assert.equal(await sigil(['lint'], w.dir), { code: 0, stdout: '', stderr: 'sigil: no ARM template found (1 JSON file looked at)\n' });
    assert.equal(await sigil(['lint', 'docs'], w.dir), { code: 0, stdout: '', stderr: 'sigil: no ARM template found (0 JSON files looked at)\n' });
  } finally {
    w.cleanup();
  }
});

lint('walking a directory skips node_modules, .git and .terraform, and reads .jsonc', async () => {
  const w = workspace({
    'node_modules/pkg/main.json': galleryTemplate('in-node-modules'),
    '.git/main.json': galleryTemplate('in-git'),
    'infra/.terraform/modules/main.json': galleryTemplate('in-terraform'),
    'infra/gallery.jsonc': galleryTemplate('in-jsonc'),
    'infra/readme.md': 'not linted',
  });
  try {
    const run = await sigil(['lint', '--format', 'json'], w.dir);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.equal(report.findings.map((f) => f.file), ['infra/gallery.jsonc']);
  } finally {
    w.cleanup();
  }
});

lint('an input error: exit code 2, file:line:column and reason, the other files still linted', async () => {
  const w = workspace({
    'a/broken.json': '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "resources": [\n    { "type": "x" \n  ]\n}\n',
    'b/main.json': galleryTemplate('my-gallery'),
    'c/notes.json': '{ not json at all',
  });
  try {
    const run = await sigil(['lint', '--format', 'json'], w.dir);
    assert.is(run.code, 2);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.equal(report.findings.map((f) => [f.code, f.file, f.line]), [['SIG101', 'b/main.json', 8]]);
    assert.equal(report.diagnostics, [{ severity: 'error', file: 'a/broken.json', line: 5, column: 3, message: 'invalid JSON: "," is expected' }]);
    assert.is(run.stderr, 'a/broken.json:5:3: error: invalid JSON: "," is expected\n');
  } finally {
    w.cleanup();
  }
});

lint('Bicep: findings on the Bicep line (and the .bicepparam line), syntax errors exit 2 while other files are linted', async () => {
  const w = workspace({
    'gallery/main.bicep': [
      'param galleryName string',
      '',
      "resource gallery 'Microsoft.Compute/galleries@2023-07-03' = {",
      '  name: galleryName',
      "  location: 'westeurope'",
      '}',
      '',
    ].join('\n'),
    'gallery/main.bicepparam': "using 'main.bicep'\n\nparam galleryName = 'contoso-images'\n",
    'broken/main.bicep': "param location string = 'westeurope\nresource g 'Microsoft.Compute/galleries@2023-07-03' = {\n  name: 'ok_name'\n  location: 'westeurope'\n}\n",
    'suppressed/main.bicep': "resource gallery 'Microsoft.Compute/galleries@2023-07-03' = {\n  // sigil-disable-next-line SIG101 -- legacy name, renamed in Q3\n  name: 'legacy-name'\n  location: 'westeurope'\n}\n",
  });
  try {
    const run = await sigil(['lint', '--format', 'json'], w.dir);
    assert.is(run.code, 2);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.equal(report.findings.map((f) => [f.code, f.file, f.line, f.column, f.endLine, f.endColumn, f.message]), [
      ['SIG101', 'gallery/main.bicepparam', 3, 21, 3, 37, 'Gallery name "contoso-images" contains "-"; use letters, digits, "_" and "."'],
    ]);
    assert.equal(report.findings[0]?.related.map((r) => [r.file, r.line]), [['gallery/main.bicep', 4]]);
    assert.equal(report.diagnostics.map((d) => [d.severity, d.file, d.line, d.column]), [['error', 'broken/main.bicep', 1, 25]]);
    assert.match(run.stderr, /^broken\/main\.bicep:1:25: error: /);
  } finally {
    w.cleanup();
  }
});

lint('an invalid JSON file named explicitly is an input error even without an ARM schema', async () => {
  const w = workspace({ 'notes.json': '{ "a": }' });
  try {
    const run = await sigil(['lint', 'notes.json'], w.dir);
    assert.is(run.code, 2);
    assert.is(run.stderr, 'notes.json:1:8: error: invalid JSON: a value is expected\n');
  } finally {
    w.cleanup();
  }
});

lint('an invalid template expression is an input error with its location', async () => {
  const w = workspace({ 'main.json': galleryTemplate("[concat('a', ]") });
  try {
    const run = await sigil(['lint'], w.dir);
    assert.is(run.code, 2);
    assert.match(run.stderr, /^main\.json:8:15: error: invalid template expression: .+ at position 13 of expression\n$/);
  } finally {
    w.cleanup();
  }
});

lint('--parameters replaces the parameters file beside the template', async () => {
  const run = await sigil(['lint', 'examples/image-gallery/main.json', '--format', 'json', '-p', 'galleryName=platform_images', '-p', 'buildNumber=2026.1126.1', '-p', 'images=[{"name":"ubuntu","osType":"Linux","offer":"ubuntu","sku":"24_04"}]'], root);
  const report = JSON.parse(run.stdout) as JsonReport;
  assert.equal(report.findings.map((f) => [f.code, f.line]), [['SIG202', 29]]);
  assert.is(run.code, 1);
});

lint('--output writes the report to a file', async () => {
  const w = workspace({ 'main.json': galleryTemplate('my-gallery') });
  try {
    const run = await sigil(['lint', '-f', 'sarif', '-o', 'out/../report.sarif'], w.dir);
    assert.is(run.code, 1);
    assert.is(run.stdout, '');
    const sarif = JSON.parse(readFileSync(join(w.dir, 'report.sarif'), 'utf8')) as { version: string };
    assert.is(sarif.version, '2.1.0');
  } finally {
    w.cleanup();
  }
});

lint('file content cannot drive the terminal: control characters are escaped', async () => {
  const w = workspace({ 'main.json': galleryTemplate('gal\u001b[2J\u0007-x\u202e') });
  try {
    const run = await sigil(['lint'], w.dir, { FORCE_COLOR: '0' });
    assert.is(run.code, 1);
    assert.not.match(run.stdout, /[\u001b\u0007\u202e]/);
    assert.ok(run.stdout.includes('Gallery name "gal\\x1b[2J\\x07-x\\u202e" contains "-"'), run.stdout);
  } finally {
    w.cleanup();
  }
});

lint('usage errors: exit code 2 and one line on stderr', async () => {
  const cases: [string[], string][] = [
    [['lint', '--format', 'xml'], 'sigil: --format must be one of stylish, json, sarif, junit, github, markdown, not "xml"\n'],
    [['lint', '--bogus'], "sigil: Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--bogus\"\n"],
    [['lint', 'no/such/dir'], 'sigil: no/such/dir: no such file or directory\n'],
    [['lint', '--now', 'tomorrow'], 'sigil: --now must be an ISO 8601 date such as 2026-01-31, not "tomorrow"\n'],
    [['lint', '--fail-on', 'fatal'], 'sigil: --fail-on must be one of error, warning, note, not "fatal"\n'],
    [['frobnicate'], 'sigil: unknown command "frobnicate"; run "sigil --help"\n'],
    [['explain', 'SIG999'], 'sigil: no rule "SIG999"; run "sigil rules" for the list\n'],
  ];
  for (const [argv, stderr] of cases) {
    const run = await sigil(argv, root);
    assert.equal({ code: run.code, stderr: run.stderr }, { code: 2, stderr }, argv.join(' '));
  }
});

lint('help and version', async () => {
  const help = await sigil(['lint', '--help'], root);
  assert.is(help.code, 0);
  assert.ok(help.stdout.startsWith('Usage: sigil lint [paths...] [options]'));
  const version = await sigil(['--version'], root);
  assert.equal(version, { code: 0, stdout: `${(JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as { version: string }).version}\n`, stderr: '' });
  const bare = await sigil([], root);
  assert.is(bare.code, 2);
  assert.ok(bare.stdout.startsWith('Usage: sigil <command>'));
});

lint.run();

const other = suite('sigil rules, sigil explain, options');

other('rules lists every rule', async () => {
  const run = await sigil(['rules'], root);
  assert.is(run.code, 0);
  const rows = run.stdout.split('\n').filter(Boolean).map((l) => l.split(/\s{2,}/));
  assert.equal(rows.map((r) => r[0]), builtinRules.all.map((r) => r.code), 'every rule, in code order');
  assert.equal(rows.find((r) => r[0] === 'SIG101'), ['SIG101', 'gallery-name', 'error', 'policy', 'Gallery names must be valid']);
  assert.equal(rows.find((r) => r[0] === 'SIG303'), ['SIG303', 'target-regions-unique', 'error', 'policy', 'Image version target regions must not repeat a region']);
  const json = JSON.parse((await sigil(['rules', '--format', 'json'], root)).stdout) as { code: string; docs: string }[];
  assert.is(json.find((r) => r.code === 'SIG101')?.docs, 'https://github.com/sigil-iac/sigil/blob/main/rules/gallery/gallery-name/README.md');
});

other('explain prints the rule documentation, by code or name', async () => {
  const byCode = await sigil(['explain', 'SIG301'], root);
  const byName = await sigil(['explain', 'image-version-name'], root);
  assert.is(byCode.code, 0);
  assert.is(byCode.stdout, readFileSync(join(root, 'rules/image-version/image-version-name/README.md'), 'utf8'));
  assert.is(byName.stdout, byCode.stdout);
});

other('--now and SOURCE_DATE_EPOCH', () => {
  assert.is(parseLintArgs(['--now', '2027-03-01'], {}).now.toISOString(), '2027-03-01T00:00:00.000Z');
  assert.is(parseLintArgs([], { SOURCE_DATE_EPOCH: '1700000000' }).now.toISOString(), '2023-11-14T22:13:20.000Z');
  assert.is(parseLintArgs(['--now', '2027-03-01T12:00:00Z'], { SOURCE_DATE_EPOCH: '1700000000' }).now.toISOString(), '2027-03-01T12:00:00.000Z');
  assert.throws(() => parseLintArgs([], { SOURCE_DATE_EPOCH: 'yesterday' }), /SOURCE_DATE_EPOCH must be a whole number of seconds/);
});

other('--parameters: a file path or name=value', () => {
  assert.equal(parseLintArgs(['-p', 'prod.parameters.json', '-p', 'location=westeurope', '-p', './a=b.json'], {}).parameters, [
    { kind: 'file', path: 'prod.parameters.json' },
    { kind: 'inline', name: 'location', value: 'westeurope' },
    { kind: 'file', path: './a=b.json' },
  ]);
});

other('colour: FORCE_COLOR and NO_COLOR win over the terminal', () => {
  const tty = { isTTY: true, hasColors: () => true };
  const pipe = { isTTY: false, hasColors: () => false };
  assert.is(colorWanted(tty, {}), true);
  assert.is(colorWanted(pipe, {}), false);
  assert.is(colorWanted(tty, { NO_COLOR: '1' }), false);
  assert.is(colorWanted(pipe, { FORCE_COLOR: '1' }), true);
  assert.is(colorWanted(tty, { FORCE_COLOR: '0' }), true);
  assert.is(colorWanted(pipe, { FORCE_COLOR: '0' }), false);
});

other('the npx sigil entry point exists', () => {
  assert.ok(existsSync(join(root, 'node_modules/.bin/sigil')), 'npm links the sigil bin at the root');
});

other.run();
