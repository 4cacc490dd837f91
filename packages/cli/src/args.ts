import { parseArgs } from 'node:util';
import { UsageError } from './discover.js';
import type { ParameterSource } from '@sigil/arm';

export const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];
export const SEVERITIES = ['error', 'warning', 'note'] as const;
export type FailOn = (typeof SEVERITIES)[number];

export interface LintArgs {
  readonly paths: string[];
  readonly format: Format;
  readonly output: string | undefined;
  readonly now: Date;
  readonly parameters: ParameterSource[];
  /** Undefined when not given: the configuration's `failOn`, else `error`. */
  readonly failOn: FailOn | undefined;
  readonly baseline: string | undefined;
  readonly writeBaseline: string | undefined;
  readonly verbose: boolean;
  readonly color: boolean | undefined;
  readonly config: string | undefined;
  /** `--base <git-ref>`: compare with the same files at this revision (diff rules). */
  readonly base: string | undefined;
}

export const LINT_HELP = `Usage: sigil lint [paths...] [options]

Lints ARM templates and their parameters files, Bicep files (.bicep, .bicepparam), Terraform JSON
(.tf.json, .tfvars.json, plan JSON) and what-if results for Azure Compute Gallery errors.
Paths are files or directories (default: the current directory).

Options:
  -f, --format <format>              stylish (default), json, sarif, junit, github (workflow
                                     annotations) or markdown (for $GITHUB_STEP_SUMMARY)
  -o, --output <file>                write the report to a file instead of stdout
      --now <ISO date>               the date for date rules (default: SOURCE_DATE_EPOCH, else now)
  -p, --parameters <file|name=value> parameters for every template (repeatable); without it,
                                     <template>.parameters.json files beside a template are used
      --fail-on <error|warning|note> lowest severity that makes the exit code 1 (default: the
                                     configuration's failOn, else error)
      --baseline <file>              report only findings that are not in the baseline
      --write-baseline <file>        record today's findings as the baseline, and exit 0
  -c, --config <file>                the configuration (default: the nearest .sigil.yaml in the
                                     folder of the linted paths or a parent)
      --base <git-ref>               also check the change from the same files at this revision
                                     (e.g. origin/main): updates Azure refuses, replaces that fail
  -v, --verbose                      also show what sigil could not evaluate
      --color / --no-color           force or disable colour (default: on a terminal)

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or input errors.`;

export function parseLintArgs(argv: readonly string[], env: NodeJS.ProcessEnv): LintArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        now: { type: 'string' },
        parameters: { type: 'string', short: 'p', multiple: true },
        'fail-on': { type: 'string' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        config: { type: 'string', short: 'c' },
        base: { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  const format = (v.format ?? 'stylish') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${v.format}"`);
  const failOn = v['fail-on'] as FailOn | undefined;
  if (failOn !== undefined && !SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, not "${v['fail-on']}"`);
  return {
    paths: parsed.positionals,
    format,
    output: v.output,
    now: clock(v.now, env.SOURCE_DATE_EPOCH),
    parameters: (v.parameters ?? []).map(parameterSource),
    failOn,
    baseline: v.baseline,
    writeBaseline: v['write-baseline'],
    verbose: v.verbose ?? false,
    color: v['no-color'] ? false : v.color ? true : undefined,
    config: v.config,
    base: v.base,
  };
}

/** `--now` wins over SOURCE_DATE_EPOCH (seconds since 1970), which wins over the real clock. */
function clock(now: string | undefined, epoch: string | undefined): Date {
  if (now !== undefined) {
    const d = new Date(now);
    if (!/^\d{4}-\d{2}-\d{2}/.test(now) || Number.isNaN(d.getTime())) throw new UsageError(`--now must be an ISO 8601 date such as 2026-01-31, not "${now}"`);
    return d;
  }
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds, not "${epoch}"`);
    return new Date(Number(epoch) * 1000);
  }
  return new Date();
}

function parameterSource(text: string): ParameterSource {
  const eq = text.indexOf('=');
  // `name=value` (a name is an identifier); anything else is a file path.
  if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(text.slice(0, eq))) return { kind: 'inline', name: text.slice(0, eq), value: text.slice(eq + 1) };
  return { kind: 'file', path: text };
}
