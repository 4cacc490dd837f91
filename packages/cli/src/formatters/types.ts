import type { Finding, Diagnostic, ResourceGraph, Rule, RuleSeverity } from '@sigil/core';

export interface FormatInput {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  readonly graph: ResourceGraph;
  readonly rules: readonly Rule[];
  /** Paths in results are relative to this directory (SARIF's %SRCROOT%). */
  readonly root: string;
  readonly color: boolean;
  readonly verbose: boolean;
  readonly toolVersion: string;
  /** Severity by rule code where the configuration changes a rule's own. */
  readonly severity?: Readonly<Record<string, RuleSeverity>>;
  /** Where a rule's documentation lives (`rules/<folder>/README.md`), by code. */
  readonly docsUrl: (code: string) => string | undefined;
}

export type Formatter = (input: FormatInput) => string;

/** The findings a report shows as problems: not suppressed in the source or by a baseline. */
export function activeFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !f.suppression);
}

/** How many findings are suppressed, by kind: `2 suppressed (1 in the source, 1 by the baseline)`. */
export function suppressedSummary(findings: readonly Finding[]): string | undefined {
  const inSource = findings.filter((f) => f.suppression?.kind === 'inSource').length;
  const external = findings.filter((f) => f.suppression?.kind === 'external').length;
  if (inSource + external === 0) return undefined;
  const parts = [...(inSource > 0 ? [`${inSource} in the source`] : []), ...(external > 0 ? [`${external} by the baseline`] : [])];
  return `${inSource + external} suppressed (${parts.join(', ')})`;
}
