import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { actionInputs } from '../src/github-action.js';
import { ruleDocsUrl } from '@sigil/core';
import { definition, galleryTemplate, repoRoot, repository, workspace } from './helpers.js';

// action.yml is checked by GitHub's own parser (@actions/workflow-parser, the one behind the GitHub
// Actions extension for VS Code), then its composite steps run here as a runner would run them: the
// shell steps with their expressions filled in, in a workspace with a template, with the GITHUB_*
// files of a real job. The `uses:` steps (setup-node, the SARIF upload) and `npm ci` are GitHub's and
// npm's; the test checks their inputs only.

// The parser imports its schema JSON without an import attribute (it is written for bundlers); Node
// requires one, so this hook adds it for that package's JSON files only.
register(`data:text/javascript,${encodeURIComponent(`export async function load(url, context, next) {
  if (url.endsWith('.json') && url.includes('/@actions/workflow-parser/')) return next(url, { ...context, importAttributes: { type: 'json' } });
  return next(url, context);
}`)}`);
const { parseAction } = await import('@actions/workflow-parser/actions/index');
const { parseWorkflow, NoOperationTraceWriter } = await import('@actions/workflow-parser');

const test = suite('GitHub Action');

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly shell?: string;
  readonly 'working-directory'?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, string>;
}

interface Action {
  readonly inputs: Record<string, { description: string; default?: string }>;
  readonly outputs: Record<string, { value: string }>;
  readonly runs: { using: string; steps: Step[] };
}

const actionText = readFileSync(join(repoRoot, 'action.yml'), 'utf8');
const action = parse(actionText) as Action;

function actionErrors(name: string, content: string): string[] {
  return parseAction({ name, content }, new NoOperationTraceWriter()).context.errors.getErrors().map((e) => e.message);
}

/** Every `${{ ... }}` expression of a text, trimmed. */
function expressions(text: string): string[] {
  return [...text.matchAll(/\$\{\{\s*([\s\S]+?)\s*\}\}/g)].map((m) => m[1] as string);
}

test("action.yml passes GitHub's action parser, which rejects a broken one", () => {
  assert.equal(actionErrors('action.yml', actionText), []);
  const broken = actionText.replace('      shell: bash\n      working-directory: ${{ github.action_path }}\n', '      working-directory: ${{ github.action_path }}\n');
  assert.is.not(broken, actionText);
  assert.equal(actionErrors('action.yml', broken), ['action.yml (Line: 68, Col: 7): Required property is missing: shell']);
});

test('every input is declared and used, and every step output read is one the lint step writes', () => {
  const referenced = new Set<string>();
  for (const e of expressions(actionText)) {
    for (const m of e.matchAll(/\binputs\.([\w-]+)/g)) referenced.add(m[1] as string);
    for (const m of e.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      assert.is(m[1], 'lint', e);
      assert.ok(['exit-code', 'sarif-file'].includes(m[2] as string), e);
    }
  }
  assert.equal([...referenced].sort(), Object.keys(action.inputs).sort());
  assert.equal(action.runs.steps.filter((s) => s.id).map((s) => s.id), ['lint']);
});

test("the lint step hands every input to the action's code under its own name", () => {
  const lint = action.runs.steps.find((s) => s.id === 'lint')!;
  const env = Object.fromEntries(Object.entries(lint.env ?? {}).map(([k, v]) => [k, v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/, (_, name: string) => `<${name}>`)]));
  assert.equal(actionInputs({ ...env, SIGIL_PATHS: 'infra/ main.bicep', SIGIL_ANNOTATE: 'false', SIGIL_SUMMARY: 'true' }), {
    paths: ['infra/', 'main.bicep'],
    base: '<base>',
    failOn: '<fail-on>',
    config: '<config>',
    sarifFile: '<sarif-file>',
    annotate: false,
    summary: true,
  });
  assert.equal(Object.keys(env).sort(), ['SIGIL_ANNOTATE', 'SIGIL_BASE', 'SIGIL_CONFIG', 'SIGIL_FAIL_ON', 'SIGIL_PATHS', 'SIGIL_SARIF_FILE', 'SIGIL_SUMMARY']);
  assert.ok(existsSync(join(repoRoot, 'packages/cli/bin/github-action.js')));
});

test('the steps GitHub runs: setup-node, npm ci in the action checkout, upload-sarif with the report', () => {
  const steps = action.runs.steps;
  assert.is(action.runs.using, 'composite');
  assert.equal(steps.map((s) => s.uses ?? s.run), [
    'actions/setup-node@v4',
    'npm ci --no-audit --no-fund --loglevel=error',
    'node "$GITHUB_ACTION_PATH/packages/cli/bin/github-action.js"',
    'github/codeql-action/upload-sarif@v3',
    'exit "${SIGIL_EXIT_CODE:-2}"',
  ]);
  assert.is(steps[1]?.['working-directory'], '${{ github.action_path }}');
  assert.equal(steps[3]?.with, { sarif_file: '${{ steps.lint.outputs.sarif-file }}', category: 'sigil' });
  // The upload and the gate run after findings; the gate comes last, so the upload happens first.
  assert.ok(steps[3]?.if?.includes('!cancelled()'));
  assert.ok(steps[4]?.if?.includes('!cancelled()'));
});

test("the README's workflow passes GitHub's workflow parser and uses the action as documented", () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string).find((b) => b.includes('uses: sigil-iac/sigil@'));
  assert.ok(block, 'a yaml block with the action');
  const errors = parseWorkflow({ name: 'sigil.yml', content: block }, new NoOperationTraceWriter()).context.errors.getErrors().map((e) => e.message);
  assert.equal(errors, []);
  const workflow = parse(block) as { permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
  assert.is(workflow.permissions['security-events'], 'write');
  const steps = Object.values(workflow.jobs)[0]!.steps;
  assert.equal(steps[0], { uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
  const sigil = steps.find((s) => s.uses?.startsWith('sigil-iac/sigil@'))!;
  assert.is(sigil.with?.base, 'origin/main');
  for (const key of Object.keys(sigil.with ?? {})) assert.ok(key in action.inputs, key);
});

interface Job {
  readonly log: string;
  readonly exitCode: number | null;
  readonly outputs: Record<string, string>;
  readonly summary: string;
}

/**
 * Runs the action's shell steps as a runner does: `${{ }}` filled in from the inputs (defaults and
 * `with`), the step outputs and `github.action_path`, in `workspace`. `npm ci` is skipped (this
 * checkout is installed and built already) and so are the `uses:` steps.
 */
/** The workflow commands of a log: each line that starts with `::`. */
function annotations(log: string): string[] {
  return log.split('\n').filter((l) => l.startsWith('::'));
}

/** A job summary's headline and the rows of its findings table. */
function summaryRows(summary: string): { headline: string; rows: string[] } {
  const lines = summary.split('\n');
  return { headline: lines[0] ?? '', rows: lines.filter((l) => l.startsWith('| `')) };
}

function runAction(dir: string, withInputs: Record<string, string>): Job {
  const outputFile = join(dir, '.github-output');
  const summaryFile = join(dir, '.github-step-summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputs: Record<string, string> = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ''])), ...withInputs };
  const outputs: Record<string, string> = {};
  const fill = (text: string): string =>
    text.replace(/\$\{\{\s*([\s\S]+?)\s*\}\}/g, (_, e: string) => {
      let m: RegExpMatchArray | null;
      if ((m = /^inputs\.([\w-]+)$/.exec(e))) return inputs[m[1] as string] ?? '';
      if ((m = /^steps\.lint\.outputs\.([\w-]+)$/.exec(e))) return outputs[m[1] as string] ?? '';
      if (e === 'github.action_path') return repoRoot;
      throw new Error(`the test runner does not know the expression ${e}`);
    });
  let log = '';
  let exitCode: number | null = 0;
  for (const step of action.runs.steps) {
    if (step.uses || step.run?.startsWith('npm ci')) continue;
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, fill(v)]));
    // What the runner runs for `shell: bash`: the script in a file, without profile or rc files.
    const script = join(dir, '.github-step.sh');
    writeFileSync(script, fill(step.run ?? ''));
    assert.is(step.shell, 'bash');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: resolve(dir, fill(step['working-directory'] ?? '.')),
      encoding: 'utf8',
      env: { PATH: process.env.PATH, GITHUB_ACTION_PATH: repoRoot, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_WORKSPACE: dir, ...env },
    });
    log += r.stdout + r.stderr;
    exitCode = r.status;
    for (const line of readFileSync(outputFile, 'utf8').split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
    }
    if (r.status !== 0) break;
  }
  return { log, exitCode, outputs, summary: readFileSync(summaryFile, 'utf8') };
}

test('a finding: the log shows it, the SARIF report holds it, and the job fails after the upload step', () => {
  const ws = workspace({ 'infra/main.json': galleryTemplate('contoso-golden-images'), 'infra/notes.json': '{}\n' });
  try {
    const job = runAction(ws.dir, { paths: 'infra/', annotate: 'false', summary: 'false' });
    assert.is(job.exitCode, 1, job.log);
    assert.match(job.log, 'infra/main.json\n  8:15    error   Gallery name "contoso-golden-images" contains "-"; use letters, digits, "_" and "."  SIG101 gallery-name');
    assert.equal(job.outputs, { 'exit-code': '1', 'sarif-file': join(ws.dir, 'sigil.sarif') });
    const sarif = JSON.parse(readFileSync(join(ws.dir, 'sigil.sarif'), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
    assert.equal(sarif.runs[0]?.results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.artifactLocation.uri, r.locations[0]?.physicalLocation.region.startLine, r.locations[0]?.physicalLocation.region.startColumn]), [['SIG101', 'infra/main.json', 8, 15]]);
    assert.is(job.summary, '');
  } finally {
    ws.cleanup();
  }
});

test('no finding: exit code 0 and the job passes; sarif-file and working-directory are honoured', () => {
  const ws = workspace({ 'deploy/infra/main.json': galleryTemplate('contoso_golden_images') });
  try {
    const job = runAction(ws.dir, { 'working-directory': 'deploy', paths: 'infra', 'sarif-file': 'out/report.sarif', annotate: 'false', summary: 'false' });
    assert.is(job.exitCode, 0, job.log);
    assert.equal(job.outputs, { 'exit-code': '0', 'sarif-file': join(ws.dir, 'deploy/out/report.sarif') });
  } finally {
    ws.cleanup();
  }
});

test('a configuration error: the log says where, nothing is uploaded, the job fails with exit code 2', () => {
  const ws = workspace({ 'infra/main.json': galleryTemplate('contoso_golden_images'), '.sigil.yaml': 'rules:\n  SIG999: {}\n' });
  try {
    const job = runAction(ws.dir, { paths: 'infra/', annotate: 'false', summary: 'false' });
    assert.is(job.exitCode, 2, job.log);
    assert.match(job.log, '.sigil.yaml:2:3: error: unknown rule "SIG999"');
    assert.equal(job.outputs, { 'exit-code': '2', 'sarif-file': '' });
  } finally {
    ws.cleanup();
  }
});

test('pull-request annotations (--format github) and the job summary (--format markdown): file, line, column, end, title and message', () => {
  const ws = workspace({ 'infra/main.json': galleryTemplate('contoso-golden-images') });
  try {
    const job = runAction(ws.dir, { paths: 'infra/' });
    assert.is(job.exitCode, 1, job.log);
    const message = 'Gallery name "contoso-golden-images" contains "-"; use letters, digits, "_" and "."';
    assert.equal(annotations(job.log), [`::error file=infra/main.json,line=8,col=15,endLine=8,endColumn=38,title=SIG101 gallery-name::${message}`]);
    assert.equal(summaryRows(job.summary), {
      headline: '### sigil: 1 problem (1 error, 0 warnings, 0 notes)',
      rows: [`| \`infra/main.json\` | 8 | error | [SIG101](${ruleDocsUrl('gallery/gallery-name')}) gallery-name | Gallery name "contoso-golden-images" contains "-"; use letters, digits, "\\_" and "." |`],
    });
  } finally {
    ws.cleanup();
  }
});

test('base: the lint step runs sigil lint --base, so a change the base does not allow fails the job where it is made', () => {
  const repo = repository({ 'infra/main.json': definition('Windows') });
  try {
    repo.write('infra/main.json', definition('Linux'));
    const message = 'osType changes from "Windows" to "Linux" on an existing image definition; Azure does not allow changing galleryImage.properties.osType';
    const job = runAction(repo.dir, { paths: 'infra/', base: 'HEAD' });
    assert.is(job.exitCode, 1, job.log);
    assert.match(job.log, `infra/main.json\n  17:19   error   ${message}  SIG204 image-definition-immutable\n`);
    assert.equal(annotations(job.log), [`::error file=infra/main.json,line=17,col=19,endLine=17,endColumn=26,title=SIG204 image-definition-immutable::${message}`]);
    assert.equal(summaryRows(job.summary).rows, [`| \`infra/main.json\` | 17 | error | [SIG204](${ruleDocsUrl('image-definition/image-definition-immutable')}) image-definition-immutable | osType changes from "Windows" to "Linux" on an existing image definition; Azure does not allow changing galleryImage.properties.osType |`]);
    assert.equal(job.outputs, { 'exit-code': '1', 'sarif-file': join(repo.dir, 'sigil.sarif') });
    // Without the input, the same working tree passes: the finding comes from the change since the base.
    assert.is(runAction(repo.dir, { paths: 'infra/' }).exitCode, 0);
    // A base that is no revision: a usage error, exit code 2, with git's reason in the log.
    const missing = runAction(repo.dir, { paths: 'infra/', base: 'origin/no-such-branch' });
    assert.is(missing.exitCode, 2, missing.log);
    assert.match(missing.log, /^sigil: --base origin\/no-such-branch: /m);
  } finally {
    repo.cleanup();
  }
});

test.run();
