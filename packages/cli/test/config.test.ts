import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sigil, workspace, galleryTemplate } from './helpers.js';

const config = suite('.sigil.yaml');

config('invalid configurations: exit code 2, file:line:column and the reason', async () => {
  const cases: [string, string][] = [
    ['data: [unclosed\n', '.sigil.yaml:1:1: error: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['- a list\n', '.sigil.yaml:1:1: error: the configuration must be a mapping (data:, rules:)'],
    ['rules: {}\nseverity: high\n', '.sigil.yaml:2:1: error: unknown key "severity" (expected data, rules)'],
    ['rules:\n  SIG999:\n    options: {}\n', '.sigil.yaml:2:3: error: unknown rule "SIG999" (run "sigil rules" for the list)'],
    ['rules:\n  gallery-name:\n    options:\n      max: 3\n', '.sigil.yaml:4:7: error: SIG101 has no options'],
    ['rules:\n  SIG101:\n    enabled: false\n', '.sigil.yaml:3:5: error: unknown key "enabled" in rules.SIG101 (expected options)'],
    ['data:\n  planets: [mars]\n', '.sigil.yaml:2:3: error: unknown data set "planets" (known: )'],
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
