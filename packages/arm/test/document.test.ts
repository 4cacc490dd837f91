import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { JsonDocument, decodeText } from '../src/index.js';
import { offsetAt, where } from './helpers.js';

const test = suite('JsonDocument');

function problems(doc: JsonDocument): string[] {
  return doc.problems.map((p) => `${p.message} @${where(p.span)}`);
}

test('strict JSON: value, no problems, spans of values, keys and missing paths', () => {
  const text = '{\n  "a": [1, {"b": "x"}],\n  "n": null\n}';
  const doc = new JsonDocument('f.json', text);
  assert.equal(doc.problems, []);
  assert.equal(doc.value, { a: [1, { b: 'x' }], n: null });
  assert.is(where(doc.locate(['a', 1, 'b'])), '2:18-2:21');
  assert.is(where(doc.locate(['a'])), '2:8-2:23');
  assert.is(where(doc.locate(['a', 0])), '2:9-2:10');
  assert.is(where(doc.locate(['n'])), '3:8-3:12');
  assert.is(where(doc.locate([])), '1:1-4:2');
  const span = doc.locate(['a', 1, 'b']);
  assert.is(span?.start.offset, offsetAt(text, 2, 18));
  assert.is(span?.end.offset, offsetAt(text, 2, 21));
});

test('locate falls back to the nearest ancestor that exists', () => {
  const doc = new JsonDocument('f.json', '{\n  "a": [1, {"b": "x"}]\n}');
  assert.is(where(doc.locate(['a', 1, 'missing', 'deeper'])), '2:12-2:22');
  assert.is(where(doc.locate(['a', 7])), '2:8-2:23');
  assert.is(where(doc.locate(['a', 'notAnIndex'])), '2:8-2:23');
  assert.is(where(doc.locate(['nothing'])), '1:1-3:2');
  // Keys are matched as written (the evaluator resolves ARM's case-insensitivity first).
  assert.is(where(doc.locate(['A'])), '1:1-3:2');
});

test('locateKey points at the key, and falls back to the value when there is none', () => {
  const doc = new JsonDocument('f.json', '{\n  "a": [1, {"b": "x"}]\n}');
  assert.is(where(doc.locateKey(['a'])), '2:3-2:6');
  assert.is(where(doc.locateKey(['a', 1, 'b'])), '2:13-2:16');
  assert.is(where(doc.locateKey(['a', 0])), '2:9-2:10');
  assert.is(where(doc.locateKey(['a', 1, 'zzz'])), '2:12-2:22');
  assert.is(where(doc.locateKey([])), '1:1-3:2');
});

test('JSONC: line and block comments, trailing commas', () => {
  const text = '// header\n{\n  /* block */ "a": 1, // trailing\n  "b": [1, 2,],\n  "c": {"d": true,},\n}\n/* end */';
  const doc = new JsonDocument('f.jsonc', text);
  assert.equal(doc.problems, []);
  assert.equal(doc.value, { a: 1, b: [1, 2], c: { d: true } });
  assert.is(where(doc.locate(['a'])), '3:20-3:21');
  assert.is(where(doc.locate(['b', 1])), '4:12-4:13');
  assert.is(where(doc.locate(['c', 'd'])), '5:14-5:18');
  assert.is(where(doc.locateKey(['c'])), '5:3-5:6');
  assert.is(doc.locate(['b', 1])?.start.offset, offsetAt(text, 4, 12));
});

test('JSONC: a comment inside a string is text', () => {
  const doc = new JsonDocument('f.json', '{"a": "// not a comment", /* c */ "b": "/* nor this */"}');
  assert.equal(doc.problems, []);
  assert.equal(doc.value, { a: '// not a comment', b: '/* nor this */' });
});

test('CRLF: lines and columns exclude the carriage return', () => {
  const text = '{\r\n  "a": 1,\r\n  "b": "x"\r\n}\r\n';
  const doc = new JsonDocument('f.json', text);
  assert.equal(doc.value, { a: 1, b: 'x' });
  const b = doc.locate(['b']);
  assert.is(where(b), '3:8-3:11');
  assert.is(b?.start.offset, 21);
  assert.is(b?.end.offset, 24);
  assert.is(where(doc.locate([])), '1:1-4:2');
  assert.is(doc.lineIndex().lineText(2), '  "a": 1,');
});

test('CRLF with comments: a syntax error is placed on its line', () => {
  const doc = new JsonDocument('f.json', '{\r\n  // c\r\n  "a": 1\r\n  "b": 2\r\n}');
  assert.is(doc.value, undefined);
  assert.equal(problems(doc), ['"," is expected @4:3-4:6']);
});

test('columns count UTF-16 code units (an emoji is two)', () => {
  const doc = new JsonDocument('f.json', '{"e": "😀", "x": 1}');
  assert.is(where(doc.locate(['e'])), '1:7-1:11');
  assert.is(where(doc.locate(['x'])), '1:18-1:19');
});

test('syntax error: missing comma, with its exact place', () => {
  const doc = new JsonDocument('f.json', '{\n  "a": 1\n  "b": 2\n}');
  assert.is(doc.value, undefined);
  assert.equal(problems(doc), ['"," is expected @3:3-3:6']);
  assert.is(doc.problems[0]?.span.start.offset, 13);
});

test('syntax error: a string that is not closed', () => {
  const doc = new JsonDocument('f.json', '{\n  "a": "abc\n}');
  assert.is(doc.value, undefined);
  assert.equal(problems(doc), ['a string is not closed @2:8-2:12']);
});

test('syntax error: the file ends too early', () => {
  const doc = new JsonDocument('f.json', '{\n  "a": [1, 2');
  assert.is(doc.value, undefined);
  assert.equal(problems(doc), [
    '"]" is expected (the file ends too early) @2:13-2:13',
    '"}" is expected (the file ends too early) @2:13-2:13',
  ]);
});

test('syntax errors: empty file, stray content, bad literal, open comment', () => {
  assert.equal(problems(new JsonDocument('f.json', '')), ['a value is expected (the file ends too early) @1:1-1:1']);
  assert.equal(problems(new JsonDocument('f.json', '  \n')), ['a value is expected (the file ends too early) @2:1-2:1']);
  assert.equal(problems(new JsonDocument('f.json', '{"a": 1} x')), ['unexpected character @1:10-1:11']);
  assert.equal(problems(new JsonDocument('f.json', '{"a": 1} {"b": 2}')), ['unexpected content after the end of the JSON value @1:10-1:11']);
  assert.equal(problems(new JsonDocument('f.json', '{\n  "a": tru\n}')), ['unexpected character @2:8-2:11', 'a value is expected @3:1-3:2']);
  assert.equal(problems(new JsonDocument('f.json', '{"a": 1, /* open')).slice(0, 1), ['a comment is not closed @1:10-1:17']);
});

test('a document with an error still locates what precedes it', () => {
  const doc = new JsonDocument('f.json', '{\n  "a": {"b": 1},\n  "c": [1 2]\n}');
  assert.is(doc.value, undefined);
  assert.equal(problems(doc), ['"," is expected @3:11-3:12']);
  assert.is(where(doc.locate(['a', 'b'])), '2:14-2:15');
});

test('__proto__ stays data on the strict path', () => {
  const doc = new JsonDocument('f.json', '{"__proto__": {"polluted": true}, "b": 1}');
  const value = doc.value as Record<string, unknown>;
  assert.is(Object.getPrototypeOf(value), Object.prototype);
  assert.equal(Object.keys(value), ['__proto__', 'b']);
  assert.is(value['polluted'], undefined);
  assert.equal(Object.getOwnPropertyDescriptor(value, '__proto__')?.value, { polluted: true });
  assert.is(({} as Record<string, unknown>)['polluted'], undefined);
});

test('__proto__ stays data on the JSONC path, at any depth', () => {
  const doc = new JsonDocument('f.json', '{"__proto__": {"polluted": true}, /* c */ "b": [{"__proto__": {"x": 1}},],}');
  assert.equal(doc.problems, []);
  const value = doc.value as Record<string, unknown>;
  assert.is(Object.getPrototypeOf(value), Object.prototype);
  assert.equal(Object.keys(value), ['__proto__', 'b']);
  assert.is(value['polluted'], undefined);
  assert.equal(Object.getOwnPropertyDescriptor(value, '__proto__')?.value, { polluted: true });
  const inner = (value['b'] as Record<string, unknown>[])[0] as Record<string, unknown>;
  assert.is(Object.getPrototypeOf(inner), Object.prototype);
  assert.is(inner['x'], undefined);
  assert.equal(Object.keys(inner), ['__proto__']);
  assert.is(({} as Record<string, unknown>)['polluted'], undefined);
  assert.is(where(doc.locate(['b', 0, '__proto__', 'x'])), '1:69-1:70');
});

test('a repeated key: last value, first position, on both paths, and locate points at the value kept', () => {
  const strict = new JsonDocument('f.json', '{"a": 1, "b": 0, "a": 2}');
  const jsonc = new JsonDocument('f.json', '{"a": 1, "b": 0, "a": 2,}');
  for (const doc of [strict, jsonc]) {
    assert.equal(doc.value, { a: 2, b: 0 });
    assert.equal(Object.keys(doc.value as object), ['a', 'b']);
    assert.is(where(doc.locate(['a'])), '1:23-1:24');
    assert.is(where(doc.locateKey(['a'])), '1:18-1:21');
  }
  const nested = new JsonDocument('f.json', '{"o": {"k": [1], "k": [2, 3]}, // c\n}');
  assert.equal(nested.value, { o: { k: [2, 3] } });
  assert.is(where(nested.locate(['o', 'k', 1])), '1:27-1:28');
});

test('200,000 levels of strict JSON: a value, and exact spans without a crash (locate scans tokens, no recursion)', () => {
  const depth = 200_000;
  const doc = new JsonDocument('deep.json', '['.repeat(depth) + ']'.repeat(depth));
  assert.equal(doc.problems, []);
  let v = doc.value;
  let levels = 0;
  while (Array.isArray(v) && v.length > 0) {
    v = v[0];
    levels++;
  }
  assert.is(levels, depth - 1);
  assert.is(where(doc.locate([0, 0, 0])), `1:4-1:${2 * depth - 2}`);
  assert.is(where(doc.locate([])), `1:1-1:${2 * depth + 1}`);
});

test('200,000 levels of JSONC: one problem at 1:1, no value, no crash', () => {
  const depth = 200_000;
  const doc = new JsonDocument('deep.json', '// deep\n' + '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
  assert.is(doc.value, undefined);
  assert.equal(problems(doc), ['the JSON is nested too deeply to read @1:1-1:1']);
  // The value cannot be read that deep, but its text can still be located.
  // Line 2 is `{"a":` x depth, `1`, `}` x depth: the value at ['a', 'a'] starts at the third `{` and
  // ends before the last two `}`.
  assert.is(where(doc.locate(['a', 'a'])), `2:11-2:${6 * depth}`);
});

test('decodeText: UTF-8 with and without BOM', () => {
  const body = '{"name": "é"}';
  const utf8 = new TextEncoder().encode(body);
  assert.is(decodeText(utf8), body);
  const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
  const text = decodeText(withBom);
  assert.is(text, body);
  assert.is(text.charCodeAt(0), 0x7b);
  assert.is(where(new JsonDocument('f.json', text).locate(['name'])), '1:10-1:13');
  assert.is(decodeText(new Uint8Array([])), '');
});

test('decodeText: UTF-16 LE and BE with BOM, BOM removed, surrogate pairs kept', () => {
  const body = '{\r\n  "name": "gal-é-😀"\r\n}';
  const units = Array.from(body, (c) => c).flatMap((c) => {
    const out: number[] = [];
    for (let i = 0; i < c.length; i++) out.push(c.charCodeAt(i));
    return out;
  });
  const le = new Uint8Array([0xff, 0xfe, ...units.flatMap((u) => [u & 0xff, u >> 8])]);
  const be = new Uint8Array([0xfe, 0xff, ...units.flatMap((u) => [u >> 8, u & 0xff])]);
  for (const bytes of [le, be]) {
    const text = decodeText(bytes);
    assert.is(text, body);
    const doc = new JsonDocument('f.json', text);
    assert.equal(doc.value, { name: 'gal-é-😀' });
    assert.is(where(doc.locate(['name'])), '2:11-2:21');
    assert.is(where(doc.locate([])), '1:1-3:2');
  }
});

test.run();
