import type { Node, ParseError } from 'jsonc-parser';
import { jsonc } from './jsonc.js';
import { scanPath } from './locate.js';
import { LineIndex, type JsonPath, type SourceDocument, type Span, type SuppressionDirective, type Value, defineKey } from '@sigil/core';
import { jsonSuppressions } from './suppressions.js';

/** A JSON syntax problem, with its position. */
export interface JsonProblem {
  readonly message: string;
  readonly span: Span;
}

/**
 * Decodes file bytes: UTF-8 (with or without BOM) and UTF-16 with a BOM, as Azure tooling accepts.
 * The BOM is removed, so column 1 is the first character an editor shows.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * A JSON or JSONC file (ARM allows comments and trailing commas). Parsing takes the fast path
 * (`JSON.parse`) when the text is strict JSON; line and column information is computed only when a
 * finding or an error needs it.
 */
export class JsonDocument implements SourceDocument {
  /** The text, without a byte order mark (columns count from the first visible character). */
  readonly text: string;
  readonly value: Value | undefined;
  readonly problems: readonly JsonProblem[];
  private tree: Node | undefined | null = null;
  private lines: LineIndex | undefined;
  private directives: SuppressionDirective[] | undefined;

  constructor(
    readonly file: string,
    source: string,
  ) {
    const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    this.text = text;
    const strict = tryStrict(text);
    if (strict.ok) {
      this.value = strict.value;
      this.problems = [];
      return;
    }
    const errors: ParseError[] = [];
    let tree: Node | undefined;
    try {
      tree = jsonc().parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      this.value = undefined;
      this.problems = [{ message: 'the JSON is nested too deeply to read', span: this.lineIndex().span(0, 0) }];
      return;
    }
    this.tree = tree;
    this.problems = errors.map((e) => ({
      message: describeError(jsonc().printParseErrorCode(e.error), text, e.offset),
      span: this.lineIndex().span(e.offset, e.length),
    }));
    this.value = this.problems.length === 0 && tree ? toValue(tree) : undefined;
  }

  lineIndex(): LineIndex {
    this.lines ??= new LineIndex(this.text);
    return this.lines;
  }

  /** Suppression comments, `metadata.sigil.suppress` and Terraform `"//"` properties (see `jsonSuppressions`). */
  suppressions(): readonly SuppressionDirective[] {
    this.directives ??= jsonSuppressions(this);
    return this.directives;
  }

  /** The span of the value at `path`, or of its nearest ancestor that exists. */
  locate(path: JsonPath): Span | undefined {
    // A file with findings is asked for about ten locations: one syntax tree serves them all. Where the
    // tree cannot be built (nesting beyond the stack), scanning tokens still finds the value.
    const tree = this.syntaxTree();
    if (tree) {
      const { node } = nodeAt(tree, path);
      return this.lineIndex().span(node.offset, node.length);
    }
    const range = scanPath(this.text, path);
    return range ? this.lineIndex().span(range.offset, range.length) : undefined;
  }

  /** The span of the property key at `path` (for messages about a key rather than its value). */
  locateKey(path: JsonPath): Span | undefined {
    const tree = this.syntaxTree();
    if (!tree) return undefined;
    const { node, found } = nodeAt(tree, path);
    const keyNode = found === path.length && node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    return keyNode ? this.lineIndex().span(keyNode.offset, keyNode.length) : this.locate(path);
  }

  private syntaxTree(): Node | undefined {
    if (this.tree === null) {
      try {
        this.tree = jsonc().parseTree(this.text, [], { allowTrailingComma: true, disallowComments: false }) ?? undefined;
      } catch {
        this.tree = undefined; // nested beyond the stack: spans fall back to the file
      }
    }
    return this.tree;
  }
}

/**
 * The node at `path`, or its deepest ancestor that exists (`found` steps of the path matched). A key
 * written twice resolves to its last occurrence, the one whose value `JSON.parse` and `toValue` keep
 * (jsonc-parser's `findNodeAtLocation` takes the first, which pointed findings at the ignored copy).
 */
function nodeAt(root: Node, path: JsonPath): { node: Node; found: number } {
  let node = root;
  let found = 0;
  for (const step of path) {
    let next: Node | undefined;
    if (typeof step === 'string') {
      if (node.type !== 'object') break;
      for (const prop of node.children ?? []) {
        if (prop.children?.length === 2 && prop.children[0]?.value === step) next = prop.children[1];
      }
    } else if (node.type === 'array') {
      next = node.children?.[step];
    }
    if (!next) break;
    node = next;
    found++;
  }
  return { node, found };
}

function tryStrict(text: string): { ok: true; value: Value } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as Value };
  } catch {
    return { ok: false };
  }
}

const ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: '":" is expected',
  CommaExpected: '"," is expected',
  CloseBraceExpected: '"}" is expected',
  CloseBracketExpected: '"]" is expected',
  EndOfFileExpected: 'unexpected content after the end of the JSON value',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

function describeError(code: string, text: string, offset: number): string {
  const what = ERROR_TEXT[code] ?? code;
  if (offset >= text.length) return `${what} (the file ends too early)`;
  return `${what}`;
}

/** Converts a syntax tree to a value without ever assigning `__proto__` (no prototype surprises). */
function toValue(node: Node): Value {
  const stack: { node: Node; set: (v: Value) => void }[] = [];
  let root: Value = null;
  stack.push({ node, set: (v) => (root = v) });
  while (stack.length > 0) {
    const { node: n, set } = stack.pop() as { node: Node; set: (v: Value) => void };
    switch (n.type) {
      case 'object': {
        const obj: Record<string, Value> = {};
        set(obj);
        // A repeated key keeps its first position and its last value, as JSON.parse does: the
        // JSONC path must not read a file differently from the strict path.
        const last = new Map<string, Node>();
        for (const prop of n.children ?? []) {
          const [key, val] = prop.children ?? [];
          if (!key || !val) continue;
          const k = key.value as string;
          if (!last.has(k)) defineKey(obj, k, null);
          last.set(k, val);
        }
        for (const [k, val] of last) stack.push({ node: val, set: (v) => defineKey(obj, k, v) });
        break;
      }
      case 'array': {
        const arr: Value[] = [];
        set(arr);
        (n.children ?? []).forEach((child, i) => {
          arr.push(null);
          stack.push({ node: child, set: (v) => (arr[i] = v) });
        });
        break;
      }
      default:
        set(n.value as Value);
    }
  }
  return root;
}
