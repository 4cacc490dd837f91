import { parseDirectiveText, type JsonPath, type SuppressionDirective, type Value } from '@sigil/core';
import { jsonc } from './jsonc.js';
import type { JsonDocument } from './document.js';

const COMMENT_KEYWORD = 'sigil-disable-next-line';
const PROPERTY_KEYWORD = 'sigil-disable';
/** Objects visited when looking for `metadata.sigil` and `"//"`: a bound for hostile files. */
const MAX_OBJECTS = 200_000;

/**
 * The suppressions of a JSON file, in the three places JSON formats allow them:
 * - a comment (ARM templates are JSONC): `// sigil-disable-next-line SIG303 until=2027-06-30 -- reason`
 *   covers findings on the next line;
 * - ARM metadata on a resource (or the template): `"metadata": {"sigil": {"suppress": [{"code":
 *   "SIG303", "reason": "...", "until": "2027-06-30"}]}}` covers the object and everything in it;
 * - a Terraform JSON comment property, which Terraform ignores: `"//": "sigil-disable SIG303 -- reason"`
 *   in a resource block (or any block) covers that block and everything in it.
 */
export function jsonSuppressions(doc: JsonDocument): SuppressionDirective[] {
  const out: SuppressionDirective[] = [];
  if (doc.text.includes(COMMENT_KEYWORD)) commentDirectives(doc, out);
  if (doc.value !== undefined && (doc.text.includes('"sigil"') || doc.text.includes('"//"'))) objectDirectives(doc, doc.value, out);
  return out;
}

function commentDirectives(doc: JsonDocument, out: SuppressionDirective[]): void {
  const scanner = jsonc().createScanner(doc.text, false);
  const lines = doc.lineIndex();
  for (let token = scanner.scan(); token !== jsonc().SyntaxKind.EOF; token = scanner.scan()) {
    const line = token === jsonc().SyntaxKind.LineCommentTrivia;
    if (!line && token !== jsonc().SyntaxKind.BlockCommentTrivia) continue;
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    const body = doc.text.slice(start + 2, line ? end : Math.max(start + 2, end - 2)).trim();
    if (!body.startsWith(COMMENT_KEYWORD) || /\S/.test(body.charAt(COMMENT_KEYWORD.length))) continue;
    const parsed = parseDirectiveText(body.slice(COMMENT_KEYWORD.length));
    out.push({
      file: doc.file,
      at: { file: doc.file, span: lines.span(start, end - start) },
      ...parsed,
      target: { kind: 'line', line: lines.position(end).line + 1 },
      syntax: `// ${COMMENT_KEYWORD}`,
    });
  }
}

/** A node of the walk; its path is built from its parents only where a directive is found. */
interface Visit {
  readonly value: Value;
  readonly parent: Visit | undefined;
  readonly key: string | number | undefined;
}

function pathOf(visit: Visit): JsonPath {
  const path: (string | number)[] = [];
  for (let v: Visit | undefined = visit; v?.parent; v = v.parent) path.push(v.key as string | number);
  return path.reverse();
}

function objectDirectives(doc: JsonDocument, root: Value, out: SuppressionDirective[]): void {
  const stack: Visit[] = [{ value: root, parent: undefined, key: undefined }];
  let visited = 0;
  while (stack.length > 0 && visited++ < MAX_OBJECTS) {
    const visit = stack.pop() as Visit;
    const value = visit.value;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const v = value[i] as Value;
        if (v !== null && typeof v === 'object') stack.push({ value: v, parent: visit, key: i });
      }
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const obj = value as Record<string, Value>;
    const metadata = Object.hasOwn(obj, 'metadata') ? obj['metadata'] : undefined;
    if (metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) && Object.hasOwn(metadata, 'sigil')) {
      metadataDirectives(doc, (metadata as Record<string, Value>)['sigil'] as Value, pathOf(visit), out);
    }
    if (Object.hasOwn(obj, '//')) commentProperty(doc, obj['//'] as Value, pathOf(visit), out);
    const entries = Object.entries(obj);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, v] = entries[i] as [string, Value];
      if (v !== null && typeof v === 'object') stack.push({ value: v, parent: visit, key });
    }
  }
}

function metadataDirectives(doc: JsonDocument, sigil: Value, path: JsonPath, out: SuppressionDirective[]): void {
  const base = [...path, 'metadata', 'sigil'];
  const suppress = sigil !== null && typeof sigil === 'object' && !Array.isArray(sigil) ? (sigil as Record<string, Value>)['suppress'] : undefined;
  const entries = Array.isArray(suppress) ? suppress : [null];
  entries.forEach((entry, i) => {
    const e = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, Value>) : {};
    const text = (v: Value | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    const code = e['code'];
    out.push({
      file: doc.file,
      at: { file: doc.file, path: Array.isArray(suppress) ? [...base, 'suppress', i] : base },
      codes: typeof code === 'string' ? [code] : Array.isArray(code) ? code.filter((c): c is string => typeof c === 'string') : [],
      reason: text(e['reason']),
      until: typeof e['until'] === 'string' ? e['until'] : undefined,
      target: { kind: 'object', path },
      syntax: 'metadata.sigil.suppress',
    });
  });
}

function commentProperty(doc: JsonDocument, value: Value, path: JsonPath, out: SuppressionDirective[]): void {
  const texts = typeof value === 'string' ? [[value, [...path, '//']] as const] : Array.isArray(value) ? value.map((v, i) => [v, [...path, '//', i]] as const) : [];
  for (const [text, at] of texts) {
    if (typeof text !== 'string') continue;
    const body = text.trim();
    if (!body.startsWith(PROPERTY_KEYWORD) || /\S/.test(body.charAt(PROPERTY_KEYWORD.length))) continue;
    out.push({
      file: doc.file,
      at: { file: doc.file, path: at },
      ...parseDirectiveText(body.slice(PROPERTY_KEYWORD.length)),
      target: { kind: 'object', path },
      syntax: `"//": "${PROPERTY_KEYWORD}"`,
    });
  }
}
