import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sigil, workspace, galleryTemplate } from './helpers.js';

const config = suite('.sigil.yaml');

config('invalid configurations: exit code 2, file:line:column and the reason', async () => {
  const cases: [string, string][] = [
    ['data: [unclosed\n', '.sigil.yaml:1:1: error: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['- a list\n', '.sigil.yaml:1:1: error: the configuration must be a mapping (data:, rules:...)'],
    ['rules: {}\nseverity: high\n', '.sigil.yaml:2:1: error: unknown key "severity" (expected failOn, files, data, rules, customRules)'],
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

config.run();
