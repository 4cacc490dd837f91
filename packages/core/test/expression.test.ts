import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ExpressionSyntaxError, LimitError, TemplateFunctionError, UnsupportedFunctionError, UnknownFunctionError, Unknown, defineFunction,
  Lambda, compileExpression, evaluateString, isExpression, parseExpression, unescapeLiteral, type Expr, type Value,
} from '../src/index.js';
import { ev, evp, plain, scope, thrown, unknown, type ScopeOptions } from './helpers.js';

const U = new Unknown('u is unknown');
const withU: ScopeOptions = { parameters: { u: U, obj: { a: U, b: 1 }, list: ['x', 'y'], n: null } };

/** The syntax tree without offsets, to compare shapes. */
function shape(e: Expr): unknown {
  switch (e.kind) {
    case 'string':
    case 'number':
    case 'const':
      return { [e.kind]: e.value };
    case 'call':
      return { call: e.namespace ? `${e.namespace}.${e.name}` : e.name, args: e.args.map(shape) };
    case 'property':
      return { property: e.name, safe: e.safe, of: shape(e.target) };
    case 'index':
      return { index: shape(e.index), safe: e.safe, of: shape(e.target) };
    default:
      return { folded: e.value };
  }
}

// ---- parsing ---------------------------------------------------------------------------------

const parsing = suite('expression parsing');

const trees: [string, string, unknown][] = [
  ['a string literal', "'abc'", { string: 'abc' }],
  ['a doubled quote is one quote', "'it''s'", { string: "it's" }],
  ['a string of one quote', "''''", { string: "'" }],
  ['the empty string', "''", { string: '' }],
  ['brackets inside a string are text', "'[x]'", { string: '[x]' }],
  ['an integer', '42', { number: 42 }],
  ['a negative integer', '-7', { number: -7 }],
  ['leading zeros', '007', { number: 7 }],
  ['a decimal (accepted beyond ARM integers)', '3.25', { number: 3.25 }],
  ['true without parentheses', 'true', { const: true }],
  ['NULL in any case', 'NULL', { const: null }],
  ['a call without arguments', 'utcNow()', { call: 'utcNow', args: [] }],
  ['nested calls', "concat(toUpper('a'), concat('b', -1))", {
    call: 'concat',
    args: [{ call: 'toUpper', args: [{ string: 'a' }] }, { call: 'concat', args: [{ string: 'b' }, { number: -1 }] }],
  }],
  ['a namespaced call', "my.fn('x')", { call: 'my.fn', args: [{ string: 'x' }] }],
  ['whitespace around a namespaced call', 'ns . fn ( )', { call: 'ns.fn', args: [] }],
  ['a property chain', 'f().a.b', { property: 'b', safe: false, of: { property: 'a', safe: false, of: { call: 'f', args: [] } } }],
  ['an index then a property', "f()[0]['k'].z", {
    property: 'z', safe: false,
    of: { index: { string: 'k' }, safe: false, of: { index: { number: 0 }, safe: false, of: { call: 'f', args: [] } } },
  }],
  ['an index computed by a call', 'f()[add(1, 2)]', { index: { call: 'add', args: [{ number: 1 }, { number: 2 }] }, safe: false, of: { call: 'f', args: [] } }],
  ['Bicep safe member access .?', 'f().?a', { property: 'a', safe: true, of: { call: 'f', args: [] } }],
  ['Bicep safe element access [?]', 'f()[?1]', { index: { number: 1 }, safe: true, of: { call: 'f', args: [] } }],
  ['?. is accepted as safe access too', 'f()?.a', { property: 'a', safe: true, of: { call: 'f', args: [] } }],
  ['whitespace, tabs and newlines between tokens', " concat (\t'a' ,\n 'b' ) ", { call: 'concat', args: [{ string: 'a' }, { string: 'b' }] }],
];
for (const [name, text, expected] of trees) {
  parsing(name, () => assert.equal(shape(parseExpression(text)), expected));
}

parsing('offsets of nodes point into the expression text', () => {
  const e = parseExpression("concat('a', f().b)");
  assert.is(e.start, 0);
  assert.is(e.end, 18);
  if (e.kind !== 'call') throw new Error('expected a call');
  assert.equal([e.args[0]?.start, e.args[0]?.end], [7, 10]);
  assert.equal([e.args[1]?.start, e.args[1]?.end], [12, 17]);
});

const syntaxErrors: [string, string, string, number][] = [
  ['an unterminated string', "concat('a", 'unterminated string at position 8 of expression', 7],
  ['an unterminated string at the start', "'abc", 'unterminated string at position 1 of expression', 0],
  ['a missing closing parenthesis', "concat('a', 'b'", 'missing ")" at position 16 of expression', 15],
  ['a call left open', 'f(', 'unexpected end of expression at position 3 of expression', 2],
  ['trailing garbage after a call', "concat('a') x", 'unexpected "x" at position 13 of expression', 12],
  ['an extra closing parenthesis', "concat('a'))", 'unexpected ")" at position 12 of expression', 11],
  ['two arguments without a comma', 'concat(1 2)', 'expected "," or ")" but found "2" at position 10 of expression', 9],
  ['a trailing comma', "concat('a',)", 'expected a name at position 12 of expression', 11],
  ['an empty expression', '', 'unexpected end of expression at position 1 of expression', 0],
  ['only whitespace', '  ', 'unexpected end of expression at position 3 of expression', 2],
  ['a lone minus', '-', 'invalid number at position 1 of expression', 0],
  ['a name without a call', 'a b', 'expected "(" after function name "a" at position 3 of expression', 2],
  ['a property of a bare name', 'a.b', 'expected "(" after function name "a" at position 2 of expression', 1],
  ['a dot without a name', 'f().', 'expected a name at position 5 of expression', 4],
  ['an index left open', 'f()[0', 'expected "]" at position 6 of expression', 5],
];
for (const [name, text, message, offset] of syntaxErrors) {
  parsing(`syntax error: ${name}`, () => {
    const e = thrown(() => parseExpression(text));
    assert.instance(e.error, ExpressionSyntaxError);
    assert.is(e.message, message);
    assert.is((e.error as ExpressionSyntaxError).offset, offset);
  });
}

const nested = (n: number) => `${'concat('.repeat(n)}'a'${')'.repeat(n)}`;

parsing('127 nested calls parse (128 levels with the innermost argument)', () => {
  assert.is(ev(`[${nested(127)}]`), 'a');
});

parsing('nesting deeper than 128 levels is a limit of sigil (not a syntax error, not a stack overflow)', () => {
  const e = thrown(() => parseExpression(nested(128)));
  assert.instance(e.error, LimitError);
  assert.not.instance(e.error, ExpressionSyntaxError);
  assert.is(e.message, 'expression nested deeper than 128 levels');
  const deep = thrown(() => parseExpression(nested(100_000)));
  assert.instance(deep.error, LimitError);
});

parsing('the same text parses to the same tree (cache) and stays correct', () => {
  assert.is(parseExpression("concat('x')"), parseExpression("concat('x')"));
  assert.is(ev("[concat('x')]"), 'x');
});

parsing.run();

// ---- template strings: expressions, literals and the [[ escape ------------------------------------

const strings = suite('template strings');

const isExpr: [string, boolean][] = [
  ["[concat('a')]", true],
  ['[x]', true],
  ['[]', true],
  ['[[x]', false],
  ['[x', false],
  ['x]', false],
  ['[', false],
  ['', false],
  ['plain', false],
  [' [x]', false],
];
for (const [text, expected] of isExpr) {
  strings(`isExpression(${JSON.stringify(text)}) is ${expected}`, () => assert.is(isExpression(text), expected));
}

const literals: [string, string][] = [
  ['[[x]', '[x]'],
  ["[[concat('a')]", "[concat('a')]"],
  ['[[]', '[]'],
  // ARM removes the escape only from strings that would otherwise be expressions.
  ['[[x', '[[x'],
  ['[[', '[['],
  ['[x', '[x'],
  ['plain', 'plain'],
  ['', ''],
];
for (const [text, expected] of literals) {
  strings(`the literal ${JSON.stringify(text)} stands for ${JSON.stringify(expected)}`, () => {
    assert.is(unescapeLiteral(text), expected);
    assert.is(evaluateString(text, scope()), expected);
  });
}

strings('an expression string is evaluated', () => {
  assert.is(ev("[concat('a', 'b')]"), 'ab');
  assert.is(ev("[ concat ( 'a' , 'b' ) ]"), 'ab');
});

strings('function names are case-insensitive', () => {
  assert.is(ev("[CONCAT('a', ToUpper('b'))]"), 'aB');
  assert.is(ev('[TRUE()]'), true);
});

strings('the empty expression [] is a syntax error', () => {
  const e = thrown(() => ev('[]'));
  assert.instance(e.error, ExpressionSyntaxError);
  assert.is(e.message, 'unexpected end of expression at position 1 of expression');
});

strings('a call of an unknown function is unsupported (UnknownFunctionError), not a template error', () => {
  const e = thrown(() => ev('[nope()]'));
  assert.instance(e.error, UnknownFunctionError);
  assert.instance(e.error, UnsupportedFunctionError);
  assert.is(e.message, 'the function "nope" does not exist (or sigil does not know it)');
  const ns = thrown(() => ev("[sys.concat('a')]"));
  assert.instance(ns.error, UnknownFunctionError);
  assert.is(ns.message, 'the function "sys.concat" does not exist (or sigil does not know it)');
});

strings('a namespaced call resolves through the scope (user-defined functions)', () => {
  const double = defineFunction('double', 1, 1, (a) => Number(a[0]) * 2);
  const pair = defineFunction('pair', 0, 0, () => ({ a: [10, 20] }));
  const options: ScopeOptions = { functions: [{ namespace: 'my', def: double }, { namespace: 'my', def: pair }] };
  assert.is(ev('[my.double(21)]', options), 42);
  assert.is(ev('[MY.DOUBLE(1)]', options), 2);
  assert.is(ev('[my.pair().a[1]]', options), 20);
  // The global function of the same name is not the namespaced one.
  assert.instance(thrown(() => ev('[double(1)]', options)).error, UnsupportedFunctionError);
});

strings('the number of arguments is checked', () => {
  const cases: [string, string][] = [
    ["[toUpper('a', 'b')]", '"toUpper" expects 1 argument(s) but got 2'],
    ['[substring()]', '"substring" expects 2 to 3 argument(s) but got 0'],
    ['[format()]', '"format" expects at least 1 argument(s) but got 0'],
  ];
  for (const [text, message] of cases) {
    const e = thrown(() => ev(text));
    assert.instance(e.error, TemplateFunctionError, text);
    assert.is(e.message, message);
  }
});

strings.run();

// ---- property and index access -----------------------------------------------------------------

const access = suite('property and index access');

const OBJ = `json('{"a":{"b":[10,{"c":"deep"}]},"Name":"n","nul":null}')`;

const accessOk: [string, string, Value][] = [
  ['a property chain with an index', `[${OBJ}.a.b[1].c]`, 'deep'],
  ['property names ignore case', `[${OBJ}.name]`, 'n'],
  ['an index by string on an object', `[${OBJ}['a']['b'][0]]`, 10],
  ['an index by string ignores case', `[${OBJ}['NAME']]`, 'n'],
  ['an index computed by an expression', "[createArray('x', 'y')[add(0, 1)]]", 'y'],
  ['a property whose value is null', `[${OBJ}.nul]`, null],
  ['safe access to a missing property is null', `[${OBJ}.?missing]`, null],
  ['safe access to a present property is its value', `[${OBJ}.?name]`, 'n'],
  ['safe access on null is null', '[null().?a]', null],
  ['safe access short-circuits the rest of the chain', `[${OBJ}.?missing.b[3].c]`, null],
  ['a null from safe access short-circuits too', `[${OBJ}.?nul.b]`, null],
  ['safe element access out of range is null', '[createArray(1)[?5]]', null],
  ['safe element access in range is the element', '[createArray(1, 2)[?1]]', 2],
  ['safe element access on null is null', '[null()[?0]]', null],
  ['?. is safe access too', `[${OBJ}?.missing]`, null],
];
for (const [name, text, expected] of accessOk) {
  access(name, () => assert.equal(ev(text), expected));
}

const accessErrors: [string, string, string][] = [
  ['a missing property lists the available ones', `[${OBJ}.missing]`, 'the property "missing" does not exist; available: a, Name, nul'],
  ['a property of an empty object', "[json('{}').x]", 'the property "x" does not exist; available: none'],
  ['a property of null', '[null().a]', 'cannot read property "a" of a value of type null'],
  ['a property of a string', "['abc'.length]", 'cannot read property "length" of a value of type string'],
  ['a property of an array', '[createArray(1).a]', 'cannot read property "a" of a value of type array'],
  ['a property of null read without .? after a present null', `[${OBJ}.nul.b]`, 'cannot read property "b" of a value of type null'],
  ['only the .? step is safe', `[${OBJ}.missing.?b]`, 'the property "missing" does not exist; available: a, Name, nul'],
  ['an index past the end', '[createArray(1)[5]]', 'index 5 is out of range for an array of length 1'],
  ['a negative index', '[createArray(1)[-1]]', 'index -1 is out of range for an array of length 1'],
  ['a string index into an array', "[createArray(1)['a']]", 'an array index must be an integer, not string'],
  ['a fractional index into an array', '[createArray(1, 2)[0.5]]', 'an array index must be an integer, not float'],
  ['an integer key into an object', `[${OBJ}[0]]`, 'an object key must be a string, not int'],
  ['an index into a string', "['abc'[0]]", 'cannot index a value of type string'],
  ['an index into null', '[null()[0]]', 'cannot index a value of type null'],
  ['a safe access to a property of a string still fails', "['abc'.?x]", 'cannot read property "x" of a value of type string'],
];
for (const [name, text, message] of accessErrors) {
  access(`error: ${name}`, () => {
    const e = thrown(() => ev(text));
    assert.instance(e.error, TemplateFunctionError);
    assert.is(e.message, message);
  });
}

access('access on an unknown value is unknown', () => {
  assert.equal(evp("[parameters('u').a.b]", withU), unknown('u is unknown'));
  assert.equal(evp("[parameters('u')[3]]", withU), unknown('u is unknown'));
  assert.equal(evp("[parameters('list')[parameters('u')]]", withU), unknown('u is unknown'));
  assert.equal(evp("[parameters('obj').a]", withU), unknown('u is unknown'));
  assert.equal(evp("[parameters('obj').b]", withU), 1, 'a known member of an object with unknown members');
});

access.run();

// ---- compiled expressions ------------------------------------------------------------------------

const compiled = suite('compiled expressions agree with the interpreter');

/** Evaluates with compileExpression (what policy conditions use), functions bound at compile time. */
function evc(text: string, options?: ScopeOptions): Value {
  const sc = scope(options);
  const fn = compileExpression(parseExpression(text.slice(1, -1)), (name) => sc.resolve(undefined, name));
  const v = fn(sc);
  if (v instanceof Lambda) throw new Error('a lambda');
  return v;
}

const lazyCases: [string, string, Value][] = [
  ['if evaluates only the branch taken', '[if(true, 1, div(1, 0))]', 1],
  ['if takes the other branch', "[if(equals(1, 2), div(1, 0), 'no')]", 'no'],
  ['a lazy call inside a compiled call', "[concat('a', if(true, 'b', 'c'))]", 'ab'],
  ['a lazy call inside a lazy call', "[if(true, if(false, div(1, 0), 'in'), 'out')]", 'in'],
];
for (const [name, text, expected] of [...accessOk, ...lazyCases]) {
  compiled(name, () => {
    assert.equal(evc(text), expected);
    assert.equal(ev(text), expected, 'the interpreter agrees');
  });
}
// ARM evaluates every argument of and, or and coalesce: the first failing one fails the call.
const eagerErrors: [string, string, string][] = [
  ['and evaluates every argument', '[and(false, div(1, 0))]', 'div(): division by zero'],
  ['or evaluates every argument', '[or(true, div(1, 0))]', 'div(): division by zero'],
  ['coalesce evaluates every argument', "[coalesce(null(), 'x', div(1, 0))]", 'div(): division by zero'],
];
for (const [name, text, message] of [...accessErrors, ...eagerErrors]) {
  compiled(`error: ${name}`, () => {
    assert.is(thrown(() => ev(text)).message, message, 'the interpreter agrees');
    const e = thrown(() => evc(text));
    assert.instance(e.error, TemplateFunctionError);
    assert.is(e.message, message);
  });
}
compiled('access on an unknown value is unknown', () => {
  assert.equal(plain(evc("[parameters('u').a.b]", withU)), unknown('u is unknown'));
  assert.equal(plain(evc("[parameters('list')[parameters('u')]]", withU)), unknown('u is unknown'));
  assert.equal(evc("[parameters('obj').b]", withU), 1);
  assert.equal(plain(evc("[if(true, parameters('u'), 1)]", withU)), unknown('u is unknown'));
});

compiled.run();

// ---- lambdas ----------------------------------------------------------------------------------

const lambdas = suite('lambdas');

const lambdaCases: [string, string, unknown][] = [
  ['map', "[map(createArray(1, 2, 3), lambda('x', mul(lambdaVariables('x'), 2)))]", [2, 4, 6]],
  ['map with the index', "[map(createArray('a', 'b'), lambda('x', 'i', concat(lambdaVariables('x'), string(lambdaVariables('i')))))]", ['a0', 'b1']],
  ['map over an empty array', "[map(createArray(), lambda('x', 1))]", []],
  ['filter', "[filter(createArray(1, 2, 3, 4), lambda('x', equals(mod(lambdaVariables('x'), 2), 0)))]", [2, 4]],
  ['filter with the index', "[filter(createArray('a', 'b', 'c'), lambda('x', 'i', greater(lambdaVariables('i'), 0)))]", ['b', 'c']],
  ['reduce', "[reduce(createArray(1, 2, 3), 10, lambda('acc', 'x', add(lambdaVariables('acc'), lambdaVariables('x'))))]", 16],
  ['reduce with the index', "[reduce(createArray(5, 5), 0, lambda('acc', 'x', 'i', add(lambdaVariables('acc'), lambdaVariables('i'))))]", 1],
  ['reduce of an empty array is the initial value', "[reduce(createArray(), 'init', lambda('a', 'b', 'x'))]", 'init'],
  ['sort ascending', "[sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]", [1, 2, 3]],
  ['sort descending strings', "[sort(createArray('b', 'c', 'a'), lambda('a', 'b', greater(lambdaVariables('a'), lambdaVariables('b'))))]", ['c', 'b', 'a']],
  ['toObject with a key lambda', "[toObject(createArray('a', 'b'), lambda('x', toUpper(lambdaVariables('x'))))]", { A: 'a', B: 'b' }],
  ['toObject with a value lambda', "[toObject(createArray('a', 'bb'), lambda('x', lambdaVariables('x')), lambda('x', length(lambdaVariables('x'))))]", { a: 1, bb: 2 }],
  ['toObject: a later key replaces an earlier one of any case', "[toObject(createArray('a', 'A'), lambda('x', lambdaVariables('x')))]", { A: 'A' }],
  ['groupBy', "[groupBy(createArray('ab', 'ac', 'b'), lambda('x', substring(lambdaVariables('x'), 0, 1)))]", { a: ['ab', 'ac'], b: ['b'] }],
  ['groupBy joins keys of any case into the first spelling', "[groupBy(createArray('a', 'A'), lambda('x', lambdaVariables('x')))]", { a: ['a', 'A'] }],
  ['mapValues', `[mapValues(json('{"a":1,"b":2}'), lambda('v', mul(lambdaVariables('v'), 10)))]`, { a: 10, b: 20 }],
  ['lambda variable names ignore case', "[map(createArray(1), lambda('Item', lambdaVariables('ITEM')))]", [1]],
  ['a nested lambda sees the outer variable', "[map(createArray(1, 2), lambda('x', map(createArray(10), lambda('y', add(lambdaVariables('x'), lambdaVariables('y'))))))]", [[11], [12]]],
  ['an inner variable shadows an outer one of the same name', "[map(createArray(1), lambda('x', map(createArray(7), lambda('x', lambdaVariables('x')))))]", [[7]]],
];
for (const [name, text, expected] of lambdaCases) {
  lambdas(name, () => assert.equal(evp(text), expected));
}

const lambdaErrors: [string, string, string][] = [
  ['a lambda as the result of an expression', "[lambda('x', 1)]", 'an expression cannot evaluate to a lambda'],
  ['a lambda passed to a non-lambda function', "[length(lambda('x', 1))]", 'length(): argument 1 cannot be a lambda'],
  ['a property of a lambda', "[lambda('x', 1).a]", 'a lambda can only be passed to a lambda function'],
  ['map without a lambda', "[map(createArray(1), 'x')]", 'map(): argument 2 must be a lambda, not string'],
  ['sort with a one-parameter lambda', "[sort(createArray(1), lambda('a', true()))]", 'sort(): the lambda must take 2 parameter(s), not 1'],
  ['toObject with a two-parameter key lambda', "[toObject(createArray(1), lambda('a', 'b', 'k'))]", 'toObject(): the lambda must take 1 parameter(s), not 2'],
  ['filter whose lambda returns a non-boolean', "[filter(createArray(1), lambda('x', 1))]", 'filter(): the lambda must return a boolean, not int'],
  ['toObject whose key is not a string', "[toObject(createArray(1), lambda('x', lambdaVariables('x')))]", 'toObject(): the key lambda must return a string, not int'],
  ['groupBy whose key is not a string', "[groupBy(createArray(1), lambda('x', 1))]", 'groupBy(): the key lambda must return a string, not int'],
  ['a lambda variable outside any lambda', "[lambdaVariables('x')]", 'lambdaVariables(): no lambda variable named "x" is in scope'],
  ['a lambda variable of another lambda', "[map(createArray(1), lambda('x', lambdaVariables('y')))]", 'lambdaVariables(): no lambda variable named "y" is in scope'],
  ['parameter names must be string literals', "[map(createArray(1), lambda(concat('x'), 1))]", 'lambda(): parameter names must be string literals'],
  ['mapValues over an array', "[mapValues(createArray(1), lambda('v', 1))]", 'mapValues(): argument 1 must be an object, not array'],
];
for (const [name, text, message] of lambdaErrors) {
  lambdas(`error: ${name}`, () => {
    const e = thrown(() => ev(text));
    assert.instance(e.error, TemplateFunctionError);
    assert.is(e.message, message);
  });
}

lambdas('a lambda body is evaluated only when applied', () => {
  assert.equal(ev("[map(createArray(), lambda('x', substring('a', 5)))]"), []);
  assert.equal(ev("[filter(createArray(1), lambda('x', if(true(), true(), equals(substring('a', 5), 'b'))))]"), [1]);
});

lambdas('unknown members flow through map and make filter and sort unknown', () => {
  assert.equal(evp("[map(createArray(parameters('u'), 1), lambda('x', lambdaVariables('x')))]", withU), [unknown('u is unknown'), 1]);
  assert.equal(evp("[length(map(createArray(parameters('u'), 1), lambda('x', string(lambdaVariables('x')))))]", withU), 2);
  assert.equal(evp("[filter(createArray(1, parameters('u')), lambda('x', equals(lambdaVariables('x'), 1)))]", withU), unknown('u is unknown'));
  assert.equal(evp("[sort(createArray(2, parameters('u'), 1), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]", withU), unknown('u is unknown'));
  assert.equal(evp("[toObject(createArray('a', parameters('u')), lambda('x', lambdaVariables('x')))]", withU), unknown('u is unknown'));
  assert.equal(evp("[map(parameters('u'), lambda('x', 1))]", withU), unknown('u is unknown'));
});

lambdas.run();

// ---- unknown propagation -----------------------------------------------------------------------

const unknowns = suite('unknown propagation');

const propagation: [string, string, unknown][] = [
  // shallow: structure known, content unknown
  ['length counts unknown members', "[length(createArray(parameters('u'), 1))]", 2],
  ['length of an object with unknown values', "[length(parameters('obj'))]", 2],
  ['empty of an array with an unknown member', "[empty(createArray(parameters('u')))]", false],
  ['last skips an unknown it does not return', "[last(createArray(parameters('u'), 1))]", 1],
  ['first returns the unknown member', "[first(createArray(parameters('u'), 1))]", unknown('u is unknown')],
  ['contains finds a known match despite an unknown member', "[contains(createArray(1, parameters('u')), 1)]", true],
  ['contains without a known match is unknown', "[contains(createArray(2, parameters('u')), 1)]", unknown('u is unknown')],
  ['contains on object keys ignores unknown values', "[contains(parameters('obj'), 'A')]", true],
  ['length of an unknown is unknown', "[length(parameters('u'))]", unknown('u is unknown')],
  // deep: the result depends on every part
  ['string of a value with an unknown inside', "[string(parameters('obj'))]", unknown('u is unknown')],
  ['toUpper of an unknown', "[toUpper(parameters('u'))]", unknown('u is unknown')],
  ['union with an unknown member value', "[union(parameters('obj'), createObject('c', 1))]", unknown('u is unknown')],
  ['json of an unknown', "[json(parameters('u'))]", unknown('u is unknown')],
  // custom: partial strings
  ['concat builds a partial string', "[concat('a', parameters('u'), 'b', 'c')]", { $unknown: 'u is unknown', parts: ['a', unknown('u is unknown'), 'bc'] }],
  ['concat of numbers and an unknown', "[concat(1, parameters('u'), true())]", { $unknown: 'u is unknown', parts: ['1', unknown('u is unknown'), 'True'] }],
  ['concat of two partial strings flattens their parts', "[concat(concat('a', parameters('u')), concat('-', parameters('u')))]", {
    $unknown: 'u is unknown', parts: ['a', unknown('u is unknown'), '-', unknown('u is unknown')],
  }],
  ['concat of arrays with an unknown array', "[concat(createArray(1), parameters('u'))]", unknown('u is unknown')],
  ['format with an unknown hole', "[format('{0}-{1}', parameters('u'), 'x')]", { $unknown: 'u is unknown', parts: [unknown('u is unknown'), '-x'] }],
  ['format with an unknown formatted hole loses the parts of that hole', "[format('v{0:D3}', parameters('u'))]", { $unknown: 'u is unknown', parts: ['v', unknown('u is unknown')] }],
  // lazy and short-circuit
  ['if takes the known branch and ignores an unknown one', "[if(true(), 'x', parameters('u'))]", 'x'],
  ['if false takes the else branch', "[if(false(), parameters('u'), 'y')]", 'y'],
  ['if with an unknown condition is unknown', "[if(parameters('u'), 'x', 'y')]", unknown('u is unknown')],
  ['coalesce stops at an unknown before any value', "[coalesce(null(), parameters('u'))]", unknown('u is unknown')],
  ['coalesce returns a value before an unknown', "[coalesce(null(), 'a', parameters('u'))]", 'a'],
  ['coalesce of nulls is null', '[coalesce(null(), null())]', null],
  ['and with a false is false', "[and(false(), parameters('u'))]", false],
  ['and with the false after the unknown is false', "[and(parameters('u'), false())]", false],
  ['and with true and unknown is unknown', "[and(true(), parameters('u'))]", unknown('u is unknown')],
  ['or with a true is true', "[or(parameters('u'), true())]", true],
  ['or with false and unknown is unknown', "[or(false(), parameters('u'))]", unknown('u is unknown')],
  ['equals with an unknown is unknown', "[equals(parameters('u'), 1)]", unknown('u is unknown')],
  ['equals decided by a known member', "[equals(createArray(1, parameters('u')), createArray(2, parameters('u')))]", false],
  ['equals of arrays of different length', "[equals(createArray(parameters('u')), createArray(1, 2))]", false],
  ['createArray keeps unknown members', "[createArray(parameters('u'), 'k')]", [unknown('u is unknown'), 'k']],
  ['createObject keeps unknown values', "[createObject('a', parameters('u'))]", { a: unknown('u is unknown') }],
  ['createObject with an unknown key is unknown', "[createObject(parameters('u'), 1)]", unknown('u is unknown')],
  ['tryGet through a known path', "[tryGet(parameters('obj'), 'b')]", 1],
  ['tryGet reaching an unknown', "[tryGet(parameters('obj'), 'a', 'x')]", unknown('u is unknown')],
  // never computed
  ['guid is unknown', "[guid('a')]", unknown('guid() is not computed by sigil')],
  ['uniqueString is unknown', "[uniqueString('a', 'b')]", unknown('uniqueString() is not computed by sigil')],
  ['newGuid is unknown', '[newGuid()]', unknown('newGuid() is known only at deployment')],
  ['a name built on uniqueString keeps its prefix', "[concat('st', uniqueString('x'))]", {
    $unknown: 'uniqueString() is not computed by sigil', parts: ['st', unknown('uniqueString() is not computed by sigil')],
  }],
];
for (const [name, text, expected] of propagation) {
  unknowns(name, () => assert.equal(evp(text, withU), expected));
}

unknowns('if is lazy: the branch not taken is not evaluated', () => {
  assert.is(ev("[if(true(), 'x', substring('a', 5))]"), 'x');
  assert.is(ev("[if(false(), substring('a', 5), 'y')]"), 'y');
  const e = thrown(() => ev("[if(false(), 'x', substring('a', 5))]"));
  assert.instance(e.error, TemplateFunctionError);
  assert.is(e.message, 'substring(): the start index 5 is outside the string of length 1');
});

unknowns('if with a non-boolean condition fails', () => {
  const e = thrown(() => ev("[if('yes', 1, 2)]"));
  assert.instance(e.error, TemplateFunctionError);
  assert.is(e.message, 'if(): the condition must be a boolean, not string');
});

unknowns('and/or evaluate every argument: an error after a decisive false still fails', () => {
  const e = thrown(() => ev("[and(false(), equals(substring('a', 5), 'x'))]"));
  assert.instance(e.error, TemplateFunctionError);
  const nonBool = thrown(() => ev("[or(false(), 'x')]"));
  assert.is(nonBool.message, 'or(): expects booleans, not string');
});

unknowns('an unknown keeps its reason and origin', () => {
  const origin = { file: 'p.json', path: ['parameters', 'u'] };
  const u = new Unknown('no value for u', origin);
  const v = ev("[toUpper(parameters('u'))]", { parameters: { u } });
  assert.is(v, u);
  assert.equal(u.origin, origin);
  assert.is(String(u), '<unknown: no value for u>');
  assert.is(JSON.stringify({ v: u }), '{"v":"<unknown: no value for u>"}');
});

unknowns.run();
