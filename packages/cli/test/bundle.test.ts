import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { main as modulesMain, type Io } from '../src/index.js';
import { repoRoot } from './helpers.js';

// `sigil` runs the CLI bundled into one module (scripts/bundle.js) for a faster start. The bundle must
// behave exactly as the modules it is made from, including what they find relative to their own files
// (the version in package.json, rule docs, data files), and the bin must not run a stale bundle.

const test = suite('the bundled CLI');
const dist = join(repoRoot, 'packages', 'cli', 'dist');
const bundleFile = join(dist, 'sigil.bundle.js');
const bin = join(repoRoot, 'packages', 'cli', 'bin', 'sigil.js');

type Main = (argv: readonly string[], io: Io) => Promise<number>;

async function run(main: Main, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: repoRoot, env: {}, stdoutColor: false, stderrColor: false });
  return { code, stdout, stderr };
}

let bundledMain: Main;

test.before(async () => {
  // Built here, from the modules under test: `tsc -b` alone leaves the bundle as it was.
  const built = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'bundle.js')], { cwd: repoRoot, encoding: 'utf8' });
  assert.is(built.status, 0, built.stderr);
  bundledMain = ((await import(pathToFileURL(bundleFile).href)) as { main: Main }).main;
});

test('lists every file it was made from; each exists', () => {
  const { inputs } = JSON.parse(readFileSync(join(dist, 'sigil.bundle.json'), 'utf8')) as { inputs: string[] };
  for (const expected of ['src/main.js', '../../core/dist/src/policy/compile.js', '../../../rules/dist/general/property-schema/rule.js']) {
    assert.ok(inputs.includes(expected), `${expected} is an input`);
  }
  for (const input of inputs) assert.ok(existsSync(join(dist, input)), input);
  assert.not.ok(inputs.some((i) => i.includes('node_modules')), 'third-party packages stay external');
});

for (const argv of [
  ['lint', 'examples/', '--format', 'json', '--now', '2026-11-26T00:00:00Z'],
  ['lint', 'fixtures/property-schema/invalid', '--format', 'sarif', '--now', '2026-11-26T00:00:00Z'],
  ['--version'],
  ['explain', 'SIG006'],
  ['rules'],
]) {
  test(`sigil ${argv.join(' ')}: the same output and exit code as the modules`, async () => {
    const expected = await run(modulesMain, argv);
    assert.ok(expected.stdout.length > 0);
    assert.equal(await run(bundledMain, argv), expected);
  });
}

test('the bin runs the modules when a file the bundle was made from is newer than the bundle', () => {
  const args = [bin, 'lint', 'examples/', '--format', 'json', '--now', '2026-11-26T00:00:00Z'];
  const fresh = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'esm' } });
  assert.is(fresh.status, 1, fresh.stderr);
  assert.ok(fresh.stderr.includes('sigil.bundle.js'), 'a fresh bundle is loaded');
  const mainJs = join(dist, 'src', 'main.js');
  const { atime, mtime } = statSync(mainJs);
  const later = new Date(statSync(bundleFile).mtimeMs + 60_000);
  utimesSync(mainJs, later, later);
  try {
    const stale = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'esm' } });
    assert.is(stale.status, 1, stale.stderr);
    assert.not.ok(stale.stderr.includes('sigil.bundle.js'), 'a stale bundle is not loaded');
    assert.ok(stale.stderr.includes('dist/src/main.js'), 'the modules are');
    assert.is(stale.stdout, fresh.stdout);
  } finally {
    utimesSync(mainJs, atime, mtime);
  }
});

test('a reader that closes the pipe early ends the output without a crash', () => {
  // `head -c 1` reads one byte and exits: the rest of the JSON report meets a closed pipe (EPIPE).
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" lint fixtures --format json | head -c 1`], { cwd: repoRoot, encoding: 'utf8' });
  assert.is(r.stdout, '{');
  assert.not.match(r.stderr, /Unhandled 'error' event|EPIPE/);
});

test.run();
