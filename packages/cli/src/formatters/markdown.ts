import { escapeControl } from '@sigil/core';
import { activeFindings, suppressedSummary, type FormatInput } from './types.js';
import { diagnosticSpan } from './location.js';

/** Rows shown before the table is cut: a job summary is limited to 1 MiB. */
const MAX_ROWS = 500;

/**
 * A Markdown summary for `$GITHUB_STEP_SUMMARY`: the counts, then one table row per finding (file,
 * line, severity, rule linked to its docs, message) and the input errors. File content is escaped:
 * it cannot close a table cell, open a link, or inject HTML.
 */
export function formatMarkdown(input: FormatInput): string {
  const shown = activeFindings(input.findings);
  const count = (s: string) => shown.filter((f) => f.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const out: string[] = [];
  const headline = shown.length === 0 ? 'no problems' : `${plural(shown.length, 'problem')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('note'), 'note')})`;
  const suppressed = suppressedSummary(input.findings);
  out.push(`### sigil: ${headline}`, '');
  if (suppressed) out.push(`${suppressed}.`, '');
  if (shown.length > 0) {
    out.push('| File | Line | Severity | Rule | Message |', '|---|---:|---|---|---|');
    for (const f of shown.slice(0, MAX_ROWS)) {
      const url = input.docsUrl(f.code);
      const rule = url ? `[${f.code}](${url}) ${cell(f.ruleName)}` : `${cell(f.code)} ${cell(f.ruleName)}`;
      out.push(`| ${code(f.file)} | ${f.span?.start.line ?? ''} | ${f.severity} | ${rule} | ${cell(f.message)} |`);
    }
    if (shown.length > MAX_ROWS) out.push('', `…and ${shown.length - MAX_ROWS} more (see the full report in the log).`);
    out.push('');
  }
  const errors = input.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  if (errors.length > 0) {
    out.push('#### Input errors and warnings', '', '| File | Line | Severity | Message |', '|---|---:|---|---|');
    for (const d of errors.slice(0, MAX_ROWS)) out.push(`| ${code(d.file)} | ${diagnosticSpan(d, input.graph)?.start.line ?? ''} | ${d.severity} | ${cell(d.message)} |`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/**
 * Text for a table cell: HTML is escaped as entities, Markdown punctuation with a backslash (so `|`
 * cannot end the cell and `[...](...)` cannot become a link), line breaks become spaces and control
 * characters are shown escaped.
 */
export function cell(text: string): string {
  return escapeControl(text.replace(/\r\n|\r|\n/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`);
}

/** A file name in a cell, as code; backticks in it are replaced, as a code span cannot escape them. */
function code(text: string): string {
  const safe = escapeControl(text.replace(/\r\n|\r|\n/g, ' ')).replace(/`/g, "'").replace(/\|/g, '\\|');
  return `\`${safe}\``;
}
