import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { RuleSet, type Diagnostic, type Finding } from '@sigil/core';
import { builtinRules } from '@sigil/rules';
import { ConfigError, activeFindings, findConfig, lintFiles, loadConfig, ruleParametersFrom, scopeDeclarations, LINTED_EXTENSIONS, type InputFile, type LintOptions } from '@sigil/cli';

/**
 * sigil lints a directory at a time: a template and its parameters files, a Terraform module's files,
 * a `.bicepparam` and the template it names are one unit, and a finding lands on the file that wrote
 * the value (often the parameters file, not the template). ESLint lints one file at a time, with one
 * call per rule. So a file's findings come from a lint of its whole directory, run once and shared by
 * every rule and every file of that directory; the file ESLint holds replaces its copy on disk when
 * they differ (an editor's unsaved buffer).
 */

const LINTED = new Set(LINTED_EXTENSIONS.map((e) => `.${e}`));

/** An editor's ESLint server lives long: keep the last few directory runs, not all of them. */
const CACHE_SIZE = 32;
const cache = new Map<string, DirectoryReport>();

/** One directory's lint: findings and input errors by absolute file path. */
interface DirectoryReport {
  readonly findings: ReadonlyMap<string, readonly Finding[]>;
  readonly diagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
}

/** How many directory lints ran since the last `clearFindingsCache` (what the cache saves is tested). */
export const lintStatistics = { directories: 0 };

export function clearFindingsCache(): void {
  cache.clear();
  listings.clear();
  lintStatistics.directories = 0;
}

/** What sigil reports in one file: its findings, and its input errors (what makes `sigil lint` exit 2). */
export interface FileReport {
  readonly findings: readonly Finding[];
  /** Syntax errors of JSON and Bicep are not here: they are the parsers' ("Parsing error"). */
  readonly inputErrors: readonly Diagnostic[];
}

/**
 * What sigil reports in `filename` (absolute, or relative to `cwd`) whose text is `text`. Besides the
 * file's own directory, the parent directory is linted too (when inside `cwd`): a module in
 * `modules/` gets the findings that come from the values its caller passes.
 */
export function reportFor(filename: string, text: string, cwd: string, now = clock()): FileReport {
  const file = resolve(cwd, filename);
  const dir = dirname(file);
  const own = lintDirectoryCached(dir, { file, text }, now);
  const findings = own.findings.get(file) ?? [];
  const inputErrors = (own.diagnostics.get(file) ?? []).filter((d) => d.severity === 'error');
  const parent = dirname(dir);
  if (parent === dir || !isInside(parent, resolve(cwd))) return { findings, inputErrors };
  const fromCaller = lintDirectoryCached(parent, undefined, now).findings.get(file) ?? [];
  const seen = new Set(findings.map(identity));
  return { findings: [...findings, ...fromCaller.filter((f) => !seen.has(identity(f)))], inputErrors };
}

function identity(f: Finding): string {
  return `${f.code}\0${f.span?.start.offset ?? ''}\0${f.span?.end.offset ?? ''}\0${f.message}`;
}

function isInside(dir: string, root: string): boolean {
  const rel = relative(root, dir);
  return !rel.startsWith('..') && !isAbsolute(rel);
}

/** Findings by absolute file path of one directory's lint, from the cache while nothing changed. */
function lintDirectoryCached(dir: string, buffer: { file: string; text: string } | undefined, now: Date): DirectoryReport {
  const siblings = lintedFilesIn(dir);
  const onDisk = !buffer || (siblings.some((s) => s.path === buffer.file) && readOrUndefined(buffer.file) === buffer.text);
  const configFile = findConfig(dir);
  const key = [
    dir,
    now.toISOString().slice(0, 10),
    ...siblings.map((s) => `${s.path}\0${s.stamp}`),
    configFile ? `${configFile}\0${stamp(configFile)}` : '',
    onDisk ? '' : `${buffer.file}\0${createHash('sha256').update(buffer.text).digest('hex')}`,
  ].join('\n');
  let report = cache.get(key);
  if (report) {
    cache.delete(key);
  } else {
    report = lintDirectory(dir, siblings.map((s) => s.path), onDisk ? undefined : buffer, configFile, now);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  cache.set(key, report);
  return report;
}

function lintDirectory(
  dir: string,
  siblings: readonly string[],
  buffer: { file: string; text: string } | undefined,
  configFile: string | undefined,
  now: Date,
): DirectoryReport {
  const files: InputFile[] = siblings.filter((p) => p !== buffer?.file).map((path) => ({ path, explicit: false }));
  if (buffer) files.push({ path: buffer.file, explicit: true, text: buffer.text });
  lintStatistics.directories++;
  const result = lintFiles(files, { cwd: dir, now, ...configured(configFile) });
  // A diagnostic may point by reference into its document; the span is resolved while the graph is here.
  const diagnostics = result.diagnostics.map((d): Diagnostic => {
    const span = d.span ?? (d.ref ? result.graph.span(d.ref) : undefined);
    return span ? { ...d, span } : d;
  });
  // Suppressed findings stay in sigil's SARIF; an editor shows only the ones to fix.
  return { findings: byFile(activeFindings(result.findings), dir), diagnostics: byFile(diagnostics, dir) };
}

function byFile<T extends { readonly file: string }>(items: readonly T[], dir: string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const at = resolve(dir, item.file);
    out.set(at, [...(out.get(at) ?? []), item]);
  }
  return out;
}

/**
 * What `.sigil.yaml` changes in a lint, as `sigil lint` applies it: rule options and data sets, rules
 * turned off, severities, which codes a suppression may name, the custom rules (their findings are
 * what `sigil/custom` reports) and where templates are deployed.
 */
function configured(configFile: string | undefined): Pick<LintOptions, 'ruleParameters' | 'rules' | 'knownRules' | 'severity' | 'scopes'> {
  if (configFile === undefined) return {};
  try {
    const config = loadConfig(configFile, builtinRules);
    const off = new Set(config.off);
    const ruleSet = new RuleSet([...builtinRules.all, ...config.customRules].filter((r) => !off.has(r.code)).map((rule) => ({ rule })));
    // A file two `deployments:` entries match has no declared scope here (`sigil lint` refuses it).
    const scopes = scopeDeclarations(configFile, config.deployments);
    return {
      ...(scopes ? { scopes } : {}),
      ruleParameters: ruleParametersFrom(config, ruleSet),
      rules: ruleSet.all,
      knownRules: [...builtinRules.all, ...config.customRules],
      severity: config.severity,
    };
  } catch (e) {
    // A broken configuration must not look like a clean file: ESLint reports the error for the file.
    if (e instanceof ConfigError) throw new Error(`sigil: ${e.file}:${e.line}:${e.column}: ${e.message}`);
    throw e;
  }
}

/**
 * A directory's listing is reused for a moment: ESLint lints the files of a directory one after the
 * other, and listing (with a stat per file) for each of them would cost the square of their number.
 * An editor's change to the file it shows comes as text; a change on disk is seen a moment later.
 */
const LISTING_TTL_MS = 2000;
const listings = new Map<string, { readonly at: number; readonly files: { path: string; stamp: string }[] }>();

function lintedFilesIn(dir: string): { path: string; stamp: string }[] {
  const now = Date.now();
  const known = listings.get(dir);
  if (known && now - known.at < LISTING_TTL_MS) return known.files;
  const files = listLintedFiles(dir);
  listings.delete(dir);
  if (listings.size >= CACHE_SIZE) listings.delete(listings.keys().next().value as string);
  listings.set(dir, { at: now, files });
  return files;
}

/** The files sigil reads in one directory (not below it), with a stamp that changes when one does. */
function listLintedFiles(dir: string): { path: string; stamp: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: { path: string; stamp: string }[] = [];
  for (const name of names.sort()) {
    if (!LINTED.has(extname(name).toLowerCase())) continue;
    const path = join(dir, name);
    const s = stamp(path);
    if (s !== undefined) out.push({ path, stamp: s });
  }
  return out;
}

function stamp(path: string): string | undefined {
  try {
    const s = statSync(path);
    return s.isFile() ? `${s.mtimeMs}:${s.size}` : undefined;
  } catch {
    return undefined;
  }
}

function readOrUndefined(path: string): string | undefined {
  try {
    // ESLint hands rules the text without its byte order mark.
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** `SOURCE_DATE_EPOCH` (seconds) for reproducible runs, as the sigil command reads it; else now. */
function clock(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}
