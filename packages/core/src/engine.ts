import type { Value } from './value.js';
import { describePartial } from './unknown.js';
import { Budget, LimitError } from './limits.js';
import type { JsonPath, SourceRef } from './source.js';
import type { Resource, ResourceGraph } from './graph.js';
import type { RelatedReport, Rule } from './rule.js';
import type { Evidence, Outcome } from './policy/types.js';
import { type Finding, type RelatedLocation, formatMessage } from './finding.js';

export interface EngineOptions {
  /** The clock for date rules (`--now`, SOURCE_DATE_EPOCH). */
  readonly now: Date;
  /** Rule options by rule code, over the rules' parameter defaults. */
  readonly parameters?: Readonly<Record<string, Readonly<Record<string, Value>>>>;
}

/** Parameter values for a rule: its defaults, overridden by the user's options. */
export function ruleParameters(rule: Rule, overrides?: Readonly<Record<string, Value>>): Record<string, Value> {
  const values: Record<string, Value> = {};
  for (const [name, p] of Object.entries(rule.parameters ?? {})) values[name] = p.defaultValue;
  return { ...values, ...(overrides ?? {}) };
}

/** Runs rules over a graph. Only a certain violation becomes a finding: unknown outcomes are silent. */
export function lint(graph: ResourceGraph, rules: readonly Rule[], options: EngineOptions): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const parameters = ruleParameters(rule, options.parameters?.[rule.code]);
    if (rule.condition !== undefined) findings.push(...runCondition(graph, rule, parameters, options.now));
    if (rule.check) {
      for (const report of rule.check({ graph, now: options.now, parameters })) {
        const data: Record<string, Value | undefined> = { ...(report.data ?? {}) };
        const finding = makeFinding(graph, rule, report.resource, report.path ?? [], report.messageId, data);
        findings.push(report.related ? { ...finding, related: [...finding.related, ...report.related.map((r) => relatedLocation(graph, r))] } : finding);
      }
    }
  }
  return findings.sort(compareFindings);
}

function runCondition(graph: ResourceGraph, rule: Rule, parameters: Record<string, Value>, now: Date): Finding[] {
  const out: Finding[] = [];
  for (const type of new Set(rule.meta.resourceTypes.map((t) => t.toLowerCase()))) {
    for (const resource of graph.ofType(type)) {
      if (!resource.deployed) continue;
      // Compiled on the first resource it concerns: a run over templates without gallery resources
      // never pays for the large generated conditions.
      const compiled = rule.lintCondition;
      if (!compiled) return out;
      noticeOnce(graph, rule, resource);
      let outcome: Outcome;
      try {
        outcome = compiled.evaluate({ resource, parameters, now }, new Budget());
      } catch (e) {
        if (!(e instanceof LimitError)) throw e;
        graph.diagnose({ severity: 'note', file: resource.file, ref: resource.declaration, message: `${rule.code} skipped ${resource.label}: ${e.message}` });
        continue;
      }
      if (outcome.verdict === 'unknown' || outcome.verdict === 'false') continue;
      out.push(...findingsFromOutcome(graph, rule, resource, outcome));
    }
  }
  return out;
}

const noticesSaid = new WeakMap<ResourceGraph, Set<string>>();

/** A rule's notice about a resource, said once per run however many resources it concerns. */
function noticeOnce(graph: ResourceGraph, rule: Rule, resource: Resource): void {
  const message = rule.notice?.(resource);
  if (message === undefined) return;
  let said = noticesSaid.get(graph);
  if (!said) noticesSaid.set(graph, (said = new Set()));
  const key = `${rule.code}\0${message}`;
  if (said.has(key)) return;
  said.add(key);
  graph.diagnose({ severity: 'warning', file: resource.file, ref: resource.declaration, message: `${rule.code} ${rule.name}: ${message}` });
}

function findingsFromOutcome(graph: ResourceGraph, rule: Rule, resource: Resource, outcome: Outcome): Finding[] {
  const reports = outcome.reports && outcome.reports.length > 0 ? outcome.reports : [{ messageId: 'default', evidence: outcome.evidence }];
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const report of reports) {
    const evidence = report.evidence.filter((e) => e.path.length > 0);
    const primary: Evidence | undefined = evidence[evidence.length - 1];
    const key = `${report.messageId}\0${JSON.stringify(primary?.path ?? [])}\0${safeJson(report.messageData)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const data: Record<string, Value | undefined> = {
      value: primary?.value,
      property: lastKey(primary?.path ?? []),
      ...(report.messageData ?? {}),
    };
    // A failed evaluation has no report, and a rule whose messages all belong to annotated branches
    // has no `default` message: its title stands in, rather than stopping the whole lint.
    const fallback = outcome.verdict === 'error' ? rule.meta.title : undefined;
    const finding = makeFinding(graph, rule, resource, primary?.path ?? [], report.messageId, data, fallback);
    out.push(
      outcome.verdict === 'error'
        ? {
            ...finding,
            message: `${finding.message} (Azure Policy fails this evaluation: ${outcome.reason ?? 'a template function failed'}, which acts as deny)`,
            evaluationError: outcome.reason ?? 'evaluation failed',
          }
        : finding,
    );
  }
  return out;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

function lastKey(path: JsonPath): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i];
    if (typeof step === 'string') return step;
  }
  return undefined;
}

function makeFinding(
  graph: ResourceGraph,
  rule: Rule,
  resource: Resource,
  path: JsonPath,
  messageId: string,
  data: Record<string, Value | undefined>,
  fallback?: string,
): Finding {
  const template = (rule.messages as Record<string, string>)[messageId] ?? (rule.messages as Record<string, string>)['default'] ?? fallback;
  if (template === undefined) throw new Error(`${rule.code}: no message "${messageId}" and no default message`);
  const name = describePartial(resource.fullName) ?? resource.label;
  const message = formatMessage(template, { name: typeof resource.name === 'string' ? resource.name : undefined, fullName: name, ...data });
  const { primary, declared } = path.length > 0 ? resource.locate(path) : { primary: nameRef(resource), declared: nameRef(resource) };
  const related: RelatedLocation[] = [];
  if (!sameRef(primary, declared)) {
    related.push({ file: declared.file, span: graph.span(declared), message: `used here by ${resource.type} "${name}"` });
  }
  return {
    code: rule.code,
    ruleName: rule.name,
    severity: rule.meta.severity,
    messageId,
    message,
    file: primary.file,
    span: graph.span(primary) ?? graph.span(resource.declaration),
    ref: primary,
    path,
    resource: { type: resource.type, name, label: resource.label },
    declaration: resource.declaration,
    related,
  };
}

function relatedLocation(graph: ResourceGraph, related: RelatedReport): RelatedLocation {
  const ref = related.path ? related.resource.locate(related.path).primary : nameRef(related.resource);
  return { file: ref.file, span: graph.span(ref) ?? graph.span(related.resource.declaration), message: related.message };
}

/** The resource's name property when it has one, else its declaration. */
function nameRef(resource: Resource): SourceRef {
  const { primary } = resource.locate(['name']);
  return primary;
}

function sameRef(a: SourceRef, b: SourceRef): boolean {
  if (a.file !== b.file) return false;
  if (a.range || b.range) return a.range?.start === b.range?.start && a.range?.end === b.range?.end;
  return JSON.stringify(a.path) === JSON.stringify(b.path);
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const la = a.span?.start.offset ?? -1;
  const lb = b.span?.start.offset ?? -1;
  if (la !== lb) return la - lb;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

