import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  parseBicep, type Declaration, type Expression, type Program, type SyntaxError, type TypeExpression,
} from '../src/index.js';

/** Parses a file that must have no syntax errors. */
function clean(text: string): Program {
  const program = parseBicep(text);
  assert.equal(program.errors, [], text);
  return program;
}

function only(text: string): Declaration {
  const [declaration, ...rest] = clean(text).declarations;
  assert.is(rest.length, 0);
  assert.ok(declaration);
  return declaration;
}

/** The value of `var x = <text>` (offsets are then 8 more than in `text`). */
function value(text: string): Expression {
  const d = only(`var x = ${text}`);
  assert.is(d.kind, 'var');
  if (d.kind !== 'var') throw new Error('unreachable');
  return d.value;
}

function typeOf(text: string): TypeExpression {
  const d = only(`type t = ${text}`);
  if (d.kind !== 'type') throw new Error(`not a type declaration: ${d.kind}`);
  return d.type;
}

/** An expression as a compact string, to pin structure without offsets. */
function show(e: Expression | undefined): string {
  if (e === undefined) return '?';
  switch (e.kind) {
    case 'string':
      return JSON.stringify(e.value);
    case 'interpolated':
      return `\`${e.parts.map((p, i) => (i === 0 ? p : `\${${show(e.expressions[i - 1])}}${p}`)).join('')}\``;
    case 'number':
    case 'boolean':
      return String(e.value);
    case 'null':
      return 'null';
    case 'variable':
      return e.name;
    case 'binary':
      return `(${show(e.left)} ${e.operator} ${show(e.right)})`;
    case 'unary':
      return `(${e.operator}${show(e.operand)})`;
    case 'ternary':
      return `(${show(e.condition)} ? ${show(e.whenTrue)} : ${show(e.whenFalse)})`;
    case 'member':
      return `${show(e.target)}${e.safe ? '.?' : '.'}${e.name.name}`;
    case 'index':
      return `${show(e.target)}[${e.safe ? '?' : ''}${e.fromEnd ? '^' : ''}${show(e.index)}]`;
    case 'resourceAccess':
      return `${show(e.target)}::${e.name.name}`;
    case 'nonNull':
      return `${show(e.target)}!`;
    case 'call':
      return `${e.target ? `${show(e.target)}.` : ''}${e.name.name}(${e.args.map(show).join(', ')})`;
    case 'parenthesized':
      return `(${show(e.expression)})`;
    case 'object':
      return `{${e.members
        .map((m) => (m.kind === 'spread' ? `...${show(m.expression)}` : m.kind === 'resource' ? `resource ${m.name.name}` : `${m.key.kind === 'identifier' ? m.key.name : show(m.key)}: ${show(m.value)}`))
        .join(', ')}}`;
    case 'array':
      return `[${e.items.map((i) => (i.kind === 'spread' ? `...${show(i.expression)}` : show(i))).join(', ')}]`;
    case 'lambda':
      return `(${e.parameters.map((p) => p.name.name).join(', ')}) => ${show(e.body)}`;
    case 'for':
      return `[for (${e.item?.name ?? '?'}, ${e.index?.name ?? '-'}) in ${show(e.iterable)}: ${show(e.body)}]`;
    case 'if':
      return `if ${show(e.condition)} ${show(e.body)}`;
    case 'error':
      return '<error>';
  }
}

function showType(t: TypeExpression | undefined): string {
  if (t === undefined) return '?';
  switch (t.kind) {
    case 'typeReference':
      return `${t.namespace ? `${t.namespace.name}.` : ''}${t.name.name}${t.typeArguments ? `<${t.typeArguments.map(showType).join(', ')}>` : ''}`;
    case 'literalType':
      return JSON.stringify(t.value);
    case 'unionType':
      return `(${t.members.map(showType).join(' | ')})`;
    case 'arrayType':
      return `${showType(t.item)}[]`;
    case 'nullableType':
      return `${showType(t.base)}?`;
    case 'objectType':
      return `{${t.members.map((m) => `${m.decorators.map((d) => `@${d.call.name.name} `).join('')}${m.key === undefined ? '*' : m.key.kind === 'identifier' ? m.key.name : JSON.stringify(m.key.value)}: ${showType(m.type)}`).join(', ')}}`;
    case 'tupleType':
      return `[${t.items.map(showType).join(', ')}]`;
    case 'resourceType':
      return `resource ${JSON.stringify(t.typeString.value)}`;
    case 'typeAccess':
      return `${showType(t.base)}{${t.member}}`;
    case 'parenthesizedType':
      return `(${showType(t.type)})`;
    case 'errorType':
      return '<error>';
  }
}

const errorsOf = (text: string): { message: string; text: string }[] =>
  parseBicep(text).errors.map((e: SyntaxError) => ({ message: e.message, text: text.slice(e.start, e.end) }));

// ---- expressions ----------------------------------------------------------------------------------

const expressions = suite('bicep parser: expressions');

expressions('precedence from ?? (loosest) to * (tightest), left-associative', () => {
  assert.is(show(value('a ?? b || c && d == e < f + g * h')), '(a ?? (b || (c && (d == (e < (f + (g * h)))))))');
  assert.is(show(value('a || b ?? c')), '((a || b) ?? c)');
  assert.is(show(value('a * b + c * d')), '((a * b) + (c * d))');
  assert.is(show(value('a - b - c')), '((a - b) - c)');
  assert.is(show(value('a =~ b != c !~ d')), '(((a =~ b) != c) !~ d)');
  assert.is(show(value('a % b / c <= d >= e > f')), '(((((a % b) / c) <= d) >= e) > f)');
});

expressions('the ternary is right-associative and loosest; ? and : may start a line', () => {
  assert.is(show(value('a ? b : c ? d : e')), '(a ? b : (c ? d : e))');
  assert.is(show(value('a ?? b ? c : d')), '((a ?? b) ? c : d)');
  assert.is(show(value('cond\n  ? 1\n  : 2')), '(cond ? 1 : 2)');
});

expressions('unary operators bind tighter than binary ones, looser than postfix ones', () => {
  assert.is(show(value('-a * b')), '((-a) * b)');
  assert.is(show(value('!a.b && c')), '((!a.b) && c)');
  assert.is(show(value('!(!a)')), '(!((!a)))');
});

expressions('offsets of binary, member and call nodes', () => {
  const e = value('foo.bar(1) + x[0]');
  assert.is(e.kind, 'binary');
  if (e.kind !== 'binary') return;
  assert.equal([e.start, e.end], [8, 25]);
  assert.equal([e.left.start, e.left.end], [8, 18]);
  if (e.left.kind !== 'call') return assert.unreachable();
  assert.equal([e.left.name.start, e.left.name.end], [12, 15]);
  assert.equal([e.right.start, e.right.end], [21, 25]);
});

expressions('postfix: safe access, from-end index, non-null, nested resource access, namespace calls', () => {
  assert.is(show(value('a.?b[?0][^1]!.c')), 'a.?b[?0][^1]!.c');
  assert.is(show(value('parent::child::grandchild.id')), 'parent::child::grandchild.id');
  assert.is(show(value("az.resourceGroup().location")), 'az.resourceGroup().location');
  assert.is(show(value("kv.getSecret('s')")), 'kv.getSecret("s")');
});

expressions('literals: integers, booleans, null; an integer keeps its text', () => {
  const n = value('9223372036854775808');
  assert.equal(n, { kind: 'number', value: 9223372036854775808, text: '9223372036854775808', start: 8, end: 27 });
  assert.is(show(value('[true, false, null]')), '[true, false, null]');
});

expressions('strings: escapes are resolved', () => {
  const s = value(String.raw`'a\\b\'c\n\r\t\$\u{1F600}\u{41}'`);
  assert.equal(s, { kind: 'string', value: "a\\b'c\n\r\t$\u{1F600}A", multiline: false, start: 8, end: 40 });
});

expressions('interpolation with nested strings and braces', () => {
  const s = value("'a${'b${c}'}d${ y.k }e'");
  assert.is(s.kind, 'interpolated');
  if (s.kind !== 'interpolated') return;
  assert.equal(s.parts, ['a', 'd', 'e']);
  assert.equal([s.start, s.end], [8, 31]);
  const inner = s.expressions[0];
  assert.ok(inner && inner.kind === 'interpolated');
  if (inner?.kind !== 'interpolated') return;
  assert.equal(inner.parts, ['b', '']);
  assert.equal([inner.start, inner.end], [12, 19]);
  assert.is(show(inner.expressions[0]), 'c');
  assert.is(show(s.expressions[1]), 'y.k');
});

expressions('multi-line strings: no escapes, first line break dropped (CRLF too), more than three quotes end it', () => {
  assert.equal(value("'''\r\nline1\r\nline2\\n'''"), {
    kind: 'string', value: 'line1\r\nline2\\n', multiline: true, start: 8, end: 30,
  });
  assert.is((value("'''\nx ${y}\n'''") as { value: string }).value, 'x ${y}\n');
  assert.is((value("''''a''''") as { value: string }).value, "'a'");
  assert.is(show(value("$'''\na${b}c\n'''")), '`a${b}c\n`');
});

expressions('$\'\'\' multi-line strings interpolate with as many $ as opened them', () => {
  const s = value("$$'''\n${a} $${b}\n'''");
  assert.is(s.kind, 'interpolated');
  if (s.kind !== 'interpolated') return;
  assert.equal(s.parts, ['${a} ', '\n']);
  assert.is(show(s.expressions[0]), 'b');
});

expressions('objects: single-line with commas (trailing comma allowed), multi-line, mixed, keys, spread', () => {
  assert.is(show(value("{ a: 1, 'b-c': 2, ...rest, }")), '{a: 1, "b-c": 2, ...rest}');
  assert.is(show(value('{\n  a: 1\n\n  // comment\n  b: { c: [\n    1\n    2\n  ] } /* c */\n}')), '{a: 1, b: {c: [1, 2]}}');
  assert.is(show(value('{\n  a: 1, b: 2\n  c: 3\n}')), '{a: 1, b: 2, c: 3}');
  assert.is(show(value("{ '${k}': 1 }")), '{`${k}`: 1}');
  const o = value('{ a: 1 }');
  if (o.kind !== 'object') return assert.unreachable();
  const p = o.members[0];
  assert.ok(p && p.kind === 'property');
  if (p?.kind !== 'property') return;
  assert.equal([o.start, o.end, p.start, p.end, p.key.start, p.key.end], [8, 16, 10, 14, 10, 11]);
});

expressions('arrays, spread, and multi-line calls', () => {
  assert.is(show(value('[1, ...xs, [2]]')), '[1, ...xs, [2]]');
  assert.is(show(value('concat(\n  a,\n  b\n)')), 'concat(a, b)');
  assert.is(show(value('concat(a,\n  b)')), 'concat(a, b)');
});

expressions('lambdas', () => {
  assert.is(show(value('map(xs, x => x.name)')), 'map(xs, (x) => x.name)');
  assert.is(show(value('reduce(xs, 0, (acc, x) => acc + x)')), 'reduce(xs, 0, (acc, x) => (acc + x))');
  assert.is(show(value('() => 1')), '() => 1');
  const l = value('x =>\n  x');
  assert.equal([l.start, l.end], [8, 16]);
});

expressions('for and if', () => {
  assert.is(show(value('[for x in xs: x.id]')), '[for (x, -) in xs: x.id]');
  assert.is(show(value('[for (x, i) in range(0, 3): {\n  n: i\n}]')), '[for (x, i) in range(0, 3): {n: i}]');
  const r = only("resource r 'My.Rp/t@2020-01-01' = [for i in range(0, 3): if (i > 0) {\n  name: 'n${i}'\n}]");
  if (r.kind !== 'resource') return assert.unreachable();
  assert.is(show(r.body), '[for (i, -) in range(0, 3): if ((i > 0)) {name: `n${i}`}]');
  const m = only("module m './m.bicep' =\n  if (deploy) {\n  name: 'm'\n}");
  if (m.kind !== 'module') return assert.unreachable();
  assert.is(show(m.body), 'if (deploy) {name: "m"}');
});

expressions('parenthesized expressions', () => {
  const e = value('(a + b) * c');
  assert.is(show(e), '(((a + b)) * c)');
  if (e.kind !== 'binary') return assert.unreachable();
  assert.equal([e.left.start, e.left.end], [8, 15]);
});

expressions.run();

// ---- declarations ---------------------------------------------------------------------------------

const declarations = suite('bicep parser: declarations');

declarations('param: type, default, decorators (one per line, namespaced), resource type; bicepparam form', () => {
  const d = only("@description('The name')\n@sys.minLength(2)\n@batchSize(2)\nparam name string = 'x'\n");
  if (d.kind !== 'param') return assert.unreachable();
  assert.equal([d.start, d.end, d.name.name, d.name.start], [0, 80, 'name', 63]);
  assert.is(showType(d.type), 'string');
  assert.is(show(d.value), '"x"');
  assert.equal(d.decorators.map((x) => show(x.call)), ['description("The name")', 'sys.minLength(2)', 'batchSize(2)']);
  assert.equal([d.decorators[0]?.start, d.decorators[0]?.end, d.decorators[0]?.call.start], [0, 24, 1]);
  const r = only("param st resource 'Microsoft.Storage/storageAccounts@2023-01-01'");
  if (r.kind !== 'param') return assert.unreachable();
  assert.is(showType(r.type), 'resource "Microsoft.Storage/storageAccounts@2023-01-01"');
  assert.is(r.value, undefined);
  const p = only('param count = 3');
  if (p.kind !== 'param') return assert.unreachable();
  assert.equal([p.type, show(p.value)], [undefined, '3']);
});

declarations('var (typed too), output (resource too), metadata, targetScope, assert', () => {
  const program = clean(
    "var a = 1\nvar b string = 'x'\noutput o int = a\noutput r resource 'T@v' = st\nmetadata info = { a: 1 }\ntargetScope = 'subscription'\nassert ok = a > 0\n",
  );
  assert.equal(program.declarations.map((d) => d.kind), ['var', 'var', 'output', 'output', 'metadata', 'targetScope', 'assert']);
  const [, b, , r] = program.declarations;
  assert.is(b?.kind === 'var' ? showType(b.type) : '', 'string');
  assert.is(r?.kind === 'output' ? showType(r.type) : '', 'resource "T@v"');
});

declarations('resources: existing, nested resources with decorators, type strings with offsets', () => {
  const d = only(
    "resource g 'Microsoft.Compute/galleries@2023-07-03' existing = {\n  name: 'g'\n  @batchSize(1)\n  resource img 'images@2023-07-03' = {\n    name: 'i'\n  }\n  resource: 'not a declaration'\n}",
  );
  if (d.kind !== 'resource') return assert.unreachable();
  assert.equal([d.existing, d.typeString.start, d.typeString.end], [true, 11, 51]);
  assert.is(d.typeString.kind === 'string' ? d.typeString.value : '', 'Microsoft.Compute/galleries@2023-07-03');
  assert.is(show(d.body), '{name: "g", resource img, resource: "not a declaration"}');
  if (d.body.kind !== 'object') return;
  const nested = d.body.members[1];
  if (nested?.kind !== 'resource') return assert.unreachable();
  assert.equal(nested.decorators.map((x) => x.call.name.name), ['batchSize']);
  assert.equal([nested.start, nested.name.name], [79, 'img']);
});

declarations('modules: local, registry and template-spec paths', () => {
  const paths = clean(
    "module a './a.bicep' = {}\nmodule b 'br:reg.azurecr.io/m:1.0' = {}\nmodule c 'br/public:avm/res/x:0.1.0' = {}\nmodule d 'ts:sub/rg/spec:v1' = {}\n",
  ).declarations.map((d) => (d.kind === 'module' && d.path.kind === 'string' ? d.path.value : ''));
  assert.equal(paths, ['./a.bicep', 'br:reg.azurecr.io/m:1.0', 'br/public:avm/res/x:0.1.0', 'ts:sub/rg/spec:v1']);
});

declarations('types: unions (leading |, continuation lines), nullable, arrays, tuples, objects, access', () => {
  assert.is(showType(typeOf("'a' | 'b'")), '("a" | "b")');
  assert.is(showType(typeOf("| 'a'\n| 'b'\n| -1 | !true")), '("a" | "b" | -1 | false)');
  assert.is(showType(typeOf('string[]?')), 'string[]?');
  assert.is(showType(typeOf('(string?)[]')), '(string?)[]');
  assert.is(showType(typeOf('[string, int]')), '[string, int]');
  assert.is(
    showType(typeOf("{\n  @description('d')\n  a: string\n  'b-c': int?\n  *: string\n}")),
    '{@description a: string, "b-c": int?, *: string}',
  );
  assert.is(showType(typeOf("resourceInput<'Microsoft.Compute/galleries@2023-07-03'>.properties")), 'resourceInput<"Microsoft.Compute/galleries@2023-07-03">{properties}');
  assert.is(showType(typeOf('sys.string')), 'sys.string');
  assert.is(showType(typeOf('myType.prop[*][0]')), 'myType{prop}{*}{0}');
  assert.is(showType(typeOf('(string | int)[]')), '((string | int))[]');
  const t = typeOf("'a' | 'b'");
  assert.equal([t.start, t.end], [9, 18]);
});

declarations('func: typed parameters, return type, body', () => {
  const d = only('func add(a int, b int) int => a + b');
  if (d.kind !== 'func') return assert.unreachable();
  assert.equal(d.parameters.map((p) => `${p.name.name} ${showType(p.type)}`), ['a int', 'b int']);
  assert.is(showType(d.returnType), 'int');
  assert.is(show(d.body), '(a + b)');
});

declarations('imports, using, extends, extensions, tests', () => {
  const program = clean(
    [
      "import { a, b as c, 'd-e' as f } from 'x.bicep'",
      "import * as ns from 'y.bicep'",
      "import 'az@1.0.0' with { k: 1 } as az2",
      "using 'main.bicep'",
      'using none',
      "extends 'base.bicepparam'",
      'extension microsoftGraphV1',
      "extension 'br:mcr.microsoft.com/ext:1.0' with { a: 1 } as ext",
      'extensionConfig ext with { a: 2 }',
      "test t 'file.bicep' = { params: {} }",
      'type u = ns.someType',
    ].join('\n'),
  );
  const [named, wildcard, legacy, using, usingNone, extendsD, extension, extension2, config, testD, typeD] = program.declarations;
  if (named?.kind !== 'import' || wildcard?.kind !== 'import' || legacy?.kind !== 'import') return assert.unreachable();
  assert.equal(named.items?.map((i) => `${i.name.kind === 'identifier' ? i.name.name : i.name.value}${i.alias ? ` as ${i.alias.name}` : ''}`), ['a', 'b as c', 'd-e as f']);
  assert.is(wildcard.wildcardAlias?.name, 'ns');
  assert.equal([legacy.specification?.kind === 'string' && legacy.specification.value, show(legacy.config), legacy.alias?.name], ['az@1.0.0', '{k: 1}', 'az2']);
  assert.is(using?.kind === 'using' && using.path?.kind === 'string' ? using.path.value : '', 'main.bicep');
  assert.is(usingNone?.kind === 'using' ? usingNone.path : 'x', undefined);
  assert.is(extendsD?.kind, 'extends');
  assert.is(extension?.kind === 'extension' && extension.specification.kind === 'identifier' ? extension.specification.name : '', 'microsoftGraphV1');
  assert.is(extension2?.kind === 'extension' ? extension2.alias?.name : '', 'ext');
  assert.is(config?.kind === 'extensionConfig' ? show(config.config) : '', '{a: 2}');
  assert.is(testD?.kind === 'test' ? show(testD.body) : '', '{params: {}}');
  // `ns` is a wildcard import, so `ns.someType` is a namespaced type, not a property access.
  assert.is(typeD?.kind === 'type' ? showType(typeD.type) : '', 'ns.someType');
});

declarations('a leading BOM is skipped; offsets still index the text as given', () => {
  const text = '\uFEFFparam p int';
  const d = only(text);
  if (d.kind !== 'param') return assert.unreachable();
  assert.equal([d.start, text.slice(d.name.start, d.name.end)], [1, 'p']);
  assert.equal(clean('\uFEFF').declarations, []);
});

declarations('directives: #disable-next-line and sigil-disable-next-line with a reason', () => {
  const program = clean(
    "var a = 1\n#disable-next-line no-unused-vars BCP036\nvar b = 2\n  // sigil-disable-next-line SIG303 SIG304 -- legacy gallery\nvar c = 3\n#disable-diagnostics no-unused-vars\nvar d = 4\n#restore-diagnostics no-unused-vars\n",
  );
  assert.equal(
    program.directives.map((d) => ({ kind: d.kind, line: d.line, codes: d.codes, reason: d.reason })),
    [
      { kind: 'bicep', line: 2, codes: ['no-unused-vars', 'BCP036'], reason: undefined },
      { kind: 'sigil', line: 4, codes: ['SIG303', 'SIG304'], reason: 'legacy gallery' },
    ],
  );
  const first = program.directives[0];
  assert.equal([first?.start, first?.end], [10, 50]);
  assert.is(program.declarations.length, 4);
});

declarations('comments: line and block comments in text order, not the // or /* inside strings', () => {
  const text = "// head\nvar a = 'x // y' /* one\ntwo */\nvar b = '''\n// in a multi-line string\n'''\nvar c = 'p${/* hole */ a}q' // tail\r\n/**/";
  const program = clean(text);
  assert.equal(program.comments.map((c) => [c.kind, text.slice(c.start, c.end)]), [
    ['line', '// head'],
    ['block', '/* one\ntwo */'],
    ['block', '/* hole */'],
    ['line', '// tail'],
    ['block', '/**/'],
  ]);
  assert.equal(parseBicep('var a = 1 /* open').comments, []);
});

declarations.run();

// ---- errors and recovery --------------------------------------------------------------------------

const recovery = suite('bicep parser: errors and recovery');

recovery('a broken declaration costs that declaration; the next one is parsed', () => {
  const text = 'param p\nparam q int\n';
  const program = parseBicep(text);
  assert.equal(program.errors, [{ message: "expected a type or '=' after the parameter name", start: 7, end: 7 }]);
  assert.equal(program.declarations.map((d) => d.kind), ['errorDeclaration', 'param']);
  assert.equal([program.declarations[0]?.start, program.declarations[0]?.end], [0, 7]);
});

recovery('messages and spans of common mistakes', () => {
  assert.equal(errorsOf("var x = 'abc\nvar y = 1"), [
    { message: 'unterminated string: a string cannot span lines (use a multi-line string)', text: "'abc" },
  ]);
  assert.equal(errorsOf('var § = 1'), [
    { message: "unexpected character '§'", text: '§' },
    { message: "expected a variable name after 'var' but found '§'", text: '§' },
  ]);
  assert.equal(errorsOf('var x = "a"')[0], { message: `unexpected character '"': Bicep strings use single quotes`, text: '"' });
  assert.equal(errorsOf('var x = 1 2\nvar y = 3'), [{ message: "expected a new line after the declaration but found '2'", text: '2' }]);
  assert.equal(errorsOf("var x = 'a\\qb'"), [
    { message: "unrecognized escape sequence '\\q'; valid escapes are \\\\ \\' \\n \\r \\t \\$ \\u{...}", text: '\\q' },
  ]);
  assert.equal(errorsOf('var x = [\n  1,\n  2\n]'), [
    { message: "unexpected new line after ','; separate items with either a comma or a new line", text: '' },
  ]);
  assert.equal(errorsOf('var x = [1 2]'), [{ message: "expected ',' or a new line between items but found '2'", text: '' }]);
  assert.equal(errorsOf('var x = f(1,)'), [{ message: "expected an argument after ',' (a call has no trailing comma)", text: ')' }]);
  assert.equal(errorsOf('var x = a &&\n  b')[0], { message: 'expected an expression before the end of the line', text: '' });
  assert.equal(errorsOf('foo bar'), [
    {
      message: "unrecognized declaration 'foo': expected param, var, resource, module, output, type, func, import, metadata, targetScope, extension, assert, test, using or extends",
      text: 'foo',
    },
  ]);
  assert.equal(errorsOf("var x = '${ {a: 1} }'"), [
    { message: 'object and array literals are not allowed in a string interpolation: declare a variable for the value', text: '{' },
  ]);
  assert.equal(errorsOf('#disable-next-line\nvar x = 1'), [
    { message: "expected at least one diagnostic code after '#disable-next-line'", text: '' },
  ]);
});

recovery('an error inside an object costs that property, not the resource', () => {
  const text = "resource r 'T@v' = {\n  a: 1 +\n  b: 2\n}\n";
  const program = parseBicep(text);
  assert.equal(program.errors.map((e) => [e.message, e.start]), [['expected an expression before the end of the line', 29]]);
  const [r] = program.declarations;
  assert.is(r?.kind === 'resource' ? show(r.body) : '', '{b: 2}');
});

recovery('an unclosed bracket does not swallow the declarations that follow in column 1', () => {
  const text = "resource r 'T@v' = {\n  name: concat('a',\n\nparam p int\nvar v = 1\n";
  const program = parseBicep(text);
  assert.equal(program.errors, [{ message: "expected ')' before the next declaration", start: 40, end: 40 }]);
  assert.equal(program.declarations.map((d) => d.kind), ['errorDeclaration', 'param', 'var']);
  const unclosedObject = parseBicep("var o = {\n  a: 1\nvar v = 1\n");
  assert.equal(unclosedObject.errors.map((e) => e.message), ["expected '}' before the next declaration"]);
  assert.equal(unclosedObject.declarations.map((d) => d.kind), ['errorDeclaration', 'var']);
});

recovery('a skipped declaration ends where its brackets close', () => {
  const program = parseBicep("module './m.bicep' = {\n  name: 'x'\n  params: {\n  }\n}\nvar v = 1\n");
  assert.equal(program.errors.map((e) => e.message), ["expected a module name after 'module' but found ''./m.bicep''"]);
  assert.equal(program.declarations.map((d) => [d.kind, d.start, d.end]), [['errorDeclaration', 0, 52], ['var', 53, 62]]);
});

recovery('nesting is bounded; hostile input returns quickly with errors and never throws', () => {
  const cases: [string, string][] = [
    ['100k [', `var x = ${'['.repeat(100_000)}`],
    ['1 MB of (', `var x = ${'('.repeat(1 << 20)}`],
    ['5 MB string on one line', `var x = '${'a'.repeat(5 << 20)}`],
    ['deep interpolation', `var x = '${"${'".repeat(50_000)}`],
    ['deep types', `type t = ${'{a: '.repeat(50_000)}`],
    ['long operator chain', `var x = 1${' + 1'.repeat(200_000)}`],
    ['long member chain', `var x = a${'.b'.repeat(200_000)}`],
    ['lambdas', `var x = ${'a => '.repeat(50_000)}a`],
    ['random bytes', Array.from({ length: 1 << 20 }, (_, i) => String.fromCharCode((Math.imul(i + 1, 2654435761) >>> 11) & 0xffff)).join('')],
    ['random ASCII lines', Array.from({ length: 1 << 20 }, (_, i) => String.fromCharCode(i % 61 === 0 ? 10 : 32 + ((Math.imul(i + 7, 2654435761) >>> 9) % 95))).join('')],
  ];
  for (const [name, text] of cases) {
    const t = performance.now();
    const program = parseBicep(text);
    const ms = performance.now() - t;
    assert.ok(ms < 2000, `${name}: ${ms} ms`);
    assert.ok(program.errors.length > 0, name);
    assert.ok(program.errors.length <= 1001, name);
    for (const e of program.errors) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, name);
  }
  assert.equal(errorsOf(`var x = ${'['.repeat(300)}`).map((e) => e.message), ['nesting is too deep (more than 256 levels)']);
  const deep = parseBicep(`var x = ${'['.repeat(300)}\nvar y = 1\n`);
  assert.equal(deep.declarations.map((d) => d.kind), ['errorDeclaration', 'var']);
  // 255 levels are fine.
  clean(`var x = ${'['.repeat(255)}${']'.repeat(255)}`);
});

recovery.run();
