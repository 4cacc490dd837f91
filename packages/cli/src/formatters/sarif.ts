import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type * as Sarif from 'sarif';
import { pathText, REPOSITORY_URL, type FindingSuppression, type Span, type Rule, type RuleSeverity } from '@sigil/core';
import type { FormatInput } from './types.js';
import { diagnosticSpan, fingerprint, relativeToRoot } from './location.js';

const LEVEL: Record<string, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', note: 'note' };

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: paths relative to %SRCROOT%, rules with help and
 * helpUri, stable partial fingerprints, and input errors as tool notifications.
 */
export function formatSarif(input: FormatInput): string {
  const ruleIndex = new Map(input.rules.map((r, i) => [r.code, i]));
  const rootUri = `${pathToFileURL(input.root).href.replace(/\/?$/, '/')}`;
  const artifact = (file: string): Sarif.ArtifactLocation => {
    const rel = relativeToRoot(file, input.root);
    return rel !== undefined ? { uri: encodeURI(rel), uriBaseId: '%SRCROOT%' } : { uri: pathToFileURL(resolve(input.root, file)).href };
  };
  const region = (span: Span | undefined): Sarif.Region | undefined =>
    span && { startLine: span.start.line, startColumn: span.start.column, endLine: span.end.line, endColumn: span.end.column };
  const location = (file: string, span: Span | undefined, message?: string, id?: number): Sarif.Location => {
    const r = region(span);
    return {
      ...(id !== undefined ? { id } : {}),
      physicalLocation: { artifactLocation: artifact(file), ...(r ? { region: r } : {}) },
      ...(message ? { message: { text: message } } : {}),
    };
  };

  const results: Sarif.Result[] = input.findings.map((f) => ({
    ruleId: f.code,
    ...(ruleIndex.has(f.code) ? { ruleIndex: ruleIndex.get(f.code) as number } : {}),
    level: LEVEL[f.severity] ?? 'error',
    message: { text: f.message },
    locations: [location(f.file, f.span)],
    ...(f.related.length > 0 ? { relatedLocations: f.related.map((r, i) => location(r.file, r.span, r.message, i + 1)) } : {}),
    partialFingerprints: { 'sigil/v1': fingerprint(f, input.root) },
    ...(f.suppression ? { suppressions: [suppressionOf(f.suppression, location)] } : {}),
    properties: { resourceType: f.resource.type, resourceName: f.resource.name, property: pathText(f.path) },
  }));

  const notifications: Sarif.Notification[] = input.diagnostics
    .filter((d) => d.severity === 'error' || input.verbose)
    .map((d) => ({
      level: d.severity === 'error' ? 'error' : 'note',
      message: { text: d.message },
      locations: [location(d.file, diagnosticSpan(d, input.graph))],
    }));

  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sigil',
            version: input.toolVersion,
            semanticVersion: input.toolVersion,
            informationUri: REPOSITORY_URL,
            rules: input.rules.map((r) => describeRule(r, input.docsUrl(r.code), input.severity?.[r.code] ?? r.meta.severity)),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: rootUri } },
        invocations: [{ executionSuccessful: !input.diagnostics.some((d) => d.severity === 'error'), toolExecutionNotifications: notifications }],
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * A suppressed finding stays in the log, marked: `inSource` for a directive in the file (with its
 * location), `external` for a baseline. GitHub code scanning shows such results as closed alerts.
 */
function suppressionOf(s: FindingSuppression, location: (file: string, span: Span | undefined) => Sarif.Location): Sarif.Suppression {
  return {
    kind: s.kind,
    status: 'accepted',
    justification: s.until ? `${s.justification} (until ${s.until})` : s.justification,
    location: location(s.file, s.span),
  };
}

function describeRule(rule: Rule, helpUri: string | undefined, severity: RuleSeverity): Sarif.ReportingDescriptor {
  const errors = rule.meta.azureErrors.map((e) => `- ${e}`).join('\n');
  const markdown = [
    `**${rule.meta.title}**`,
    '',
    rule.meta.summary,
    '',
    '**How to fix:** ' + rule.meta.fix,
    ...(errors ? ['', 'Prevents these Azure errors:', '', errors] : []),
    ...(helpUri ? ['', `[Documentation](${helpUri})`] : []),
  ].join('\n');
  return {
    id: rule.code,
    name: toPascal(rule.name),
    shortDescription: { text: rule.meta.title },
    fullDescription: { text: rule.meta.summary },
    help: { text: `${rule.meta.summary}\n\nHow to fix: ${rule.meta.fix}`, markdown },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[severity] ?? 'error' },
    properties: {
      tags: ['azure', 'compute-gallery', 'iac', ...rule.meta.resourceTypes.map((t) => t.split('/').slice(1).join('/'))],
      precision: 'very-high',
      'problem.severity': severity === 'note' ? 'recommendation' : severity,
    },
  };
}

/** SARIF rule names are conventionally PascalCase identifiers. */
function toPascal(kebab: string): string {
  return kebab.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}
