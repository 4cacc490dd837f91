import type { JSONScanner } from 'jsonc-parser';
import { jsonc } from './jsonc.js';
import type { JsonPath } from '@sigil/core';

/**
 * jsonc-parser's token kinds. Its `SyntaxKind` is a `const enum` that `verbatimModuleSyntax` cannot
 * import, so the values are restated here (jsonc-parser 3.x, `SyntaxKind` in main.d.ts).
 */
const SyntaxKind = {
  OpenBraceToken: 1,
  CloseBraceToken: 2,
  OpenBracketToken: 3,
  CloseBracketToken: 4,
  CommaToken: 5,
  ColonToken: 6,
  StringLiteral: 10,
  EOF: 17,
} as const;

/** The text range of a value: `[offset, offset + length)`. */
export interface Range {
  readonly offset: number;
  readonly length: number;
}

/**
 * Finds the value at `path` by scanning tokens, without building a syntax tree: a file with a finding
 * needs two or three locations, not a node for every value. Returns the value at the deepest prefix of
 * the path that exists. A repeated key resolves to its last occurrence, as parsing does. Values that are
 * not on the path are skipped by bracket counting (no recursion, so nesting depth costs nothing).
 */
export function scanPath(text: string, path: JsonPath): Range | undefined {
  const sc = jsonc().createScanner(text, true);
  let token = next(sc);
  if (token === SyntaxKind.EOF) return undefined;
  for (let depth = 0; ; depth++) {
    const start = sc.getTokenOffset();
    const step = path[depth];
    if (step === undefined) return { offset: start, length: skipValue(sc, token) - start };
    let match: number | undefined;
    if (token === SyntaxKind.OpenBraceToken && typeof step === 'string') {
      match = findProperty(sc, step);
    } else if (token === SyntaxKind.OpenBracketToken && typeof step === 'number') {
      match = findElement(sc, step);
    }
    if (match === undefined) {
      sc.setPosition(start);
      const first = next(sc);
      return { offset: start, length: skipValue(sc, first) - start };
    }
    sc.setPosition(match);
    token = next(sc);
  }
}

function next(sc: JSONScanner): number {
  return sc.scan();
}

/** Skips the value starting at the current token; returns the offset just after it. */
function skipValue(sc: JSONScanner, token: number): number {
  if (token !== SyntaxKind.OpenBraceToken && token !== SyntaxKind.OpenBracketToken) {
    return sc.getTokenOffset() + sc.getTokenLength();
  }
  let depth = 0;
  let t: number = token;
  for (;;) {
    if (t === SyntaxKind.OpenBraceToken || t === SyntaxKind.OpenBracketToken) depth++;
    else if (t === SyntaxKind.CloseBraceToken || t === SyntaxKind.CloseBracketToken) depth--;
    if (depth === 0 || t === SyntaxKind.EOF) return sc.getTokenOffset() + sc.getTokenLength();
    t = next(sc);
  }
}

/** In an object (current token `{`): the offset of the value of the last property named `key`. */
function findProperty(sc: JSONScanner, key: string): number | undefined {
  let found: number | undefined;
  let t = next(sc);
  while (t !== SyntaxKind.CloseBraceToken && t !== SyntaxKind.EOF) {
    if (t === SyntaxKind.CommaToken) {
      t = next(sc);
      continue;
    }
    if (t !== SyntaxKind.StringLiteral) return found;
    const name = sc.getTokenValue();
    if (next(sc) !== SyntaxKind.ColonToken) return found;
    t = next(sc);
    if (name === key) found = sc.getTokenOffset();
    skipValue(sc, t);
    t = next(sc);
  }
  return found;
}

/** In an array (current token `[`): the offset of element `index`. */
function findElement(sc: JSONScanner, index: number): number | undefined {
  let t = next(sc);
  let i = 0;
  while (t !== SyntaxKind.CloseBracketToken && t !== SyntaxKind.EOF) {
    if (t === SyntaxKind.CommaToken) {
      t = next(sc);
      continue;
    }
    if (i === index) return sc.getTokenOffset();
    skipValue(sc, t);
    i++;
    t = next(sc);
  }
  return undefined;
}
