import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { galleryTemplate, repoRoot } from './helpers.js';

// The real pre-commit (the Debian package; `.ci/run` installs it) installs this repository as a hook
// the way a user's `.pre-commit-config.yaml` does, and `git commit` runs it. The hook repository is a
// snapshot of this checkout's working tree (committed files plus uncommitted changes, as
// `pre-commit try-repo` does), so the test checks the code under test, in CI and locally. Installing
// the hook (npm install and `tsc -b` of the snapshot, `npm pack`, a global install into pre-commit's
// cache) is the slow part: it happens once per run, about 30 s on two cores.

const available = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const test = suite('pre-commit hook');

const AUTHOR = {
  GIT_AUTHOR_NAME: 'sigil test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'sigil test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
};

let tmp = '';
let project = '';
let env: NodeJS.ProcessEnv = {};

function run(command: string, args: string[], cwd: string, timeout = 60_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout });
}

function ok(command: string, args: string[], cwd: string, timeout?: number): string {
  const r = run(command, args, cwd, timeout);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}${r.error ?? ''}`);
  return r.stdout;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(join(project, path)), { recursive: true });
  writeFileSync(join(project, path), text);
}

/** A git repository holding this checkout's files as they are now; returns its commit. */
function snapshotHookRepository(dir: string): string {
  mkdirSync(dir);
  ok('git', ['init', '--quiet'], dir);
  const listed = ok('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], repoRoot).split('\0').filter(Boolean);
  for (const file of listed) {
    if (!existsSync(join(repoRoot, file))) continue; // deleted but not yet committed
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(repoRoot, file), join(dir, file));
  }
  ok('git', ['add', '--all'], dir);
  ok('git', ['commit', '--quiet', '--no-verify', '-m', 'snapshot'], dir);
  return ok('git', ['rev-parse', 'HEAD'], dir).trim();
}

/** `git commit` of what is staged, with the installed hook; the combined output. */
function commit(): { status: number | null; output: string } {
  const r = run('git', ['commit', '-m', 'change'], project, 120_000);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

function commits(): number {
  const r = run('git', ['rev-list', '--count', 'HEAD'], project);
  return r.status === 0 ? Number(r.stdout.trim()) : 0;
}

// uvu does not report an error thrown by a `before` hook: it is kept and rethrown by every test.
let setupError: unknown;

test.before(() => {
  if (!available) return;
  try {
    setUp();
  } catch (e) {
    setupError = e;
  }
});

test.before.each(() => {
  if (setupError) throw setupError;
});

function setUp(): void {
  tmp = mkdtempSync(join(tmpdir(), 'sigil-pre-commit-'));
  env = { ...process.env, ...AUTHOR, PRE_COMMIT_HOME: join(tmp, 'cache'), NO_COLOR: '1', PRE_COMMIT_COLOR: 'never' };
  const hookRepo = join(tmp, 'sigil');
  const rev = snapshotHookRepository(hookRepo);
  project = join(tmp, 'project');
  mkdirSync(project);
  ok('git', ['init', '--quiet'], project);
  write('.pre-commit-config.yaml', `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: sigil\n`);
  ok('pre-commit', ['install'], project);
  ok('pre-commit', ['install-hooks'], project, 600_000);
  ok('git', ['add', '.pre-commit-config.yaml'], project);
  ok('git', ['commit', '--quiet', '--no-verify', '-m', 'pre-commit configuration'], project);
}

test.after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

if (!available) {
  if (process.env.CI) {
    test('pre-commit is installed in CI', () => {
      assert.unreachable('pre-commit is not on PATH; .ci/run installs the Debian package "pre-commit"');
    });
  } else {
    console.log('pre-commit hook tests skipped: "pre-commit" is not on PATH (apt-get install pre-commit)');
  }
} else {
  test('a staged template with a finding is refused, with the finding in the output', () => {
    write('infra/main.json', galleryTemplate('contoso-golden-images'));
    ok('git', ['add', 'infra/main.json'], project);
    const before = commits();
    const result = commit();
    assert.is(result.status, 1, result.output);
    assert.match(result.output, /sigil \(Azure Compute Gallery\)\.+Failed\n- hook id: sigil\n- exit code: 1\n/);
    assert.match(result.output, 'infra/main.json\n  8:15    error   Gallery name "contoso-golden-images" contains "-"; use letters, digits, "_" and "."  SIG101 gallery-name');
    assert.is(commits(), before);
  });

  test('only the staged version is linted: a bad change left unstaged and an untracked bad file do not block', () => {
    write('infra/main.json', galleryTemplate('contoso_golden_images'));
    ok('git', ['add', 'infra/main.json'], project);
    write('infra/main.json', galleryTemplate('still-bad-but-unstaged'));
    write('scratch/draft.json', galleryTemplate('untracked-and-bad'));
    const before = commits();
    const result = commit();
    assert.is(result.status, 0, result.output);
    assert.match(result.output, /sigil \(Azure Compute Gallery\)\.+Passed/);
    assert.is(commits(), before + 1);
    assert.is(ok('git', ['show', 'HEAD:infra/main.json'], project), galleryTemplate('contoso_golden_images'));
    // pre-commit put the unstaged change back.
    assert.is(ok('git', ['status', '--porcelain'], project), ' M infra/main.json\n?? scratch/\n');
    ok('git', ['checkout', '--', 'infra/main.json'], project);
    rmSync(join(project, 'scratch'), { recursive: true });
  });

  test('JSON that is not a template passes; a Bicep finding blocks', () => {
    write('package.json', '{ "name": "infra", "private": true }\n');
    write('tsconfig.json', '{ "compilerOptions": { "strict": true } }\n');
    ok('git', ['add', 'package.json', 'tsconfig.json'], project);
    const passed = commit();
    assert.is(passed.status, 0, passed.output);
    assert.match(passed.output, /sigil \(Azure Compute Gallery\)\.+Passed/);

    write('gallery.bicep', "resource gallery 'Microsoft.Compute/galleries@2024-03-03' = {\n  name: 'my-gallery'\n  location: 'westeurope'\n}\n");
    ok('git', ['add', 'gallery.bicep'], project);
    const refused = commit();
    assert.is(refused.status, 1, refused.output);
    assert.match(refused.output, 'gallery.bicep\n  2:9     error   Gallery name "my-gallery" contains "-"; use letters, digits, "_" and "."  SIG101 gallery-name');
    ok('git', ['rm', '--cached', '--quiet', 'gallery.bicep'], project);
  });

  test('a staged parameters file is linted with the committed template beside it', () => {
    const template = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { galleryName: { type: 'string' } },
      resources: [{ type: 'Microsoft.Compute/galleries', apiVersion: '2024-03-03', name: "[parameters('galleryName')]", location: 'westeurope' }],
    }, null, 2);
    const parameters = (name: string): string => `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "contentVersion": "1.0.0.0",\n  "parameters": {\n    "galleryName": { "value": "${name}" }\n  }\n}\n`;
    write('app/gallery.json', template);
    write('app/gallery.parameters.prod.json', parameters('contoso_images'));
    ok('git', ['add', 'app'], project);
    const good = commit();
    assert.is(good.status, 0, good.output);
    write('app/gallery.parameters.prod.json', parameters('contoso-images'));
    ok('git', ['add', 'app/gallery.parameters.prod.json'], project);
    const result = commit();
    assert.is(result.status, 1, result.output);
    assert.match(result.output, 'app/gallery.parameters.prod.json\n  5:31    error   Gallery name "contoso-images" contains "-"; use letters, digits, "_" and "."  SIG101 gallery-name');
    ok('git', ['reset', '--quiet', 'app/gallery.parameters.prod.json'], project);
    ok('git', ['checkout', '--', 'app/gallery.parameters.prod.json'], project);
  });

  test('a file the hook does not match is not passed to sigil', () => {
    write('notes.txt', 'contoso-golden-images\n');
    ok('git', ['add', 'notes.txt'], project);
    const result = commit();
    assert.is(result.status, 0, result.output);
    assert.match(result.output, /sigil \(Azure Compute Gallery\)\.+\(no files to check\)Skipped/);
  });
}

test.run();
