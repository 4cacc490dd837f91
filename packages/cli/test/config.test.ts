import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { builtinRules } from '@sigil/rules';
import { configSchema } from '../src/index.js';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sigil, workspace, galleryTemplate, repoRoot } from './helpers.js';

const config = suite('.sigil.yaml');

config('invalid configurations: exit code 2, file:line:column and the reason', async () => {
  const cases: [string, string][] = [
    ['data: [unclosed\n', '.sigil.yaml:1:1: error: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['- a list\n', '.sigil.yaml:1:1: error: the configuration must be a mapping (data:, rules:...)'],
    ['rules: {}\nseverity: high\n', '.sigil.yaml:2:1: error: unknown key "severity" (expected failOn, files, deployments, data, rules, customRules)'],
    ['rules:\n  SIG999:\n    options: {}\n', '.sigil.yaml:2:3: error: unknown rule "SIG999" (run "sigil rules" for the list)'],
    ['rules:\n  gallery-name:\n    options:\n      max: 3\n', '.sigil.yaml:4:7: error: SIG101 has no options'],
    ['rules:\n  SIG101:\n    enabled: false\n', '.sigil.yaml:3:5: error: unknown key "enabled" in rules.SIG101 (expected severity, options)'],
    ['data:\n  planets: [mars]\n', '.sigil.yaml:2:3: error: unknown data set "planets" (known: regions, zrsRegions)'],
    ['data: 3\n', '.sigil.yaml:1:7: error: "data" must be a mapping'],
  ];
  for (const [text, stderr] of cases) {
    const w = workspace({ '.sigil.yaml': text, 'main.json': galleryTemplate('my-gallery') });
    try {
      const run = await sigil(['lint'], w.dir);
      assert.equal({ code: run.code, stdout: run.stdout, stderr: run.stderr }, { code: 2, stdout: '', stderr: `${stderr}\n` }, text);
    } finally {
      w.cleanup();
    }
  }
});

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const SOURCE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-image-build/providers/Microsoft.Compute/images/ubuntu-22.04-base';

/** Two galleries: one in a region the built-in list lacks (taiwannorth), one in northeurope. */
const twoGalleries = `${JSON.stringify({
  $schema: SCHEMA,
  contentVersion: '1.0.0.0',
  resources: [
    { type: 'Microsoft.Compute/galleries', apiVersion: '2024-03-03', name: 'images_taiwan', location: 'taiwannorth' },
    { type: 'Microsoft.Compute/galleries', apiVersion: '2024-03-03', name: 'images_europe', location: 'northeurope' },
  ],
}, null, 2)}\n`;

/** An image version with Standard_ZRS replicas in westcentralus, which the built-in ZRS list lacks. */
const zrsVersion = `${JSON.stringify({
  $schema: SCHEMA,
  contentVersion: '1.0.0.0',
  resources: [{
    type: 'Microsoft.Compute/galleries/images/versions',
    apiVersion: '2024-03-03',
    name: 'contoso_images/ubuntu-22.04/1.0.0',
    location: 'westeurope',
    properties: {
      publishingProfile: {
        storageAccountType: 'Standard_ZRS',
        targetRegions: [{ name: 'westeurope', regionalReplicaCount: 1 }, { name: 'westcentralus', regionalReplicaCount: 1 }],
      },
      storageProfile: { source: { id: SOURCE } },
    },
  }],
}, null, 2)}\n`;

config('data.regions and data.zrsRegions replace the built-in lists', async () => {
  const w = workspace({ 'galleries/main.json': twoGalleries, 'version/main.json': zrsVersion });
  try {
    const builtIn = await sigil(['lint', 'galleries', 'version'], w.dir);
    assert.equal(builtIn, {
      code: 1,
      stdout: [
        'galleries/main.json',
        '  9:19    error   Location "taiwannorth" is not a region where Azure Compute Gallery is available; check it against "az account list-locations -o table"  SIG001 supported-location',
        '     8 |       "name": "images_taiwan",',
        '  >  9 |       "location": "taiwannorth"',
        '       |                   ^^^^^^^^^^^^^',
        '    10 |     },',
        '',
        'version/main.json',
        '  19:23   error   Standard_ZRS is not available in "westcentralus"; use Standard_LRS or Premium_LRS  SIG305 zrs-region-support',
        '    18 |             {',
        '  > 19 |               "name": "westcentralus",',
        '       |                       ^^^^^^^^^^^^^^^',
        '    20 |               "regionalReplicaCount": 1',
        '',
        '✖ 2 problems (2 errors, 0 warnings, 0 notes)',
        '',
      ].join('\n'),
      stderr: '',
    });

    // The lists are replaced, not extended: taiwannorth and westcentralus become valid, northeurope
    // (in the built-in list, not in this one) does not.
    writeFileSync(join(w.dir, '.sigil.yaml'), 'data:\n  regions: [westeurope, taiwannorth]\n  zrsRegions: [westeurope, westcentralus]\n');
    const configured = await sigil(['lint', 'galleries', 'version'], w.dir);
    assert.equal(configured, {
      code: 1,
      stdout: [
        'galleries/main.json',
        '  15:19   error   Location "northeurope" is not a region where Azure Compute Gallery is available; check it against "az account list-locations -o table"  SIG001 supported-location',
        '    14 |       "name": "images_europe",',
        '  > 15 |       "location": "northeurope"',
        '       |                   ^^^^^^^^^^^^^',
        '    16 |     }',
        '',
        '✖ 1 problem (1 error, 0 warnings, 0 notes)',
        '',
      ].join('\n'),
      stderr: '',
    });
    writeFileSync(join(w.dir, '.sigil.yaml'), 'data:\n  regions: [westeurope, taiwannorth, northeurope, westcentralus]\n  zrsRegions: [westeurope, westcentralus]\n');
    assert.equal(await sigil(['lint', 'galleries', 'version'], w.dir), { code: 0, stdout: '', stderr: '' });
  } finally {
    w.cleanup();
  }
});

config('a data set of the wrong type is refused with its line', async () => {
  const cases: [string, string][] = [
    ['data:\n  regions: westeurope\n', '.sigil.yaml:2:12: error: data.regions must be of type Array'],
    ['data:\n  regions: [westeurope]\n  zrsRegions:\n    westeurope: true\n', '.sigil.yaml:4:5: error: data.zrsRegions must be of type Array'],
  ];
  for (const [text, stderr] of cases) {
    const w = workspace({ '.sigil.yaml': text, 'main.json': galleryTemplate('platform_images') });
    try {
      const run = await sigil(['lint'], w.dir);
      assert.equal({ code: run.code, stdout: run.stdout, stderr: run.stderr }, { code: 2, stdout: '', stderr: `${stderr}\n` }, text);
    } finally {
      w.cleanup();
    }
  }
});

config('found in a parent directory; --config names another; an empty file is no configuration', async () => {
  const w = workspace({ '.sigil.yaml': 'rules:\n  SIG999: {}\n', 'infra/main.json': galleryTemplate('ok_name'), 'other.yaml': '' });
  try {
    mkdirSync(join(w.dir, 'infra', 'deeper'), { recursive: true });
    const fromChild = await sigil(['lint', '.'], join(w.dir, 'infra', 'deeper'));
    assert.is(fromChild.code, 2);
    assert.match(fromChild.stderr, /\.sigil\.yaml:2:3: error: unknown rule "SIG999"/);
    const named = await sigil(['lint', '--config', 'other.yaml', 'infra'], w.dir);
    assert.equal(named, { code: 0, stdout: '', stderr: '' });
    const missing = await sigil(['lint', '--config', 'nope.yaml', 'infra'], w.dir);
    assert.is(missing.code, 2);
    assert.match(missing.stderr, /^nope\.yaml:1:1: error: cannot read the configuration: ENOENT/);
  } finally {
    w.cleanup();
  }
});

config('the configuration is found upward from the linted paths, not the working directory', async () => {
  const w = workspace({ 'team-a/.sigil.yaml': 'rules:\n  SIG101: off\n', 'team-a/main.json': galleryTemplate('team-a-gallery'), 'team-b/main.json': galleryTemplate('team-b-gallery') });
  try {
    assert.equal((await sigil(['lint', 'team-a'], w.dir)).code, 0);
    assert.equal((await sigil(['lint', 'team-a/main.json'], w.dir)).code, 0);
    // Paths in two subtrees: their common folder (the root) has no configuration.
    const both = await sigil(['lint', 'team-a', 'team-b'], w.dir);
    assert.equal(both.stdout.split('\n').filter((l) => l.includes('SIG101')).length, 2);
  } finally {
    w.cleanup();
  }
});

config('rules off or with another severity, failOn (the command line wins), files include and exclude', async () => {
  const yaml = [
    'failOn: warning',
    'files:',
    '  include: ["infra/**"]',
    '  exclude: ["**/legacy/**"]',
    'rules:',
    '  gallery-name: warning',
    '  SIG001: off',
    '',
  ].join('\n');
  const template = (name: string, location: string) => galleryTemplate(name).replace('"westeurope"', `"${location}"`);
  const w = workspace({ '.sigil.yaml': yaml, 'infra/main.json': template('bad-name', 'mars'), 'infra/legacy/main.json': template('legacy-name', 'westeurope'), 'other/main.json': template('other-name', 'westeurope') });
  try {
    const run = await sigil(['lint', '--format', 'json'], w.dir);
    const report = JSON.parse(run.stdout) as { findings: { code: string; severity: string; file: string }[] };
    assert.equal(report.findings.map((f) => [f.code, f.severity, f.file]), [['SIG101', 'warning', 'infra/main.json']]);
    assert.is(run.code, 1);
    // Files named on the command line (as pre-commit does) are filtered too.
    const named = await sigil(['lint', 'infra/legacy/main.json', 'other/main.json'], w.dir);
    assert.equal([named.code, named.stdout], [0, '']);
    const cli = await sigil(['lint', '--fail-on', 'error'], w.dir);
    assert.is(cli.code, 0);
    // SARIF: the result and the rule's default level say the configured severity.
    const sarif = JSON.parse((await sigil(['lint', '--format', 'sarif'], w.dir)).stdout) as { runs: { results: { ruleId: string; level: string }[]; tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } } }[] };
    assert.equal(sarif.runs[0]?.results.map((r) => [r.ruleId, r.level]), [['SIG101', 'warning']]);
    assert.equal(sarif.runs[0]?.tool.driver.rules.find((r) => r.id === 'SIG101')?.defaultConfiguration, { level: 'warning' });
    assert.is(sarif.runs[0]?.tool.driver.rules.some((r) => r.id === 'SIG001'), false);
  } finally {
    w.cleanup();
  }
});

const RULE_FILE = [
  '- code: ACME001',
  '  name: gallery-description',
  '  title: Galleries have a description',
  '  severity: warning',
  '  resourceTypes: [Microsoft.Compute/galleries]',
  '  summary: Every gallery says what it holds.',
  '  fix: Add properties.description.',
  '  message: Gallery "{name}" has no description',
  '  condition:',
  '    field: Microsoft.Compute/galleries/description',
  '    exists: false',
  '',
].join('\n');

config('custom rules: YAML with a code of the team\'s own, the same condition language, in a file or inline', async () => {
  const w = workspace({
    '.sigil.yaml': 'customRules:\n  - rules/acme.yaml\n  - code: ACME002\n    name: gallery-in-europe\n    title: Galleries are in Europe\n    severity: error\n    resourceTypes: [Microsoft.Compute/galleries]\n    summary: Data stays in Europe.\n    fix: Use a European region.\n    message: Location "{value}" is not in Europe\n    condition: { field: location, notIn: [westeurope, northeurope] }\nrules:\n  ACME001: note\n',
    'rules/acme.yaml': RULE_FILE,
    'main.json': galleryTemplate('ok_gallery').replace('"westeurope"', '"eastus"'),
  });
  try {
    const rules = await sigil(['rules'], w.dir);
    assert.equal(rules.stdout.split('\n').filter((l) => l.startsWith('ACME')).map((l) => l.split(/\s{2,}/)), [
      ['ACME001', 'gallery-description', 'warning', 'custom', 'Galleries have a description'],
      ['ACME002', 'gallery-in-europe', 'error', 'custom', 'Galleries are in Europe'],
    ]);
    const explain = await sigil(['explain', 'gallery-in-europe'], w.dir);
    assert.equal(explain.stdout.split('\n').slice(0, 3), ['# ACME002 gallery-in-europe', '', '**Galleries are in Europe**']);
    assert.match(explain.stdout, '## Condition\n\n```json\n{\n  "field": "location",\n  "notIn": [\n    "westeurope",\n    "northeurope"\n  ]\n}\n```\n');
    const run = await sigil(['lint', '--format', 'json'], w.dir);
    const report = JSON.parse(run.stdout) as { findings: { code: string; rule: string; severity: string; message: string; line: number }[] };
    assert.equal(report.findings.map((f) => [f.code, f.rule, f.severity, f.message, f.line]), [
      ['ACME001', 'gallery-description', 'note', 'Gallery "ok_gallery" has no description', 5],
      ['ACME002', 'gallery-in-europe', 'error', 'Location "eastus" is not in Europe', 9],
    ]);
    assert.is(run.code, 1);
  } finally {
    w.cleanup();
  }
});

config('invalid custom rules: the file, line and column of the mistake', async () => {
  const cases: [string, string][] = [
    [RULE_FILE.replace('ACME001', 'SIG901'), "rules/acme.yaml:1:9: error: the code prefix SIG is sigil's own; give your rules a prefix of yours (e.g. ACME001)"],
    [RULE_FILE.replace('    exists: false', '    exists: false\n    equals: x'), 'rules/acme.yaml:10:5: error: the condition of ACME001 is not valid: a condition needs exactly one operator, found exists, equals (at the root of the condition)'],
    [RULE_FILE.replace('field: Microsoft.Compute/galleries/description', 'field: Microsoft.Compute/galleries/nothing'), 'rules/acme.yaml:10:5: error: the condition of ACME001 is not valid: "Microsoft.Compute/galleries/nothing" is not a known policy alias or field (at field of the condition)'],
    [RULE_FILE.replace('  fix: Add properties.description.\n', ''), 'rules/acme.yaml:1:3: error: a custom rule needs "fix"'],
    [RULE_FILE.replace('  severity: warning', '  severity: fatal'), 'rules/acme.yaml:4:13: error: "severity" must be one of error, warning, note'],
    [RULE_FILE.replace('gallery-description', 'gallery-name'), 'rules/acme.yaml:2:9: error: "gallery-name" is the name of a sigil rule; choose another'],
  ];
  for (const [text, stderr] of cases) {
    const w = workspace({ '.sigil.yaml': 'customRules: [rules/acme.yaml]\n', 'rules/acme.yaml': text, 'main.json': galleryTemplate('ok_gallery') });
    try {
      const run = await sigil(['lint'], w.dir);
      assert.equal({ code: run.code, stderr: run.stderr }, { code: 2, stderr: `${stderr}\n` }, text);
    } finally {
      w.cleanup();
    }
  }
});

config('the generated JSON Schema accepts the configurations sigil accepts and rejects the ones it rejects', async () => {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas/sigil-config.schema.json'), 'utf8')) as object;
  assert.equal(schema, JSON.parse(JSON.stringify({ $comment: 'Generated by `npm run generate` from the rules; do not edit.', ...configSchema(builtinRules) })));
  const require = createRequire(import.meta.url);
  const Ajv = require('ajv') as typeof import('ajv').default;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  const parse = (text: string) => (require('yaml') as typeof import('yaml')).parse(text) as unknown;
  const good = [
    'failOn: note\nfiles:\n  include: ["**/*.json"]\n  exclude: [legacy/**]\ndata:\n  regions: [westeurope]\nrules:\n  SIG101: off\n  target-regions-unique: warning\n  SIG304:\n    severity: error\n    options:\n      maxReplicaCount: 50\n',
    `customRules:\n${RULE_FILE.replace(/^/gm, '  ').trimEnd()}\n  - rules/more.yaml\n`,
    '',
  ];
  const bad = ['failOn: fatal\n', 'rules:\n  SIG999: off\n', 'rules:\n  SIG304:\n    options:\n      maxReplicaCount: many\n', 'data:\n  planets: [mars]\n', 'severity: high\n', `customRules:\n${RULE_FILE.replace('ACME001', 'SIG901').replace(/^/gm, '  ').trimEnd()}\n`];
  for (const text of good) {
    assert.ok(validate(parse(text)), `${text}\n${JSON.stringify(validate.errors)}`);
    const w = workspace({ '.sigil.yaml': text, 'main.json': galleryTemplate('ok_gallery'), 'rules/more.yaml': RULE_FILE.replace('ACME001', 'ACME003').replace('gallery-description', 'gallery-description-2') });
    try {
      assert.not.equal((await sigil(['lint'], w.dir)).code, 2, text);
    } finally {
      w.cleanup();
    }
  }
  for (const text of bad) {
    assert.not.ok(validate(parse(text)), text);
    const w = workspace({ '.sigil.yaml': text, 'main.json': galleryTemplate('ok_gallery') });
    try {
      assert.is((await sigil(['lint'], w.dir)).code, 2, text);
    } finally {
      w.cleanup();
    }
  }
});

config('the README configuration example is accepted, and does what its comments say', async () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'));
  const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  assert.match(example, /^# yaml-language-server: \$schema=https:\/\/raw\.githubusercontent\.com\/sigil-iac\/sigil\/main\/schemas\/sigil-config\.schema\.json\n/);
  const w = workspace({
    '.sigil.yaml': example,
    'rules/acme.yaml': RULE_FILE,
    'infra/main.json': galleryTemplate('bad-name').replace('"westeurope"', '"eastus"'),
    'infra/legacy/main.json': galleryTemplate('legacy-name'),
  });
  try {
    const run = await sigil(['lint', '--format', 'json'], w.dir);
    const report = JSON.parse(run.stdout) as { findings: { code: string; severity: string; file: string }[] };
    assert.equal(report.findings.map((f) => [f.code, f.severity, f.file]), [
      ['ACME001', 'warning', 'infra/main.json'],
      ['ACME002', 'error', 'infra/main.json'],
      ['SIG001', 'error', 'infra/main.json'],
    ]);
    assert.is(run.code, 1);
    // The policy build reads the same file: ACME002 at its version, SIG101 (off) left out.
    const policy = await sigil(['policy', 'build', '--out', 'policy'], w.dir);
    assert.is(policy.code, 0, policy.stderr);
    const acme002 = JSON.parse(readFileSync(join(w.dir, 'policy', 'definitions', 'ACME002-gallery-in-europe.json'), 'utf8')) as { properties: { metadata: { version: string } } };
    assert.is(acme002.properties.metadata.version, '1.1.0');
    assert.not.ok(existsSync(join(w.dir, 'policy', 'definitions', 'SIG101-gallery-name.json')));
  } finally {
    w.cleanup();
  }
});

config('YAML anchors share values; an alias bomb is an error at its line, not a hang', async () => {
  const twoGalleriesIn = (a: string, b: string) => twoGalleries.replace('taiwannorth', a).replace('northeurope', b);
  const shared = workspace({ '.sigil.yaml': 'data:\n  regions: &eu [westeurope, swedencentral]\n  zrsRegions: *eu\nrules:\n  SIG101: &quiet off\n', 'main.json': twoGalleriesIn('westeurope', 'northeurope') });
  try {
    const run = await sigil(['lint', '--format', 'json'], shared.dir);
    const report = JSON.parse(run.stdout) as { findings: { code: string; message: string }[] };
    assert.equal(report.findings.map((f) => [f.code, f.message.slice(0, 32)]), [['SIG001', 'Location "northeurope" is not a ']]);
  } finally {
    shared.cleanup();
  }
  const items = ['&a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) items.push(`&a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  const bomb = workspace({ '.sigil.yaml': `data:\n  regions: [${items.join(', ')}]\n`, 'main.json': galleryTemplate('ok_gallery') });
  try {
    const run = await sigil(['lint'], bomb.dir);
    assert.equal([run.code, run.stderr], [2, '.sigil.yaml:2:12: error: cannot read this value: Excessive alias count indicates a resource exhaustion attack\n']);
  } finally {
    bomb.cleanup();
  }
});

config.run();
