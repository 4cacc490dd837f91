import type { Span, JsonPath, SourceRef } from './source.js';
import type { RuleSeverity } from './rule.js';
import type { FindingSuppression } from './suppression.js';
import type { Value } from './value.js';
import { Unknown } from './unknown.js';

export interface RelatedLocation {
  readonly file: string;
  readonly span: Span | undefined;
  readonly message: string;
}

/** One rule violation, located in the file the user wrote. */
export interface Finding {
  readonly code: string;
  readonly ruleName: string;
  readonly severity: RuleSeverity;
  readonly messageId: string;
  readonly message: string;
  readonly file: string;
  /** Undefined only when the file's text is not available (the finding then points at the file). */
  readonly span: Span | undefined;
  readonly ref: SourceRef;
  /** Body path of the offending property (`properties.publishingProfile.targetRegions[1].name`). */
  readonly path: JsonPath;
  readonly resource: { readonly type: string; readonly name: string; readonly label: string };
  readonly related: readonly RelatedLocation[];
  /** Where the resource is declared (a finding may point elsewhere, e.g. at a parameters file line). */
  readonly declaration?: SourceRef;
  /** Set when a suppression in the source or a baseline accepts the finding: it is kept, marked. */
  readonly suppression?: FindingSuppression;
  /** Set when Azure Policy would fail the evaluation (a template-function error acts as deny). */
  readonly evaluationError?: string;
}

const MAX_VALUE_LENGTH = 120;

/**
 * Renders a value for a message: strings as they are (templates quote them), others as JSON, long
 * values shortened, and control characters escaped so that no file content can drive the terminal.
 */
export function renderValue(v: Value | undefined): string {
  let text: string;
  if (v === undefined) text = '(absent)';
  else if (v instanceof Unknown) text = '(unknown)';
  else if (typeof v === 'string') text = v;
  else {
    try {
      text = JSON.stringify(v) ?? String(v);
    } catch {
      text = '(value)';
    }
  }
  if (text.length > MAX_VALUE_LENGTH) {
    // Cut in the middle: the end of a resource id (its type and name) tells ids apart, not their start.
    // Never cut a surrogate pair in half: a lone surrogate is not valid text in any output format.
    let head = Math.ceil((MAX_VALUE_LENGTH - 1) / 2);
    let tail = text.length - (MAX_VALUE_LENGTH - 1 - head);
    if (/[\ud800-\udbff]/.test(text.charAt(head - 1))) head--;
    if (/[\udc00-\udfff]/.test(text.charAt(tail))) tail++;
    text = `${text.slice(0, head)}…${text.slice(tail)}`;
  }
  return escapeControl(text);
}

/** Escapes C0/C1 control characters (ESC, BEL, CR...) and Unicode bidi overrides. */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Fills `{placeholder}`s of a message template. Unknown placeholders stay as written. */
export function formatMessage(template: string, data: Readonly<Record<string, Value | undefined>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? renderValue(data[key]) : whole));
}
