import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { repoRoot } from './helpers.js';

const root = repoRoot;
const bin = suite('the sigil executable');

bin('node_modules/.bin/sigil runs the linter in a real process', () => {
  const run = spawnSync(join(root, 'node_modules/.bin/sigil'), ['lint', 'examples/', '--format', 'json'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.is(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout) as { findings: { code: string }[] };
  assert.equal(report.findings.map((f) => f.code), ['SIG302', 'SIG303', 'SIG202', 'SIG101', 'SIG201', 'SIG301']);
  assert.is(run.stderr, '');
});

bin('a usage error exits with code 2', () => {
  const run = spawnSync(process.execPath, [join(root, 'packages/cli/bin/sigil.js'), 'lint', '--format=csv'], { cwd: root, encoding: 'utf8' });
  assert.is(run.status, 2);
  assert.is(run.stderr, 'sigil: --format must be one of stylish, json, sarif, junit, github, markdown, not "csv"\n');
});

bin.run();
