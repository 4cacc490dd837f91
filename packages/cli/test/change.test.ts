import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { definition, repository, sigil, workspace } from './helpers.js';

const SUB = '00000000-0000-0000-0000-000000000000';

interface JsonReport {
  findings: { code: string; file: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
}

/** Terraform JSON: an image definition and one version in it. */
function terraform(osType: string): string {
  return `${JSON.stringify({
    resource: {
      azurerm_shared_image: {
        server: { name: 'server', gallery_name: 'contoso_images', resource_group_name: 'rg-images', location: 'westeurope', os_type: osType, identifier: { publisher: 'contoso', offer: 'server', sku: '2022' } },
      },
      azurerm_shared_image_version: {
        v1: {
          name: '1.0.0', gallery_name: 'contoso_images', image_name: '${azurerm_shared_image.server.name}', resource_group_name: 'rg-images', location: 'westeurope',
          managed_image_id: `/subscriptions/${SUB}/resourceGroups/rg-build/providers/Microsoft.Compute/images/server-base`,
          target_region: [{ name: 'westeurope', regional_replica_count: 1 }],
        },
      },
    },
  }, null, 2)}\n`;
}

const findings = (stdout: string) => (JSON.parse(stdout) as JsonReport).findings.map((f) => `${f.code} ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`);

const change = suite('change-aware linting: --base, what-if');

change('an ARM template edited since the base: the immutable property, its old and new value, on the edited line', async () => {
  const repo = repository({ 'infra/main.json': definition('Windows') });
  try {
    repo.write('infra/main.json', definition('Linux'));
    const run = await sigil(['lint', 'infra', '--base', 'HEAD', '--format', 'json'], repo.dir);
    assert.is(run.stderr, '');
    assert.is(run.code, 1);
    assert.equal(findings(run.stdout), [
      'SIG204 infra/main.json:17:19-17:26 osType changes from "Windows" to "Linux" on an existing image definition; Azure does not allow changing galleryImage.properties.osType',
    ]);
    // Without --base the same file has nothing to report: the finding comes from the change.
    const alone = await sigil(['lint', 'infra', '--format', 'json'], repo.dir);
    assert.equal(findings(alone.stdout), []);
    assert.is(alone.code, 0);
  } finally {
    repo.cleanup();
  }
});

change('the base is a branch; the working directory is a subfolder of the repository', async () => {
  const repo = repository({ 'infra/main.json': definition('Windows'), 'README.md': 'images\n' });
  try {
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('infra/main.json', definition('Windows', { hyperVGeneration: 'V2' }));
    repo.git('commit', '-q', '-am', 'gen2');
    repo.write('infra/main.json', definition('Windows', { hyperVGeneration: 'V1' }));
    // Against main, hyperVGeneration was absent: unknown before, so silent. Against the feature commit it was V2.
    assert.equal(findings((await sigil(['lint', '--base', 'main', '--format', 'json'], join(repo.dir, 'infra'))).stdout), []);
    const run = await sigil(['lint', '--base', 'feature', '--format', 'json'], join(repo.dir, 'infra'));
    assert.equal(findings(run.stdout), [
      'SIG204 main.json:24:29-24:33 hyperVGeneration changes from "V2" to "V1" on an existing image definition; Azure does not allow changing galleryImage.properties.hyperVGeneration',
    ]);
  } finally {
    repo.cleanup();
  }
});

change('Bicep: a module outside the linted folder is read at the base too; the finding is on the value passed to it', async () => {
  const module = `param osType string
resource image 'Microsoft.Compute/galleries/images@2023-07-03' = {
  name: 'contoso_images/server'
  location: 'westeurope'
  properties: {
    osType: osType
    osState: 'Generalized'
    identifier: { publisher: 'contoso', offer: 'server', sku: '2022' }
  }
}
`;
  const main = (osType: string) => `module image '../modules/image.bicep' = {
  name: 'image'
  params: {
    osType: '${osType}'
  }
}
`;
  const repo = repository({ 'modules/image.bicep': module, 'infra/main.bicep': main('Windows') });
  try {
    repo.write('infra/main.bicep', main('Linux'));
    const run = await sigil(['lint', 'infra', '--base', 'HEAD', '--format', 'json'], repo.dir);
    assert.is(run.stderr, '');
    assert.equal(findings(run.stdout), [
      'SIG204 infra/main.bicep:4:13-4:20 osType changes from "Windows" to "Linux" on an existing image definition; Azure does not allow changing galleryImage.properties.osType',
    ]);
  } finally {
    repo.cleanup();
  }
});

change('Terraform: a ForceNew change is a replace, which fails while the definition has versions', async () => {
  const repo = repository({ 'main.tf.json': terraform('Windows') });
  try {
    repo.write('main.tf.json', terraform('Linux'));
    const run = await sigil(['lint', '.', '--base', 'HEAD', '--format', 'json'], repo.dir);
    assert.is(run.code, 1);
    assert.equal(findings(run.stdout), [
      'SIG005 main.tf.json:9:20-9:27 Terraform replaces the image definition "contoso_images/server" because osType changes from "Windows" to "Linux", but it still has image versions "contoso_images/server/1.0.0": the delete fails; create a new image definition under another name, or delete its image versions first',
    ]);
  } finally {
    repo.cleanup();
  }
});

change('a file that is new since the base, and a base without the file: nothing to compare, silent', async () => {
  const repo = repository({ 'README.md': 'images\n' });
  try {
    repo.write('infra/main.json', definition('Linux'));
    const run = await sigil(['lint', 'infra', '--base', 'HEAD', '--format', 'json'], repo.dir);
    assert.is(run.stderr, '');
    assert.equal(findings(run.stdout), []);
    assert.is(run.code, 0);
  } finally {
    repo.cleanup();
  }
});

change('a file that does not parse at the base: nothing compared, a note, and the exit code of the files as they are', async () => {
  const repo = repository({ 'main.json': definition('Windows').replace('"resources"', '"resources" oops') });
  try {
    repo.write('main.json', definition('Linux'));
    const run = await sigil(['lint', '.', '--base', 'HEAD', '--format', 'json', '--verbose'], repo.dir);
    assert.is(run.code, 0);
    const report = JSON.parse(run.stdout) as JsonReport & { diagnostics: { severity: string; file: string; message: string }[] };
    assert.equal(report.findings, []);
    assert.equal(report.diagnostics.map((d) => [d.severity, d.file, d.message]), [['note', 'main.json', 'cannot be read at the base revision; its resources are not compared with it']]);
  } finally {
    repo.cleanup();
  }
});

change('git errors are usage errors (exit code 2) with the reason', async () => {
  const repo = repository({ 'main.json': definition('Windows') });
  const outside = workspace({ 'main.json': definition('Windows') });
  try {
    const bad = await sigil(['lint', '.', '--base', 'no-such-branch'], repo.dir);
    assert.is(bad.code, 2);
    assert.match(bad.stderr, /^sigil: --base no-such-branch: no such commit, branch or tag in /);
    // A revision is never read as an option of git.
    const option = await sigil(['lint', '.', '--base=--output=x'], repo.dir);
    assert.is(option.code, 2);
    assert.match(option.stderr, /^sigil: --base needs a git revision, not "--output=x"/);
    rmSync(join(outside.dir, '.git'), { recursive: true, force: true });
    const notRepo = await sigil(['lint', '.', '--base', 'HEAD'], outside.dir, { GIT_CEILING_DIRECTORIES: dirname(outside.dir) });
    assert.is(notRepo.code, 2);
    assert.match(notRepo.stderr, /^sigil: --base HEAD: .* is not in a git repository/);
  } finally {
    repo.cleanup();
    outside.cleanup();
  }
});

/** A what-if result (`az deployment group what-if --no-pretty-print`) for the definition of `definition()`. */
function whatIf(changes: { changeType: string; before?: string; after?: string; name?: string }[], wrap = false): string {
  const state = (osType: string, name: string) => ({
    apiVersion: '2023-07-03',
    id: `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contoso_images/images/${name}`,
    location: 'westeurope',
    name,
    properties: { osType, osState: 'Generalized', identifier: { publisher: 'contoso', offer: 'server', sku: '2022' } },
    type: 'Microsoft.Compute/galleries/images',
  });
  const list = changes.map((c) => ({
    after: c.after ? state(c.after, c.name ?? 'server') : null,
    before: c.before ? state(c.before, c.name ?? 'server') : null,
    changeType: c.changeType,
    delta: [],
    resourceId: `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contoso_images/images/${c.name ?? 'server'}`,
  }));
  return `${JSON.stringify(wrap ? { status: 'Succeeded', properties: { changes: list } } : { changes: list, error: null, status: 'Succeeded' }, null, 2)}\n`;
}

change('what-if alone: the finding is in the what-if file, on the new value', async () => {
  const w = workspace({ 'whatif.json': whatIf([{ changeType: 'Modify', before: 'Windows', after: 'Linux' }]) });
  try {
    const run = await sigil(['lint', 'whatif.json', '--format', 'json'], w.dir);
    assert.is(run.code, 1);
    assert.equal(findings(run.stdout), [
      'SIG204 whatif.json:10:21-10:28 osType changes from "Windows" to "Linux" on an existing image definition; Azure does not allow changing galleryImage.properties.osType',
    ]);
  } finally {
    w.cleanup();
  }
});

change('what-if with its template: the finding is on the template line, even where the template leaves the value to a parameter', async () => {
  const template = definition("[parameters('osType')]").replace('"parameters": {', '"parameters": {\n    "osType": { "type": "string" },');
  const w = workspace({ 'main.json': template, 'whatif.json': whatIf([{ changeType: 'Modify', before: 'Windows', after: 'Linux' }], true) });
  try {
    const run = await sigil(['lint', '.', '--format', 'json'], w.dir);
    assert.is(run.code, 1);
    assert.equal(findings(run.stdout), [
      `SIG204 main.json:18:19-18:43 osType changes from "Windows" to "Linux" on an existing image definition; Azure does not allow changing galleryImage.properties.osType`,
    ]);
  } finally {
    w.cleanup();
  }
});

change('what-if with a delta and no snapshots, with its template: the finding is on the template line; --verbose notes the potential changes not checked', async () => {
  const id = `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contoso_images/images/server`;
  const result = {
    status: 'Succeeded',
    properties: {
      changes: [{ changeType: 'Modify', resourceId: id, delta: [{ path: 'properties.osType', propertyChangeType: 'Modify', before: 'Windows', after: 'Linux', children: null }] }],
      potentialChanges: [{ changeType: 'Modify', resourceId: `${id}-other`, delta: [{ path: 'properties.osType', propertyChangeType: 'Modify', before: 'Windows', after: 'Linux' }] }],
    },
  };
  const w = workspace({ 'main.json': definition('Linux'), 'whatif.json': `${JSON.stringify(result, null, 2)}\n` });
  try {
    const run = await sigil(['lint', '.', '--format', 'json', '--verbose'], w.dir);
    assert.is(run.code, 1);
    assert.equal(findings(run.stdout), [
      'SIG204 main.json:17:19-17:26 osType changes from "Windows" to "Linux" on an existing image definition; Azure does not allow changing galleryImage.properties.osType',
    ]);
    assert.match(run.stderr, 'whatif.json:19:25: note: 1 potential change (what-if is not sure it happens) is not checked');
  } finally {
    w.cleanup();
  }
});

change('what-if changes that say nothing: Create, Unsupported, NoChange, and a Modify without its state before', async () => {
  const w = workspace({
    'whatif.json': whatIf([
      { changeType: 'Create', after: 'Linux', name: 'new' },
      { changeType: 'Unsupported', name: 'other' },
      { changeType: 'NoChange', before: 'Windows', after: 'Windows' },
      { changeType: 'Modify', after: 'Linux', name: 'unknown-before' },
    ]),
  });
  try {
    const run = await sigil(['lint', 'whatif.json', '--format', 'json'], w.dir);
    assert.is(run.stderr, '');
    assert.equal(findings(run.stdout), []);
    assert.is(run.code, 0);
  } finally {
    w.cleanup();
  }
});

change.run();
