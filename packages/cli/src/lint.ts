import { ResourceGraph, RuleSet, type ScopeDeclarations, applySuppressions, compareFindings, escapeControl, lint, type Finding, type Diagnostic, type Rule, type RuleSeverity, type Value } from '@sigil/core';
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
  /** Told what the run is doing, for a progress line. */
  readonly progress?: (step: string) => void;
  /** Every rule a suppression may name, also those turned off (default: the rules run). */
  readonly knownRules?: readonly Rule[];
  /** Severity by rule code, replacing the rule's (from the configuration). */
  readonly severity?: Readonly<Record<string, RuleSeverity>>;
  /** The same files before the change (`--base`): their resources are compared with these by id. */
  readonly base?: BaseSnapshot;
  /** Where templates are deployed (`.sigil.yaml` `deployments:`), by absolute path. */
  readonly scopes?: ScopeDeclarations;
}

export interface LintResult {
  /** Every finding, suppressed ones included (marked with `suppression`). */
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
  // The files at the base revision are read without a progress line: it counts the files linted.
  const { progress: _progress, ...quiet } = options;
  if (base) addBaseChanges(graph, base, (before) => loadFiles(base.files, before, { ...quiet, cwd: base.cwd }));
  const step = options.progress ?? (() => {});
  const rules = options.rules ?? builtinRules.all;
  const now = options.now ?? new Date();
  const engineOptions = { now, ...(options.ruleParameters ? { parameters: options.ruleParameters } : {}) };
  // With a progress line, one rule at a time so that the line can say how far the run is.
  const found = dedupe(
    options.progress
      ? rules.flatMap((rule, i) => {
          step(`checking ${graph.resources.length} resource${graph.resources.length === 1 ? '' : 's'}: rule ${i + 1} of ${rules.length}`);
          return lint(graph, [rule], engineOptions);
        }).sort(compareFindings)
      : lint(graph, rules, engineOptions),
  );
  // A suppression of a rule the configuration turns off is not a mistake: it names a rule that exists.
  const lookup = new RuleSet((options.knownRules ?? rules).map((rule) => ({ rule })));
  const suppressed = applySuppressions(withSeverity(found, options.severity), graph, (c) => lookup.get(c), now);
  for (const d of suppressed.diagnostics) graph.diagnose(d);
  return { findings: suppressed.findings, diagnostics: graph.diagnostics, graph, linted };
}

/** Reads the files through every frontend into the graph; returns the files that held something sigil reads. */
function loadFiles(files: readonly InputFile[], graph: ResourceGraph, options: LintOptions): string[] {
  const loadOptions = {
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.scopes ? { scopes: options.scopes } : {}),
  };
  const step = options.progress ?? (() => {});
  let read = 0;
  /** The loaders' `onFile`, counting the files `counts` accepts, when there is a progress line. */
  const progress = (counts: (path: string) => boolean) =>
    options.progress
      ? { onFile: (path: string) => { if (counts(path)) step(`reading file ${++read} of ${files.length}: ${escapeControl(path)}`); } }
      : {};
  const armLoaded = loadArm(files.filter((f) => !isBicepFile(f.path) && !isTerraformFileName(f.path)), graph, { ...loadOptions, ...progress(() => true) });
  // Terraform files by name, and the JSON files ARM does not claim, which may be plan JSON.
  const notArm = new Set(armLoaded.filter((l) => l.kind === 'other').map((l) => l.file));
  const terraformLoaded = loadTerraform(files.filter((f) => isTerraformFileName(f.path) || notArm.has(f.path)), graph, {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.scopes ? { scopes: options.scopes } : {}),
    ...progress(isTerraformFileName), // the others were counted when ARM read them
  });
  const bicep = loadBicep(files, graph, { ...loadOptions, ...progress(() => true) });
  // What-if results last: a changed resource is located in the template that declares it.
  const notTerraform = new Set(terraformLoaded.filter((l) => l.kind === 'other').map((l) => l.file));
  const whatIfLoaded = loadWhatIf(files.filter((f) => notTerraform.has(f.path)), graph, options.cwd ? { cwd: options.cwd } : {});
  const loaded = [...armLoaded.filter((l) => !notArm.has(l.file)), ...terraformLoaded.filter((l) => !notTerraform.has(l.file)), ...whatIfLoaded];
  return [...loaded.filter((l) => l.kind === 'template' || l.kind === 'parameters').map((l) => l.file), ...bicep];
}

/** The severity the configuration gives a rule, over the rule's own. */
function withSeverity(findings: Finding[], severity: LintOptions['severity']): Finding[] {
  if (!severity) return findings;
  return findings.map((f) => {
    const s = severity[f.code];
    return s && s !== f.severity ? { ...f, severity: s } : f;
  });
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
