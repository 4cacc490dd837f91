import type { ErrorType, Identifier, ObjectTypeMember, StringLiteral, TypeExpression, TypeReference } from './ast.js';
import { Cursor, Unwind } from './cursor.js';
import { Tok } from './lexer.js';
import { parseDecorators, parseItems, parseString } from './parse-expression.js';

function errorType(start: number, end: number): ErrorType {
  return { kind: 'errorType', start, end: Math.max(start, end) };
}

/**
 * A declaration's type: `resource 'T@v'` or a type expression. Outputs may write `resource` alone
 * (the type comes from the value); that is read as a reference to a type named `resource`.
 */
export function parseDeclaredType(c: Cursor, allowBareResource: boolean): TypeExpression {
  if (!c.isWord('resource') || c.kindAt(c.i + 1) === Tok.Lt) return parseType(c);
  const start = c.start;
  const keyword = c.identifier();
  if (c.is(Tok.String) || c.is(Tok.StringLeft)) {
    const s = parseString(c);
    if (s.kind === 'interpolated') {
      c.error('the resource type cannot be interpolated', s.start, s.end);
      return errorType(start, c.lastEnd);
    }
    return { kind: 'resourceType', typeString: s, start, end: c.lastEnd };
  }
  if (allowBareResource) {
    return { kind: 'typeReference', namespace: undefined, name: keyword, typeArguments: undefined, start, end: keyword.end };
  }
  c.failExpected("a resource type string after 'resource'");
  return errorType(start, c.lastEnd);
}

/** A type expression, with unions (`'a' | 'b'`, a leading `|`, and `|` starting a continuation line). */
export function parseType(c: Cursor): TypeExpression {
  const start = c.start;
  if (!c.enter()) {
    c.leave();
    return errorType(start, start);
  }
  const t = parseUnion(c, start);
  c.leave();
  return t;
}

function atUnionSeparator(c: Cursor): boolean {
  return c.is(Tok.Pipe) || (c.is(Tok.NewLine) && c.kindAt(c.i + 1) === Tok.Pipe);
}

function parseUnion(c: Cursor, start: number): TypeExpression {
  const leadingPipe = atUnionSeparator(c);
  if (leadingPipe) {
    c.skipNewLines();
    c.next();
  }
  const first = parseUnaryType(c);
  if (c.unwind || (!leadingPipe && !atUnionSeparator(c))) return first;
  const members = [first];
  while (c.unwind === Unwind.None && atUnionSeparator(c)) {
    c.skipNewLines();
    c.next();
    if (c.is(Tok.NewLine) || c.is(Tok.EOF)) {
      c.error("expected a type after '|'", c.start, c.start);
      break;
    }
    members.push(parseUnaryType(c));
  }
  return { kind: 'unionType', members, start, end: c.lastEnd };
}

/** `T?` (nullable) and `T!` (non-nullable: read as `T`, which the syntax tree cannot tell apart). */
function parseUnaryType(c: Cursor): TypeExpression {
  let t = parseNegativeLiteralOrMember(c);
  while (c.unwind === Unwind.None) {
    if (c.eat(Tok.Question)) t = { kind: 'nullableType', base: t, start: t.start, end: c.lastEnd };
    else if (c.eat(Tok.Bang)) t = { ...t, end: c.lastEnd };
    else break;
  }
  return t;
}

/** `-1` and `!true`: Bicep's unary type operators, which only make sense on literals. */
function parseNegativeLiteralOrMember(c: Cursor): TypeExpression {
  const operator = c.kind;
  if (operator !== Tok.Minus && operator !== Tok.Bang) return parseMemberType(c);
  const start = c.start;
  c.next();
  const k = c.kind;
  let value: number | boolean;
  if (operator === Tok.Minus && k === Tok.Integer) value = -Number(c.tokenText());
  else if (operator === Tok.Bang && (k === Tok.True || k === Tok.False)) value = k !== Tok.True;
  else {
    c.failExpected(operator === Tok.Minus ? "an integer after '-' in a type" : "'true' or 'false' after '!' in a type");
    return errorType(start, c.lastEnd);
  }
  c.next();
  return { kind: 'literalType', value, start, end: c.lastEnd };
}

/** `T[]`, `T[*]`, `T[0]`, `T.prop`, `T.*`, `ns.name`, `ns.name<args>`. */
function parseMemberType(c: Cursor): TypeExpression {
  let t = parsePrimaryType(c);
  while (c.unwind === Unwind.None) {
    if (c.is(Tok.LSquare)) {
      c.next();
      if (c.eat(Tok.RSquare)) {
        t = { kind: 'arrayType', item: t, start: t.start, end: c.lastEnd };
        continue;
      }
      let member: string | number;
      if (c.eat(Tok.Star)) {
        member = '*';
      } else if (c.is(Tok.Integer)) {
        member = Number(c.tokenText());
        c.next();
      } else {
        c.failExpected("an integer index or '*' in a type");
        break;
      }
      if (!c.expect(Tok.RSquare, "']'")) break;
      t = { kind: 'typeAccess', base: t, member, start: t.start, end: c.lastEnd };
    } else if (c.is(Tok.Dot)) {
      c.next();
      if (c.eat(Tok.Star)) {
        // `T.*`: the type of additional properties.
        t = { kind: 'typeAccess', base: t, member: '.*', start: t.start, end: c.lastEnd };
        continue;
      }
      if (!c.is(Tok.Identifier)) {
        c.failExpected("a property name after '.'");
        break;
      }
      const name = c.identifier();
      const namespace = namespaceOf(c, t);
      if (c.is(Tok.Lt) || namespace !== undefined) {
        const typeArguments = c.is(Tok.Lt) ? parseTypeArguments(c) : undefined;
        if (namespace === undefined) {
          c.error('expected a namespace before a parameterized type', t.start, t.end);
          return errorType(t.start, c.lastEnd);
        }
        t = { kind: 'typeReference', namespace, name, typeArguments, start: t.start, end: c.lastEnd };
      } else {
        t = { kind: 'typeAccess', base: t, member: name.name, start: t.start, end: c.lastEnd };
      }
    } else {
      break;
    }
  }
  return t;
}

/**
 * `ns.name` and `T.prop` look the same. A bare reference to `sys`, `az`, or an `import * as ns` alias
 * seen so far is a namespace; anything else is a property access.
 */
function namespaceOf(c: Cursor, t: TypeExpression): Identifier | undefined {
  if (t.kind !== 'typeReference' || t.namespace !== undefined || t.typeArguments !== undefined) return undefined;
  if (!c.typeNamespaces.has(t.name.name) && !c.is(Tok.Lt)) return undefined;
  return t.name;
}

function parseTypeArguments(c: Cursor): TypeExpression[] {
  const args: TypeExpression[] = [];
  c.next();
  c.skipNewLinesInside('>');
  while (c.unwind === Unwind.None && !c.is(Tok.Gt)) {
    args.push(parseType(c));
    if (c.unwind || !c.skipNewLinesInside('>')) break;
    if (!c.eat(Tok.Comma)) break;
    c.skipNewLinesInside('>');
  }
  if (c.unwind === Unwind.None) c.expect(Tok.Gt, "'>' to close the type arguments");
  return args;
}

function parsePrimaryType(c: Cursor): TypeExpression {
  const start = c.start;
  switch (c.kind) {
    case Tok.Integer: {
      const value = Number(c.tokenText());
      c.next();
      return { kind: 'literalType', value, start, end: c.lastEnd };
    }
    case Tok.True:
    case Tok.False: {
      const value = c.kind === Tok.True;
      c.next();
      return { kind: 'literalType', value, start, end: c.lastEnd };
    }
    case Tok.Null:
      c.next();
      return { kind: 'literalType', value: null, start, end: c.lastEnd };
    case Tok.String:
    case Tok.StringLeft: {
      const s = parseString(c);
      if (s.kind === 'interpolated') {
        c.error('a string type cannot be interpolated', s.start, s.end);
        return errorType(start, c.lastEnd);
      }
      return { kind: 'literalType', value: s.value, start, end: c.lastEnd };
    }
    case Tok.LBrace:
      return parseObjectType(c);
    case Tok.LSquare:
      return parseTupleType(c);
    case Tok.LParen: {
      c.next();
      const type = parseType(c);
      if (c.unwind) return errorType(start, c.lastEnd);
      if (c.is(Tok.Comma)) {
        c.fail('expected exactly one type between the parentheses');
        return errorType(start, c.lastEnd);
      }
      if (!c.expect(Tok.RParen, "')'")) return errorType(start, c.lastEnd);
      return { kind: 'parenthesizedType', type, start, end: c.lastEnd };
    }
    case Tok.Identifier: {
      const name = c.identifier();
      const typeArguments = c.is(Tok.Lt) ? parseTypeArguments(c) : undefined;
      const reference: TypeReference = { kind: 'typeReference', namespace: undefined, name, typeArguments, start, end: c.lastEnd };
      return reference;
    }
    default:
      c.failExpected('a type');
      return errorType(start, start);
  }
}

function parseObjectType(c: Cursor): TypeExpression {
  const start = c.start;
  const members: ObjectTypeMember[] = [];
  c.next();
  parseItems(c, Tok.RBrace, '}', () => {
    const memberStart = c.start;
    const decorators = c.is(Tok.At) ? parseDecorators(c) : [];
    if (c.unwind) return;
    let key: Identifier | StringLiteral | undefined;
    if (c.is(Tok.Identifier)) {
      key = c.identifier();
    } else if (c.is(Tok.String) || c.is(Tok.StringLeft)) {
      const s = parseString(c);
      if (s.kind === 'interpolated') {
        c.error('a property name in a type cannot be interpolated', s.start, s.end);
        return;
      }
      key = s;
    } else if (!c.eat(Tok.Star)) {
      c.failExpected("a property name or '*'");
      return;
    }
    if (c.unwind || !c.expect(Tok.Colon, "':' after the property name")) return;
    const type = parseType(c);
    if (c.unwind === Unwind.None) members.push({ key, type, decorators, start: memberStart, end: c.lastEnd });
  });
  if (c.unwind === Unwind.None) c.expect(Tok.RBrace, "'}' to close the object type");
  return { kind: 'objectType', members, start, end: c.lastEnd };
}

/** `[string, int]`; decorators on items are read and dropped (the syntax tree has no place for them). */
function parseTupleType(c: Cursor): TypeExpression {
  const start = c.start;
  const items: TypeExpression[] = [];
  c.next();
  parseItems(c, Tok.RSquare, ']', () => {
    if (c.is(Tok.At)) parseDecorators(c);
    if (c.unwind) return;
    const item = parseType(c);
    if (c.unwind === Unwind.None) items.push(item);
  });
  if (c.unwind === Unwind.None) c.expect(Tok.RSquare, "']' to close the tuple type");
  return { kind: 'tupleType', items, start, end: c.lastEnd };
}
