import { ResourceGraph, lint, type Finding, type Diagnostic, type Rule, type Value } from '@sigil/core';
import { loadArm, type ParameterSource } from '@sigil/arm';
import { builtinRules } from '@sigil/rules';
import type { InputFile } from './discover.js';

export interface LintOptions {
  readonly now?: Date;
  readonly parameters?: readonly ParameterSource[];
  readonly rules?: readonly Rule[];
  readonly ruleParameters?: Readonly<Record<string, Readonly<Record<string, Value>>>>;
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
  const loaded = loadArm(files, graph, { ...(options.parameters ? { parameters: options.parameters } : {}) });
  const rules = options.rules ?? builtinRules.all;
  const findings = dedupe(lint(graph, rules, { now: options.now ?? new Date(), ...(options.ruleParameters ? { parameters: options.ruleParameters } : {}) }));
  return {
    findings,
    diagnostics: graph.diagnostics,
    graph,
    linted: loaded.filter((l) => l.kind === 'template' || l.kind === 'parameters').map((l) => l.file),
  };
}

/** A template evaluated once per parameters file can report the same problem at the same place twice. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}\0${f.file}\0${f.span?.start.offset ?? ''}\0${f.span?.end.offset ?? ''}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
