import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRules } from '@sigil/rules';
import { RuleSet, ruleDocsUrl, escapeControl, type Finding, type Rule, type ScopeDeclarations } from '@sigil/core';
import { ConfigError, commonFolder, findConfig, loadConfig, noConfig, ruleParametersFrom, type SigilConfig } from './config.js';
import { describeCustomRule } from './custom-rules.js';
import { discover, UsageError, type InputFile } from './discover.js';
import { parseLintArgs, LINT_HELP, type Format, type FailOn, type LintArgs } from './args.js';
import { lintFiles } from './lint.js';
import { activeFindings, type FormatInput, type Formatter } from './formatters/types.js';
import { applyBaseline, writeBaseline } from './baseline.js';
import { progressOn } from './progress.js';
import { selectFiles } from './select.js';
import { checkDeployments, scopeDeclarations } from './deployments.js';
import { gitBase } from './base.js';
import { formatDiagnostics } from './formatters/stylish.js';
import { policyCommand, POLICY_HELP } from './policy-command.js';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Whether stdout and stderr are terminals that show colour. */
  readonly stdoutColor: boolean;
  readonly stderrColor: boolean;
  /** Whether stderr is a terminal (progress is shown there, never in pipes or CI logs). */
  readonly stderrTerminal?: boolean;
}

export function processIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    stdoutColor: colorWanted(process.stdout, process.env),
    stderrColor: colorWanted(process.stderr, process.env),
    stderrTerminal: process.stderr.isTTY === true,
  };
}

/** FORCE_COLOR and NO_COLOR (https://no-color.org) win; otherwise colour on a terminal that shows it. */
export function colorWanted(stream: { isTTY?: boolean; hasColors?: () => boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && (stream.hasColors?.() ?? false);
}

const HELP = `Usage: sigil <command> [options]

Stops Azure Compute Gallery deployment errors before they happen.

Commands:
  lint [paths...]   lint ARM, Bicep and Terraform JSON files (default: the current directory)
  rules             list the rules
  explain <code>    show a rule's documentation (code or name)
  policy build      write Azure Policy definitions and their deployment files

Options:
  -h, --help        show help (also: sigil <command> --help)
      --version     show the version

Run "sigil lint --help" for the lint options.`;

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/**
 * One more report of the same `sigil lint` run, in another format (the GitHub Action writes SARIF,
 * annotations and a summary from one lint). Written after the main report, without colour; `write`
 * also gets the run's exit code.
 */
export interface ExtraReport {
  readonly format: Format;
  readonly write: (report: string, exitCode: number) => void;
}

/** The sigil command line. Returns the exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: Io = processIo(), extraReports: readonly ExtraReport[] = []): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(`${HELP}\n`);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === '--version' || command === '-V') {
      io.stdout(`${version()}\n`);
      return EXIT.ok;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${command === 'lint' ? LINT_HELP : command === 'policy' ? POLICY_HELP : HELP}\n`);
      return EXIT.ok;
    }
    switch (command) {
      case 'lint':
        return await lintCommand(rest, io, extraReports);
      case 'rules':
        return withCustomRules(io, (custom) => rulesCommand(rest, io, custom));
      case 'explain':
        return withCustomRules(io, (custom) => explainCommand(rest, io, custom));
      case 'policy':
        return policyCommand(rest, io);
      default:
        throw new UsageError(`unknown command "${command}"; run "sigil --help"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`sigil: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

let cachedVersion: string | undefined;

function version(): string {
  cachedVersion ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cachedVersion;
}

async function lintCommand(argv: readonly string[], io: Io, extraReports: readonly ExtraReport[]): Promise<number> {
  const args = parseLintArgs(argv, io.env);
  const config = readConfig(args.config, args.paths, io);
  if (config instanceof ConfigError) {
    io.stderr(`${escapeControl(displayPath(config.file, io.cwd))}:${config.line}:${config.column}: error: ${escapeControl(config.message)}\n`);
    return EXIT.usage;
  }
  const progress = progressOn(io.stderr, io.stderrTerminal ?? false, io.env);
  progress.step('looking for files');
  const files = selectFiles(await discover(args.paths, io.cwd), config, io.cwd);
  const scopes = deploymentScopesOf(config, files, io);
  if (scopes instanceof ConfigError) return EXIT.usage;
  const ruleSet = rulesOf(config);
  const rules = ruleSet.all;
  const before = args.base !== undefined ? await gitBase(args.base, args.paths, io.cwd) : undefined;
  let result;
  try {
    result = lintFiles(files, {
      cwd: io.cwd,
      now: args.now,
      parameters: args.parameters,
      rules,
      knownRules: [...builtinRules.all, ...config.customRules],
      ruleParameters: ruleParametersFrom(config, ruleSet),
      severity: config.severity,
      ...(scopes ? { scopes } : {}),
      progress: (text) => progress.step(text),
      ...(before ? { base: before } : {}),
    });
  } finally {
    before?.dispose();
  }
  progress.done();
  const findings = baselined(result.findings, args, io);
  const base: Omit<FormatInput, 'color'> = {
    findings,
    diagnostics: result.diagnostics,
    graph: result.graph,
    rules,
    severity: config.severity,
    root: io.cwd,
    verbose: args.verbose,
    toolVersion: args.format === 'stylish' ? '' : version(),
    docsUrl: (code) => {
      const folder = builtinRules.folder(code);
      return folder ? ruleDocsUrl(folder) : undefined;
    },
  };
  const formatter = await loadFormatter(args.format);
  const report = formatter({ ...base, color: args.output === undefined && (args.color ?? io.stdoutColor) });
  if (args.output !== undefined) {
    try {
      writeFileSync(resolve(io.cwd, args.output), report);
    } catch (e) {
      throw new UsageError(`cannot write ${args.output}: ${(e as Error).message}`);
    }
  } else {
    io.stdout(report);
  }
  io.stderr(formatDiagnostics({ ...base, color: args.color ?? io.stderrColor }));
  if (result.linted.length === 0 && result.diagnostics.every((d) => d.severity !== 'error')) {
    // Not an error (a repository may have no template yet), but a wrong path should not pass unseen.
    io.stderr(`sigil: no ARM template found (${files.length} JSON file${files.length === 1 ? '' : 's'} looked at)\n`);
  }
  const code = result.diagnostics.some((d) => d.severity === 'error')
    ? EXIT.usage
    : failing(activeFindings(findings), args.failOn ?? config.failOn ?? 'error') ? EXIT.findings : EXIT.ok;
  for (const extra of extraReports) {
    const format = await loadFormatter(extra.format);
    extra.write(format({ ...base, toolVersion: extra.format === 'stylish' ? '' : version(), color: false }), code);
  }
  return code;
}

/** The built-in rules without those the configuration turns off, and the user's custom rules. */
function rulesOf(config: SigilConfig): RuleSet {
  const off = new Set(config.off);
  return new RuleSet([...builtinRules.all, ...config.customRules].filter((r) => !off.has(r.code)).map((rule) => ({ rule })));
}

/** `--write-baseline` records the findings (and the run passes); `--baseline` marks those it holds. */
function baselined(findings: Finding[], args: LintArgs, io: Io): Finding[] {
  if (args.writeBaseline !== undefined) {
    const count = writeBaseline(args.writeBaseline, findings, io.cwd);
    io.stderr(`sigil: wrote ${count} finding${count === 1 ? '' : 's'} to the baseline ${escapeControl(args.writeBaseline)}\n`);
  }
  const file = args.writeBaseline ?? args.baseline;
  return file === undefined ? findings : applyBaseline(file, findings, io.cwd);
}

/** A path relative to the working directory when it is inside it. */
function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** The frontends' declared scopes (`deployments:`); a ConfigError, printed, when two entries match one file of the run. */
function deploymentScopesOf(config: SigilConfig, files: readonly InputFile[], io: Io): ScopeDeclarations | undefined | ConfigError {
  if (config.file === undefined) return undefined;
  try {
    checkDeployments(config.file, config.deployments, files, io.cwd);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr(`${escapeControl(displayPath(e.file, io.cwd))}:${e.line}:${e.column}: error: ${escapeControl(e.message)}\n`);
    return e;
  }
  return scopeDeclarations(config.file, config.deployments);
}

/**
 * The configuration named with --config, else the nearest `.sigil.yaml` in the folder that holds every
 * linted path or a parent, else none. One configuration applies to the whole run.
 */
function readConfig(explicit: string | undefined, paths: readonly string[], io: Io): SigilConfig | ConfigError {
  const file = explicit !== undefined ? resolve(io.cwd, explicit) : findConfig(commonFolder(paths, io.cwd));
  if (file === undefined) return noConfig();
  try {
    return loadConfig(file, builtinRules);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
}

const RANK: Record<FailOn, number> = { error: 3, warning: 2, note: 1 };

function failing(findings: readonly Finding[], failOn: FailOn): boolean {
  return findings.some((f) => RANK[f.severity] >= RANK[failOn]);
}

async function loadFormatter(format: Format): Promise<Formatter> {
  switch (format) {
    case 'junit':
      return (await import('./formatters/junit.js')).formatJunit;
    case 'github':
      return (await import('./formatters/github.js')).formatGithub;
    case 'markdown':
      return (await import('./formatters/markdown.js')).formatMarkdown;
    case 'json':
      return (await import('./formatters/json.js')).formatJson;
    case 'sarif':
      return (await import('./formatters/sarif.js')).formatSarif;
    default:
      return (await import('./formatters/stylish.js')).formatStylish;
  }
}

/** Runs a command with the custom rules of the configuration in the working directory (or a parent). */
function withCustomRules(io: Io, command: (custom: readonly Rule[]) => number): number {
  const config = readConfig(undefined, [], io);
  if (config instanceof ConfigError) {
    io.stderr(`${escapeControl(displayPath(config.file, io.cwd))}:${config.line}:${config.column}: error: ${escapeControl(config.message)}\n`);
    return EXIT.usage;
  }
  return command(config.customRules);
}

function rulesCommand(argv: readonly string[], io: Io, custom: readonly Rule[]): number {
  if (argv.length > 0 && !(argv.length === 2 && argv[0] === '--format' && argv[1] === 'json')) {
    throw new UsageError('usage: sigil rules [--format json]');
  }
  const rules = [...builtinRules.all, ...custom];
  const folder = (r: Rule) => builtinRules.folder(r.code);
  if (argv[1] === 'json') {
    io.stdout(`${JSON.stringify(rules.map((r) => ({
      code: r.code,
      name: r.name,
      title: r.meta.title,
      severity: r.meta.severity,
      resourceTypes: r.meta.resourceTypes,
      policy: r.policy,
      ...(folder(r) ? { docs: ruleDocsUrl(folder(r) as string) } : { custom: true }),
    })), null, 2)}\n`);
    return EXIT.ok;
  }
  const rows = rules.map((r) => [r.code, r.name, r.meta.severity, !folder(r) ? 'custom' : r.policy ? 'policy' : 'lint only', r.meta.title].map(escapeControl));
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => (row[i] as string).length)));
  io.stdout(rows.map((row) => row.map((c, i) => (i < 4 ? c.padEnd(widths[i] as number) : c)).join('  ')).join('\n') + '\n');
  return EXIT.ok;
}

function explainCommand(argv: readonly string[], io: Io, custom: readonly Rule[]): number {
  if (argv.length !== 1) throw new UsageError('usage: sigil explain <code or name>');
  const own = custom.find((r) => r.code === (argv[0] as string).toUpperCase() || r.name === (argv[0] as string).toLowerCase());
  if (own) {
    // The rule's texts come from the user's YAML: escaped line by line, as any file content.
    io.stdout(describeCustomRule(own).split('\n').map(escapeControl).join('\n'));
    return EXIT.ok;
  }
  const rule = builtinRules.get(argv[0] as string);
  const folder = rule ? builtinRules.folder(rule.code) : undefined;
  if (!rule || !folder) throw new UsageError(`no rule "${argv[0]}"; run "sigil rules" for the list`);
  const rulesRoot = join(dirname(fileURLToPath(import.meta.resolve('@sigil/rules'))), '..');
  io.stdout(readFileSync(join(rulesRoot, folder, 'README.md'), 'utf8'));
  return EXIT.ok;
}
