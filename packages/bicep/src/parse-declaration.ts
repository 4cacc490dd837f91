import type {
  Declaration, Decorator, ErrorDeclaration, Expression, Identifier, ImportItem, LambdaParameter, ResourceDeclaration,
  TypeExpression,
} from './ast.js';
import { Cursor, Unwind, isStringStart, type StringNode } from './cursor.js';
import { Tok } from './lexer.js';
import {
  errorExpression, parseDecorators, parseExpression, parseFor, parseIf, parseItems, parseLambdaBody, parseObject, parseString,
  startsForExpression,
} from './parse-expression.js';
import { parseDeclaredType, parseType } from './parse-type.js';

const EXPECTED_DECLARATION =
  'param, var, resource, module, output, type, func, import, metadata, targetScope, extension, assert, test, using or extends';

/**
 * One top-level declaration, from its decorators to its last token. On failure `c.unwind` is set and
 * the result is an ErrorDeclaration; the caller skips the rest.
 */
export function parseDeclaration(c: Cursor): Declaration {
  const start = c.start;
  const decorators = c.is(Tok.At) ? parseDecorators(c) : [];
  if (c.unwind) return errorDeclaration(c, start);
  if (!c.is(Tok.Identifier)) {
    if (decorators.length > 0) c.failExpected('a declaration after the decorators');
    else c.failExpected(`a declaration (${EXPECTED_DECLARATION})`);
    return errorDeclaration(c, start);
  }
  const word = c.tokenText();
  const declaration = parseByKeyword(c, word, start, decorators);
  return c.unwind ? errorDeclaration(c, start) : declaration;
}

export function errorDeclaration(c: Cursor, start: number): ErrorDeclaration {
  return { kind: 'errorDeclaration', decorators: [], start, end: Math.max(start, c.lastEnd) };
}

function parseByKeyword(c: Cursor, word: string, start: number, decorators: Decorator[]): Declaration {
  switch (word) {
    case 'param':
      return parseParameter(c, start, decorators);
    case 'var':
      return parseVariable(c, start, decorators);
    case 'resource':
      return parseResourceDeclaration(c, start, decorators);
    case 'module':
      return parseModule(c, start, decorators);
    case 'output':
      return parseOutput(c, start, decorators);
    case 'type':
      return parseTypeDeclaration(c, start, decorators);
    case 'func':
      return parseFunction(c, start, decorators);
    case 'import':
      return parseImport(c, start, decorators);
    case 'using':
      return parseUsing(c, start, decorators);
    case 'extends': {
      c.next();
      const path = expectString(c, "a file path after 'extends'");
      if (path === undefined) return errorDeclaration(c, start);
      return { kind: 'extends', path, decorators, start, end: c.lastEnd };
    }
    case 'metadata': {
      c.next();
      const name = expectName(c, "a metadata name after 'metadata'");
      const value = name && expectValue(c, "'=' after the metadata name");
      if (!name || !value) return errorDeclaration(c, start);
      return { kind: 'metadata', name, value, decorators, start, end: c.lastEnd };
    }
    case 'targetScope': {
      c.next();
      const value = expectValue(c, "'=' after 'targetScope'");
      if (!value) return errorDeclaration(c, start);
      return { kind: 'targetScope', value, decorators, start, end: c.lastEnd };
    }
    case 'extension':
      return parseExtension(c, start, decorators);
    case 'extensionConfig': {
      c.next();
      const name = expectName(c, "an extension alias after 'extensionConfig'");
      if (!name) return errorDeclaration(c, start);
      if (!c.isWord('with')) {
        c.failExpected("'with' after the extension alias");
        return errorDeclaration(c, start);
      }
      const config = parseWithClause(c);
      if (!config) return errorDeclaration(c, start);
      return { kind: 'extensionConfig', name, config, decorators, start, end: c.lastEnd };
    }
    case 'assert': {
      c.next();
      const name = expectName(c, "an assertion name after 'assert'");
      const value = name && expectValue(c, "'=' after the assertion name");
      if (!name || !value) return errorDeclaration(c, start);
      return { kind: 'assert', name, value, decorators, start, end: c.lastEnd };
    }
    case 'test': {
      c.next();
      const name = expectName(c, "a test name after 'test'");
      const path = name && expectString(c, 'the path of the file to test');
      if (!name || !path || !c.expect(Tok.Assign, "'=' after the file path")) return errorDeclaration(c, start);
      if (!c.is(Tok.LBrace)) {
        c.failExpected("'{' after '='");
        return errorDeclaration(c, start);
      }
      const body = parseObject(c, false);
      return { kind: 'test', name, path, body, decorators, start, end: c.lastEnd };
    }
    default:
      c.fail(`unrecognized declaration '${word.length > 40 ? `${word.slice(0, 37)}...` : word}': expected ${EXPECTED_DECLARATION}`);
      return errorDeclaration(c, start);
  }
}

function expectName(c: Cursor, what: string): Identifier | undefined {
  if (c.is(Tok.Identifier)) return c.identifier();
  c.failExpected(what);
  return undefined;
}

function expectString(c: Cursor, what: string): StringNode | undefined {
  if (isStringStart(c.kind)) {
    const s = parseString(c);
    return c.unwind ? undefined : s;
  }
  c.failExpected(what);
  return undefined;
}

/** `= expression` */
function expectValue(c: Cursor, what: string): Expression | undefined {
  if (!c.expect(Tok.Assign, what)) return undefined;
  const value = parseExpression(c);
  return c.unwind ? undefined : value;
}

/** `param name type [= default]` (`.bicep`) or `param name = value` (`.bicepparam`). */
function parseParameter(c: Cursor, start: number, decorators: Decorator[]): Declaration {
  c.next();
  const name = expectName(c, "a parameter name after 'param'");
  if (!name) return errorDeclaration(c, start);
  let type: TypeExpression | undefined;
  if (!c.is(Tok.Assign)) {
    if (c.is(Tok.NewLine) || c.is(Tok.EOF)) {
      c.fail(`expected a type or '=' after the parameter name`);
      return errorDeclaration(c, start);
    }
    type = parseDeclaredType(c, false);
    if (c.unwind) return errorDeclaration(c, start);
    if (!c.is(Tok.Assign)) {
      if (!c.is(Tok.NewLine) && !c.is(Tok.EOF)) {
        c.failExpected("'=' or a new line after the parameter type");
        return errorDeclaration(c, start);
      }
      return { kind: 'param', name, type, value: undefined, decorators, start, end: c.lastEnd };
    }
  }
  const value = expectValue(c, "'='");
  if (!value) return errorDeclaration(c, start);
  return { kind: 'param', name, type, value, decorators, start, end: c.lastEnd };
}

/** `var name = value` or `var name type = value`. */
function parseVariable(c: Cursor, start: number, decorators: Decorator[]): Declaration {
  c.next();
  const name = expectName(c, "a variable name after 'var'");
  if (!name) return errorDeclaration(c, start);
  let type: TypeExpression | undefined;
  if (!c.is(Tok.Assign) && !c.is(Tok.NewLine) && !c.is(Tok.EOF)) {
    type = parseType(c);
    if (c.unwind) return errorDeclaration(c, start);
  }
  const value = expectValue(c, type ? "'=' after the variable type" : "'=' after the variable name");
  if (!value) return errorDeclaration(c, start);
  return { kind: 'var', name, type, value, decorators, start, end: c.lastEnd };
}

/** Top-level or nested (inside a resource body) `resource name 'T@v' [existing] = body`. */
export function parseResourceDeclaration(c: Cursor, start: number, decorators: Decorator[]): ResourceDeclaration {
  c.next();
  const name = expectName(c, "a resource name after 'resource'");
  const typeString = name && expectString(c, "a resource type string such as 'Microsoft.Compute/galleries@2023-07-03'");
  let existing = false;
  let body: Expression | undefined;
  if (name && typeString) {
    if (c.isWord('existing')) {
      existing = true;
      c.next();
    }
    if (c.expect(Tok.Assign, existing ? "'=' after 'existing'" : "'=' after the resource type")) {
      body = parseBody(c, true);
    }
  }
  const end = c.lastEnd;
  return {
    kind: 'resource',
    name: name ?? { kind: 'identifier', name: '', start: end, end },
    typeString: typeString ?? { kind: 'string', value: '', multiline: false, start: end, end },
    existing,
    body: body ?? errorExpression(end, end),
    decorators,
    start,
    end,
  };
}

/** A resource or module body: `{...}`, `if (...) {...}`, or `[for ...: ...]`. */
function parseBody(c: Cursor, allowResources: boolean): Expression {
  // Nested resources recurse through here, not through parseExpression: count the level.
  const body = c.enter() ? parseBodyInner(c, allowResources) : errorExpression(c.start, c.start);
  c.leave();
  return body;
}

function parseBodyInner(c: Cursor, allowResources: boolean): Expression {
  // `= if` may put `if` on the next line.
  if (c.is(Tok.NewLine) && c.isWordAt(c.i + 1, 'if')) c.next();
  if (c.is(Tok.LBrace)) return parseObject(c, allowResources);
  if (c.isWord('if')) return parseIf(c, allowResources);
  if (c.is(Tok.LSquare) && startsForExpression(c)) return parseFor(c, true, allowResources);
  c.failExpected("'{', 'if' or '[for' after '='");
  return errorExpression(c.start, c.start);
}

function parseModule(c: Cursor, start: number, decorators: Decorator[]): Declaration {
  c.next();
  const name = expectName(c, "a module name after 'module'");
  const path = name && expectString(c, "a module path such as './module.bicep' or 'br/public:...'");
  if (!name || !path || !c.expect(Tok.Assign, "'=' after the module path")) return errorDeclaration(c, start);
  const body = parseBody(c, false);
  if (c.unwind) return errorDeclaration(c, start);
  return { kind: 'module', name, path, body, decorators, start, end: c.lastEnd };
}

function parseOutput(c: Cursor, start: number, decorators: Decorator[]): Declaration {
  c.next();
  const name = expectName(c, "an output name after 'output'");
  if (!name) return errorDeclaration(c, start);
  if (c.is(Tok.Assign) || c.is(Tok.NewLine) || c.is(Tok.EOF)) {
    c.failExpected('a type after the output name');
    return errorDeclaration(c, start);
  }
  const type = parseDeclaredType(c, true);
  if (c.unwind) return errorDeclaration(c, start);
  const value = expectValue(c, "'=' after the output type");
  if (!value) return errorDeclaration(c, start);
  return { kind: 'output', name, type, value, decorators, start, end: c.lastEnd };
}

function parseTypeDeclaration(c: Cursor, start: number, decorators: Decorator[]): Declaration {
  c.next();
  const name = expectName(c, "a type name after 'type'");
  if (!name || !c.expect(Tok.Assign, "'=' after the type name")) return errorDeclaration(c, start);
  const type = parseDeclaredType(c, false);
  if (c.unwind) return errorDeclaration(c, start);
  return { kind: 'type', name, type, decorators, start, end: c.lastEnd };
}

/** `func name(a string, b int) returnType => body` */
function parseFunction(c: Cursor, start: number, decorators: Decorator[]): Declaration {
  c.next();
  const name = expectName(c, "a function name after 'func'");
  if (!name || !c.expect(Tok.LParen, "'(' after the function name")) return errorDeclaration(c, start);
  const parameters: LambdaParameter[] = [];
  c.skipNewLinesInside(')');
  while (c.unwind === Unwind.None && !c.is(Tok.RParen)) {
    const parameterName = expectName(c, 'a parameter name');
    if (!parameterName) break;
    const type = parseDeclaredType(c, false);
    if (c.unwind) break;
    parameters.push({ name: parameterName, type, start: parameterName.start, end: c.lastEnd });
    if (!c.skipNewLinesInside(')') || !c.eat(Tok.Comma)) break;
    c.skipNewLinesInside(')');
  }
  if (c.unwind || !c.expect(Tok.RParen, "')' after the function parameters")) return errorDeclaration(c, start);
  if (c.is(Tok.Arrow)) {
    c.fail("expected the function's return type before '=>'");
    return errorDeclaration(c, start);
  }
  const returnType = parseDeclaredType(c, false);
  if (c.unwind) return errorDeclaration(c, start);
  if (!c.is(Tok.Arrow)) {
    c.failExpected("'=>' after the return type");
    return errorDeclaration(c, start);
  }
  const lambda = parseLambdaBody(c, [], c.start);
  if (c.unwind || lambda.kind !== 'lambda') return errorDeclaration(c, start);
  return { kind: 'func', name, parameters, returnType, body: lambda.body, decorators, start, end: c.lastEnd };
}

/** `import {a, b as c} from 'x'`, `import * as ns from 'x'`, or the legacy `import 'az@1.0.0' with {...} as alias`. */
function parseImport(c: Cursor, start: number, decorators: Decorator[]): Declaration {
  c.next();
  if (isStringStart(c.kind)) {
    const specification = expectString(c, 'an extension specification');
    if (!specification) return errorDeclaration(c, start);
    const clauses = parseWithAndAs(c);
    if (!clauses) return errorDeclaration(c, start);
    return { kind: 'import', items: undefined, wildcardAlias: undefined, from: undefined, specification, ...clauses, decorators, start, end: c.lastEnd };
  }
  let items: ImportItem[] | undefined;
  let wildcardAlias: Identifier | undefined;
  if (c.is(Tok.LBrace)) {
    items = parseImportItems(c);
    if (c.unwind) return errorDeclaration(c, start);
  } else if (c.eat(Tok.Star)) {
    if (!c.isWord('as')) {
      c.failExpected("'as' after '*'");
      return errorDeclaration(c, start);
    }
    c.next();
    wildcardAlias = expectName(c, "a namespace name after 'as'");
    if (!wildcardAlias) return errorDeclaration(c, start);
    c.typeNamespaces.add(wildcardAlias.name);
  } else {
    c.failExpected("'{' or '*' after 'import'");
    return errorDeclaration(c, start);
  }
  if (!c.isWord('from')) {
    c.failExpected("'from' and the path of the file to import from");
    return errorDeclaration(c, start);
  }
  c.next();
  const from = expectString(c, "a file path after 'from'");
  if (!from) return errorDeclaration(c, start);
  return {
    kind: 'import', items, wildcardAlias, from, specification: undefined, config: undefined, alias: undefined, decorators, start, end: c.lastEnd,
  };
}

function parseImportItems(c: Cursor): ImportItem[] {
  const items: ImportItem[] = [];
  c.next();
  parseItems(c, Tok.RBrace, '}', () => {
    const itemStart = c.start;
    let name: ImportItem['name'];
    if (c.is(Tok.Identifier)) {
      name = c.identifier();
    } else if (c.is(Tok.String)) {
      const s = parseString(c);
      if (s.kind !== 'string') return;
      name = s;
    } else {
      c.failExpected('the name of an exported symbol');
      return;
    }
    let alias: Identifier | undefined;
    if (c.isWord('as')) {
      c.next();
      alias = expectName(c, "a name after 'as'");
      if (!alias) return;
    } else if (name.kind === 'string') {
      c.error(`a quoted name needs an alias: write ${c.text.slice(name.start, name.end)} as someName`, name.start, name.end);
    }
    items.push({ name, alias, start: itemStart, end: c.lastEnd });
  });
  if (c.unwind === Unwind.None) c.expect(Tok.RBrace, "'}' to close the import list");
  return items;
}

/** `using 'main.bicep'` or `using none`, optionally `with {...}` (read and dropped). */
function parseUsing(c: Cursor, start: number, decorators: Decorator[]): Declaration {
  c.next();
  let path: StringNode | undefined;
  if (c.isWord('none')) {
    c.next();
  } else {
    path = expectString(c, "a file path or 'none' after 'using'");
    if (!path) return errorDeclaration(c, start);
  }
  if (c.isWord('with') && !parseWithClause(c)) return errorDeclaration(c, start);
  return { kind: 'using', path, decorators, start, end: c.lastEnd };
}

/** `extension name` or `extension 'spec' [with {...}] [as alias]`. */
function parseExtension(c: Cursor, start: number, decorators: Decorator[]): Declaration {
  c.next();
  let specification: Identifier | StringNode | undefined;
  if (c.is(Tok.Identifier)) specification = c.identifier();
  else specification = expectString(c, 'an extension name or specification string');
  if (!specification) return errorDeclaration(c, start);
  const clauses = parseWithAndAs(c);
  if (!clauses) return errorDeclaration(c, start);
  return { kind: 'extension', specification, ...clauses, decorators, start, end: c.lastEnd };
}

function parseWithAndAs(c: Cursor): { config: Expression | undefined; alias: Identifier | undefined } | undefined {
  let config: Expression | undefined;
  let alias: Identifier | undefined;
  if (c.isWord('with')) {
    config = parseWithClause(c);
    if (!config) return undefined;
  }
  if (c.isWord('as')) {
    c.next();
    alias = expectName(c, "an alias after 'as'");
    if (!alias) return undefined;
  }
  if (!c.is(Tok.NewLine) && !c.is(Tok.EOF)) {
    c.failExpected("'with', 'as' or a new line");
    return undefined;
  }
  return { config, alias };
}

/** `with { ... }` */
function parseWithClause(c: Cursor): Expression | undefined {
  c.next();
  if (!c.is(Tok.LBrace)) {
    c.failExpected("'{' after 'with'");
    return undefined;
  }
  const config = parseObject(c, false);
  return c.unwind ? undefined : config;
}
