import { LimitError } from '../limits.js';
import type { Expr } from './ast.js';

export class ExpressionSyntaxError extends Error {
  override readonly name = 'ExpressionSyntaxError';
  constructor(
    message: string,
    /** Offset into the expression text (without the surrounding brackets). */
    readonly offset: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 128;

/**
 * True when a JSON string is a template expression: it starts with `[` and ends with `]`, and does not
 * start with the `[[` escape.
 */
export function isExpression(s: string): boolean {
  return s.length >= 2 && s.charCodeAt(0) === 91 && s.charCodeAt(s.length - 1) === 93 && s.charCodeAt(1) !== 91;
}

/**
 * The literal a non-expression JSON string stands for: `[[x]` means `[x]`. ARM only removes the
 * extra bracket from strings that would otherwise be expressions (ending with `]`): `[[x` stays `[[x`
 * (Azure.Deployments.Expression `ExpressionParser.ParseLanguageExpression`).
 */
export function unescapeLiteral(s: string): string {
  return s.length >= 3 && s.startsWith('[[') && s.endsWith(']') ? s.slice(1) : s;
}

const cache = new Map<string, Expr>();
const CACHE_LIMIT = 50_000;

/** Parses the text inside the brackets of a template expression. Results are cached by text. */
export function parseExpression(text: string): Expr {
  const hit = cache.get(text);
  if (hit) return hit;
  const expr = new Parser(text).parseAll();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, expr);
  return expr;
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parseAll(): Expr {
    const e = this.parseExpr();
    this.skipWs();
    if (this.pos < this.text.length) this.fail(`unexpected "${this.text[this.pos]}"`);
    return e;
  }

  private fail(message: string, at = this.pos): never {
    throw new ExpressionSyntaxError(`${message} at position ${at + 1} of expression`, at);
  }

  private skipWs(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  private peek(): string | undefined {
    this.skipWs();
    return this.text[this.pos];
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) this.fail(`expected "${ch}"`);
    this.pos++;
  }

  private parseExpr(): Expr {
    // A limit of sigil's, not a syntax error: the expression is not wrong, only too deep to follow.
    if (++this.depth > MAX_DEPTH) throw new LimitError(`expression nested deeper than ${MAX_DEPTH} levels`);
    let e = this.parsePrimary();
    for (;;) {
      const c = this.peek();
      if (c === '.' || (c === '?' && this.text[this.pos + 1] === '.')) {
        let safe = c === '?';
        this.pos += safe ? 2 : 1;
        // Bicep's safe dereference `.?name` (`?.name` is accepted too).
        if (!safe && this.text[this.pos] === '?') {
          safe = true;
          this.pos++;
        }
        this.skipWs();
        if (this.text[this.pos] === '[') {
          // `.[x]` is not ARM syntax; treat it as an index.
          e = this.parseIndex(e, safe);
          continue;
        }
        const name = this.identifier();
        e = { kind: 'property', target: e, name, safe, start: e.start, end: this.pos };
      } else if (c === '[') {
        e = this.parseIndex(e, false);
      } else {
        break;
      }
    }
    this.depth--;
    return e;
  }

  private parseIndex(target: Expr, safe: boolean): Expr {
    this.expect('[');
    // Bicep's safe element access: `a[?0]`.
    if (this.peek() === '?') {
      safe = true;
      this.pos++;
    }
    const index = this.parseExpr();
    this.expect(']');
    return { kind: 'index', target, index, safe, start: target.start, end: this.pos };
  }

  private identifier(): string {
    this.skipWs();
    const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.text.slice(this.pos, this.pos + 256));
    if (!m) this.fail('expected a name');
    this.pos += m[0].length;
    return m[0];
  }

  private parsePrimary(): Expr {
    const c = this.peek();
    const start = this.pos;
    if (c === undefined) this.fail('unexpected end of expression');
    if (c === "'") return this.parseString();
    if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /^-?\d+(\.\d+)?/.exec(this.text.slice(this.pos, this.pos + 64));
      if (!m) this.fail('invalid number');
      this.pos += m[0].length;
      return { kind: 'number', value: Number(m[0]), start, end: this.pos };
    }
    if (c === '(') {
      // A parenthesized expression: not ARM syntax, but harmless to accept.
      this.pos++;
      const inner = this.parseExpr();
      this.expect(')');
      return inner;
    }
    let name = this.identifier();
    let namespace: string | undefined;
    if (this.peek() === '.' && /^\.\s*[A-Za-z_$][A-Za-z0-9_$]*\s*\(/.test(this.text.slice(this.pos, this.pos + 300))) {
      this.pos++;
      namespace = name;
      name = this.identifier();
    }
    if (this.peek() !== '(') {
      const lower = name.toLowerCase();
      if (namespace === undefined && (lower === 'true' || lower === 'false' || lower === 'null')) {
        return { kind: 'const', value: lower === 'null' ? null : lower === 'true', start, end: this.pos };
      }
      this.fail(`expected "(" after function name "${name}"`);
    }
    this.pos++;
    const args: Expr[] = [];
    if (this.peek() !== ')') {
      for (;;) {
        args.push(this.parseExpr());
        const next = this.peek();
        if (next === ',') {
          this.pos++;
          continue;
        }
        if (next === ')') break;
        this.fail(next === undefined ? 'missing ")"' : `expected "," or ")" but found "${next}"`);
      }
    }
    this.pos++;
    return { kind: 'call', namespace, name, args, start, end: this.pos };
  }

  private parseString(): Expr {
    const start = this.pos;
    this.pos++;
    let value = '';
    for (;;) {
      const i = this.text.indexOf("'", this.pos);
      if (i < 0) this.fail('unterminated string', start);
      value += this.text.slice(this.pos, i);
      if (this.text[i + 1] === "'") {
        value += "'";
        this.pos = i + 2;
        continue;
      }
      this.pos = i + 1;
      break;
    }
    return { kind: 'string', value, start, end: this.pos };
  }
}
