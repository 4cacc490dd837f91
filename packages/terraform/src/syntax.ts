/**
 * The part of Terraform's expression language (HCL native syntax) that Terraform JSON strings hold:
 * string templates with `${...}` interpolations, and the expressions inside them. Directives
 * (`%{if}`, `%{for}`), splats and heredocs are parsed as `unsupported`: evaluating them gives an
 * Unknown, never a guess.
 */

export type Expr =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'template'; readonly parts: readonly (string | Expr)[] }
  | { readonly kind: 'tuple'; readonly items: readonly Expr[] }
  | { readonly kind: 'object'; readonly entries: readonly { readonly key: Expr; readonly value: Expr }[] }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'attribute'; readonly target: Expr; readonly name: string }
  | { readonly kind: 'index'; readonly target: Expr; readonly index: Expr }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[] }
  | { readonly kind: 'unary'; readonly op: '!' | '-'; readonly operand: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'conditional'; readonly test: Expr; readonly then: Expr; readonly otherwise: Expr }
  | {
      readonly kind: 'for';
      readonly keyName: string | undefined;
      readonly valueName: string;
      readonly collection: Expr;
      readonly keyExpr: Expr | undefined;
      readonly valueExpr: Expr;
      readonly condition: Expr | undefined;
      readonly object: boolean;
    }
  | { readonly kind: 'unsupported'; readonly reason: string };

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

export class TerraformSyntaxError extends Error {
  override readonly name = 'TerraformSyntaxError';
}

/** Deepest nesting of expressions the parser accepts (hostile input must not exhaust the stack). */
const MAX_NESTING = 64;

/** Does a JSON string hold an interpolation or directive (otherwise it is a literal)? */
export function isTemplate(s: string): boolean {
  return s.includes('${') || s.includes('%{');
}

/**
 * Parses a Terraform JSON string as a template. A string that is exactly one interpolation
 * (`"${var.x}"`) is that expression, unconverted, as Terraform evaluates it.
 */
export function parseTemplate(text: string): Expr {
  const parser = new Parser(text, 0);
  const parts = parser.templateParts(undefined);
  if (parts.length === 1 && typeof parts[0] !== 'string') return parts[0] as Expr;
  if (parts.length === 0) return { kind: 'literal', value: '' };
  if (parts.length === 1 && typeof parts[0] === 'string') return { kind: 'literal', value: parts[0] };
  return { kind: 'template', parts };
}

/** Parses a bare expression (the `type` of a variable, a `for_each` written without `${}`). */
export function parseExpression(text: string): Expr {
  const parser = new Parser(text, 0);
  const expr = parser.expression(0);
  parser.skipSpace();
  if (!parser.atEnd()) throw new TerraformSyntaxError(`unexpected "${parser.rest(12)}"`);
  return expr;
}

const PRECEDENCE: readonly (readonly BinaryOp[])[] = [
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<', '>', '<=', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

class Parser {
  private depth = 0;

  constructor(
    private readonly text: string,
    private pos: number,
  ) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  rest(n: number): string {
    return this.text.slice(this.pos, this.pos + n);
  }

  skipSpace(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '#' || (c === '/' && this.text[this.pos + 1] === '/')) {
        while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
      } else if (c === '/' && this.text[this.pos + 1] === '*') {
        const end = this.text.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? this.text.length : end + 2;
      } else return;
    }
  }

  private peek(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  private eat(s: string): boolean {
    this.skipSpace();
    if (!this.peek(s)) return false;
    this.pos += s.length;
    return true;
  }

  private expect(s: string): void {
    if (!this.eat(s)) throw new TerraformSyntaxError(`"${s}" expected at "${this.rest(12)}"`);
  }

  private nest<T>(f: () => T): T {
    if (++this.depth > MAX_NESTING) throw new TerraformSyntaxError(`expression nested more than ${MAX_NESTING} levels deep`);
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  /**
   * Template parts up to `close` (a `"` for a quoted template inside an expression) or the end of
   * the text (a JSON string). `$${` and `%%{` are the escapes for a literal `${` and `%{`.
   */
  templateParts(close: '"' | undefined): (string | Expr)[] {
    const parts: (string | Expr)[] = [];
    let literal = '';
    while (this.pos < this.text.length) {
      const c = this.text[this.pos] as string;
      if (close !== undefined && c === close) break;
      if (c === '$' && this.text.startsWith('$${', this.pos)) {
        literal += '${';
        this.pos += 3;
      } else if (c === '%' && this.text.startsWith('%%{', this.pos)) {
        literal += '%{';
        this.pos += 3;
      } else if (c === '$' && this.text[this.pos + 1] === '{') {
        if (literal) parts.push(literal);
        literal = '';
        this.pos += 2;
        this.eat('~');
        const expr = this.nest(() => this.expression(0));
        this.eat('~');
        this.expect('}');
        parts.push(expr);
      } else if (c === '%' && this.text[this.pos + 1] === '{') {
        // A directive: skip to its end and give up on the template's value.
        const end = this.text.indexOf('}', this.pos);
        this.pos = end < 0 ? this.text.length : end + 1;
        if (literal) parts.push(literal);
        literal = '';
        parts.push({ kind: 'unsupported', reason: 'template directives (%{...}) are not evaluated' });
      } else if (close !== undefined && c === '\\') {
        literal += this.escape();
      } else {
        literal += c;
        this.pos++;
      }
    }
    if (literal) parts.push(literal);
    return parts;
  }

  private escape(): string {
    const next = this.text[this.pos + 1];
    this.pos += 2;
    switch (next) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case '"': return '"';
      case '\\': return '\\';
      case 'u': {
        const hex = this.text.slice(this.pos, this.pos + 4);
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default: throw new TerraformSyntaxError(`invalid escape "\\${next ?? ''}"`);
    }
  }

  expression(level: number): Expr {
    return this.nest(() => {
      const test = this.binary(level);
      if (level > 0 || !this.eat('?')) return test;
      const then = this.expression(0);
      this.expect(':');
      const otherwise = this.expression(0);
      return { kind: 'conditional', test, then, otherwise };
    });
  }

  private binary(level: number): Expr {
    if (level >= PRECEDENCE.length) return this.unary();
    let left = this.binary(level + 1);
    const ops = PRECEDENCE[level] as readonly BinaryOp[];
    for (;;) {
      this.skipSpace();
      // Longest operator first, and `=>` / `=` are not comparison operators.
      const op = [...ops].sort((a, b) => b.length - a.length).find((o) => this.peek(o) && !(o === '>' && this.text[this.pos - 1] === '='));
      if (!op || (op === '<' && this.peek('<<'))) return left;
      this.pos += op.length;
      const right = this.binary(level + 1);
      left = { kind: 'binary', op, left, right };
    }
  }

  private unary(): Expr {
    this.skipSpace();
    if (this.peek('!') && !this.peek('!=')) {
      this.pos++;
      return this.nest(() => ({ kind: 'unary', op: '!', operand: this.unary() }));
    }
    if (this.peek('-') && !/[0-9]/.test(this.text[this.pos + 1] ?? '')) {
      this.pos++;
      return this.nest(() => ({ kind: 'unary', op: '-', operand: this.unary() }));
    }
    return this.postfix(this.primary());
  }

  private postfix(base: Expr): Expr {
    let expr = base;
    for (;;) {
      this.skipSpace();
      if (this.peek('.') && !this.peek('...')) {
        this.pos++;
        this.skipSpace();
        if (this.peek('*')) {
          this.pos++;
          expr = { kind: 'unsupported', reason: 'splat expressions (.*) are not evaluated' };
          continue;
        }
        const digits = /^[0-9]+/.exec(this.text.slice(this.pos));
        if (digits) {
          // Legacy index syntax: `list.0`.
          this.pos += digits[0].length;
          expr = { kind: 'index', target: expr, index: { kind: 'literal', value: Number(digits[0]) } };
          continue;
        }
        expr = { kind: 'attribute', target: expr, name: this.identifier() };
      } else if (this.peek('[')) {
        this.pos++;
        this.skipSpace();
        if (this.peek('*')) {
          this.pos++;
          this.expect(']');
          expr = { kind: 'unsupported', reason: 'splat expressions ([*]) are not evaluated' };
          continue;
        }
        const index = this.expression(0);
        this.expect(']');
        expr = { kind: 'index', target: expr, index };
      } else {
        return expr;
      }
    }
  }

  private identifier(): string {
    this.skipSpace();
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.pos, this.pos + 256));
    if (!m) throw new TerraformSyntaxError(`a name is expected at "${this.rest(12)}"`);
    this.pos += m[0].length;
    return m[0];
  }

  private primary(): Expr {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === undefined) throw new TerraformSyntaxError('the expression ends too early');
    if (c === '(') {
      this.pos++;
      const inner = this.expression(0);
      this.expect(')');
      return inner;
    }
    if (c === '"') {
      this.pos++;
      const parts = this.templateParts('"');
      this.expect('"');
      if (parts.length === 0) return { kind: 'literal', value: '' };
      if (parts.length === 1 && typeof parts[0] === 'string') return { kind: 'literal', value: parts[0] };
      return { kind: 'template', parts };
    }
    if (c === '<' && this.peek('<<')) {
      this.pos = this.text.length;
      return { kind: 'unsupported', reason: 'heredoc strings are not evaluated' };
    }
    const number = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.pos, this.pos + 64));
    if (number || (c === '-' && /^-[0-9]/.test(this.rest(2)))) {
      const m = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.pos, this.pos + 64)) as RegExpExecArray;
      this.pos += m[0].length;
      return { kind: 'literal', value: Number(m[0]) };
    }
    if (c === '[') return this.tupleOrFor();
    if (c === '{') return this.objectOrFor();
    const name = this.identifier();
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true' };
    if (name === 'null') return { kind: 'literal', value: null };
    this.skipSpace();
    if (this.peek('(')) {
      this.pos++;
      // Provider-defined functions (`provider::azurerm::x`) are not ours.
      const args: Expr[] = [];
      let expanded = false;
      while (!this.eat(')')) {
        if (args.length > 0) this.expect(',');
        if (this.eat(')')) break;
        args.push(this.expression(0));
        if (this.eat('...')) expanded = true;
      }
      if (expanded) return { kind: 'unsupported', reason: `argument expansion (...) in ${name}() is not evaluated` };
      return { kind: 'call', name, args };
    }
    if (this.peek('::')) {
      // A provider-defined function (`provider::azurerm::normalise_resource_id(...)`).
      while (this.eat('::')) this.identifier();
      const call = this.primaryCallArguments();
      return call ?? { kind: 'unsupported', reason: 'provider-defined functions are not evaluated' };
    }
    return { kind: 'variable', name };
  }

  /** Skips the arguments of a call that is not evaluated; always unsupported. */
  private primaryCallArguments(): Expr | undefined {
    if (!this.eat('(')) throw new TerraformSyntaxError(`"(" expected at "${this.rest(12)}"`);
    while (!this.eat(')')) {
      this.expression(0);
      this.eat(',');
      this.eat('...');
      if (this.atEnd()) throw new TerraformSyntaxError('")" expected');
    }
    return { kind: 'unsupported', reason: 'provider-defined functions are not evaluated' };
  }

  private tupleOrFor(): Expr {
    this.pos++;
    this.skipSpace();
    if (this.keyword('for')) return this.forExpression(']', false);
    const items: Expr[] = [];
    while (!this.eat(']')) {
      if (items.length > 0) this.expect(',');
      if (this.eat(']')) break;
      items.push(this.expression(0));
    }
    return { kind: 'tuple', items };
  }

  private objectOrFor(): Expr {
    this.pos++;
    this.skipSpace();
    if (this.keyword('for')) return this.forExpression('}', true);
    const entries: { key: Expr; value: Expr }[] = [];
    for (;;) {
      this.skipSpace();
      if (this.eat('}')) break;
      if (entries.length > 0 && this.eat(',')) {
        if (this.eat('}')) break;
      }
      const key = this.objectKey();
      if (!this.eat('=') && !this.eat(':')) throw new TerraformSyntaxError(`"=" expected at "${this.rest(12)}"`);
      entries.push({ key, value: this.expression(0) });
    }
    return { kind: 'object', entries };
  }

  /** An object key: a bare name is the string itself, anything else an expression. */
  private objectKey(): Expr {
    this.skipSpace();
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.pos, this.pos + 256));
    if (m) {
      const after = this.text.slice(this.pos + m[0].length).trimStart();
      if ((after.startsWith('=') && !after.startsWith('==')) || after.startsWith(':')) {
        this.pos += m[0].length;
        return { kind: 'literal', value: m[0] };
      }
    }
    return this.expression(0);
  }

  private keyword(word: string): boolean {
    const m = new RegExp(`^${word}(?![A-Za-z0-9_-])`).exec(this.text.slice(this.pos, this.pos + word.length + 1));
    if (!m) return false;
    this.pos += word.length;
    return true;
  }

  private forExpression(close: string, object: boolean): Expr {
    const first = this.identifier();
    let keyName: string | undefined;
    let valueName = first;
    if (this.eat(',')) {
      keyName = first;
      valueName = this.identifier();
    }
    this.skipSpace();
    if (!this.keyword('in')) throw new TerraformSyntaxError('"in" expected in a for expression');
    const collection = this.expression(0);
    this.expect(':');
    let keyExpr: Expr | undefined;
    let valueExpr = this.expression(0);
    if (object) {
      this.expect('=>');
      keyExpr = valueExpr;
      valueExpr = this.expression(0);
      if (this.eat('...')) return this.skipTo(close, 'grouping (...) in a for expression is not evaluated');
    }
    this.skipSpace();
    let condition: Expr | undefined;
    if (this.keyword('if')) condition = this.expression(0);
    this.expect(close);
    return { kind: 'for', keyName, valueName, collection, keyExpr, valueExpr, condition, object };
  }

  private skipTo(close: string, reason: string): Expr {
    this.expect(close);
    return { kind: 'unsupported', reason };
  }
}
