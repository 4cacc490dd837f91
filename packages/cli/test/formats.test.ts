import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { builtinRules } from '@sigil/rules';
import { sigil, workspace, galleryTemplate, assertValidSarif } from './helpers.js';
import { progressOn } from '../src/progress.js';
import { cell } from '../src/formatters/markdown.js';

const require = createRequire(import.meta.url);
const { XMLParser, XMLValidator } = require('fast-xml-parser') as typeof import('fast-xml-parser');

/** A file name and a gallery name an attacker would choose: markup, terminal escapes, separators. */
const HOSTILE_FILE = 'odd <&> "name"\u001b[31m%0A,x:y.json';
const HOSTILE_NAME = 'g_\u001b]0;pwned\u0007 <failure>]]>|[x](javascript:1) %0A::error ::\r\nnext';

const f = suite('output formats');

f('junit: one test case per file and rule; well-formed XML for hostile file names and messages', async () => {
  const w = workspace({ [HOSTILE_FILE]: galleryTemplate(HOSTILE_NAME), 'clean.json': galleryTemplate('clean_gallery') });
  try {
    const run = await sigil(['lint', '--format', 'junit'], w.dir);
    assert.is(run.code, 1);
    assert.is(XMLValidator.validate(run.stdout), true);
    assert.not.match(run.stdout, /\u001b|\u0007/);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(run.stdout) as {
      testsuites: { tests: string; failures: string; testsuite: { name: string; tests: string; failures: string; testcase: { classname: string; name: string; failure?: { message: string; type: string; '#text': string } }[] }[] };
    };
    const suites = xml.testsuites.testsuite;
    const expectedFile = 'odd <&> "name"\\x1b[31m%0A,x:y.json';
    assert.equal(suites.map((s) => [s.name, s.failures]), [['clean.json', '0'], [expectedFile, '1']]);
    const hostile = suites[1];
    const failing = hostile?.testcase.filter((c) => c.failure) ?? [];
    assert.equal(failing.map((c) => [c.classname, c.name, c.failure?.type]), [[expectedFile, 'SIG101 gallery-name', 'SIG101']]);
    const message = String.raw`Gallery name "g_\x1b]0;pwned\x07 <failure>]]>|[x](javascript:1) %0A::error ::\x0d\x0anext" contains characters other than letters, digits, "_" and "."`;
    assert.is(failing[0]?.failure?.message, message);
    assert.is(failing[0]?.failure?.['#text'], `${expectedFile}:8:15: error: ${message}`);
    // Every rule is a test case for every file read.
    assert.is(hostile?.testcase.length, builtinRules.all.length);
    assert.is(Number(xml.testsuites.tests), 2 * builtinRules.all.length);
    assert.equal([xml.testsuites.failures], ['1']);
  } finally {
    w.cleanup();
  }
});

f('github: workflow annotations with the runner escaping; nothing in a value can start a command', async () => {
  const w = workspace({ [HOSTILE_FILE]: galleryTemplate(HOSTILE_NAME), 'broken.json': '{"$schema": "x", ' });
  try {
    const run = await sigil(['lint', '--format', 'github', HOSTILE_FILE, 'broken.json'], w.dir);
    assert.is(run.code, 2);
    const lines = run.stdout.split('\n');
    assert.equal(lines, [
      String.raw`::error file=odd <&> "name"\x1b[31m%250A%2Cx%3Ay.json,line=8,col=15,endLine=8,endColumn=92,title=SIG101 gallery-name::Gallery name "g_\x1b]0;pwned\x07 <failure>]]>|[x](javascript:1) %250A::error ::\x0d\x0anext" contains characters other than letters, digits, "_" and "."`,
      '::error file=broken.json,line=1,col=18,title=sigil%3A input error::invalid JSON: a property name in double quotes is expected (the file ends too early)',
      '',
    ]);
    // One physical line per annotation: the message's CR LF cannot start a new command.
    assert.is(lines.filter((l) => l.startsWith('::')).length, 2);
  } finally {
    w.cleanup();
  }
});

f('markdown: a summary table with links to the rule docs; cells cannot break the table or inject HTML', async () => {
  const w = workspace({ 'main.json': galleryTemplate(HOSTILE_NAME) });
  try {
    const run = await sigil(['lint', '--format', 'markdown'], w.dir);
    assert.is(run.code, 1);
    assert.equal(run.stdout.split('\n'), [
      '### sigil: 1 problem (1 error, 0 warnings, 0 notes)',
      '',
      '| File | Line | Severity | Rule | Message |',
      '|---|---:|---|---|---|',
      String.raw`| ${'`main.json`'} | 8 | error | [SIG101](https://github.com/sigil-iac/sigil/blob/main/rules/gallery/gallery-name/README.md) gallery-name | Gallery name "g\_\\x1b\]0;pwned\\x07 &lt;failure&gt;\]\]&gt;\|\[x\]\(javascript:1\) %0A::error ::\\x0d\\x0anext" contains characters other than letters, digits, "\_" and "." |`,
      '',
      '',
    ]);
    assert.is(cell('a | b <script>*x*</script>\nc'), 'a \\| b &lt;script&gt;\\*x\\*&lt;/script&gt; c');
  } finally {
    w.cleanup();
  }
});

f('progress: on a terminal outside CI, on stderr, at most every 100 ms; never in CI or a pipe', async () => {
  const written: string[] = [];
  let now = 0;
  const p = progressOn((t) => written.push(t), true, {}, () => now);
  p.step('reading file 1 of 3: a.json');
  now = 50;
  p.step('reading file 2 of 3: b.json');
  now = 150;
  p.step(`reading file 3 of 3: ${'x'.repeat(100)}`);
  p.done();
  assert.equal(written, ['\r\x1b[2Ksigil: reading file 1 of 3: a.json…', `\r\x1b[2Ksigil: reading file 3 of 3: ${'x'.repeat(49)}…`, '\r\x1b[2K']);
  for (const [terminal, env] of [[true, { CI: 'true' }], [true, { GITHUB_ACTIONS: 'true' }], [false, {}]] as const) {
    const quiet: string[] = [];
    const q = progressOn((t) => quiet.push(t), terminal, env);
    q.step('reading 3 files');
    q.done();
    assert.equal(quiet, [], JSON.stringify(env));
  }
  const notCi: string[] = [];
  progressOn((t) => notCi.push(t), true, { CI: 'false' }).step('reading');
  assert.equal(notCi, ['\r\x1b[2Ksigil: reading…']);
});

f('progress end to end: the run reports its files and rules on a terminal, and clears the line', async () => {
  const w = workspace({ 'a.json': galleryTemplate('ok_gallery'), 'b.bicep': "resource g 'Microsoft.Compute/galleries@2023-07-03' = {\n  name: 'ok_b'\n  location: 'westeurope'\n}\n" });
  try {
    const { main } = await import('../src/main.js');
    const steps: string[] = [];
    let stderr = '';
    const io = { stdout: () => {}, stderr: (t: string) => (stderr += t), cwd: w.dir, env: {}, stdoutColor: false, stderrColor: false, stderrTerminal: true };
    // The real clock throttles; this run's steps are collected through lintFiles' own callback.
    const { lintFiles, discover } = await import('../src/index.js');
    lintFiles(await discover(['.'], w.dir), { cwd: w.dir, progress: (s) => steps.push(s) });
    const n = builtinRules.all.length;
    assert.equal(steps.slice(0, 3), ['reading file 1 of 2: a.json', 'reading file 2 of 2: b.bicep', `checking 2 resources: rule 1 of ${n}`]);
    assert.is(steps.length, 2 + n);
    assert.is(await main(['lint'], io), 0);
    assert.ok(stderr.startsWith('\r\x1b[2Ksigil: looking for files…'), JSON.stringify(stderr));
    assert.ok(stderr.endsWith('\r\x1b[2K'), JSON.stringify(stderr));
    const piped = await sigil(['lint'], w.dir);
    assert.is(piped.stderr, '');
  } finally {
    w.cleanup();
  }
});

f.run();

const b = suite('baseline');

b('--write-baseline records the findings; --baseline reports only new ones; fingerprints survive moved lines', async () => {
  const w = workspace({ 'infra/main.json': galleryTemplate('old-gallery') });
  try {
    const write = await sigil(['lint', 'infra', '--write-baseline', 'sigil-baseline.json'], w.dir);
    assert.is(write.code, 0);
    assert.match(write.stderr, 'sigil: wrote 1 finding to the baseline sigil-baseline.json\n');
    const baseline = JSON.parse(readFileSync(join(w.dir, 'sigil-baseline.json'), 'utf8')) as { findings: { code: string; file: string; message: string; fingerprint: string }[] };
    assert.equal(baseline.findings.map((e) => [e.code, e.file, e.message]), [['SIG101', 'infra/main.json', 'Gallery name "old-gallery" contains "-"; use letters, digits, "_" and "."']]);

    // Lines added above the finding, and a new problem: only the new one is reported.
    const template = JSON.parse(galleryTemplate('old-gallery')) as { resources: object[] };
    template.resources.unshift({ type: 'Microsoft.Compute/galleries', apiVersion: '2024-03-03', name: 'new-gallery', location: 'westeurope' });
    writeFileSync(join(w.dir, 'infra/main.json'), JSON.stringify(template, null, 2));
    const run = await sigil(['lint', 'infra', '--baseline', 'sigil-baseline.json', '--format', 'json'], w.dir);
    assert.is(run.code, 1);
    const report = JSON.parse(run.stdout) as { findings: { message: string }[]; suppressed: { message: string; line: number; suppression: { kind: string } }[] };
    assert.equal(report.findings.map((x) => x.message), ['Gallery name "new-gallery" contains "-"; use letters, digits, "_" and "."']);
    assert.equal(report.suppressed.map((x) => [x.message, x.line, x.suppression.kind]), [['Gallery name "old-gallery" contains "-"; use letters, digits, "_" and "."', 14, 'external']]);

    // The baseline holds from another working directory too (paths are relative to the baseline file).
    const fromInfra = await sigil(['lint', '.', '--baseline', '../sigil-baseline.json', '--format', 'sarif'], join(w.dir, 'infra'));
    const log = JSON.parse(fromInfra.stdout) as { runs: { results: { message: { text: string }; suppressions?: { kind: string }[] }[] }[] };
    assertValidSarif(log);
    const results = log.runs[0]?.results ?? [];
    assert.equal(results.map((r) => [r.message.text.slice(0, 26), r.suppressions?.[0]?.kind]), [['Gallery name "new-gallery"', undefined], ['Gallery name "old-gallery"', 'external']]);
  } finally {
    w.cleanup();
  }
});

b('a file that is no baseline is a usage error', async () => {
  const w = workspace({ 'main.json': galleryTemplate('ok_gallery'), 'other.json': '{"findings": []}' });
  try {
    const run = await sigil(['lint', 'main.json', '--baseline', 'other.json'], w.dir);
    assert.equal([run.code, run.stderr], [2, 'sigil: other.json is not a sigil baseline (write one with --write-baseline)\n']);
  } finally {
    w.cleanup();
  }
});

b.run();
