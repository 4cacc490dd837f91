import type {
  ArrayExpression, BinaryOperator, CallExpression, Decorator, ErrorExpression, Expression, ForExpression, Identifier,
  IfExpression, LambdaParameter, ObjectExpression, ObjectProperty, ResourceDeclaration, SpreadElement,
} from './ast.js';
import { Cursor, Unwind, type StringNode } from './cursor.js';
import { Tok } from './lexer.js';
import { parseResourceDeclaration } from './parse-declaration.js';

/** Binding power of each binary operator token (Bicep's TokenTypeHelper): `??` binds loosest. */
const PRECEDENCE = new Int8Array(64).fill(-1);
const OPERATORS: (BinaryOperator | undefined)[] = [];
for (const [kind, operator, precedence] of [
  [Tok.QQ, '??', 30], [Tok.OrOr, '||', 40], [Tok.AndAnd, '&&', 50],
  [Tok.EqEq, '==', 70], [Tok.NotEq, '!=', 70], [Tok.EqTilde, '=~', 70], [Tok.NotTilde, '!~', 70],
  [Tok.Lt, '<', 80], [Tok.Le, '<=', 80], [Tok.Gt, '>', 80], [Tok.Ge, '>=', 80],
  [Tok.Plus, '+', 90], [Tok.Minus, '-', 90],
  [Tok.Star, '*', 100], [Tok.Slash, '/', 100], [Tok.Percent, '%', 100],
] as const) {
  PRECEDENCE[kind] = precedence;
  OPERATORS[kind] = operator;
}

/** Keywords after which a line break ends a lambda instead of leading to its body (LanguageConstants.DeclarationKeywords). */
const BODY_BREAKING_KEYWORDS = ['assert', 'import', 'metadata', 'param', 'var', 'resource', 'output', 'module', 'type'];

export function errorExpression(start: number, end: number): ErrorExpression {
  return { kind: 'error', start, end: Math.max(start, end) };
}

export function parseExpression(c: Cursor): Expression {
  const start = c.start;
  if (!c.enter()) {
    c.leave();
    return errorExpression(start, start);
  }
  const e = parseTernary(c);
  c.leave();
  return e;
}

function parseTernary(c: Cursor): Expression {
  const condition = parseBinary(c, 0);
  if (c.unwind) return condition;
  // A `?` or `:` may start the next line.
  if (c.is(Tok.NewLine) && c.kindAt(c.i + 1) === Tok.Question) c.next();
  if (!c.eat(Tok.Question)) return condition;
  const whenTrue = parseExpression(c);
  if (c.unwind) return errorExpression(condition.start, c.lastEnd);
  if (c.is(Tok.NewLine) && c.kindAt(c.i + 1) === Tok.Colon) c.next();
  if (!c.expect(Tok.Colon, "':' in the conditional expression")) return errorExpression(condition.start, c.lastEnd);
  const whenFalse = parseExpression(c);
  return { kind: 'ternary', condition, whenTrue, whenFalse, start: condition.start, end: c.lastEnd };
}

/** Precedence climbing: loops for operators of one level, recurses only to a higher level (at most 7 deep). */
function parseBinary(c: Cursor, minPrecedence: number): Expression {
  let left = parseUnary(c);
  // Each operator of a chain nests the tree one level deeper (to the left), so it counts as nesting.
  let levels = 0;
  while (c.unwind === Unwind.None) {
    const kind = c.kind;
    const precedence = PRECEDENCE[kind] ?? -1;
    if (precedence <= minPrecedence) break;
    const operator = OPERATORS[kind];
    if (operator === undefined) break;
    levels++;
    if (!c.enter()) break;
    c.next();
    const right = parseBinary(c, precedence);
    left = { kind: 'binary', operator, left, right, start: left.start, end: c.lastEnd };
  }
  c.depth -= levels;
  return left;
}

/** `!x`, `-x`: the operand is a member expression (Bicep has no `+x`, and `!!x` needs parentheses). */
function parseUnary(c: Cursor): Expression {
  const kind = c.kind;
  if (kind !== Tok.Bang && kind !== Tok.Minus) return parsePostfix(c);
  const start = c.start;
  c.next();
  const operand = parsePostfix(c);
  return { kind: 'unary', operator: kind === Tok.Bang ? '!' : '-', operand, start, end: c.lastEnd };
}

function parsePostfix(c: Cursor): Expression {
  const depth = c.depth;
  const e = parsePostfixChain(c);
  c.depth = depth;
  return e;
}

/** `.name`, `[i]`, `(args)`, `::name`, `!`: each link nests the tree one level deeper, so it counts as nesting. */
function parsePostfixChain(c: Cursor): Expression {
  let e = parsePrimary(c);
  while (c.unwind === Unwind.None) {
    const k = c.kind;
    if ((k === Tok.LSquare || k === Tok.Dot || k === Tok.ColonColon || k === Tok.Bang) && !c.enter()) return e;
    switch (k) {
      case Tok.LSquare: {
        c.next();
        const safe = c.eat(Tok.Question);
        const fromEnd = c.eat(Tok.Hat);
        if (c.is(Tok.RSquare)) {
          c.fail('expected an index between the brackets');
          return e;
        }
        const index = parseExpression(c);
        if (c.unwind || !c.expect(Tok.RSquare, "']' after the index")) return e;
        e = { kind: 'index', target: e, index, safe, fromEnd, start: e.start, end: c.lastEnd };
        break;
      }
      case Tok.Dot: {
        c.next();
        const safeAt = c.start;
        const safe = c.eat(Tok.Question);
        if (!c.is(Tok.Identifier)) {
          c.failExpected("a property or function name after '.'");
          return e;
        }
        const name = c.identifier();
        if (c.is(Tok.LParen)) {
          if (safe) c.error("'.?' cannot call a function: use '.' before the function name", safeAt, safeAt + 1);
          const args = parseArguments(c);
          e = { kind: 'call', target: e, name, args, start: e.start, end: c.lastEnd };
        } else {
          e = { kind: 'member', target: e, name, safe, start: e.start, end: c.lastEnd };
        }
        break;
      }
      case Tok.ColonColon: {
        c.next();
        if (!c.is(Tok.Identifier)) {
          c.failExpected("a nested resource name after '::'");
          return e;
        }
        const name = c.identifier();
        e = { kind: 'resourceAccess', target: e, name, start: e.start, end: c.lastEnd };
        break;
      }
      case Tok.Bang:
        c.next();
        e = { kind: 'nonNull', target: e, start: e.start, end: c.lastEnd };
        break;
      default:
        return e;
    }
  }
  return e;
}

function parsePrimary(c: Cursor): Expression {
  const start = c.start;
  switch (c.kind) {
    case Tok.Integer: {
      const text = c.tokenText();
      if (tooLargeForBicep(text)) c.error('the integer is too large (Bicep integers are 64-bit)', start, c.end);
      c.next();
      return { kind: 'number', value: Number(text), text, start, end: c.lastEnd };
    }
    case Tok.True:
    case Tok.False: {
      const value = c.kind === Tok.True;
      c.next();
      return { kind: 'boolean', value, start, end: c.lastEnd };
    }
    case Tok.Null:
      c.next();
      return { kind: 'null', start, end: c.lastEnd };
    case Tok.String:
    case Tok.StringLeft:
      return parseString(c);
    case Tok.LBrace:
    case Tok.LSquare:
      if (!c.complexLiterals) {
        c.fail('object and array literals are not allowed in a string interpolation: declare a variable for the value');
        return errorExpression(start, start);
      }
      if (c.kind === Tok.LBrace) return parseObject(c, false);
      return startsForExpression(c) ? parseFor(c, false, false) : parseArray(c);
    case Tok.LParen:
      return parseParenthesizedOrLambda(c);
    case Tok.Identifier: {
      const name = c.identifier();
      if (c.is(Tok.LParen)) {
        const args = parseArguments(c);
        return { kind: 'call', target: undefined, name, args, start, end: c.lastEnd };
      }
      if (c.is(Tok.Arrow)) {
        const parameter: LambdaParameter = { name, type: undefined, start: name.start, end: name.end };
        return parseLambdaBody(c, [parameter], start);
      }
      return { kind: 'variable', name: name.name, start, end: name.end };
    }
    default:
      c.failExpected('an expression');
      return errorExpression(start, start);
  }
}

/** Bicep reads integer literals as unsigned 64-bit numbers (BCP010 past that). */
function tooLargeForBicep(text: string): boolean {
  let digits = text.replace(/^0+/, '');
  if (digits.length < 20) return false;
  if (digits.length > 20) return true;
  digits = digits.slice(0, 20);
  return digits > '18446744073709551615';
}

export function startsForExpression(c: Cursor): boolean {
  const after = c.kindAt(c.i + 1) === Tok.NewLine ? c.i + 2 : c.i + 1;
  return c.isWordAt(after, 'for');
}

/** `'text'`, `'''text'''`, or an interpolated string (single-line, or `$'''` multi-line). */
export function parseString(c: Cursor): StringNode {
  const start = c.start;
  if (c.is(Tok.String)) {
    const value = c.stringValue();
    const multiline = c.isMultilineString();
    c.next();
    return { kind: 'string', value, multiline, start, end: c.lastEnd };
  }
  const parts = [c.stringValue()];
  c.next();
  const complexLiterals = c.complexLiterals;
  c.complexLiterals = false;
  const node = parseHoles(c, start, parts);
  c.complexLiterals = complexLiterals;
  return node;
}

function parseHoles(c: Cursor, start: number, parts: string[]): StringNode {
  const expressions: Expression[] = [];
  for (;;) {
    const holeStart = c.start;
    let e = parseExpression(c);
    if (c.isFailing()) {
      // An error in one hole costs that hole, not the string.
      c.recover([Tok.StringMiddle, Tok.StringRight, Tok.NewLine]);
      e = errorExpression(holeStart, c.lastEnd);
    }
    if (c.unwind) return { kind: 'interpolated', parts, expressions, start, end: c.lastEnd };
    expressions.push(e);
    const kind = c.kind;
    if (kind === Tok.StringMiddle || kind === Tok.StringRight) {
      parts.push(c.stringValue());
      c.next();
      if (kind === Tok.StringRight) return { kind: 'interpolated', parts, expressions, start, end: c.lastEnd };
    } else {
      c.failExpected("'}' to close the interpolation");
      return { kind: 'interpolated', parts, expressions, start, end: c.lastEnd };
    }
  }
}

/**
 * Items of an object, array, type or import list: separated by line breaks or commas (not both: a
 * comma at the end of a line is Bicep's BCP238). Returns false when an abort cut the list short.
 */
export function parseItems(c: Cursor, closing: number, closingText: string, item: () => void): boolean {
  if (c.is(closing)) return true;
  if (c.abortIfDeclarationFollows(closingText)) return false;
  c.skipNewLines();
  let expectItem = true;
  while (c.unwind === Unwind.None) {
    const kind = c.kind;
    if (kind === closing || kind === Tok.EOF) break;
    if (!expectItem) {
      if (kind === Tok.NewLine) {
        if (c.abortIfDeclarationFollows(closingText)) return false;
        c.next();
      } else if (kind === Tok.Comma) {
        c.next();
        if (c.is(Tok.NewLine)) {
          c.error("unexpected new line after ','; separate items with either a comma or a new line", c.start, c.start);
          if (c.abortIfDeclarationFollows(closingText)) return false;
          c.next();
        }
      } else {
        c.error(`expected ',' or a new line between items${c.found()}`, c.start, c.start);
      }
      expectItem = true;
      continue;
    }
    const complexLiterals = c.complexLiterals;
    c.complexLiterals = true;
    item();
    c.complexLiterals = complexLiterals;
    if (c.isFailing()) c.recover([Tok.NewLine, closing]);
    expectItem = false;
  }
  return c.unwind !== Unwind.Abort;
}

/** Nesting is counted by the callers (parseExpression, or a resource body). */
export function parseObject(c: Cursor, allowResources: boolean): ObjectExpression {
  const start = c.start;
  const members: (ObjectProperty | SpreadElement | ResourceDeclaration)[] = [];
  c.next();
  parseItems(c, Tok.RBrace, '}', () => {
    const member = parseObjectMember(c, allowResources);
    if (member !== undefined && c.unwind === Unwind.None) members.push(member);
  });
  if (c.unwind === Unwind.None) c.expect(Tok.RBrace, "'}' to close the object");
  return { kind: 'object', members, start, end: c.lastEnd };
}

function parseObjectMember(c: Cursor, allowResources: boolean): ObjectProperty | SpreadElement | ResourceDeclaration | undefined {
  const start = c.start;
  const decorators = c.is(Tok.At) ? parseDecorators(c) : [];
  if (c.unwind) return undefined;
  if (allowResources && c.isWord('resource') && (decorators.length > 0 || c.kindAt(c.i + 1) === Tok.Identifier)) {
    return parseResourceDeclaration(c, start, decorators);
  }
  if (c.is(Tok.Ellipsis)) {
    c.next();
    const expression = parseExpression(c);
    return { kind: 'spread', expression, start, end: c.lastEnd };
  }
  let key: ObjectProperty['key'];
  if (c.is(Tok.Identifier)) key = c.identifier();
  else if (c.is(Tok.String) || c.is(Tok.StringLeft)) key = parseString(c);
  else {
    c.failExpected('a property name');
    return undefined;
  }
  if (c.unwind || !c.expect(Tok.Colon, "':' after the property name")) return undefined;
  const value = parseExpression(c);
  return { kind: 'property', key, value, decorators, start, end: c.lastEnd };
}

function parseArray(c: Cursor): ArrayExpression {
  const start = c.start;
  const items: (Expression | SpreadElement)[] = [];
  c.next();
  parseItems(c, Tok.RSquare, ']', () => {
    const itemStart = c.start;
    let item: Expression | SpreadElement;
    if (c.eat(Tok.Ellipsis)) {
      const expression = parseExpression(c);
      item = { kind: 'spread', expression, start: itemStart, end: c.lastEnd };
    } else {
      item = parseExpression(c);
    }
    if (c.unwind === Unwind.None) items.push(item);
  });
  if (c.unwind === Unwind.None) c.expect(Tok.RSquare, "']' to close the array");
  return { kind: 'array', items, start, end: c.lastEnd };
}

/**
 * `[for x in xs: body]`, `[for (x, i) in xs: body]`. In a resource or module body the loop body is an
 * object or `if (...) {...}`; `allowResources` lets a resource body hold nested resources.
 */
export function parseFor(c: Cursor, resourceContext: boolean, allowResources: boolean): ForExpression | ErrorExpression {
  const start = c.start;
  c.next();
  c.skipNewLines();
  if (!c.isWord('for')) {
    c.failExpected("'for'");
    return errorExpression(start, c.lastEnd);
  }
  c.next();
  let item: Identifier | undefined;
  let index: Identifier | undefined;
  if (c.is(Tok.Identifier)) {
    item = c.identifier();
  } else if (c.is(Tok.LParen)) {
    const blockStart = c.start;
    c.next();
    const names: (Identifier | undefined)[] = [];
    while (c.unwind === Unwind.None && !c.is(Tok.RParen)) {
      if (c.is(Tok.Identifier)) names.push(c.identifier());
      else if (c.is(Tok.Comma)) names.push(undefined);
      else {
        c.failExpected('a loop variable name');
        break;
      }
      if (!c.eat(Tok.Comma)) break;
    }
    if (c.unwind || !c.expect(Tok.RParen, "')' after the loop variables")) return errorExpression(start, c.lastEnd);
    if (names.length !== 2) {
      c.error(`expected two loop variables '(item, index)', found ${names.length}`, blockStart, c.lastEnd);
    }
    item = names[0];
    index = names[1];
  } else {
    c.failExpected("a loop variable name or '('");
    return errorExpression(start, c.lastEnd);
  }
  if (!c.isWord('in')) {
    c.failExpected("'in' after the loop variable");
    return errorExpression(start, c.lastEnd);
  }
  c.next();
  const iterable = parseExpression(c);
  if (c.unwind || !c.expect(Tok.Colon, "':' after the loop's array")) return errorExpression(start, c.lastEnd);
  let body: Expression;
  if (!resourceContext) body = parseExpression(c);
  else if (c.is(Tok.LBrace)) body = parseObject(c, allowResources);
  else if (c.isWord('if')) body = parseIf(c, allowResources);
  else {
    c.failExpected("'{' or 'if' for the loop body");
    return errorExpression(start, c.lastEnd);
  }
  if (c.unwind) return errorExpression(start, c.lastEnd);
  c.skipNewLines();
  if (!c.expect(Tok.RSquare, "']' to close the loop")) return errorExpression(start, c.lastEnd);
  return { kind: 'for', item, index, iterable, body, start, end: c.lastEnd };
}

/** `if (condition) { ... }`, the body of a conditional resource or module (or of a loop over them). */
export function parseIf(c: Cursor, allowResources: boolean): IfExpression | ErrorExpression {
  const start = c.start;
  c.next();
  if (!c.is(Tok.LParen)) {
    c.failExpected("'(' after 'if'");
    return errorExpression(start, c.lastEnd);
  }
  const condition = parseParenthesized(c);
  if (c.unwind) return errorExpression(start, c.lastEnd);
  if (!c.is(Tok.LBrace)) {
    c.failExpected("'{' after the condition");
    return errorExpression(start, c.lastEnd);
  }
  const body = parseObject(c, allowResources);
  return { kind: 'if', condition, body, start, end: c.lastEnd };
}

/** `( items )`, with line breaks allowed around items. */
function parseParenthesizedList(c: Cursor): Expression[] {
  const items: Expression[] = [];
  c.next();
  c.skipNewLinesInside(')');
  while (c.unwind === Unwind.None && !c.is(Tok.RParen)) {
    items.push(parseExpression(c));
    if (c.unwind || !c.skipNewLinesInside(')')) break;
    if (!c.eat(Tok.Comma)) break;
    c.skipNewLinesInside(')');
  }
  if (c.unwind === Unwind.None) c.expect(Tok.RParen, "')'");
  return items;
}

function parseParenthesized(c: Cursor): Expression {
  const start = c.start;
  const items = parseParenthesizedList(c);
  return parenthesized(c, items, start);
}

function parenthesized(c: Cursor, items: Expression[], start: number): Expression {
  if (c.unwind) return errorExpression(start, c.lastEnd);
  const only = items[0];
  if (items.length !== 1 || only === undefined) {
    c.error('expected exactly one expression between the parentheses', start, c.lastEnd);
    return errorExpression(start, c.lastEnd);
  }
  return { kind: 'parenthesized', expression: only, start, end: c.lastEnd };
}

function parseParenthesizedOrLambda(c: Cursor): Expression {
  const start = c.start;
  const items = parseParenthesizedList(c);
  if (c.unwind || !c.is(Tok.Arrow)) return parenthesized(c, items, start);
  const parameters: LambdaParameter[] = [];
  for (const item of items) {
    if (item.kind === 'variable') {
      const name: Identifier = { kind: 'identifier', name: item.name, start: item.start, end: item.end };
      parameters.push({ name, type: undefined, start: item.start, end: item.end });
    } else {
      c.error('expected a lambda parameter name', item.start, item.end);
    }
  }
  return parseLambdaBody(c, parameters, start);
}

/** From `=>`: a line break may come before the body, unless the next line starts a declaration. */
export function parseLambdaBody(c: Cursor, parameters: LambdaParameter[], start: number): Expression {
  c.next();
  if (c.is(Tok.NewLine) && !BODY_BREAKING_KEYWORDS.some((k) => c.isWordAt(c.i + 1, k))) c.next();
  const complexLiterals = c.complexLiterals;
  c.complexLiterals = true;
  const body = parseExpression(c);
  c.complexLiterals = complexLiterals;
  return { kind: 'lambda', parameters, body, start, end: c.lastEnd };
}

/**
 * Call arguments from `(`: separated by commas, each may be on its own line; no trailing comma.
 * Bicep's HandleFunctionElements.
 */
export function parseArguments(c: Cursor): Expression[] {
  const args: Expression[] = [];
  c.next();
  if (c.eat(Tok.RParen)) return args;
  if (c.abortIfDeclarationFollows(')')) return args;
  c.skipNewLines();
  let expectArgument = true;
  while (c.unwind === Unwind.None) {
    const kind = c.kind;
    if (kind === Tok.RParen || kind === Tok.EOF) break;
    if (!expectArgument) {
      if (kind === Tok.NewLine) {
        const after = c.kindAt(c.i + 1);
        if (after === Tok.EOF) break;
        if (c.abortIfDeclarationFollows(')')) return args;
        if (after !== Tok.RParen) c.error(`expected ',' between arguments`, c.start, c.start);
        c.next();
      } else if (kind === Tok.Comma) {
        c.next();
        if (c.is(Tok.NewLine)) {
          if (c.abortIfDeclarationFollows(')')) return args;
          c.next();
        }
        if (c.is(Tok.RParen)) c.error("expected an argument after ',' (a call has no trailing comma)", c.start, c.end);
      } else {
        c.error(`expected ',' or ')' after the argument${c.found()}`, c.start, c.start);
      }
      expectArgument = true;
      continue;
    }
    const argument = parseExpression(c);
    if (c.isFailing()) c.recover([Tok.NewLine, Tok.Comma, Tok.RParen]);
    else if (c.unwind === Unwind.None) args.push(argument);
    expectArgument = false;
  }
  if (c.unwind === Unwind.None) c.expect(Tok.RParen, "')' to close the argument list");
  return args;
}

/**
 * `@name(args)` / `@ns.name(args)` lines before a declaration, property or type member. An error in
 * one decorator costs that decorator's line.
 */
export function parseDecorators(c: Cursor): Decorator[] {
  const decorators: Decorator[] = [];
  while (c.is(Tok.At) && c.unwind === Unwind.None) {
    const decorator = parseDecorator(c);
    if (decorator !== undefined && c.unwind === Unwind.None) {
      decorators.push(decorator);
      if (!c.is(Tok.NewLine)) {
        if (c.is(Tok.EOF)) {
          c.fail('expected a declaration after the decorator');
          break;
        }
        c.error(`expected a new line after the decorator${c.found()}`, c.start, c.end);
        while (!c.is(Tok.NewLine) && !c.is(Tok.EOF)) c.next();
      }
    }
    if (c.isFailing()) c.recover([Tok.NewLine]);
    c.skipNewLines();
  }
  return decorators;
}

function parseDecorator(c: Cursor): Decorator | undefined {
  const start = c.start;
  c.next();
  if (!c.is(Tok.Identifier)) {
    c.failExpected("a decorator name after '@'");
    return undefined;
  }
  let target: Expression | undefined;
  let name = c.identifier();
  while (c.is(Tok.Dot)) {
    c.next();
    if (!c.is(Tok.Identifier)) {
      c.failExpected("a decorator name after '.'");
      return undefined;
    }
    target = target === undefined
      ? { kind: 'variable', name: name.name, start: name.start, end: name.end }
      : { kind: 'member', target, name, safe: false, start: target.start, end: name.end };
    name = c.identifier();
  }
  if (!c.is(Tok.LParen)) {
    c.failExpected(`'(' after the decorator name (write '@${name.name}()')`);
    return undefined;
  }
  const args = parseArguments(c);
  const call: CallExpression = { kind: 'call', target, name, args, start: start + 1, end: c.lastEnd };
  return { kind: 'decorator', call, start, end: c.lastEnd };
}
