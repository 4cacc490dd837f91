import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PolicyDefinition } from '../src/index.js';
import { inTemp, run } from './helpers.js';

const test = suite('sigil policy build (command line)');

test('--help shows the policy usage', async () => {
  const r = await run(['policy', '--help'], process.cwd());
  assert.is(r.code, 0);
  assert.match(r.stdout, /^Usage: sigil policy build --out <dir> \[options\]/);
  assert.match(r.stdout, /epac\/ {10}an Enterprise Policy as Code Definitions\/ folder/);
  const top = await run(['--help'], process.cwd());
  assert.match(top.stdout, /policy build {6}write Azure Policy definitions and their deployment files/);
});

test('usage errors exit with 2 and say what is wrong', () =>
  inTemp({ file: '' }, async (dir) => {
    const cases: [string[], string][] = [
      [['policy'], 'sigil: usage: sigil policy build --out <dir>\n'],
      [['policy', 'deploy'], 'sigil: unknown policy command "deploy"; run "sigil policy --help"\n'],
      [['policy', 'build'], 'sigil: sigil policy build needs --out <dir>\n'],
      [['policy', 'build', '--out', 'file'], 'sigil: --out file is a file, not a directory\n'],
      [['policy', 'build', '--out', 'x', '--effect', 'Deny'], "sigil: Unknown option '--effect'\n"],
    ];
    for (const [argv, stderr] of cases) {
      const r = await run(argv, dir);
      assert.is(r.code, 2, argv.join(' '));
      assert.is(r.stderr, stderr, argv.join(' '));
    }
  }));

test('an output directory that cannot be written: exit 2 with the reason', () =>
  inTemp({ file: '' }, async (dir) => {
    const r = await run(['policy', 'build', '--out', 'file/sub'], dir);
    assert.is(r.code, 2);
    assert.match(r.stderr, /^sigil: cannot write file\/sub: ENOTDIR: not a directory/);
  }));

test('a configuration error is reported with its line and column (exit 2), nothing written', () =>
  inTemp({ '.sigil.yaml': 'data:\n  regions: westeurope\n' }, async (dir) => {
    const r = await run(['policy', 'build', '--out', 'out'], dir);
    assert.is(r.code, 2);
    assert.match(r.stderr, /^\.sigil\.yaml:2:\d+: error: /);
    assert.not.ok(existsSync(join(dir, 'out')));
  }));

test('.sigil.yaml data sets and options become the parameter defaults; the version moves with them', () =>
  inTemp({ '.sigil.yaml': 'data:\n  regions: [westeurope, swedencentral]\nrules:\n  SIG304:\n    options:\n      maxReplicaCount: 50\n' }, async (dir) => {
    const r = await run(['policy', 'build', '--out', 'out'], dir);
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stderr, '');
    const read = (name: string) => JSON.parse(readFileSync(join(dir, 'out', 'definitions', name), 'utf8')) as PolicyDefinition;
    const sig001 = read('SIG001-supported-location.json');
    assert.equal(sig001.properties.parameters['regions']?.defaultValue, ['westeurope', 'swedencentral']);
    assert.is(sig001.properties.metadata.version, '1.1.0');
    assert.is(read('SIG304-replica-count-range.json').properties.parameters['maxReplicaCount']?.defaultValue, 50);
    assert.is(read('SIG302-target-regions-include-location.json').properties.metadata.version, '1.0.0');
  }));

test.run();
