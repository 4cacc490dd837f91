import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter, RuleTester } from 'eslint';
import * as jsoncParser from 'jsonc-eslint-parser';
import { suite } from 'uvu';
import { REPOSITORY_URL, ruleDocsUrl } from '@sigil/core';
import * as assert from 'uvu/assert';
import plugin, { bicepParser, rules } from '../src/index.js';

// ESLint's own RuleTester, with uvu as its test framework: each valid and invalid case is one uvu test.
const test = suite('ESLint rules (RuleTester)');
const titles: string[] = [];
RuleTester.describe = (title: string, body: () => void) => {
  titles.push(title);
  try {
    body();
  } finally {
    titles.pop();
  }
};
RuleTester.it = (title: string, body: () => void) => test(`${titles.join(' > ')} > ${title}`, body);
RuleTester.itOnly = (title: string, body: () => void) => test.only(`${titles.join(' > ')} > ${title}`, body);

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
/** A file of the repository: its absolute name and its text, as ESLint would hand it to a rule. */
function file(path: string): { filename: string; code: string } {
  const filename = join(root, path);
  return { filename, code: readFileSync(filename, 'utf8').replace(/^\uFEFF/, '') };
}

const json = new RuleTester({ languageOptions: { parser: jsoncParser } });
const bicep = new RuleTester({ languageOptions: { parser: bicepParser } });
/** The rules as ESLint types them (the plugin object), for RuleTester. */
const eslintRules = plugin.rules!;
const galleryName = eslintRules['gallery-name']!;
const hyphen = (name: string): string => `Gallery name "${name}" contains "-"; use letters, digits, "_" and "."`;

json.run('gallery-name (ARM and Terraform JSON)', galleryName, {
  valid: [
    { name: 'a valid literal name', ...file('fixtures/gallery-name/valid/literal/main.json') },
    { name: 'JSON that is not a template', filename: join(root, 'no-such-dir', 'package.json'), code: '{ "name": "infra", "private": true }\n' },
    // The example's gallery name is wrong in its parameters file, not in the template.
    { name: 'a value from a parameters file is not reported in the template', ...file('examples/image-gallery/main.json') },
    {
      name: 'a finding suppressed with a reason is not shown (SARIF keeps it as suppressed)',
      filename: file('fixtures/gallery-name/invalid/hyphen/main.json').filename,
      code: file('fixtures/gallery-name/invalid/hyphen/main.json').code.replace(/^(\s*)("name": "img-gallery")/m, '$1// sigil-disable-next-line SIG101 -- the name predates the rule\n$1$2'),
    },
  ],
  invalid: [
    {
      name: 'ARM template',
      ...file('fixtures/gallery-name/invalid/hyphen/main.json'),
      errors: [{ message: hyphen('img-gallery'), line: 8, column: 15, endLine: 8, endColumn: 28 }],
    },
    {
      name: 'Terraform JSON',
      ...file('fixtures/gallery-name/invalid/hyphen/main.tf.json'),
      errors: [{ message: hyphen('img-gallery'), line: 5, column: 17, endLine: 5, endColumn: 30 }],
    },
    {
      name: 'ARM parameters file, with the template beside it on disk',
      ...file('fixtures/gallery-name/invalid/parameters-file/main.parameters.json'),
      errors: [{ message: hyphen('team-images'), line: 6, column: 16, endLine: 6, endColumn: 29 }],
    },
    {
      name: 'Terraform variables file',
      ...file('fixtures/gallery-name/invalid/parameters-file/terraform.tfvars.json'),
      errors: [{ message: hyphen('team-images'), line: 2, column: 19, endLine: 2, endColumn: 32 }],
    },
    {
      name: "an editor's unsaved text wins over the file on disk",
      filename: file('fixtures/gallery-name/valid/literal/main.json').filename,
      code: file('fixtures/gallery-name/valid/literal/main.json').code.replace('"contoso.images_01"', '"contoso-images"'),
      errors: [{ message: hyphen('contoso-images'), line: 8, column: 15, endLine: 8, endColumn: 31 }],
    },
  ],
});

json.run('image-version-name', eslintRules['image-version-name']!, {
  valid: [{ name: 'the template of the example', ...file('examples/image-gallery/main.json') }],
  invalid: [
    {
      name: 'the parameters file of the example',
      ...file('examples/image-gallery/main.parameters.json'),
      errors: [{ message: 'Image version name "2026.11.26.1" is not Major.Minor.Patch (three integers separated by ".")', line: 12, column: 31, endLine: 12, endColumn: 45 }],
    },
  ],
});

bicep.run('gallery-name (Bicep)', galleryName, {
  valid: [{ name: 'a valid literal name', ...file('fixtures/gallery-name/valid/literal/main.bicep') }],
  invalid: [
    {
      name: 'Bicep template',
      ...file('fixtures/gallery-name/invalid/hyphen/main.bicep'),
      errors: [{ message: hyphen('img-gallery'), line: 2, column: 9, endLine: 2, endColumn: 22 }],
    },
    {
      name: '.bicepparam file, with its template on disk',
      ...file('fixtures/gallery-name/invalid/parameters-file/main.bicepparam'),
      errors: [{ message: hyphen('team-images'), line: 3, column: 21, endLine: 3, endColumn: 34 }],
    },
    {
      name: 'a Bicep buffer with no file on disk',
      filename: join(root, 'no-such-dir', 'gallery.bicep'),
      code: "resource gallery 'Microsoft.Compute/galleries@2024-03-03' = {\n  name: 'my-gallery'\n  location: 'westeurope'\n}\n",
      errors: [{ message: hyphen('my-gallery'), line: 2, column: 9, endLine: 2, endColumn: 21 }],
    },
  ],
});

bicep.run('target-regions-unique (Bicep)', eslintRules['target-regions-unique']!, {
  valid: [],
  invalid: [
    {
      name: 'the .bicepparam file of the example',
      ...file('examples/image-gallery-bicep/main.bicepparam'),
      errors: [{ message: '"northeurope" is listed twice in targetRegions', line: 8, column: 3, endLine: 8, endColumn: 16 }],
    },
  ],
});

json.run('input-error', eslintRules['input-error']!, {
  valid: [{ name: 'a template sigil reads', ...file('fixtures/gallery-name/invalid/hyphen/main.json') }],
  invalid: [
    {
      name: 'an invalid template expression, where sigil lint reports it',
      filename: join(root, 'no-such-dir', 'main.json'),
      code: file('fixtures/gallery-name/invalid/hyphen/main.json').code.replace('"img-gallery"', '"[concat(\'gallery\', ]"'),
      errors: [{ message: 'invalid template expression: unexpected end of expression at position 19 of expression', line: 8, column: 15, endLine: 8, endColumn: 37 }],
    },
  ],
});

/** A folder outside the repository holding a `.sigil.yaml` with one custom rule, and the files linted beside it. */
const customDir = mkdtempSync(join(tmpdir(), 'sigil-eslint-custom-'));
const CUSTOM_CONFIG = `customRules:
  - code: ACME002
    name: gallery-in-europe
    title: Galleries are in Europe
    severity: warning
    resourceTypes: [Microsoft.Compute/galleries]
    summary: Data stays in Europe.
    fix: Use a European region.
    message: Location "{value}" is not in Europe
    condition: { field: location, notIn: [westeurope, northeurope] }
`;
writeFileSync(join(customDir, '.sigil.yaml'), CUSTOM_CONFIG);
mkdirSync(join(customDir, 'off'));
writeFileSync(join(customDir, 'off', '.sigil.yaml'), `${CUSTOM_CONFIG}rules:\n  ACME002: off\n`);
const armGallery = (location: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Compute/galleries",
      "apiVersion": "2024-03-03",
      "name": "contoso_images",
      "location": "${location}"
    }
  ]
}
`;
const bicepGallery = (location: string) => `resource gallery 'Microsoft.Compute/galleries@2024-03-03' = {\n  name: 'contoso_images'\n  location: '${location}'\n}\n`;

json.run('custom (the custom rules of .sigil.yaml, ARM)', eslintRules.custom!, {
  valid: [
    { name: 'a location the custom rule allows', filename: join(customDir, 'main.json'), code: armGallery('westeurope') },
    { name: 'a custom rule the configuration turns off', filename: join(customDir, 'off', 'main.json'), code: armGallery('eastus') },
    { name: 'no configuration: no custom rule', filename: join(root, 'no-such-dir', 'main.json'), code: armGallery('eastus') },
  ],
  invalid: [
    {
      name: 'the message after the custom code, at the value',
      filename: join(customDir, 'main.json'),
      code: armGallery('eastus'),
      errors: [{ message: 'ACME002: Location "eastus" is not in Europe', line: 9, column: 19, endLine: 9, endColumn: 27 }],
    },
  ],
});

bicep.run('custom (the custom rules of .sigil.yaml, Bicep)', eslintRules.custom!, {
  valid: [{ name: 'a location the custom rule allows', filename: join(customDir, 'gallery.bicep'), code: bicepGallery('northeurope') }],
  invalid: [
    {
      name: 'the message after the custom code, at the value',
      filename: join(customDir, 'gallery.bicep'),
      code: bicepGallery('eastus'),
      errors: [{ message: 'ACME002: Location "eastus" is not in Europe', line: 3, column: 13, endLine: 3, endColumn: 21 }],
    },
  ],
});

test.after(() => rmSync(customDir, { recursive: true, force: true }));

test('custom rules: only sigil/custom reports them, and the built-in rules still report in the same run', () => {
  const config = [{ files: ['**/*.json'], plugins: { sigil: plugin }, languageOptions: { parser: jsoncParser }, rules: plugin.configs.recommended![0]!.rules! }];
  const messages = new Linter({ cwd: customDir }).verify(armGallery('eastus').replace('"contoso_images"', '"contoso-images"'), config, join(customDir, 'main.json'));
  assert.equal(messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`), [
    `8:15 sigil/gallery-name ${hyphen('contoso-images')}`,
    '9:19 sigil/custom ACME002: Location "eastus" is not in Europe',
  ]);
});

test('every sigil rule is an ESLint rule named after it, with its docs page and code', async () => {
  const { builtinRules } = await import('@sigil/rules');
  assert.equal(Object.keys(rules).sort(), [...builtinRules.all.map((r) => r.name), 'custom', 'input-error'].sort());
  assert.is(rules.custom!.meta.docs?.url, `${REPOSITORY_URL}/blob/main/README.md#configuration`);
  assert.is(rules['input-error']!.meta.docs?.url, `${REPOSITORY_URL}/blob/main/README.md#using-sigil`);
  const docs = rules['gallery-name']!.meta.docs;
  assert.is(docs?.url, ruleDocsUrl('gallery/gallery-name'));
  assert.is(docs?.sigilCode, 'SIG101');
  assert.is(docs?.description, builtinRules.get('SIG101')?.meta.title);
});

test('the recommended config turns every rule on, for JSON and for Bicep', () => {
  const configs = plugin.configs.recommended!;
  assert.equal(configs.map((c) => c.files), [['**/*.json', '**/*.jsonc'], ['**/*.bicep', '**/*.bicepparam']]);
  for (const c of configs) assert.equal(Object.keys(c.rules ?? {}).sort(), Object.keys(rules).map((n) => `sigil/${n}`).sort());
  assert.is(configs[1]?.languageOptions?.parser, bicepParser);
});

test('a Bicep syntax error is an ESLint parsing error at its line and column', () => {
  const text = "resource g 'Microsoft.Compute/galleries@2024-03-03' = {\n  name: 'g'\n  location: \n}\n";
  const messages = new Linter().verify(text, [{ files: ['**/*.bicep'], languageOptions: { parser: bicepParser } }], 'main.bicep');
  assert.equal(messages.map((m) => [m.fatal, m.message, m.line, m.column]), [[true, 'Parsing error: expected an expression before the end of the line', 3, 13]]);
});

test('eslint-disable comments in Bicep: next-line, line and block directives silence the sigil rule they name', () => {
  const { filename, code } = file('fixtures/gallery-name/invalid/hyphen/main.bicep');
  const config = [{ files: ['**/*.bicep'], plugins: { sigil: plugin }, languageOptions: { parser: bicepParser }, rules: { 'sigil/gallery-name': 'error' as const, 'sigil/image-definition-name': 'error' as const } }];
  const verify = (text: string) => new Linter({ cwd: root }).verify(text, config, filename).map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);
  const name = "  name: 'img-gallery'";
  assert.equal(verify(code), [`2:9 sigil/gallery-name ${hyphen('img-gallery')}`]);
  assert.equal(verify(code.replace(name, `  // eslint-disable-next-line sigil/gallery-name -- predates the rule\n${name}`)), []);
  assert.equal(verify(code.replace(name, `${name} // eslint-disable-line sigil/gallery-name`)), []);
  assert.equal(verify(`/* eslint-disable sigil/gallery-name */\n${code}`), []);
  // A directive for another rule silences nothing (ESLint says so, at the comment); nor does directive text in a string.
  assert.equal(verify(code.replace(name, `  // eslint-disable-next-line sigil/image-definition-name\n${name}`)), [
    "2:3 null Unused eslint-disable directive (no problems were reported from 'sigil/image-definition-name').",
    `3:9 sigil/gallery-name ${hyphen('img-gallery')}`,
  ]);
  assert.equal(verify(code.replace(name, `  description: '/* eslint-disable sigil/gallery-name */'\n${name}`)), [`3:9 sigil/gallery-name ${hyphen('img-gallery')}`]);
});

test.run();
