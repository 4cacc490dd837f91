import { styleText } from 'node:util';
import { escapeControl, type Span, type Diagnostic } from '@sigil/core';
import { activeFindings, suppressedSummary, type FormatInput } from './types.js';
import { diagnosticSpan, linesOf } from './location.js';
import type { LineIndex } from '@sigil/core';

type Style = Parameters<typeof styleText>[0];

const SEVERITY_STYLE: Record<string, Style> = { error: 'red', warning: 'yellow', note: 'cyan' };

/**
 * The human format: findings grouped by file, `line:column severity message code`, with a short code
 * frame under each. Colour only on a terminal; file content is escaped before it is printed.
 */
export function formatStylish(input: FormatInput): string {
  const paint = (style: Style, text: string) => (input.color ? styleText(style, text) : text);
  const out: string[] = [];
  const shown = activeFindings(input.findings);
  const byFile = new Map<string, typeof input.findings[number][]>();
  for (const f of shown) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(paint('underline', escapeControl(file)));
    const lines = linesOf(input.graph, file);
    for (const f of findings) {
      const where = f.span ? `${f.span.start.line}:${f.span.start.column}` : '0:0';
      out.push(
        `  ${paint('dim', where.padEnd(7))} ${paint(SEVERITY_STYLE[f.severity] ?? 'red', f.severity.padEnd(7))} ${escapeControl(f.message)}  ${paint('dim', `${f.code} ${f.ruleName}`)}`,
      );
      if (f.span && lines) out.push(...codeFrame(lines, f.span, paint));
      for (const r of f.related) {
        const at = r.span ? `${r.span.start.line}:${r.span.start.column}` : '';
        out.push(`    ${paint('dim', `${escapeControl(r.message)} (${escapeControl(r.file)}${at ? `:${at}` : ''})`)}`);
      }
    }
    out.push('');
  }
  const counts = { error: 0, warning: 0, note: 0 };
  for (const f of shown) counts[f.severity]++;
  const total = shown.length;
  const suppressed = suppressedSummary(input.findings);
  if (total > 0) {
    const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.note} note${counts.note === 1 ? '' : 's'})`;
    out.push(paint(counts.error > 0 ? ['red', 'bold'] : ['yellow', 'bold'], suppressed ? `${summary}, ${suppressed}` : summary));
  } else if (suppressed) {
    out.push(paint('dim', `no problems, ${suppressed}`));
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/** Input errors and notes, `file:line:column: severity: message`, for stderr. */
export function formatDiagnostics(input: FormatInput): string {
  const paint = (style: Style, text: string) => (input.color ? styleText(style, text) : text);
  const shown = input.diagnostics.filter((d) => d.severity !== 'note' || input.verbose);
  return shown.map((d) => `${diagnosticLine(d, input)} ${paint(SEVERITY_STYLE[d.severity] ?? 'red', d.severity === 'error' ? 'error:' : `${d.severity}:`)} ${escapeControl(d.message)}\n`).join('');
}

function diagnosticLine(d: Diagnostic, input: FormatInput): string {
  const span = diagnosticSpan(d, input.graph);
  return `${escapeControl(d.file)}${span ? `:${span.start.line}:${span.start.column}` : ''}:`;
}

const FRAME_CONTEXT = 1;
const MAX_FRAME_WIDTH = 160;

function codeFrame(lines: LineIndex, span: Span, paint: (s: Style, t: string) => string): string[] {
  const first = Math.max(1, span.start.line - FRAME_CONTEXT);
  const last = Math.min(lines.lineCount, span.start.line + FRAME_CONTEXT);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = lines.lineText(n);
    // Only the visible start of a line is escaped: a what-if result or a minified template is one
    // line of megabytes, shown once per finding.
    const text = escapeControl(raw.slice(0, MAX_FRAME_WIDTH).replace(/\t/g, '  ')).slice(0, MAX_FRAME_WIDTH);
    const marker = n === span.start.line ? paint('red', '>') : ' ';
    out.push(`  ${marker} ${paint('dim', `${String(n).padStart(width)} |`)} ${text}`);
    if (n === span.start.line) {
      const prefix = escapeControl(raw.slice(0, Math.min(span.start.column - 1, MAX_FRAME_WIDTH)).replace(/\t/g, '  '));
      const endColumn = span.end.line === span.start.line ? span.end.column : raw.length + 1;
      const length = Math.max(1, Math.min(endColumn - span.start.column, MAX_FRAME_WIDTH - prefix.length));
      if (prefix.length < MAX_FRAME_WIDTH) {
        out.push(`    ${' '.repeat(width)} ${paint('dim', '|')} ${' '.repeat(prefix.length)}${paint('red', '^'.repeat(length))}`);
      }
    }
  }
  return out;
}
