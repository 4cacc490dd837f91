import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResourceGraph, isUnknown, type Diagnostic, type Resource, type SourceRef, type Span, type Value } from '@sigil/core';
import { loadArm, type ArmLoadOptions, type LoadedFile } from '../src/index.js';

export const TEMPLATE_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
export const PARAMETERS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';
export const GALLERY = 'Microsoft.Compute/galleries';
export const IMAGE = 'Microsoft.Compute/galleries/images';
export const DEPLOYMENT = 'Microsoft.Resources/deployments';

/** A template object with the usual header. */
export function template(body: Record<string, unknown>): Record<string, unknown> {
  return { $schema: TEMPLATE_SCHEMA, contentVersion: '1.0.0.0', ...body };
}

export function parametersFile(values: Record<string, unknown>): Record<string, unknown> {
  return { $schema: PARAMETERS_SCHEMA, contentVersion: '1.0.0.0', parameters: values };
}

export const VIRTUAL = 'virtual/main.json';

/** Loads one template given as an object (pretty-printed) or as text, without touching the disk. */
export function load(t: Record<string, unknown> | string, options: ArmLoadOptions = {}): { graph: ResourceGraph; loaded: LoadedFile[] } {
  const graph = new ResourceGraph();
  const text = typeof t === 'string' ? t : JSON.stringify(t, null, 2);
  const loaded = loadArm([{ path: VIRTUAL, explicit: true, text }], graph, options);
  return { graph, loaded };
}

/** `line:column-line:column` of a span (1-based, end exclusive). */
export function where(span: Span | undefined): string | undefined {
  return span && `${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}`;
}

/** The 0-based offset of a 1-based line and column, computed from the text independently of LineIndex. */
export function offsetAt(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += (lines[i] as string).length + 1;
  return offset + column - 1;
}

/** A source reference resolved to `file path @ line:column-line:column`. */
export function refText(graph: ResourceGraph, ref: SourceRef): string {
  return `${ref.file} ${JSON.stringify(ref.path ?? null)} @${where(graph.span(ref)) ?? '?'}`;
}

/** Diagnostics as `[severity, message, path]` triples, to compare whole lists. */
export function diagnostics(graph: ResourceGraph): [string, string, unknown][] {
  return graph.diagnostics.map((d: Diagnostic) => [d.severity, d.message, d.ref?.path ?? (d.span ? where(d.span) : null)]);
}

/** Resources as `type | fullName | label` lines; unknown names shown through their reason. */
export function summary(graph: ResourceGraph): string[] {
  return graph.resources.map((r: Resource) => `${r.type} | ${show(r.fullName)} | ${r.label}`);
}

export function show(v: Value | undefined): string {
  if (v === undefined) return 'undefined';
  if (isUnknown(v)) return `<unknown: ${v.reason}>`;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The reason of a value that must be Unknown (fails otherwise). */
export function reasonOf(v: Value | undefined): string {
  if (!isUnknown(v)) throw new Error(`expected an Unknown, got ${JSON.stringify(v)}`);
  return v.reason;
}

/** JSON of a value with Unknowns shown as `<unknown: reason>`, for comparing evaluated bodies whole. */
export function plain(v: Value | undefined): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v)) as unknown;
}

export function tempDir(): { dir: string; path: (...p: string[]) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-arm-test-'));
  return { dir, path: (...p) => join(dir, ...p), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function resource(graph: ResourceGraph, label: string): Resource {
  const found = graph.resources.filter((r) => r.label === label);
  if (found.length !== 1) throw new Error(`expected one resource labelled ${label}, found ${found.length}: ${summary(graph).join('; ')}`);
  return found[0] as Resource;
}
