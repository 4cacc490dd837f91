import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import * as assert from 'uvu/assert';
import { decodeText } from '@sigil/arm';
import type { Finding } from '@sigil/core';
import { fixtureFormatOf, type FixtureFormat } from './rule-tester.js';

/**
 * The same case written in another format gives the same findings: same codes, message ids and
 * messages, each located in a file of that format, on text that writes the same value as the text the
 * primary format's finding points at (`'westeurope'` in Bicep where ARM has `"westeurope"`). Values
 * that are not literals on both sides (an object, an expression) are compared by message only.
 */
export function assertParity(mine: readonly Finding[], theirs: readonly Finding[], dir: string, format: FixtureFormat): void {
  const key = (f: Finding) => `${f.code} ${f.messageId} ${f.message}`;
  const sorted = (list: readonly Finding[]) => [...list].sort((a, b) => compare(key(a), key(b)) || (a.span?.start.offset ?? 0) - (b.span?.start.offset ?? 0));
  const a = sorted(mine);
  const b = sorted(theirs);
  assert.equal(a.map(key), b.map(key), `${format} findings = primary findings`);
  a.forEach((finding, i) => {
    const where = relative(dir, finding.file).split(sep).join('/');
    assert.is(fixtureFormatOf(finding.file), format, `${finding.message}: located in a ${format} file, not ${where}`);
    assert.ok(finding.span, `${finding.message}: has a span in ${where}`);
    const other = b[i] as Finding;
    const mineValue = literalAt(finding, format);
    const theirValue = literalAt(other, fixtureFormatOf(other.file) ?? 'arm');
    if (mineValue !== NOT_LITERAL && theirValue !== NOT_LITERAL) {
      assert.equal(nameSegment(finding, mineValue), nameSegment(other, theirValue), `${finding.message}: the ${format} span (${where}:${finding.span.start.line}:${finding.span.start.column}) writes the same value`);
    }
  });
}

/**
 * A child resource's name is written whole in ARM (`gallery/image/1.0.0`) and as its last segment where
 * the parent is given apart (Bicep `parent:`, Terraform `gallery_name`, azapi `parent_id`): a finding on
 * the name compares that segment.
 */
function nameSegment(f: Finding, value: unknown): unknown {
  const onName = f.path.length === 1 && typeof f.path[0] === 'string' && f.path[0].toLowerCase() === 'name';
  return onName && typeof value === 'string' ? value.slice(value.lastIndexOf('/') + 1) : value;
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

const NOT_LITERAL = Symbol('not a literal');

/** The literal value the finding's span covers, or NOT_LITERAL. */
function literalAt(f: Finding, format: FixtureFormat): unknown {
  if (!f.span) return NOT_LITERAL;
  const text = decodeText(readFileSync(f.file)).slice(f.span.start.offset, f.span.end.offset).trim();
  return format === 'bicep' ? bicepLiteral(text) : jsonLiteral(text, format === 'arm');
}

function jsonLiteral(text: string, arm: boolean): unknown {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null) return NOT_LITERAL;
    if (typeof v === 'string' && arm && v.startsWith('[')) return v.startsWith('[[') ? v.slice(1) : NOT_LITERAL;
    if (typeof v === 'string' && !arm && v.includes('${')) return NOT_LITERAL;
    return v;
  } catch {
    return NOT_LITERAL;
  }
}

const BICEP_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

/** A Bicep string without interpolation, an integer, or true/false/null. */
function bicepLiteral(text: string): unknown {
  if (/^-?\d+$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  const m = /^'((?:[^'\\$]|\\.|\$(?!\{))*)'$/s.exec(text);
  if (!m) return NOT_LITERAL;
  return (m[1] as string).replace(/\\u\{([0-9a-fA-F]+)\}|\\(.)/g, (_all, hex: string | undefined, c: string | undefined) =>
    hex !== undefined ? String.fromCodePoint(parseInt(hex, 16)) : BICEP_ESCAPES[c as string] ?? `\\${c}`);
}
