import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { main, EXIT, type Io } from './main.js';

/**
 * The work of the GitHub Action (`action.yml` at the repository root), run in the workspace by its
 * composite step with the inputs in `SIGIL_*` variables (never pasted into a script, so no input can
 * inject shell). The same lint is written four ways: the stylish report to the log, SARIF to a file
 * for code scanning, workflow commands (`--format github`) that annotate the pull request, and a
 * Markdown summary appended to `$GITHUB_STEP_SUMMARY`. The exit code of the SARIF run goes to the
 * step outputs; the action's last step gates on it, after the upload.
 */
export interface ActionInputs {
  readonly paths: string[];
  readonly base: string;
  readonly failOn: string;
  readonly config: string;
  readonly sarifFile: string;
  readonly annotate: boolean;
  readonly summary: boolean;
}

export function actionInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const paths = (env.SIGIL_PATHS ?? '').split(/\s+/).filter(Boolean);
  return {
    paths: paths.length > 0 ? paths : ['.'],
    base: (env.SIGIL_BASE ?? '').trim(),
    failOn: (env.SIGIL_FAIL_ON ?? '').trim() || 'error',
    config: (env.SIGIL_CONFIG ?? '').trim(),
    sarifFile: (env.SIGIL_SARIF_FILE ?? '').trim() || 'sigil.sarif',
    annotate: flag(env.SIGIL_ANNOTATE, true),
    summary: flag(env.SIGIL_SUMMARY, true),
  };
}

function flag(value: string | undefined, fallback: boolean): boolean {
  const v = (value ?? '').trim().toLowerCase();
  return v === '' ? fallback : v === 'true';
}

/** Runs the lints and writes the outputs; returns the exit code of the lint (0, 1 or 2). */
export async function githubAction(io: Io): Promise<number> {
  const inputs = actionInputs(io.env);
  const args = [
    'lint',
    ...inputs.paths,
    '--fail-on', inputs.failOn,
    ...(inputs.base ? ['--base', inputs.base] : []),
    ...(inputs.config ? ['--config', inputs.config] : []),
    '--no-color',
  ];
  const quiet: Io = { ...io, stdout: () => {}, stderr: () => {} };
  // The log: the report as a person reads it, and any input error with its file, line and column.
  await main([...args, '--format', 'stylish'], io);
  const sarifFile = resolve(io.cwd, inputs.sarifFile);
  mkdirSync(dirname(sarifFile), { recursive: true });
  let code = await main([...args, '--format', 'sarif', '--output', sarifFile], quiet);
  if (inputs.annotate) code = worst(code, await extraRun([...args, '--format', 'github'], io, io.stdout));
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (inputs.summary && summaryFile) {
    let markdown = '';
    const summaryCode = await extraRun([...args, '--format', 'markdown'], io, (t) => (markdown += t));
    if (summaryCode !== EXIT.usage) appendFileSync(summaryFile, markdown);
    code = worst(code, summaryCode);
  }
  const outputFile = io.env.GITHUB_OUTPUT;
  // No report (a configuration error stops the lint before it writes one): nothing to upload.
  if (outputFile) appendFileSync(outputFile, `exit-code=${code}\nsarif-file=${existsSync(sarifFile) ? sarifFile : ''}\n`);
  return code;
}

/** A run whose report goes to `stdout`; its errors are shown only when it fails where the first did not. */
async function extraRun(argv: string[], io: Io, stdout: (text: string) => void): Promise<number> {
  let stderr = '';
  const code = await main(argv, { ...io, stdout, stderr: (t) => (stderr += t) });
  if (code === EXIT.usage) io.stderr(stderr);
  return code;
}

/** A usage or input error (2) outranks findings (1), which outrank a clean run (0). */
function worst(a: number, b: number): number {
  return Math.max(a, b);
}
