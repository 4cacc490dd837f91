import type { Comment, Directive, SyntaxError } from './ast.js';

/** Token kinds. Plain numbers in an object (not an enum) so that they inline well and stay erasable. */
export const Tok = {
  EOF: 0,
  NewLine: 1,
  Identifier: 2,
  Integer: 3,
  /** A whole string: `'abc'` or `'''abc'''`. */
  String: 4,
  /** `'abc${`: the first piece of an interpolated string. */
  StringLeft: 5,
  /** `}abc${` */
  StringMiddle: 6,
  /** `}abc'` */
  StringRight: 7,
  True: 8,
  False: 9,
  Null: 10,
  LBrace: 11,
  RBrace: 12,
  LParen: 13,
  RParen: 14,
  LSquare: 15,
  RSquare: 16,
  Comma: 17,
  Dot: 18,
  Question: 19,
  Colon: 20,
  Assign: 21,
  Plus: 22,
  Minus: 23,
  Star: 24,
  Slash: 25,
  Percent: 26,
  Bang: 27,
  Lt: 28,
  Gt: 29,
  Le: 30,
  Ge: 31,
  EqEq: 32,
  NotEq: 33,
  EqTilde: 34,
  NotTilde: 35,
  AndAnd: 36,
  OrOr: 37,
  QQ: 38,
  ColonColon: 39,
  Arrow: 40,
  Pipe: 41,
  Ellipsis: 42,
  Hat: 43,
  At: 44,
  Semicolon: 45,
  Unrecognized: 46,
} as const;

/** The text of each fixed token, for messages ("expected ')'"). */
export const TOKEN_TEXT: readonly string[] = [
  'end of file', 'new line', 'identifier', 'integer', 'string', 'string', 'string', 'string', 'true', 'false', 'null',
  '{', '}', '(', ')', '[', ']', ',', '.', '?', ':', '=', '+', '-', '*', '/', '%', '!', '<', '>', '<=', '>=', '==',
  '!=', '=~', '!~', '&&', '||', '??', '::', '=>', '|', '...', '^', '@', ';', 'unrecognized text',
];

/** Past this many, errors are no longer recorded (hostile input must not grow memory without bound). */
export const MAX_ERRORS = 1000;

/** Bicep rejects longer identifiers (LanguageConstants.MaxIdentifierLength). */
const MAX_IDENTIFIER_LENGTH = 255;

/**
 * The token stream in parallel typed arrays: one allocation per array instead of one object per token.
 * For string tokens, `valueStart`/`valueEnd` bound the text between the delimiters and `multiline` is 0
 * for `'...'`, or 1 + the number of `$` that open interpolation holes for `'''...'''` (`$'''` gives 2).
 */
export interface Tokens {
  readonly count: number;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly valueStart: Int32Array;
  readonly valueEnd: Int32Array;
  readonly multiline: Int32Array;
}

export interface LexResult {
  readonly tokens: Tokens;
  readonly directives: Directive[];
  readonly comments: Comment[];
}

const PRAGMAS = ['disable-next-line', 'disable-diagnostics', 'restore-diagnostics'] as const;
const SIGIL_DIRECTIVE = 'sigil-disable-next-line';

/** Template stack entries: a `{` opened inside an interpolation hole, or the string a hole belongs to. */
const BRACE = -1;
const SINGLE_LINE_HOLE = 0;

const isIdentifierStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentifierPart = (c: number): boolean => isIdentifierStart(c) || isDigit(c);
const isHexDigit = (c: number): boolean => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isNewLine = (c: number): boolean => c === 10 || c === 13;
const isBlank = (c: number): boolean => c === 32 || c === 9;

/** How a character is shown in a message: printable as itself, anything else as `\u{...}`. */
export function showCharacter(text: string, at: number): string {
  const cp = text.codePointAt(at) ?? 0;
  return cp > 32 && cp !== 127 && !(cp >= 0x80 && cp < 0xa0) ? String.fromCodePoint(cp) : `\\u{${cp.toString(16).toUpperCase()}}`;
}

export function lex(text: string, errors: SyntaxError[]): LexResult {
  return new Lexer(text, errors).run();
}

class Lexer {
  private pos: number;
  private count = 0;
  private kind: Uint8Array = new Uint8Array(256);
  private start: Int32Array = new Int32Array(256);
  private end: Int32Array = new Int32Array(256);
  private valueStart: Int32Array = new Int32Array(256);
  private valueEnd: Int32Array = new Int32Array(256);
  private multiline: Int32Array = new Int32Array(256);
  private readonly templates: number[] = [];
  private readonly directives: Directive[] = [];
  private readonly comments: Comment[] = [];
  /** True while nothing but blanks has been seen on the current line: where `#disable-next-line` may start. */
  private lineIsBlank = true;
  /** Lines are counted only up to where a directive needs one. */
  private lineCountedTo = 0;
  private line = 1;

  constructor(
    private readonly text: string,
    private readonly errors: SyntaxError[],
  ) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.lineCountedTo = this.pos;
  }

  run(): LexResult {
    const text = this.text;
    const length = text.length;
    for (;;) {
      this.skipTrivia();
      if (this.pos >= length) break;
      this.scanToken();
    }
    this.push(Tok.EOF, length, length);
    return {
      tokens: {
        count: this.count,
        kind: this.kind,
        start: this.start,
        end: this.end,
        valueStart: this.valueStart,
        valueEnd: this.valueEnd,
        multiline: this.multiline,
      },
      directives: this.directives,
      comments: this.comments,
    };
  }

  private error(message: string, start: number, end: number): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ message, start, end });
  }

  private push(kind: number, start: number, end: number): number {
    if (this.count === this.kind.length) this.grow();
    const i = this.count++;
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    if (kind !== Tok.NewLine) this.lineIsBlank = false;
    return i;
  }

  private pushString(kind: number, start: number, valueStart: number, valueEnd: number, multiline: number): void {
    const i = this.push(kind, start, this.pos);
    this.valueStart[i] = valueStart;
    this.valueEnd[i] = valueEnd;
    this.multiline[i] = multiline;
  }

  private grow(): void {
    const n = this.kind.length * 2;
    const kind = new Uint8Array(n);
    kind.set(this.kind);
    this.kind = kind;
    const widen = (a: Int32Array): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.start = widen(this.start);
    this.end = widen(this.end);
    this.valueStart = widen(this.valueStart);
    this.valueEnd = widen(this.valueEnd);
    this.multiline = widen(this.multiline);
  }

  /** Blanks and comments; directives are read here too, as Bicep reads them as leading trivia. */
  private skipTrivia(): void {
    const text = this.text;
    const length = text.length;
    let afterComment = false;
    while (this.pos < length) {
      const c = text.charCodeAt(this.pos);
      if (isBlank(c)) {
        this.pos++;
      } else if (c === 47 && text.charCodeAt(this.pos + 1) === 47) {
        const start = this.pos;
        let end = start + 2;
        while (end < length && !isNewLine(text.charCodeAt(end))) end++;
        this.pos = end;
        this.comments.push({ kind: 'line', start, end });
        this.sigilDirective(start, end);
        afterComment = true;
      } else if (c === 47 && text.charCodeAt(this.pos + 1) === 42) {
        const close = text.indexOf('*/', this.pos + 2);
        if (close < 0) {
          this.error('unterminated multi-line comment', this.pos, length);
          this.pos = length;
        } else {
          this.comments.push({ kind: 'block', start: this.pos, end: close + 2 });
          this.pos = close + 2;
        }
        afterComment = true;
      } else if (c === 35 && this.lineIsBlank && !afterComment && this.bicepDirective()) {
        // read as a directive
      } else {
        return;
      }
    }
  }

  /** `#disable-next-line code1 code2` on a line of its own (blanks before it are allowed). */
  private bicepDirective(): boolean {
    const text = this.text;
    const start = this.pos;
    const keyword = PRAGMAS.find((k) => text.startsWith(k, start + 1));
    if (keyword === undefined) return false;
    let pos = start + 1 + keyword.length;
    let end = pos;
    const codes: string[] = [];
    for (;;) {
      while (isBlank(text.charCodeAt(pos))) pos++;
      const wordStart = pos;
      while (pos < text.length && (isIdentifierPart(text.charCodeAt(pos)) || text.charCodeAt(pos) === 45)) pos++;
      const next = text.charCodeAt(pos);
      if (pos === wordStart || !(pos >= text.length || isBlank(next) || isNewLine(next))) {
        // Anything else ends the codes; the rest of the line is lexed as usual (a comment, most often).
        pos = wordStart;
        break;
      }
      codes.push(text.slice(wordStart, pos));
      end = pos;
    }
    this.pos = end;
    // Bicep's directive has no place for a reason: sigil reads it from a comment on the same line.
    let reason: string | undefined;
    let after = end;
    while (isBlank(text.charCodeAt(after))) after++;
    if (text.charCodeAt(after) === 47 && text.charCodeAt(after + 1) === 47) {
      let lineEnd = after + 2;
      while (lineEnd < text.length && !isNewLine(text.charCodeAt(lineEnd))) lineEnd++;
      reason = text.slice(after + 2, lineEnd).trim() || undefined;
    }
    if (codes.length === 0) {
      this.error(`expected at least one diagnostic code after '#${keyword}'`, end, end);
    }
    // `#disable-diagnostics`/`#restore-diagnostics` cover ranges of lines, which Directive does not express.
    if (keyword === 'disable-next-line' && codes.length > 0) {
      this.directives.push({ kind: 'bicep', line: this.lineAt(start), codes, reason, start, end });
    }
    return true;
  }

  /** `// sigil-disable-next-line SIG303 SIG304 -- reason`. */
  private sigilDirective(start: number, end: number): void {
    const text = this.text;
    let pos = start + 2;
    while (pos < end && isBlank(text.charCodeAt(pos))) pos++;
    if (!text.startsWith(SIGIL_DIRECTIVE, pos)) return;
    pos += SIGIL_DIRECTIVE.length;
    if (pos < end && !isBlank(text.charCodeAt(pos))) return;
    const rest = text.slice(pos, end);
    const separator = rest.search(/(^|\s)--(\s|$)/);
    const codeText = separator < 0 ? rest : rest.slice(0, separator);
    const reason = separator < 0 ? undefined : rest.slice(separator).trim().slice(2).trim();
    const codes = codeText.split(/[\s,]+/).filter((code) => code !== '');
    this.directives.push({ kind: 'sigil', line: this.lineAt(start), codes, reason: reason || undefined, start, end });
  }

  /** The 1-based line of an offset; called with increasing offsets, so counting stays linear. */
  private lineAt(offset: number): number {
    const text = this.text;
    for (let i = this.lineCountedTo; i < offset; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.line++;
    }
    this.lineCountedTo = offset;
    return this.line;
  }

  private scanToken(): void {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    const next = text.charCodeAt(start + 1);
    this.pos++;
    switch (c) {
      case 10:
      case 13:
        return this.newLine(start);
      case 39: // '
        if (next === 39 && text.charCodeAt(start + 2) === 39) {
          this.pos = start + 3;
          return this.multilineSegment(start, true, 0);
        }
        return this.singleLineSegment(start, true);
      case 123: // {
        if (this.templates.length > 0) this.templates.push(BRACE);
        this.push(Tok.LBrace, start, this.pos);
        return;
      case 125: {
        // }
        const top = this.templates.length > 0 ? this.templates[this.templates.length - 1] : undefined;
        if (top === undefined || top === BRACE) {
          if (top === BRACE) this.templates.pop();
          this.push(Tok.RBrace, start, this.pos);
        } else if (top === SINGLE_LINE_HOLE) {
          this.singleLineSegment(start, false);
        } else {
          this.multilineSegment(start, false, top - 1);
        }
        return;
      }
      case 40:
        return this.fixed(Tok.LParen, start);
      case 41:
        return this.fixed(Tok.RParen, start);
      case 91:
        return this.fixed(Tok.LSquare, start);
      case 93:
        return this.fixed(Tok.RSquare, start);
      case 64:
        return this.fixed(Tok.At, start);
      case 44:
        return this.fixed(Tok.Comma, start);
      case 59:
        return this.fixed(Tok.Semicolon, start);
      case 43:
        return this.fixed(Tok.Plus, start);
      case 45:
        return this.fixed(Tok.Minus, start);
      case 37:
        return this.fixed(Tok.Percent, start);
      case 42:
        return this.fixed(Tok.Star, start);
      case 47:
        return this.fixed(Tok.Slash, start);
      case 94:
        return this.fixed(Tok.Hat, start);
      case 46: // .
        if (next === 46 && text.charCodeAt(start + 2) === 46) {
          this.pos = start + 3;
          return this.fixed(Tok.Ellipsis, start);
        }
        return this.fixed(Tok.Dot, start);
      case 63: // ?
        return next === 63 ? this.fixed2(Tok.QQ, start) : this.fixed(Tok.Question, start);
      case 58: // :
        return next === 58 ? this.fixed2(Tok.ColonColon, start) : this.fixed(Tok.Colon, start);
      case 33: // !
        if (next === 61) return this.fixed2(Tok.NotEq, start);
        if (next === 126) return this.fixed2(Tok.NotTilde, start);
        return this.fixed(Tok.Bang, start);
      case 60: // <
        return next === 61 ? this.fixed2(Tok.Le, start) : this.fixed(Tok.Lt, start);
      case 62: // >
        return next === 61 ? this.fixed2(Tok.Ge, start) : this.fixed(Tok.Gt, start);
      case 61: // =
        if (next === 61) return this.fixed2(Tok.EqEq, start);
        if (next === 126) return this.fixed2(Tok.EqTilde, start);
        if (next === 62) return this.fixed2(Tok.Arrow, start);
        return this.fixed(Tok.Assign, start);
      case 38: // &
        if (next === 38) return this.fixed2(Tok.AndAnd, start);
        break;
      case 124: // |
        return next === 124 ? this.fixed2(Tok.OrOr, start) : this.fixed(Tok.Pipe, start);
      case 36: {
        // $'''...''' opens a multi-line string with interpolation holes written with as many `$`.
        let p = start;
        while (text.charCodeAt(p) === 36) p++;
        if (text.startsWith("'''", p)) {
          this.pos = p + 3;
          return this.multilineSegment(start, true, p - start);
        }
        break;
      }
      default:
        if (isIdentifierStart(c)) return this.identifier(start);
        if (isDigit(c)) {
          while (isDigit(text.charCodeAt(this.pos))) this.pos++;
          this.push(Tok.Integer, start, this.pos);
          return;
        }
    }
    this.unrecognized(start);
  }

  private fixed(kind: number, start: number): void {
    this.push(kind, start, this.pos);
  }

  private fixed2(kind: number, start: number): void {
    this.pos = start + 2;
    this.push(kind, start, this.pos);
  }

  private newLine(start: number): void {
    const text = this.text;
    if (this.templates.length > 0) {
      // A hole of an interpolated string cannot span lines: the string ends here, as in Bicep.
      this.pos = start;
      this.error('unterminated string: a string cannot span lines (use a multi-line string)', start, start);
      this.templates.length = 0;
      this.pushString(Tok.StringRight, start, start, start, 0);
    }
    let p = start;
    while (isNewLine(text.charCodeAt(p))) p++;
    this.pos = p;
    // Consecutive line breaks (with only blanks and comments between them) make one token.
    if (this.count > 0 && this.kind[this.count - 1] === Tok.NewLine) {
      this.end[this.count - 1] = p;
    } else {
      this.push(Tok.NewLine, start, p);
    }
    this.lineIsBlank = true;
  }

  private identifier(start: number): void {
    const text = this.text;
    let p = this.pos;
    while (isIdentifierPart(text.charCodeAt(p))) p++;
    this.pos = p;
    const length = p - start;
    let kind: number = Tok.Identifier;
    if (length === 4 && text.startsWith('true', start)) kind = Tok.True;
    else if (length === 5 && text.startsWith('false', start)) kind = Tok.False;
    else if (length === 4 && text.startsWith('null', start)) kind = Tok.Null;
    else if (length > MAX_IDENTIFIER_LENGTH) {
      this.error(`identifier is longer than ${MAX_IDENTIFIER_LENGTH} characters`, start, p);
    }
    this.push(kind, start, p);
  }

  /** One error for a run of characters Bicep has no token for (random bytes would otherwise give one per byte). */
  private unrecognized(start: number): void {
    const text = this.text;
    let p = start + 1;
    while (p < text.length && this.isUnrecognizedAt(p)) p++;
    this.pos = p;
    const c = text.charCodeAt(start);
    const message =
      c === 34
        ? `unexpected character '"': Bicep strings use single quotes`
        : `unexpected character '${showCharacter(text, start)}'`;
    this.error(message, start, p);
    this.push(Tok.Unrecognized, start, p);
  }

  private isUnrecognizedAt(p: number): boolean {
    const c = this.text.charCodeAt(p);
    if (c < 128) {
      // Every ASCII character that can start a token, a blank, a line break or a comment.
      return c === 34 || c === 35 || c === 92 || c === 96 || c === 126 || (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127;
    }
    return true;
  }

  /** Scans a single-line string piece from `'` (first) or `}` (after a hole) up to `'` or `${`. */
  private singleLineSegment(start: number, first: boolean): void {
    const text = this.text;
    const length = text.length;
    const valueStart = this.pos;
    let p = this.pos;
    for (;;) {
      if (p >= length) {
        this.pos = p;
        this.error('unterminated string', start, p);
        return this.endString(first, start, valueStart, p);
      }
      const c = text.charCodeAt(p);
      if (c === 39) {
        this.pos = p + 1;
        return this.endString(first, start, valueStart, p);
      }
      if (c === 10 || c === 13) {
        this.pos = p;
        this.error('unterminated string: a string cannot span lines (use a multi-line string)', start, p);
        return this.endString(first, start, valueStart, p);
      }
      if (c === 36 && text.charCodeAt(p + 1) === 123) {
        this.pos = p + 2;
        this.pushString(first ? Tok.StringLeft : Tok.StringMiddle, start, valueStart, p, 0);
        if (first) this.templates.push(SINGLE_LINE_HOLE);
        return;
      }
      if (c === 92) p = this.escape(p);
      else p++;
    }
  }

  private endString(first: boolean, start: number, valueStart: number, valueEnd: number): void {
    this.pushString(first ? Tok.String : Tok.StringRight, start, valueStart, valueEnd, 0);
    if (!first) this.templates.pop();
  }

  /** Checks the escape at `p` (a backslash) and returns the offset after it. */
  private escape(p: number): number {
    const text = this.text;
    const c = text.charCodeAt(p + 1);
    if (p + 1 >= text.length) {
      this.error('unterminated escape sequence at the end of the file', p, p + 1);
      return p + 1;
    }
    switch (c) {
      case 110: // n
      case 114: // r
      case 116: // t
      case 92: // \
      case 39: // '
      case 36: // $
        return p + 2;
      case 117: {
        // u{hex}
        let q = p + 2;
        if (text.charCodeAt(q) === 123) {
          q++;
          const digitsStart = q;
          while (isHexDigit(text.charCodeAt(q))) q++;
          if (q > digitsStart && text.charCodeAt(q) === 125 && q - digitsStart <= 8 && parseInt(text.slice(digitsStart, q), 16) <= 0x10ffff) {
            return q + 1;
          }
          if (text.charCodeAt(q) === 125) q++;
        }
        this.error("invalid unicode escape: use '\\u{' hex digits '}' with a code point up to 10FFFF", p, q);
        return q;
      }
      default:
        if (isNewLine(c)) {
          this.error(`unrecognized escape sequence '\\'; valid escapes are \\\\ \\' \\n \\r \\t \\$ \\u{...}`, p, p + 1);
          return p + 1;
        }
        this.error(
          `unrecognized escape sequence '\\${showCharacter(text, p + 1)}'; valid escapes are \\\\ \\' \\n \\r \\t \\$ \\u{...}`,
          p,
          p + 2,
        );
        return p + 2;
    }
  }

  /**
   * Scans a multi-line string piece: from `'''` (or `$'''`) or `}` up to `'''` or a hole. Holes exist
   * only with `$'''` and are written with as many `$` as opened the string.
   */
  private multilineSegment(start: number, first: boolean, dollars: number): void {
    const text = this.text;
    const length = text.length;
    const valueStart = this.pos;
    let p = this.pos;
    for (;;) {
      if (dollars === 0) {
        const close = text.indexOf("'''", p);
        p = close < 0 ? length : close;
      }
      if (p >= length) {
        this.pos = length;
        this.error('unterminated multi-line string', start, length);
        return this.endMultiline(first, start, valueStart, length, dollars);
      }
      const c = text.charCodeAt(p);
      if (c === 39) {
        let q = p;
        while (text.charCodeAt(q) === 39) q++;
        if (q - p >= 3) {
          // With more than three quotes, the extra ones belong to the text.
          this.pos = q;
          return this.endMultiline(first, start, valueStart, q - 3, dollars);
        }
        p = q;
      } else if (c === 36 && dollars > 0) {
        let q = p;
        while (text.charCodeAt(q) === 36) q++;
        if (q - p >= dollars && text.charCodeAt(q) === 123) {
          this.pos = q + 1;
          this.pushString(first ? Tok.StringLeft : Tok.StringMiddle, start, valueStart, q - dollars, dollars + 1);
          if (first) this.templates.push(dollars + 1);
          return;
        }
        p = q;
      } else {
        p++;
      }
    }
  }

  private endMultiline(first: boolean, start: number, valueStart: number, valueEnd: number, dollars: number): void {
    this.pushString(first ? Tok.String : Tok.StringRight, start, valueStart, valueEnd, dollars + 1);
    if (!first) this.templates.pop();
  }
}

/**
 * The value of a string piece: escapes resolved for single-line strings; for a multi-line string's
 * first piece, one line break right after the opening `'''` is dropped.
 */
export function stringValue(text: string, tokens: Tokens, i: number): string {
  let from = tokens.valueStart[i] ?? 0;
  const to = tokens.valueEnd[i] ?? 0;
  if ((tokens.multiline[i] ?? 0) > 0) {
    const kind = tokens.kind[i];
    if (kind === Tok.String || kind === Tok.StringLeft) {
      if (text.charCodeAt(from) === 13 && from < to) from++;
      if (text.charCodeAt(from) === 10 && from < to) from++;
    }
    return text.slice(from, to);
  }
  // Search the string only: indexOf would scan to the end of the file for every escape-free string.
  for (let p = from; p < to; p++) if (text.charCodeAt(p) === 92) return unescape(text, from, to);
  return text.slice(from, to);
}

function unescape(text: string, from: number, to: number): string {
  let out = '';
  let chunk = from;
  let p = from;
  while (p < to) {
    if (text.charCodeAt(p) !== 92) {
      p++;
      continue;
    }
    out += text.slice(chunk, p);
    const c = text.charCodeAt(p + 1);
    let skip = 2;
    switch (c) {
      case 110:
        out += '\n';
        break;
      case 114:
        out += '\r';
        break;
      case 116:
        out += '\t';
        break;
      case 92:
      case 39:
      case 36:
        out += String.fromCharCode(c);
        break;
      case 117: {
        let close = p + 3;
        while (close < to && isHexDigit(text.charCodeAt(close))) close++;
        const cp = text.charCodeAt(p + 2) === 123 && close > p + 3 && text.charCodeAt(close) === 125 ? parseInt(text.slice(p + 3, close), 16) : NaN;
        if (Number.isInteger(cp) && cp <= 0x10ffff) {
          out += String.fromCodePoint(cp);
          skip = close + 1 - p;
        } else {
          // Already reported by the lexer; keep the text as written.
          out += '\\u';
        }
        break;
      }
      default:
        // Reported by the lexer; the backslash stands for itself.
        out += '\\';
        skip = 1;
    }
    p += skip;
    chunk = p;
  }
  return out + text.slice(chunk, to);
}
