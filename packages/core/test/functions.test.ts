import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Budget, DEFAULT_LIMITS, LIBRARY, LimitError, TemplateFunctionError, Unknown, UnsupportedFunctionError,
  armToString, addDuration, formatRoundTrip, parseIsoDate, type Value,
} from '../src/index.js';
import { evp, scope, thrown, unknown, type ScopeOptions } from './helpers.js';
import { evaluateString } from '../src/index.js';

type Expected =
  | { readonly value: unknown }
  | { readonly error: string }
  | { readonly errorLike: RegExp }
  | { readonly unsupported: string }
  | { readonly limit: string };

const v = (value: unknown): Expected => ({ value });
const err = (error: string): Expected => ({ error });

const U = new Unknown('u is unknown');
const options: ScopeOptions = { parameters: { u: U } };

function run(text: string, expected: Expected, opts: ScopeOptions = options): void {
  if ('value' in expected) {
    assert.equal(evp(text, opts), expected.value);
    return;
  }
  const e = thrown(() => evaluateString(text, scope(opts)));
  if ('error' in expected || 'errorLike' in expected) {
    assert.instance(e.error, TemplateFunctionError, `${e.name}: ${e.message}`);
    if ('error' in expected) assert.is(e.message, expected.error);
    else assert.match(e.message, expected.errorLike);
  } else if ('unsupported' in expected) {
    assert.instance(e.error, UnsupportedFunctionError, `${e.name}: ${e.message}`);
    assert.is(e.message, expected.unsupported);
  } else {
    assert.instance(e.error, LimitError, `${e.name}: ${e.message}`);
    assert.is(e.message, expected.limit);
  }
}

/** [behaviour, expression, expected]: at least one case per library function. */
const CASES: [string, string, Expected][] = [
  // ---- string ------------------------------------------------------------------------------
  ['base64 encodes UTF-8', "[base64('one, two, three')]", v('b25lLCB0d28sIHRocmVl')],
  ['base64 of non-ASCII text', "[base64('é')]", v('w6k=')],
  ['base64ToString decodes', "[base64ToString('b25lLCB0d28sIHRocmVl')]", v('one, two, three')],
  ['base64ToString rejects invalid base64', "[base64ToString('***')]", err('base64ToString(): the value is not valid base64')],
  ['base64ToJson decodes JSON', "[base64ToJson('eyJvbmUiOiAiYSIsICJ0d28iOiAiYiJ9')]", v({ one: 'a', two: 'b' })],
  ['base64ToJson rejects text that is not JSON', "[base64ToJson('bm90IGpzb24=')]", { errorLike: /^base64ToJson\(\): the value is not valid JSON \(/ }],
  ['concat of strings', "[concat('a', 'b', 'c')]", v('abc')],
  ['concat converts booleans the .NET way, numbers and null', "[concat('x', true(), 1, null(), false())]", v('xTrue1False')],
  ['concat of no arguments is empty', '[concat()]', v('')],
  ['concat of arrays', "[concat(createArray(1, 2), createArray(3), null())]", v([1, 2, 3])],
  ['concat of an array then a string fails', "[concat(createArray(1), 'a')]", err('concat(): cannot concatenate an array with a string')],
  ['concat of a string then an object fails', "[concat('a', json('{}'))]", err('concat(): cannot concatenate a string with a object')],
  ['contains on a string is case-sensitive', "[contains('Abc', 'a')]", v(false)],
  ['contains on a string finds a substring', "[contains('Abc', 'bc')]", v(true)],
  ['contains on a string converts a number', "[contains('a1b', 1)]", v(true)],
  ['contains on an array uses deep equality', "[contains(createArray(createArray(1), 'x'), createArray(1))]", v(true)],
  ['contains on an array is case-sensitive', "[contains(createArray('A'), 'a')]", v(false)],
  ['contains on an object looks up keys ignoring case', `[contains(json('{"Ab":1}'), 'aB')]`, v(true)],
  ['contains on null is false', "[contains(null(), 'a')]", v(false)],
  ['contains of an object in a string fails', "[contains('abc', json('{}'))]", err('contains(): cannot look for a object in a string')],
  ['contains on a number fails', "[contains(1, 1)]", err('contains(): the container must be a string, array or object, not int')],
  ['dataUri encodes text', "[dataUri('Hello')]", v('data:text/plain;charset=utf8;base64,SGVsbG8=')],
  ['dataUriToString decodes base64', "[dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')]", v('Hello, World!')],
  ['dataUriToString decodes percent-encoding', "[dataUriToString('data:,a%20b')]", v('a b')],
  ['dataUriToString rejects a non-data URI', "[dataUriToString('http://x')]", err('dataUriToString(): the value is not a data URI')],
  ['empty string', "[empty('')]", v(true)],
  ['empty array', '[empty(createArray())]', v(true)],
  ['empty object', "[empty(json('{}'))]", v(true)],
  ['empty null', '[empty(null())]', v(true)],
  ['a non-empty string', "[empty(' ')]", v(false)],
  ['empty of a number fails', '[empty(0)]', err('empty(): expects a string, array or object, not int')],
  ['endsWith ignores case', "[endsWith('abcdef', 'EF')]", v(true)],
  ['endsWith false', "[endsWith('abcdef', 'e')]", v(false)],
  ['first character of a string', "[first('abc')]", v('a')],
  ['first of an empty string is empty', "[first('')]", v('')],
  ['first element of an array', "[first(createArray('x', 'y'))]", v('x')],
  ['first of an empty array is null', '[first(createArray())]', v(null)],
  ['first of null is null', '[first(null())]', v(null)],
  ['first of a number fails', '[first(1)]', err('first(): expects a string or an array, not int')],
  ['last character of a string', "[last('abc')]", v('c')],
  ['last element of an array', '[last(createArray(1, 2))]', v(2)],
  ['last of an empty array is null', '[last(createArray())]', v(null)],
  ['format with index holes', "[format('{0}-{1}-{0}', 'a', 2)]", v('a-2-a')],
  ['format right alignment', "[format('[{0,5}]', 42)]", v('[   42]')],
  ['format left alignment', "[format('[{0,-5}]', 42)]", v('[42   ]')],
  ['format D3 pads integers', "[format('{0:D3}', 7)]", v('007')],
  ['format D3 keeps the sign in front', "[format('{0:D3}', -5)]", v('-005')],
  ['format N2 groups thousands', "[format('{0:N2}', 1234.5)]", v('1,234.50')],
  ['format N2 of a negative number', "[format('{0:N2}', -1234.5)]", v('-1,234.50')],
  ['format N0', "[format('{0:N0}', 1234567)]", v('1,234,567')],
  ['format F1', "[format('{0:F1}', 2.26)]", v('2.3')],
  ['format P1', "[format('{0:P1}', 0.256)]", v('25.6 %')],
  ['format X', "[format('{0:X}', 255)]", v('FF')],
  ['format x4 is lower case and padded', "[format('{0:x4}', 255)]", v('00ff')],
  ['format X of a negative integer is its 32-bit two complement', "[format('{0:X}', -1)]", v('FFFFFFFF')],
  ['format escapes braces', "[format('{{x}} {0}', 1)]", v('{x} 1')],
  ['format writes booleans as True/False', "[format('{0}', true())]", v('True')],
  ['format writes arrays as JSON', "[format('{0}', createArray(1, 'a'))]", v('[1,"a"]')],
  ['format ignores a numeric format string on a string', "[format('{0:D3}', 'abc')]", v('abc')],
  ['format D of a non-integer fails', "[format('{0:D}', 1.5)]", err('format(): "D" requires an integer')],
  ['format without an argument for a hole fails', "[format('{1}', 'a')]", err('format(): placeholder {1} has no argument (1 given)')],
  ['format with an invalid placeholder fails', "[format('{x}')]", err('format(): "{x}" is not a valid placeholder')],
  ['format with a stray closing brace fails', "[format('a}')]", err('format(): unexpected "}" at position 2 of the format string')],
  ['format with an unclosed brace fails', "[format('{0')]", err('format(): a "{" in the format string is not closed')],
  ['format with an unsupported format string is not computed', "[format('{0:E2}', 1)]", { unsupported: 'format(): the format string "E2" is not computed by sigil' }],
  ['format of an array with an unknown inside is unknown', "[format('a{0}', createArray(parameters('u')))]", v({ $unknown: 'u is unknown', parts: ['a', unknown('u is unknown')] })],
  ['guid is not computed', "[guid('a', 'b')]", v(unknown('guid() is not computed by sigil'))],
  ['uniqueString is not computed', "[uniqueString('a')]", v(unknown('uniqueString() is not computed by sigil'))],
  ['newGuid is known only at deployment', '[newGuid()]', v(unknown('newGuid() is known only at deployment'))],
  ['indexOf on a string ignores case', "[indexOf('abcdef', 'CD')]", v(2)],
  ['indexOf not found', "[indexOf('abc', 'z')]", v(-1)],
  ['indexOf of an empty string is 0', "[indexOf('abc', '')]", v(0)],
  ['indexOf on an array', "[indexOf(createArray('a', 'b'), 'b')]", v(1)],
  ['indexOf on an array is case-sensitive', "[indexOf(createArray('A'), 'a')]", v(-1)],
  ['indexOf on an array of arrays', "[indexOf(createArray(createArray(1), createArray(2)), createArray(2))]", v(1)],
  ['indexOf on a number fails', '[indexOf(1, 1)]', err('indexOf(): the first argument must be a string or an array, not int')],
  ['lastIndexOf on a string ignores case', "[lastIndexOf('testT', 't')]", v(4)],
  ['lastIndexOf on an array', '[lastIndexOf(createArray(1, 2, 1), 1)]', v(2)],
  ['join', "[join(createArray('a', 'b', 'c'), ', ')]", v('a, b, c')],
  ['join converts numbers and booleans', "[join(createArray(1, true()), '-')]", v('1-True')],
  ['join of an empty array', "[join(createArray(), ',')]", v('')],
  ['join of nested arrays fails', "[join(createArray(createArray()), ',')]", err('join(): the array must contain strings, numbers or booleans')],
  ['json parses an object', `[json('{"a":[1,true,null]}')]`, v({ a: [1, true, null] })],
  ['json parses null', "[json('null')]", v(null)],
  ['json parses a string', `[json('"x"')]`, v('x')],
  ['json rejects invalid JSON', "[json('[1')]", { errorLike: /^json\(\): the value is not valid JSON \(/ }],
  ['length of a string', "[length('abc')]", v(3)],
  ['length of an array', '[length(createArray(1, 2))]', v(2)],
  ['length of an object', `[length(json('{"a":1,"b":2}'))]`, v(2)],
  ['length of null', '[length(null())]', v(0)],
  ['length of a number fails', '[length(1)]', err('length(): expects a string, array or object, not int')],
  ['padLeft with a character', "[padLeft('123', 5, '0')]", v('00123')],
  ['padLeft of a number', "[padLeft(7, 3, '0')]", v('007')],
  ['padLeft with spaces by default', "[padLeft('a', 3)]", v('  a')],
  ['padLeft shorter than the value keeps it', "[padLeft('abc', 2)]", v('abc')],
  ['padLeft with two characters fails', "[padLeft('a', 3, 'xy')]", err('padLeft(): the padding character must be a single character')],
  ['padLeft of a boolean fails', "[padLeft(true(), 3)]", err('padLeft(): the value must be a string or an integer')],
  ['replace every occurrence', "[replace('1-2-3', '-', '')]", v('123')],
  // Documented choice: .NET String.Replace is ordinal (case-sensitive); the Microsoft policy linter
  // models replace() as case-insensitive (reference 5.4), which is unverified for the service.
  ['replace is case-sensitive', "[replace('aXa', 'x', 'y')]", v('aXa')],
  ['replace with an empty search string fails', "[replace('abc', '', 'x')]", err('replace(): the string to replace cannot be empty')],
  ['skip characters', "[skip('abcdef', 2)]", v('cdef')],
  ['skip past the end', '[skip(createArray(1, 2, 3), 5)]', v([])],
  ['skip a negative count skips nothing', '[skip(createArray(1), -1)]', v([1])],
  ['take characters', "[take('abc', 2)]", v('ab')],
  ['take elements', '[take(createArray(1, 2, 3), 2)]', v([1, 2])],
  ['take of null is null', '[take(null(), 1)]', v(null)],
  ['take of an object fails', "[take(json('{}'), 1)]", err('take(): expects a string or an array, not object')],
  ['split keeps empty entries', "[split('a,,b,', ',')]", v(['a', '', 'b', ''])],
  ['split of an empty string', "[split('', ',')]", v([''])],
  ['split without the delimiter', "[split('abc', ',')]", v(['abc'])],
  ['split on any of several delimiters', "[split('a-b_c', createArray('_', '-'))]", v(['a', 'b', 'c'])],
  ['split uses the first delimiter in array order that matches (ab before a)', "[split('xaby', createArray('ab', 'a'))]", v(['x', 'y'])],
  ['split uses the first delimiter in array order that matches (a before ab)', "[split('xaby', createArray('a', 'ab'))]", v(['x', 'by'])],
  ['split with multi-character delimiters at the start', "[split('abcabc', createArray('bc', 'ab'))]", v(['', 'c', 'c'])],
  ['split with a number delimiter fails', "[split('a1b', 1)]", err('split(): the delimiter must be a string or an array of strings')],
  ['startsWith ignores case', "[startsWith('abcdef', 'AB')]", v(true)],
  ['startsWith false', "[startsWith('abc', 'b')]", v(false)],
  ['string of true is True', '[string(true())]', v('True')],
  ['string of false is False', '[string(false())]', v('False')],
  ['string of an integer', '[string(42)]', v('42')],
  ['string of a decimal', '[string(1.5)]', v('1.5')],
  ['string of null is empty', '[string(null())]', v('')],
  ['string of an object is compact JSON', `[string(json('{"a": [1, "x", true]}'))]`, v('{"a":[1,"x",true]}')],
  ['string of an array keeps JSON booleans', '[string(createArray(true(), null()))]', v('[true,null]')],
  ['substring with a length', "[substring('hello', 1, 3)]", v('ell')],
  ['substring to the end', "[substring('hello', 2)]", v('llo')],
  ['substring at the end is empty', "[substring('hello', 5)]", v('')],
  ['substring past the end fails', "[substring('hello', 6)]", err('substring(): the start index 6 is outside the string of length 5')],
  ['substring with a negative start fails', "[substring('hello', -1)]", err('substring(): the start index -1 is outside the string of length 5')],
  ['substring longer than the string fails', "[substring('hello', 3, 3)]", err('substring(): the length 3 from index 3 goes past the end of the string of length 5')],
  ['substring of a number fails', '[substring(12, 0)]', err('substring(): argument 1 must be a string, not int')],
  ['toLower', "[toLower('AbC')]", v('abc')],
  ['toUpper', "[toUpper('aBc')]", v('ABC')],
  ['trim', "[trim('  a b \t')]", v('a b')],
  ['uri replaces the last segment', "[uri('http://contoso.org/firstpath', 'myscript.sh')]", v('http://contoso.org/myscript.sh')],
  ['uri appends to a path ending with /', "[uri('http://contoso.com/path/', 'x')]", v('http://contoso.com/path/x')],
  ['uri with a relative base fails', "[uri('relative', 'x')]", err('uri(): the base is not an absolute URI')],
  ['uriComponent encodes reserved characters', "[uriComponent('http://contoso.com/a b')]", v('http%3A%2F%2Fcontoso.com%2Fa%20b')],
  ['uriComponent encodes what .NET EscapeDataString encodes', "[uriComponent('!''()*~-_.')]", v('%21%27%28%29%2A~-_.')],
  ['uriComponentToString decodes', "[uriComponentToString('http%3A%2F%2Fcontoso.com')]", v('http://contoso.com')],
  ['uriComponentToString rejects a broken escape', "[uriComponentToString('%E0%A4%A')]", err('uriComponentToString(): the value is not a valid encoded URI component')],
  ['parseCidr is not computed', "[parseCidr('10.0.0.0/24')]", { unsupported: 'parseCidr() is not computed by sigil' }],
  ['cidrSubnet is not computed', "[cidrSubnet('10.0.0.0/16', 24, 0)]", { unsupported: 'cidrSubnet() is not computed by sigil' }],
  ['cidrHost is not computed', "[cidrHost('10.0.0.0/24', 1)]", { unsupported: 'cidrHost() is not computed by sigil' }],
  // ---- collection ----------------------------------------------------------------------------
  ['array wraps a value', "[array('a')]", v(['a'])],
  ['array keeps an array', '[array(createArray(1))]', v([1])],
  ['array wraps an object', `[array(json('{"a":1}'))]`, v([{ a: 1 }])],
  ['array wraps null', '[array(null())]', v([null])],
  ['createArray of mixed values', "[createArray(1, 'a', createArray(), json('{}'))]", v([1, 'a', [], {}])],
  ['createArray of nothing', '[createArray()]', v([])],
  ['createObject', "[createObject('a', 1, 'b', createArray('x'))]", v({ a: 1, b: ['x'] })],
  ['createObject of nothing', '[createObject()]', v({})],
  ['createObject keeps __proto__ as data', "[createObject('__proto__', 1)]", v({ ['__proto__']: 1 })],
  ['createObject with an odd number of arguments fails', "[createObject('a')]", err('createObject(): expects pairs of keys and values')],
  ['createObject with a number key fails', '[createObject(1, 2)]', err('createObject(): keys must be strings, not int')],
  ['coalesce skips nulls', "[coalesce(null(), 1, 2)]", v(1)],
  ['coalesce keeps an empty string', "[coalesce(null(), '')]", v('')],
  ['coalesce of nulls', '[coalesce(null())]', v(null)],
  ['flatten', '[flatten(createArray(createArray(1, 2), createArray(), createArray(createArray(3))))]', v([1, 2, [3]])],
  ['flatten of non-arrays fails', '[flatten(createArray(1))]', err('flatten(): every element must be an array')],
  ['union of arrays removes duplicates', "[union(createArray(1, 2, 2), createArray(2, 3))]", v([1, 2, 3])],
  ['union of arrays is case-sensitive', "[union(createArray('a'), createArray('A'))]", v(['a', 'A'])],
  ['union of an array and null', '[union(null(), createArray(1))]', v([1])],
  ['union of objects: later values win', `[union(json('{"one":"a","three":"c1"}'), json('{"three":"c2","four":"d"}'))]`, v({ one: 'a', three: 'c2', four: 'd' })],
  ['union merges nested objects recursively but replaces nested arrays', `[union(json('{"p":{"one":"a","three":"c1"},"l":[1,2]}'), json('{"p":{"three":"c2","four":"d"},"l":[3,4]}'))]`, v({ p: { one: 'a', three: 'c2', four: 'd' }, l: [3, 4] })],
  ['union replaces an object by a scalar', `[union(json('{"a":{"x":1}}'), json('{"a":2}'))]`, v({ a: 2 })],
  ['union matches keys ignoring case and keeps the later spelling', `[union(json('{"A":1}'), json('{"a":2}'))]`, v({ a: 2 })],
  ['union of an array and an object fails', "[union(createArray(1), json('{}'))]", err('union(): all arguments must be arrays, or all must be objects')],
  ['intersection of arrays', "[intersection(createArray('one', 'two', 'three'), createArray('two', 'three', 'four'))]", v(['two', 'three'])],
  ['intersection of objects keeps equal members', `[intersection(json('{"one":"a","two":"b","three":"c"}'), json('{"one":"a","two":"z","three":"c"}'))]`, v({ one: 'a', three: 'c' })],
  ['intersection of mixed kinds fails', "[intersection(createArray(1), 'a')]", err('intersection(): all arguments must be arrays, or all must be objects')],
  ['min of an array', '[min(createArray(0, 3, 2, 5, 4))]', v(0)],
  ['min of arguments', '[min(4, -2, 3)]', v(-2)],
  ['min of an empty array fails', '[min(createArray())]', err('min(): needs at least one number')],
  ['max of an array', '[max(createArray(0, 3, 2, 5, 4))]', v(5)],
  ['max of a string fails', "[max('a')]", err('max(): expects numbers, not string')],
  ['range', '[range(1, 3)]', v([1, 2, 3])],
  ['range from a negative start', '[range(-2, 3)]', v([-2, -1, 0])],
  ['range of zero', '[range(5, 0)]', v([])],
  ['range with a negative count fails', '[range(0, -1)]', err('range(): the count cannot be negative')],
  ['range of 10001 fails as in ARM', '[range(0, 10001)]', err('range(): a count of 10001 is more than the 10000 ARM allows')],
  ['items sorts keys', `[items(json('{"item002":{"e":false},"item001":{"e":true}}'))]`, v([{ key: 'item001', value: { e: true } }, { key: 'item002', value: { e: false } }])],
  ['items sorts keys ignoring case', `[items(json('{"b":1,"A":2,"c":3}'))]`, v([{ key: 'A', value: 2 }, { key: 'b', value: 1 }, { key: 'c', value: 3 }])],
  ['items of an array fails', '[items(createArray())]', err('items(): argument 1 must be an object, not array')],
  ['objectKeys keeps the written order', `[objectKeys(json('{"b":1,"a":2}'))]`, v(['b', 'a'])],
  ['shallowMerge replaces nested objects', `[shallowMerge(createArray(json('{"a":1,"n":{"x":1}}'), json('{"b":2,"n":{"y":2}}')))]`, v({ a: 1, b: 2, n: { y: 2 } })],
  ['shallowMerge of non-objects fails', '[shallowMerge(createArray(1))]', err('shallowMerge(): every element must be an object')],
  ['tryGet a nested key', `[tryGet(json('{"a":{"b":1}}'), 'a', 'b')]`, v(1)],
  ['tryGet ignores key case', `[tryGet(json('{"A":1}'), 'a')]`, v(1)],
  ['tryGet a missing key is null', `[tryGet(json('{"a":1}'), 'x')]`, v(null)],
  ['tryGet an array element', '[tryGet(createArray(1, 2), 1)]', v(2)],
  ['tryGet past the end is null', '[tryGet(createArray(1), 5)]', v(null)],
  ['tryGet into a string is null', "[tryGet('abc', 0)]", v(null)],
  ['indexFromEnd', '[indexFromEnd(createArray(1, 2, 3), 1)]', v(3)],
  ['indexFromEnd out of range fails', '[indexFromEnd(createArray(1), 2)]', err('indexFromEnd(): index 2 from the end is out of range for an array of length 1')],
  ['indexFromEnd of zero fails', '[indexFromEnd(createArray(1), 0)]', err('indexFromEnd(): index 0 from the end is out of range for an array of length 1')],
  ['tryIndexFromEnd out of range is null', '[tryIndexFromEnd(createArray(1), 2)]', v(null)],
  ['null', '[null()]', v(null)],
  // ---- logic ---------------------------------------------------------------------------------
  ['equals of numbers', '[equals(1, 1)]', v(true)],
  ['equals of strings is case-sensitive', "[equals('a', 'A')]", v(false)],
  ['equals does not convert types', "[equals(1, '1')]", v(false)],
  ['equals of arrays is deep', "[equals(createArray(1, createArray('a')), createArray(1, createArray('a')))]", v(true)],
  // Documented choice: object keys compare ignoring case (ARM property names are case-insensitive).
  ['equals of objects ignores key case', `[equals(json('{"a":1}'), json('{"A":1}'))]`, v(true)],
  ['equals of objects with different values', `[equals(json('{"a":1}'), json('{"a":2}'))]`, v(false)],
  ['less of numbers', '[less(1, 2)]', v(true)],
  ['less of strings uses culture order: a before B', "[less('a', 'B')]", v(true)],
  ['less of strings uses culture order: B after a', "[less('B', 'a')]", v(false)],
  ['less of mixed types fails', "[less(1, 'a')]", err('less(): cannot compare int with string')],
  ['lessOrEquals of equal numbers', '[lessOrEquals(2, 2)]', v(true)],
  ['greater of strings', "[greater('b', 'a')]", v(true)],
  ['greater of a boolean fails', '[greater(true(), false())]', err('greater(): cannot compare bool with bool')],
  ['greaterOrEquals', '[greaterOrEquals(1, 2)]', v(false)],
  ['and of booleans', '[and(true(), true(), false())]', v(false)],
  ['and of a non-boolean fails', "[and(true(), 'x')]", err('and(): expects booleans, not string')],
  ['or of booleans', '[or(false(), true())]', v(true)],
  ['not', '[not(true())]', v(false)],
  ['not of a number fails', '[not(1)]', err('not(): expects a boolean, not int')],
  ['if true', "[if(equals(1, 1), 'yes', 'no')]", v('yes')],
  ['if false', "[if(equals(1, 2), 'yes', 'no')]", v('no')],
  ['bool of a string ignores case and spaces', "[bool(' TRUE ')]", v(true)],
  ['bool of False', "[bool('False')]", v(false)],
  ['bool of 0', '[bool(0)]', v(false)],
  ['bool of 1', '[bool(1)]', v(true)],
  ['bool of yes fails', "[bool('yes')]", err('bool(): cannot convert "yes" to a boolean')],
  ['true', '[true()]', v(true)],
  ['false', '[false()]', v(false)],
  // ---- numeric -------------------------------------------------------------------------------
  ['add', '[add(1, 2)]', v(3)],
  ['add of a string fails', "[add(1, '2')]", err('add(): argument 2 must be an integer, not string')],
  ['sub', '[sub(5, 7)]', v(-2)],
  ['mul', '[mul(3, 4)]', v(12)],
  ['mul overflowing 64 bits fails', '[mul(9223372036854775807, 2)]', err('mul(): the result overflows a 64-bit integer')],
  ['div truncates', '[div(7, 2)]', v(3)],
  ['div truncates toward zero', '[div(-7, 2)]', v(-3)],
  ['div by zero fails', '[div(1, 0)]', err('div(): division by zero')],
  ['mod', '[mod(7, 3)]', v(1)],
  ['mod keeps the sign of the dividend', '[mod(-7, 3)]', v(-1)],
  ['mod by zero fails', '[mod(1, 0)]', err('mod(): division by zero')],
  ['int of a numeric string', "[int('42')]", v(42)],
  ['int of a padded signed string', "[int(' -3 ')]", v(-3)],
  ['int of a plus-signed string', "[int('+5')]", v(5)],
  ['int truncates a decimal', '[int(4.7)]', v(4)],
  ['int of text fails', "[int('x')]", err('int(): cannot convert "x" to an integer')],
  ['int of a decimal string fails', "[int('1.5')]", err('int(): cannot convert "1.5" to an integer')],
  ['int of a boolean fails', '[int(true())]', err('int(): cannot convert bool to an integer')],
  ['float of a string', "[float('1.5')]", v(1.5)],
  ['float of an exponent', "[float('1e3')]", v(1000)],
  ['float of an integer', '[float(2)]', v(2)],
  ['float of text fails', "[float('x')]", err('float(): cannot convert "x" to a number')],
  ['float of an empty string fails', "[float('')]", err('float(): cannot convert "" to a number')],
  // ---- date ----------------------------------------------------------------------------------
  ['dateTimeAdd years', "[dateTimeAdd('2020-04-07 14:53:14Z', 'P3Y')]", v('2023-04-07T14:53:14Z')],
  ['dateTimeAdd a negative duration', "[dateTimeAdd('2020-04-07 14:53:14Z', '-PT9H')]", v('2020-04-07T05:53:14Z')],
  ['dateTimeAdd days and time', "[dateTimeAdd('2020-02-28T23:00:00Z', 'P1DT2H30M')]", v('2020-03-01T01:30:00Z')],
  ['dateTimeAdd weeks', "[dateTimeAdd('2020-01-01', 'P2W')]", v('2020-01-15T00:00:00Z')],
  // Documented choice: months are added with JavaScript Date arithmetic, so Jan 31 + 1 month rolls
  // over into March (.NET AddMonths would clamp to Feb 29); Azure's behaviour is unverified.
  ['dateTimeAdd of a month at a month end rolls over', "[dateTimeAdd('2020-01-31T00:00:00Z', 'P1M')]", v('2020-03-02T00:00:00Z')],
  ['dateTimeAdd of an invalid date fails', "[dateTimeAdd('2020-02-30', 'P1D')]", err('dateTimeAdd(): "2020-02-30" is not a valid date')],
  ['dateTimeAdd of an invalid duration fails', "[dateTimeAdd('2020-01-01', 'P')]", err('dateTimeAdd(): "P" is not an ISO 8601 duration')],
  ['dateTimeAdd with a custom format is not computed', "[dateTimeAdd('2020-01-01', 'P1D', 'yyyy')]", { unsupported: 'dateTimeAdd(): custom output formats are not computed by sigil' }],
  ['dateTimeFromEpoch', '[dateTimeFromEpoch(1683040573)]', v('2023-05-02T15:16:13Z')],
  ['dateTimeToEpoch', "[dateTimeToEpoch('2023-05-02T15:16:13Z')]", v(1683040573)],
  ['dateTimeToEpoch with an offset', "[dateTimeToEpoch('2023-05-02T17:16:13+02:00')]", v(1683040573)],
  ['dateTimeToEpoch of text fails', "[dateTimeToEpoch('soon')]", err('dateTimeToEpoch(): "soon" is not a valid date')],
  // ---- lambda functions (more in expression.test.ts) -------------------------------------------
  ['lambda and lambdaVariables through map', "[map(createArray(1), lambda('x', lambdaVariables('x')))]", v([1])],
  ['filter', "[filter(createArray(1, 2), lambda('x', greater(lambdaVariables('x'), 1)))]", v([2])],
  ['reduce', "[reduce(createArray('a', 'b'), '', lambda('acc', 'x', concat(lambdaVariables('acc'), lambdaVariables('x'))))]", v('ab')],
  ['sort', "[sort(createArray('b', 'a'), lambda('x', 'y', less(lambdaVariables('x'), lambdaVariables('y'))))]", v(['a', 'b'])],
  ['toObject', "[toObject(createArray('k'), lambda('x', lambdaVariables('x')))]", v({ k: 'k' })],
  ['groupBy', "[groupBy(createArray(1, 2, 3), lambda('x', if(equals(mod(lambdaVariables('x'), 2), 0), 'even', 'odd')))]", v({ odd: [1, 3], even: [2] })],
  ['mapValues', `[mapValues(json('{"a":"x"}'), lambda('v', toUpper(lambdaVariables('v'))))]`, v({ a: 'X' })],
];

const fns = suite('template functions');

for (const [name, text, expected] of CASES) fns(name, () => run(text, expected));

fns('every library function has a case in the table', () => {
  const texts = CASES.map((c) => c[1].toLowerCase());
  const missing = [...LIBRARY.values()]
    .map((f) => f.name)
    .filter((n) => !texts.some((t) => t.includes(`${n.toLowerCase()}(`)));
  assert.equal(missing, []);
  assert.is(LIBRARY.size, 85);
});

fns('every case name is unique', () => {
  const names = CASES.map((c) => c[0]);
  assert.equal(names.filter((n, i) => names.indexOf(n) !== i), []);
});

fns.run();

// ---- value conversions and dates -----------------------------------------------------------------

const conversions = suite('conversions and dates');

conversions('armToString: the text ARM writes for each kind of value', () => {
  const cases: [Value, string][] = [
    [null, ''],
    ['s', 's'],
    [true, 'True'],
    [false, 'False'],
    [12, '12'],
    [-0.5, '-0.5'],
    [[1, 'a', null, false], '[1,"a",null,false]'],
    [{ a: { b: [] } }, '{"a":{"b":[]}}'],
  ];
  for (const [value, text] of cases) assert.is(armToString(value), text, JSON.stringify(value));
  assert.instance(thrown(() => armToString(U)).error, TypeError);
});

conversions('parseIsoDate accepts the ISO forms Azure writes and rejects impossible dates', () => {
  const ok: [string, string][] = [
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2024-02-29T10:20', '2024-02-29T10:20:00.000Z'],
    ['2024-02-29T10:20:30Z', '2024-02-29T10:20:30.000Z'],
    ['2024-02-29 10:20:30.1234567Z', '2024-02-29T10:20:30.123Z'],
    ['2024-02-29T10:20:30+02:00', '2024-02-29T08:20:30.000Z'],
    ['2024-02-29T10:20:30-0130', '2024-02-29T11:50:30.000Z'],
  ];
  for (const [text, iso] of ok) assert.is(parseIsoDate(text)?.toISOString(), iso, text);
  for (const bad of ['2023-02-29', '2024-13-01', '2024-01-01T24:00', 'tomorrow', '20240101', '']) {
    assert.is(parseIsoDate(bad), undefined, bad);
  }
});

conversions('formatRoundTrip writes seven fractional digits, as policy utcNow() does', () => {
  assert.is(formatRoundTrip(new Date('2025-06-15T12:30:45.123Z')), '2025-06-15T12:30:45.1230000Z');
  assert.is(formatRoundTrip(new Date('2025-06-15T00:00:00Z')), '2025-06-15T00:00:00.0000000Z');
});

conversions('addDuration: calendar units, weeks, fractions of seconds, and invalid durations', () => {
  const base = new Date('2024-01-31T00:00:00Z');
  assert.is(addDuration(base, 'P1Y')?.toISOString(), '2025-01-31T00:00:00.000Z');
  assert.is(addDuration(base, 'P1W')?.toISOString(), '2024-02-07T00:00:00.000Z');
  assert.is(addDuration(base, 'PT1.5S')?.toISOString(), '2024-01-31T00:00:01.500Z');
  assert.is(addDuration(base, '-P1D')?.toISOString(), '2024-01-30T00:00:00.000Z');
  for (const bad of ['P', 'PT', '1D', 'P1H', 'P1DT', '']) assert.is(addDuration(base, bad), undefined, bad);
});

conversions.run();

// ---- bounds ----------------------------------------------------------------------------------

const bounds = suite('evaluation bounds');

const small: ScopeOptions = { limits: { stringLength: 1000, collectionSize: 100, steps: 20_000 } };

const boundCases: [string, string, Expected][] = [
  ['doubling a string in a lambda stops at the string limit', "[reduce(range(0, 20), 'ab', lambda('acc', 'x', concat(lambdaVariables('acc'), lambdaVariables('acc'))))]", { limit: 'string of 1024 characters exceeds the limit of 1000' }],
  ['doubling an array in a lambda stops at the collection limit', "[reduce(range(0, 20), createArray(1), lambda('acc', 'x', concat(lambdaVariables('acc'), lambdaVariables('acc'))))]", { limit: 'collection of 128 items exceeds the limit of 100' }],
  ['doubling an object graph stops when it is serialized', "[string(reduce(range(0, 30), json('{}'), lambda('acc', 'x', createObject('a', lambdaVariables('acc'), 'b', lambdaVariables('acc')))))]", { limit: 'serialized value exceeds 1000 characters' }],
  // 2^20 leaves: quick even without a bound, but far more than 20000 steps.
  ['comparing a doubled object graph with itself stops at the step limit', "[map(createArray(reduce(range(0, 20), json('{}'), lambda('acc', 'x', createObject('a', lambdaVariables('acc'), 'b', lambdaVariables('acc'))))), lambda('d', equals(lambdaVariables('d'), lambdaVariables('d'))))]", { limit: 'evaluation stopped after 20000 steps' }],
  ['a doubled object graph compares with another value at once', "[equals(reduce(range(0, 40), json('{}'), lambda('acc', 'x', createObject('a', lambdaVariables('acc'), 'b', lambdaVariables('acc')))), json('{}'))]", v(false)],
  ['a range larger than the collection limit', '[range(0, 101)]', { limit: 'collection of 101 items exceeds the limit of 100' }],
  ['a padded string beyond the limit', "[padLeft('a', 2000)]", { limit: 'string of 2000 characters exceeds the limit of 1000' }],
  ['a replacement that grows beyond the limit', "[replace(padLeft('', 100, 'a'), 'a', padLeft('', 100, 'b'))]", { limit: 'string of 10000 characters exceeds the limit of 1000' }],
  ['a join beyond the limit', "[join(map(range(0, 50), lambda('x', padLeft('', 100, 'a'))), '')]", { limit: 'string of 5000 characters exceeds the limit of 1000' }],
  ['base64 beyond the limit', "[base64(padLeft('', 900, 'a'))]", { limit: 'string of 1200 characters exceeds the limit of 1000' }],
  ['format beyond the limit', "[format('{0}{0}', padLeft('', 600, 'a'))]", { limit: 'string of 1200 characters exceeds the limit of 1000' }],
  ['a string built by nested concat within the limit', "[length(concat(concat(padLeft('', 400, 'a'), padLeft('', 400, 'a')), 'x'))]", v(801)],
  ['nested concat beyond the limit', "[concat(concat(padLeft('', 400, 'a'), padLeft('', 400, 'a')), padLeft('', 400, 'a'))]", { limit: 'string of 1200 characters exceeds the limit of 1000' }],
  ['a long loop stops at the step limit', "[length(map(range(0, 100), lambda('x', map(range(0, 100), lambda('y', 1)))))]", { limit: 'evaluation stopped after 20000 steps' }],
];
for (const [name, text, expected] of boundCases) bounds(name, () => run(text, expected, small));

bounds('limits at the default size: a replacement of a million by a million characters is a LimitError, not a RangeError', () => {
  run("[replace(padLeft('', 1000000, 'a'), 'a', padLeft('', 1000000, 'b'))]", { limit: 'string of 1000000000000 characters exceeds the limit of 1048576' }, {});
});

bounds('Budget: steps, strings, sizes and depth', () => {
  const b = new Budget({ ...DEFAULT_LIMITS, steps: 3, stringLength: 4, collectionSize: 2, depth: 1 });
  b.charge(3);
  assert.is(thrown(() => b.charge()).message, 'evaluation stopped after 3 steps');
  const c = new Budget({ ...DEFAULT_LIMITS, steps: 100, stringLength: 4, collectionSize: 2, depth: 1 });
  assert.is(c.checkString('abcd'), 'abcd');
  assert.is(thrown(() => c.checkString('abcde')).message, 'string of 5 characters exceeds the limit of 4');
  c.checkSize(2);
  assert.is(thrown(() => c.checkSize(3)).message, 'collection of 3 items exceeds the limit of 2');
  c.checkDepth(1);
  const e = thrown(() => c.checkDepth(2));
  assert.instance(e.error, LimitError);
  assert.is(e.message, 'nesting deeper than 1 levels');
});

bounds('union of deeply nested objects stops at the depth limit', () => {
  const deep = `[reduce(range(0, 10), json('{}'), lambda('acc', 'x', createObject('a', lambdaVariables('acc'))))]`;
  const nested = `[union(${deep.slice(1, -1)}, ${deep.slice(1, -1)})]`;
  run(nested, { limit: 'nesting deeper than 5 levels' }, { limits: { depth: 5 } });
});

bounds.run();
