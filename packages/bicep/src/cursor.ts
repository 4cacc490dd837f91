import type { Identifier, StringLiteral, InterpolatedString, SyntaxError } from './ast.js';
import { MAX_ERRORS, Tok, TOKEN_TEXT, stringValue, showCharacter, type Tokens } from './lexer.js';

/**
 * How far a failure unwinds. Parse functions return early (with error nodes) while `unwind` is set;
 * the nearest recovery point (an object/array element, a call argument, a declaration) skips to its
 * terminators and clears `Failing`. `Abort` is only cleared by the top level: for nesting that is too
 * deep, and for unclosed brackets before a line that clearly starts a new declaration.
 */
export const Unwind = { None: 0, Failing: 1, Abort: 2 } as const;

/** Deeper expressions or types are reported instead of followed (the stack stays small). */
export const MAX_DEPTH = 256;

/** Words that start a top-level declaration. */
const DECLARATION_KEYWORDS = new Set([
  'param', 'var', 'resource', 'module', 'output', 'type', 'func', 'import', 'using', 'extends', 'metadata',
  'targetScope', 'extension', 'extensionConfig', 'assert', 'test',
]);

export class Cursor {
  /** Index of the current token. */
  i = 0;
  unwind: number = Unwind.None;
  depth = 0;
  /** End offset of the last token consumed other than a line break: where a node ends. */
  lastEnd = 0;
  /**
   * Whether `{...}` and `[...]` literals may start here. Bicep forbids them directly in string
   * interpolation holes (and in what those holes call), allowing them again inside lambdas and nested
   * objects/arrays, which cannot occur there without one.
   */
  complexLiterals = true;
  /** Namespaces that `ns.name` types may use: `sys`, `az`, and `import * as ns` aliases seen so far. */
  readonly typeNamespaces = new Set(['sys', 'az']);
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;

  constructor(
    readonly text: string,
    readonly tokens: Tokens,
    readonly errors: SyntaxError[],
    private readonly firstOffset: number,
  ) {
    this.kinds = tokens.kind;
    this.starts = tokens.start;
    this.ends = tokens.end;
    this.lastEnd = firstOffset;
  }

  get kind(): number {
    return this.kinds[this.i] ?? Tok.EOF;
  }

  get start(): number {
    return this.starts[this.i] ?? this.text.length;
  }

  get end(): number {
    return this.ends[this.i] ?? this.text.length;
  }

  kindAt(i: number): number {
    return this.kinds[i] ?? Tok.EOF;
  }

  startAt(i: number): number {
    return this.starts[i] ?? this.text.length;
  }

  endAt(i: number): number {
    return this.ends[i] ?? this.text.length;
  }

  /** The kind of the token after the current one, skipping a line break. */
  kindAfterNewLine(): number {
    return this.kind === Tok.NewLine ? this.kindAt(this.i + 1) : this.kind;
  }

  next(): void {
    if (this.i < this.tokens.count - 1) {
      if (this.kinds[this.i] !== Tok.NewLine) this.lastEnd = this.ends[this.i] ?? this.lastEnd;
      this.i++;
    }
  }

  is(kind: number): boolean {
    return this.kind === kind;
  }

  eat(kind: number): boolean {
    if (this.kind !== kind) return false;
    this.next();
    return true;
  }

  skipNewLines(): void {
    if (this.kind === Tok.NewLine) this.next();
  }

  /** True when the current token is the identifier `word` (Bicep's keywords are contextual). */
  isWord(word: string): boolean {
    return this.isWordAt(this.i, word);
  }

  isWordAt(i: number, word: string): boolean {
    if (this.kindAt(i) !== Tok.Identifier) return false;
    const start = this.startAt(i);
    return this.endAt(i) - start === word.length && this.text.startsWith(word, start);
  }

  tokenText(i = this.i): string {
    return this.text.slice(this.startAt(i), this.endAt(i));
  }

  identifier(): Identifier {
    const node: Identifier = { kind: 'identifier', name: this.tokenText(), start: this.start, end: this.end };
    this.next();
    return node;
  }

  /** A string literal or interpolated string: the parser reads holes with `readHole`. */
  stringValue(i = this.i): string {
    return stringValue(this.text, this.tokens, i);
  }

  isMultilineString(i = this.i): boolean {
    return (this.tokens.multiline[i] ?? 0) > 0;
  }

  /** Records an error (until there are too many). */
  error(message: string, start: number, end: number): void {
    if (this.errors.length < MAX_ERRORS) {
      this.errors.push({ message, start, end });
    } else if (this.errors.length === MAX_ERRORS) {
      this.errors.push({ message: `more than ${MAX_ERRORS} syntax errors; the rest are not reported`, start, end });
    }
  }

  /** Reports an error at the current token and starts unwinding to the nearest recovery point. */
  fail(message: string): void {
    if (this.unwind !== Unwind.None) return;
    const k = this.kind;
    // Line breaks and the end of the file get an empty range where they start.
    if (k === Tok.NewLine || k === Tok.EOF) this.error(message, this.start, this.start);
    else this.error(message, this.start, this.end);
    this.unwind = Unwind.Failing;
  }

  /** Reports "expected X" where X is a token, naming what was found instead. */
  failExpected(what: string): void {
    this.fail(`expected ${what}${this.found()}`);
  }

  /** ", found '...'" for messages; nothing for line breaks and the end of the file, which need no quoting. */
  found(): string {
    const k = this.kind;
    if (k === Tok.NewLine) return ' before the end of the line';
    if (k === Tok.EOF) return ' before the end of the file';
    if (k === Tok.Unrecognized) return ` but found '${showCharacter(this.text, this.start)}'`;
    let text = this.tokenText();
    if (text.length > 40) text = `${text.slice(0, 37)}...`;
    return ` but found '${text}'`;
  }

  expect(kind: number, what = `'${TOKEN_TEXT[kind] ?? ''}'`): boolean {
    if (this.kind === kind) {
      this.next();
      return true;
    }
    this.failExpected(what);
    return false;
  }

  /** A method rather than a field test, so that TypeScript does not keep a narrowing across calls. */
  isFailing(): boolean {
    return this.unwind === Unwind.Failing;
  }

  enter(): boolean {
    if (++this.depth <= MAX_DEPTH) return true;
    if (this.unwind !== Unwind.Abort) {
      this.error(`nesting is too deep (more than ${MAX_DEPTH} levels)`, this.start, this.end);
      this.unwind = Unwind.Abort;
    }
    return false;
  }

  leave(): void {
    this.depth--;
  }

  /**
   * Recovery point: after a failure, skips tokens up to (not including) a terminator or the end of
   * the file, and resumes. Aborts pass through.
   */
  recover(terminators: readonly number[]): void {
    if (this.unwind !== Unwind.Failing) return;
    this.unwind = Unwind.None;
    for (;;) {
      const k = this.kind;
      if (k === Tok.EOF || terminators.includes(k)) return;
      this.next();
    }
  }

  /** True at the first token of a line (column 1 or after blanks only is not enough: column 1). */
  atColumnOne(i: number): boolean {
    const start = this.startAt(i);
    if (start <= this.firstOffset) return true;
    const c = this.text.charCodeAt(start - 1);
    return c === 10 || c === 13;
  }

  /**
   * True when token `i` clearly starts a top-level declaration: a declaration keyword (or a decorator)
   * in column 1, followed by what may follow the keyword. Used to stop unclosed brackets from
   * swallowing the rest of the file.
   */
  startsTopLevelDeclaration(i: number): boolean {
    if (!this.atColumnOne(i)) return false;
    const k = this.kindAt(i);
    if (k === Tok.At) return this.kindAt(i + 1) === Tok.Identifier;
    if (k !== Tok.Identifier) return false;
    const word = this.tokenText(i);
    if (!DECLARATION_KEYWORDS.has(word)) return false;
    // What may follow a keyword that starts a declaration, even a broken one (`module './x.bicep'`
    // without a name); a property named like a keyword is followed by ':' instead.
    const after = this.kindAt(i + 1);
    return (
      after === Tok.Identifier || after === Tok.String || after === Tok.StringLeft || after === Tok.LBrace ||
      after === Tok.Star || after === Tok.Assign
    );
  }

  /** Skips a line break inside brackets, unless the next line starts a declaration (then aborts and returns false). */
  skipNewLinesInside(closing: string): boolean {
    if (this.kind !== Tok.NewLine) return true;
    if (this.abortIfDeclarationFollows(closing)) return false;
    this.next();
    return true;
  }

  /** After a line break inside brackets: a line that starts a new declaration means the brackets were left open. */
  abortIfDeclarationFollows(closing: string): boolean {
    if (this.kind !== Tok.NewLine || !this.startsTopLevelDeclaration(this.i + 1)) return false;
    if (this.unwind === Unwind.None) this.error(`expected '${closing}' before the next declaration`, this.start, this.start);
    this.unwind = Unwind.Abort;
    return true;
  }
}

export const isStringStart = (kind: number): boolean => kind === Tok.String || kind === Tok.StringLeft;

export type StringNode = StringLiteral | InterpolatedString;
