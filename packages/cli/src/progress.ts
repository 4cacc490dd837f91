/** Shows what a long run is doing, on one line of stderr that is rewritten and finally cleared. */
export interface Progress {
  step(text: string): void;
  done(): void;
}

const INTERVAL_MS = 100;
/** Longer lines would wrap, and `\r` only returns to the start of the last row. */
const MAX_WIDTH = 70;

const SILENT: Progress = { step: () => {}, done: () => {} };

/** Environment variables CI services set; a CI log is not a terminal, whatever it claims. */
const CI_VARIABLES = ['CI', 'GITHUB_ACTIONS', 'TF_BUILD', 'BUILD_BUILDID', 'GITLAB_CI', 'JENKINS_URL', 'BUILDKITE'];

/** Whether the environment is a CI job. `CI=false` (or 0) turns it off, as most tools read it. */
export function inCi(env: NodeJS.ProcessEnv): boolean {
  return CI_VARIABLES.some((name) => {
    const v = env[name];
    return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
  });
}

/**
 * Progress on stderr only when stderr is a terminal and not in CI: never in a pipe, a file or a CI
 * log, where the rewritten line would be noise. The line holds only sigil's own text (counts, phases).
 */
export function progressOn(write: (text: string) => void, isTerminal: boolean, env: NodeJS.ProcessEnv, clock: () => number = Date.now): Progress {
  if (!isTerminal || inCi(env)) return SILENT;
  let shown = false;
  let last = -Infinity;
  return {
    step(text) {
      // A terminal redraws at human speed: one line per interval is enough, and cheap over 10,000 files.
      const now = clock();
      if (now - last < INTERVAL_MS) return;
      last = now;
      write(`\r\x1b[2Ksigil: ${text.slice(0, MAX_WIDTH)}…`);
      shown = true;
    },
    done() {
      if (shown) write('\r\x1b[2K');
      shown = false;
    },
  };
}
