import { pathText, type Finding, type FindingSuppression } from '@sigil/core';
import { activeFindings, type FormatInput } from './types.js';
import { diagnosticSpan, fingerprint } from './location.js';

/** Machine-readable output: every finding with its location, and every input error. */
export function formatJson(input: FormatInput): string {
  const describe = (f: Finding) => ({
    code: f.code,
    rule: f.ruleName,
    severity: f.severity,
    messageId: f.messageId,
    message: f.message,
    file: f.file,
    line: f.span?.start.line ?? null,
    column: f.span?.start.column ?? null,
    endLine: f.span?.end.line ?? null,
    endColumn: f.span?.end.column ?? null,
    resource: f.resource,
    property: pathText(f.path),
    fingerprint: fingerprint(f, input.root),
    related: f.related.map((r) => ({ file: r.file, line: r.span?.start.line ?? null, column: r.span?.start.column ?? null, message: r.message })),
    ...(f.evaluationError ? { evaluationError: f.evaluationError } : {}),
  });
  const findings = activeFindings(input.findings).map(describe);
  // Suppressed findings are listed apart: a consumer that counts `findings` counts problems.
  const suppressed = input.findings.filter((f) => f.suppression).map((f) => {
    const s = f.suppression as FindingSuppression;
    return {
      ...describe(f),
      suppression: { kind: s.kind, justification: s.justification, ...(s.until ? { until: s.until } : {}), file: s.file, line: s.span?.start.line ?? null, column: s.span?.start.column ?? null },
    };
  });
  const diagnostics = input.diagnostics
    .filter((d) => d.severity !== 'note' || input.verbose)
    .map((d) => {
      const span = diagnosticSpan(d, input.graph);
      return { severity: d.severity, file: d.file, line: span?.start.line ?? null, column: span?.start.column ?? null, message: d.message };
    });
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  return `${JSON.stringify({
    version: input.toolVersion,
    findings,
    suppressed,
    diagnostics,
    summary: { errors: count('error'), warnings: count('warning'), notes: count('note'), suppressed: suppressed.length, inputErrors: input.diagnostics.filter((d) => d.severity === 'error').length },
  }, null, 2)}\n`;
}
