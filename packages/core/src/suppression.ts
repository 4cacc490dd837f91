import type { JsonPath, SourceRef, Span } from './source.js';
import type { Diagnostic, ResourceGraph } from './graph.js';
import type { Finding } from './finding.js';

/**
 * A suppression written in a source file. Every format has its own syntax (Bicep `#disable-next-line`,
 * `// sigil-disable-next-line` comments, ARM `metadata.sigil.suppress`, Terraform `"//"` properties);
 * each frontend's document turns them into this one shape, and `applySuppressions` decides.
 */
export interface SuppressionDirective {
  readonly file: string;
  /** Where the directive is written (for its warnings); a path or range resolved through the graph. */
  readonly at: SourceRef;
  /** Rule codes or names, as written. */
  readonly codes: readonly string[];
  /** Why the finding is accepted. Required: a directive without one does not suppress. */
  readonly reason: string | undefined;
  /** Last day (YYYY-MM-DD, UTC) the suppression holds, as written. */
  readonly until: string | undefined;
  /** What it covers: findings starting on a line, or findings of the object at a JSON path (and inside it). */
  readonly target: { readonly kind: 'line'; readonly line: number } | { readonly kind: 'object'; readonly path: JsonPath };
  /** The syntax as the user wrote it, for messages (`#disable-next-line`, `metadata.sigil.suppress`...). */
  readonly syntax: string;
  /**
   * Directives of another tool share Bicep's `#disable-next-line`: codes that name no sigil rule are
   * theirs and are ignored silently. In sigil's own syntaxes an unknown code is a warning.
   */
  readonly foreignCodesAllowed?: boolean;
}

/** Why a finding is not reported. SARIF's `suppression.kind`: in the source, or outside it (a baseline). */
export interface FindingSuppression {
  readonly kind: 'inSource' | 'external';
  readonly justification: string;
  readonly until?: string;
  /** The directive (inSource) or the baseline file (external). */
  readonly file: string;
  readonly span?: Span | undefined;
}

/** Looks a rule up by code or name; `applySuppressions` needs only its code. */
export type RuleLookup = (codeOrName: string) => { readonly code: string } | undefined;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The first instant after the last day a suppression holds; undefined for a malformed date. */
export function untilEnd(until: string): Date | undefined {
  const m = DATE.exec(until);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return undefined;
  return new Date(Date.UTC(y, mo - 1, d + 1));
}

/**
 * Splits the text after a directive keyword: `SIG303 gallery-name until=2027-06-30 -- reason`. Codes are
 * separated by blanks or commas; the reason follows ` -- `.
 */
export function parseDirectiveText(text: string): { codes: string[]; reason: string | undefined; until: string | undefined } {
  const separator = text.search(/(^|\s)--(\s|$)/);
  const head = separator < 0 ? text : text.slice(0, separator);
  const reason = separator < 0 ? undefined : text.slice(separator).trim().slice(2).trim();
  let until: string | undefined;
  const codes: string[] = [];
  for (const word of head.split(/[\s,]+/)) {
    if (word === '') continue;
    if (word.toLowerCase().startsWith('until=')) until = word.slice(6);
    else codes.push(word);
  }
  return { codes, reason: reason || undefined, until };
}

interface Active {
  readonly directive: SuppressionDirective;
  readonly codes: ReadonlySet<string>;
  readonly reason: string;
}

/**
 * Marks the findings that a directive in the source covers as suppressed (they stay in the result:
 * SARIF reports them as suppressed), and reports directives that do not suppress: without a reason,
 * expired (`until` before `now`), with a malformed date or an unknown rule. A suppressed finding keeps
 * its severity; the caller decides what suppressed findings count for.
 */
export function applySuppressions(findings: readonly Finding[], graph: ResourceGraph, rules: RuleLookup, now: Date): { findings: Finding[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const byFile = new Map<string, Active[]>();
  // Every document is read for its directives, not only those with findings: an expired suppression
  // must say so even when the problem it hid has been fixed in the meantime.
  for (const file of graph.documentFiles()) {
    const directives = graph.document(file)?.suppressions?.() ?? [];
    const warnings: Diagnostic[] = [];
    for (const d of directives) {
      const active = check(d, graph, rules, now, warnings);
      if (!active) continue;
      const list = byFile.get(d.file) ?? [];
      list.push(active);
      byFile.set(d.file, list);
    }
    // In the order of the file, whichever syntax each directive uses.
    diagnostics.push(...warnings.sort((a, b) => (a.span?.start.offset ?? 0) - (b.span?.start.offset ?? 0)));
  }
  if (byFile.size === 0) return { findings: [...findings], diagnostics };
  const out = findings.map((f) => {
    const hit = matching(f, byFile);
    if (!hit) return f;
    const d = hit.directive;
    const suppression: FindingSuppression = {
      kind: 'inSource',
      justification: hit.reason,
      ...(d.until ? { until: d.until } : {}),
      file: d.file,
      span: graph.span(d.at),
    };
    return { ...f, suppression };
  });
  return { findings: out, diagnostics };
}

function check(d: SuppressionDirective, graph: ResourceGraph, rules: RuleLookup, now: Date, diagnostics: Diagnostic[]): Active | undefined {
  const warn = (message: string) => diagnostics.push({ severity: 'warning', file: d.file, ref: d.at, ...spanOf(graph, d.at), message });
  const codes = new Set<string>();
  for (const written of d.codes) {
    const rule = rules(written);
    if (rule) codes.add(rule.code);
    else if (!d.foreignCodesAllowed) warn(`${d.syntax} names "${written}", which is no sigil rule (run "sigil rules" for the list)`);
  }
  if (codes.size === 0) {
    if (d.codes.length === 0 && !d.foreignCodesAllowed) warn(`${d.syntax} names no rule; write the rule code, e.g. SIG303`);
    return undefined;
  }
  const named = [...codes].join(', ');
  if (!d.reason) {
    warn(`suppression of ${named} has no reason, so it does not apply; ${reasonHint(d.syntax, [...codes][0] as string)}`);
    return undefined;
  }
  if (d.until !== undefined) {
    const end = untilEnd(d.until);
    if (!end) {
      warn(`suppression of ${named} has the date "${d.until}", which is not a date (YYYY-MM-DD), so it does not apply`);
      return undefined;
    }
    if (now.getTime() >= end.getTime()) {
      warn(`suppression of ${named} expired on ${d.until}; the findings it hid are reported again`);
      return undefined;
    }
  }
  return { directive: d, codes, reason: d.reason };
}

function reasonHint(syntax: string, code: string): string {
  if (syntax === '#disable-next-line') return `write it in a comment: "#disable-next-line ${code} // why"`;
  if (syntax.startsWith('metadata')) return 'add "reason": "why"';
  return `write it after " -- ": "${code} -- why"`;
}

function spanOf(graph: ResourceGraph, ref: SourceRef): { span?: Span } {
  const span = graph.span(ref);
  return span ? { span } : {};
}

function matching(f: Finding, byFile: ReadonlyMap<string, Active[]>): Active | undefined {
  const line = f.span?.start.line;
  for (const a of byFile.get(f.file) ?? []) {
    if (!a.codes.has(f.code)) continue;
    const t = a.directive.target;
    if (t.kind === 'line' ? t.line === line : startsWith(f.ref.path, t.path)) return a;
  }
  // An object-level directive also covers findings whose resource is declared inside that object, when
  // the finding itself points elsewhere (a parameters file line).
  const decl = f.declaration;
  if (decl?.path) {
    for (const a of byFile.get(decl.file) ?? []) {
      const t = a.directive.target;
      if (a.codes.has(f.code) && t.kind === 'object' && startsWith(decl.path, t.path)) return a;
    }
  }
  return undefined;
}

function startsWith(path: JsonPath | undefined, prefix: JsonPath): boolean {
  if (!path || path.length < prefix.length) return false;
  return prefix.every((step, i) => path[i] === step);
}
