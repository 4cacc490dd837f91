import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { main, type Io } from '@sigil/cli';
import plugin, { clearFindingsCache, lintStatistics } from '../src/index.js';

// The real ESLint, configured as a user's eslint.config.js would be (`...sigil.configs.recommended`),
// against the `sigil lint` command on the same files: the same findings at the same places.
const test = suite('ESLint with the recommended config');
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
/** The date rules' clock, for both runs. */
const EPOCH = '1780000000';

type Row = [file: string, line: number, column: number, endLine: number, endColumn: number, rule: string, message: string];

async function eslintRows(paths: string[]): Promise<Row[]> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: plugin.configs.recommended! });
  const rows: Row[] = [];
  for (const result of await eslint.lintFiles(paths)) {
    for (const m of result.messages) {
      rows.push([relative(root, result.filePath), m.line, m.column, m.endLine ?? 0, m.endColumn ?? 0, m.ruleId ?? `fatal: ${m.message}`, m.message]);
    }
  }
  return rows.sort(byPlace);
}

async function sigilRows(paths: string[]): Promise<Row[]> {
  let stdout = '';
  const io: Io = { stdout: (t) => (stdout += t), stderr: () => {}, cwd: root, env: { SOURCE_DATE_EPOCH: EPOCH }, stdoutColor: false, stderrColor: false };
  await main(['lint', ...paths, '--format', 'json'], io);
  const report = JSON.parse(stdout) as { findings: { file: string; line: number; column: number; endLine: number; endColumn: number; rule: string; message: string }[] };
  return report.findings.map((f): Row => [f.file, f.line, f.column, f.endLine, f.endColumn, `sigil/${f.rule}`, f.message]).sort(byPlace);
}

function byPlace(a: Row, b: Row): number {
  return a.join('\0') < b.join('\0') ? -1 : a.join('\0') > b.join('\0') ? 1 : 0;
}

test.before(() => {
  process.env.SOURCE_DATE_EPOCH = EPOCH;
});

test.after(() => {
  delete process.env.SOURCE_DATE_EPOCH;
});

test('the examples: the findings sigil lint reports, on the same lines and columns', async () => {
  clearFindingsCache();
  const rows = await eslintRows(['examples/']);
  assert.equal(rows, [
    ['examples/image-gallery-bicep/main.bicep', 7, 25, 7, 37, 'sigil/target-regions-include-location', 'targetRegions does not include the image version\'s location "westeurope"'],
    ['examples/image-gallery-bicep/main.bicepparam', 8, 3, 8, 16, 'sigil/target-regions-unique', '"northeurope" is listed twice in targetRegions'],
    ['examples/image-gallery/main.json', 29, 18, 29, 36, 'sigil/image-identifier', 'Image identifier publisher "Contoso Platform" contains characters other than letters, digits, "-", "_" and "."'],
    ['examples/image-gallery/main.parameters.json', 12, 31, 12, 45, 'sigil/image-version-name', 'Image version name "2026.11.26.1" is not Major.Minor.Patch (three integers separated by ".")'],
    ['examples/image-gallery/main.parameters.json', 5, 31, 5, 54, 'sigil/gallery-name', 'Gallery name "contoso-golden-images" contains "-"; use letters, digits, "_" and "."'],
    ['examples/image-gallery/main.parameters.json', 9, 19, 9, 34, 'sigil/image-definition-name', 'Image definition name "windows-2022." must end with a letter or digit'],
  ]);
  assert.equal(rows, await sigilRows(['examples/']));
  // 22 rules on 4 files: one sigil lint per directory (the two examples and their parent), not one per rule.
  assert.is(lintStatistics.directories, 3);
});

test('rule fixtures in every format (ARM, parameters, Bicep, .bicepparam, modules, Terraform, tfvars, plans): the same findings as sigil lint', async () => {
  const paths = ['fixtures/gallery-name/', 'fixtures/data-disk-lun-unique/', 'fixtures/disk-encryption-set-subscription/', 'fixtures/target-regions-unique/'];
  const eslint = await eslintRows(paths);
  const sigil = await sigilRows(paths);
  assert.ok(sigil.length > 50, `${sigil.length} findings`);
  assert.equal(eslint, sigil);
});

test('.sigil.yaml deployments: the gallery template beside the VM is deployed where the VM\'s image id says, as with sigil lint', async () => {
  clearFindingsCache();
  mkdirSync(join(root, '.scratch'), { recursive: true });
  const project = mkdtempSync(join(root, '.scratch', 'eslint-deployments-'));
  try {
    const fixture = join(root, 'fixtures', 'vm-image-region', 'invalid', 'declared-scope');
    cpSync(join(fixture, 'gallery', 'gallery.json'), join(project, 'gallery.json'));
    cpSync(join(fixture, 'vm.json'), join(project, 'vm.json'));
    writeFileSync(join(project, '.sigil.yaml'), 'deployments:\n  - files: [gallery.json]\n    subscription: 00000000-0000-0000-0000-000000000000\n    resourceGroup: rg-images\n');
    const at = relative(root, project);
    const rows = await eslintRows([at]);
    assert.equal(rows, [
      [`${at}/vm.json`, 16, 19, 16, 179, 'sigil/vm-image-region', 'The virtual machine "vm-app" is in "eastus", which is not a target region of the image version "contoso_images/ubuntu/1.0.0" (westeurope, northeurope)'],
    ]);
    assert.equal(rows, await sigilRows([at]));
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

test("the README's eslint.config.js, found by ESLint in a project, and an editor's unsaved buffer", async () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const config = /```js\n(import sigil from '@sigil\/eslint-plugin';[\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(config, 'the eslint.config.js of the README');
  // Inside the repository (its .scratch/ is ignored by git) so that the config resolves the workspace package.
  mkdirSync(join(root, '.scratch'), { recursive: true });
  const project = mkdtempSync(join(root, '.scratch', 'eslint-project-'));
  try {
    writeFileSync(join(project, 'eslint.config.js'), config);
    cpSync(join(root, 'examples/image-gallery'), join(project, 'infra'), { recursive: true });
    const eslint = new ESLint({ cwd: project });
    const found = (await eslint.lintFiles(['.'])).flatMap((r) => r.messages.map((m) => `${relative(project, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`));
    assert.equal(found, [
      'infra/main.json:29:18 sigil/image-identifier',
      'infra/main.parameters.json:5:31 sigil/gallery-name',
      'infra/main.parameters.json:9:19 sigil/image-definition-name',
      'infra/main.parameters.json:12:31 sigil/image-version-name',
    ]);
    // The VS Code extension lints the text in the editor, saved or not.
    const buffer = readFileSync(join(project, 'infra/main.parameters.json'), 'utf8').replace('"contoso-golden-images"', '"contoso_golden_images"');
    const [result] = await eslint.lintText(buffer, { filePath: join(project, 'infra/main.parameters.json') });
    assert.equal(result?.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`), ['9:19 sigil/image-definition-name', '12:31 sigil/image-version-name']);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

test.run();
