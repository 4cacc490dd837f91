import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { main, EXIT, type ExtraReport, type Io } from './main.js';
import { UsageError } from './discover.js';

/**
 * The work of the GitHub Action (`action.yml` at the repository root), run in the workspace by its
 * composite step with the inputs in `SIGIL_*` variables (never pasted into a script, so no input can
 * inject shell). One lint is written four ways: the stylish report to the log, SARIF to a file
 * for code scanning, workflow commands (`--format github`) that annotate the pull request, and a
 * Markdown summary appended to `$GITHUB_STEP_SUMMARY`. The exit code of the lint goes to the
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

/** Runs the lint once, writes its reports and the outputs; returns the exit code of the lint (0, 1 or 2). */
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
  const sarifFile = resolve(io.cwd, inputs.sarifFile);
  mkdirSync(dirname(sarifFile), { recursive: true });
  const reports: ExtraReport[] = [{
    format: 'sarif',
    write: (report) => {
      try {
        writeFileSync(sarifFile, report);
      } catch (e) {
        throw new UsageError(`cannot write ${inputs.sarifFile}: ${(e as Error).message}`);
      }
    },
  }];
  if (inputs.annotate) reports.push({ format: 'github', write: (report) => io.stdout(report) });
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (inputs.summary && summaryFile) {
    // An input error (exit code 2) is in the log with its file, line and column; the summary would be partial.
    reports.push({ format: 'markdown', write: (report, code) => { if (code !== EXIT.usage) appendFileSync(summaryFile, report); } });
  }
  // The log gets the report as a person reads it, and any input error; the other formats come from the same lint.
  const code = await main([...args, '--format', 'stylish'], io, reports);
  const outputFile = io.env.GITHUB_OUTPUT;
  // No report (a configuration error stops the lint before it writes one): nothing to upload.
  if (outputFile) appendFileSync(outputFile, `exit-code=${code}\nsarif-file=${existsSync(sarifFile) ? sarifFile : ''}\n`);
  return code;
}
