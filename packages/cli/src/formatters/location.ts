import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { LineIndex, pathText, type Diagnostic, type Finding, type ResourceGraph, type Span } from '@sigil/core';

/**
 * A file path relative to the root, with forward slashes; undefined when outside the root. Relative
 * paths are relative to the root already (the CLI shows paths relative to its working directory).
 */
export function relativeToRoot(file: string, root: string): string | undefined {
  const rel = relative(root, resolve(root, file));
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/**
 * A fingerprint that survives edits elsewhere in the file: the rule, the file, the resource and the
 * offending property, never a line number.
 */
export function fingerprint(f: Finding, root: string): string {
  const file = relativeToRoot(f.file, root) ?? f.file;
  return createHash('sha256')
    .update([f.code, file, f.resource.type.toLowerCase(), f.resource.name.toLowerCase(), pathText(f.path), f.messageId].join('\0'))
    .digest('hex')
    .slice(0, 32);
}

/** The span of a diagnostic, resolving a source reference when needed. */
export function diagnosticSpan(d: Diagnostic, graph: ResourceGraph): Span | undefined {
  return d.span ?? (d.ref ? graph.span(d.ref) : undefined);
}

const lineIndexes = new WeakMap<object, LineIndex>();

/** The line index of a linted file (cached per document). */
export function linesOf(graph: ResourceGraph, file: string): LineIndex | undefined {
  const doc = graph.document(file);
  if (!doc) return undefined;
  let index = lineIndexes.get(doc);
  if (!index) lineIndexes.set(doc, (index = new LineIndex(doc.text)));
  return index;
}
