import { escapeControl, type Diagnostic } from '@sigil/core';
import { activeFindings, type FormatInput } from './types.js';
import { diagnosticSpan } from './location.js';

const COMMAND: Record<string, string> = { error: 'error', warning: 'warning', note: 'notice' };

/**
 * GitHub Actions workflow commands (`::error file=...,line=...::message`): each finding becomes an
 * annotation on the pull request's diff. Values are escaped as the runner documents (`%`, CR and LF in
 * the message; also `:` and `,` in properties), and other control characters are shown escaped, so no
 * file content can inject a workflow command or drive the terminal of a log viewer.
 */
export function formatGithub(input: FormatInput): string {
  const lines: string[] = [];
  for (const f of activeFindings(input.findings)) {
    const span = f.span;
    lines.push(command(COMMAND[f.severity] ?? 'error', {
      file: f.file,
      ...(span ? { line: span.start.line, col: span.start.column, endLine: span.end.line, endColumn: span.end.column } : {}),
      title: `${f.code} ${f.ruleName}`,
    }, f.message));
  }
  for (const d of input.diagnostics.filter((x) => x.severity !== 'note' || input.verbose)) lines.push(diagnostic(d, input));
  return lines.map((l) => `${l}\n`).join('');
}

function diagnostic(d: Diagnostic, input: FormatInput): string {
  const span = diagnosticSpan(d, input.graph);
  return command(COMMAND[d.severity] ?? 'error', { file: d.file, ...(span ? { line: span.start.line, col: span.start.column } : {}), title: d.severity === 'error' ? 'sigil: input error' : 'sigil' }, d.message);
}

function command(name: string, properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties).map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${name} ${props}::${escapeData(message)}`;
}

/** The runner's escaping for a command's message. */
export function escapeData(text: string): string {
  return escapeControl(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** The runner's escaping for a property value, which also ends at `,` and `::`. */
export function escapeProperty(text: string): string {
  return escapeControl(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C'));
}
