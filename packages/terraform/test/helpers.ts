import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ResourceGraph, lint, isUnknown, type Finding, type Limits, type Value } from '@sigil/core';
import { builtinRules } from '@sigil/rules';
import { loadTerraform } from '../src/index.js';

/** A folder of files written for one test; paths in results are relative to it. */
export interface Workspace {
  readonly dir: string;
  readonly graph: ResourceGraph;
  readonly findings: Finding[];
}

/**
 * Writes `files` (objects are pretty-printed JSON) to a temporary folder, loads them with the
 * Terraform frontend and runs the built-in rules (or the named ones).
 */
export function run(files: Record<string, unknown>, options: { codes?: readonly string[]; limits?: Limits; now?: string } = {}): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-tf-test-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
    }
    const graph = new ResourceGraph();
    loadTerraform(Object.keys(files).sort().map((name) => ({ path: name, explicit: false })), graph, { cwd: dir, ...(options.limits ? { limits: options.limits } : {}) });
    const rules = builtinRules.all.filter((r) => !options.codes || options.codes.includes(r.code));
    const findings = lint(graph, rules, { now: new Date(options.now ?? '2026-06-01T00:00:00Z') });
    // Spans are resolved while the files exist (the documents keep their text).
    return { dir, graph, findings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A finding as one line: `CODE file:line:col-line:col message`. */
export function line(f: Finding, dir = ''): string {
  const s = f.span;
  const file = dir ? relative(dir, f.file) : f.file;
  return `${f.code} ${file}:${s ? `${s.start.line}:${s.start.column}-${s.end.line}:${s.end.column}` : '?'} ${f.message}`;
}

export function lines(w: Workspace): string[] {
  return w.findings.map((f) => line(f));
}

/** Diagnostics as `severity file:line:col message`. */
export function diagnostics(w: Workspace): string[] {
  return w.graph.diagnostics.map((d) => {
    const span = d.span ?? (d.ref ? w.graph.span(d.ref) : undefined);
    return `${d.severity} ${d.file}${span ? `:${span.start.line}:${span.start.column}` : ''} ${d.message}`;
  });
}

export function show(v: Value | undefined): unknown {
  if (v === undefined) return undefined;
  if (isUnknown(v)) return `<unknown: ${v.reason}>`;
  return JSON.parse(JSON.stringify(v)) as unknown;
}

export const IMAGE_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-build/providers/Microsoft.Compute/images/ubuntu-base';

/** An azurerm_shared_image_version body with the given target regions. */
export function version(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    name: '1.0.0',
    gallery_name: 'contoso_images',
    image_name: 'ubuntu',
    resource_group_name: 'rg-images',
    location: 'westeurope',
    managed_image_id: IMAGE_ID,
    ...extra,
  };
}
