import { ResourceGraph, lint, type Finding, type Diagnostic, type Rule, type Value } from '@sigil/core';
import { loadArm, loadWhatIf, type ParameterSource } from '@sigil/arm';
import { loadBicep, isBicepFile } from '@sigil/bicep';
import { loadTerraform, isTerraformFileName } from '@sigil/terraform';
import { builtinRules } from '@sigil/rules';
import type { InputFile } from './discover.js';
import { addBaseChanges, type BaseSnapshot } from './base.js';

export interface LintOptions {
  /** The directory file paths are relative to (default: the process's). */
  readonly cwd?: string;
  readonly now?: Date;
  readonly parameters?: readonly ParameterSource[];
  readonly rules?: readonly Rule[];
  readonly ruleParameters?: Readonly<Record<string, Readonly<Record<string, Value>>>>;
  /** The same files before the change (`--base`): their resources are compared with these by id. */
  readonly base?: BaseSnapshot;
}

export interface LintResult {
  readonly findings: Finding[];
  readonly diagnostics: Diagnostic[];
  readonly graph: ResourceGraph;
  /** Files that held something sigil reads (templates, parameters). */
  readonly linted: string[];
}

/** Loads the files through the frontends and runs the rules: the whole pipeline, without output. */
export function lintFiles(files: readonly InputFile[], options: LintOptions = {}): LintResult {
  const graph = new ResourceGraph();
  const linted = loadFiles(files, graph, options);
  const base = options.base;
  if (base) addBaseChanges(graph, base, (before) => loadFiles(base.files, before, { ...options, cwd: base.cwd }));
  const rules = options.rules ?? builtinRules.all;
  const findings = dedupe(lint(graph, rules, { now: options.now ?? new Date(), ...(options.ruleParameters ? { parameters: options.ruleParameters } : {}) }))
    .filter((f) => !isSuppressed(graph, f));
  return { findings, diagnostics: graph.diagnostics, graph, linted };
}

/** Reads the files through every frontend into the graph; returns the files that held something sigil reads. */
function loadFiles(files: readonly InputFile[], graph: ResourceGraph, options: LintOptions): string[] {
  const loadOptions = {
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  };
  const armLoaded = loadArm(files.filter((f) => !isBicepFile(f.path) && !isTerraformFileName(f.path)), graph, loadOptions);
  // Terraform files by name, and the JSON files ARM does not claim, which may be plan JSON.
  const notArm = new Set(armLoaded.filter((l) => l.kind === 'other').map((l) => l.file));
  const terraformLoaded = loadTerraform(files.filter((f) => isTerraformFileName(f.path) || notArm.has(f.path)), graph, options.cwd ? { cwd: options.cwd } : {});
  const bicep = loadBicep(files, graph, loadOptions);
  // What-if results last: a changed resource is located in the template that declares it.
  const notTerraform = new Set(terraformLoaded.filter((l) => l.kind === 'other').map((l) => l.file));
  const whatIfLoaded = loadWhatIf(files.filter((f) => notTerraform.has(f.path)), graph, options.cwd ? { cwd: options.cwd } : {});
  const loaded = [...armLoaded.filter((l) => !notArm.has(l.file)), ...terraformLoaded.filter((l) => !notTerraform.has(l.file)), ...whatIfLoaded];
  return [...loaded.filter((l) => l.kind === 'template' || l.kind === 'parameters').map((l) => l.file), ...bicep];
}

/** A suppression comment on the line before the finding (`#disable-next-line`, `// sigil-disable-next-line`). */
function isSuppressed(graph: ResourceGraph, f: Finding): boolean {
  const line = f.span?.start.line;
  return line !== undefined && graph.document(f.file)?.isSuppressed?.(f.code, f.ruleName, line) === true;
}

/**
 * The same problem at the same place is one finding: a template evaluated once per parameters file,
 * or one value used by several resources (a copy loop). Its related locations list every use.
 */
function dedupe(findings: Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.code}\0${f.file}\0${f.span?.start.offset ?? ''}\0${f.span?.end.offset ?? ''}\0${f.message}`;
    const first = byKey.get(key);
    if (!first) {
      byKey.set(key, f);
      continue;
    }
    const known = new Set(first.related.map((r) => `${r.file}\0${r.span?.start.offset}\0${r.message}`));
    const extra = f.related.filter((r) => !known.has(`${r.file}\0${r.span?.start.offset}\0${r.message}`));
    if (extra.length > 0) byKey.set(key, { ...first, related: [...first.related, ...extra] });
  }
  return [...byKey.values()];
}
