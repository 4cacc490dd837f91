import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Budget, DEFAULT_LIMITS, LimitError, Unknown, armTypeOf, deepEquals, defineKey, describePartial, findKey,
  findUnknown, getKey, isObject, isUnknown, joinParts, splitParts, toJsonText, type Value, type ValueObject,
} from '../src/index.js';
import { plain, thrown, unknown } from './helpers.js';

const U = new Unknown('u');
const W = new Unknown('w');

// ---- Unknown and partial strings -------------------------------------------------------------------

const unknowns = suite('Unknown and partial strings');

unknowns('an Unknown carries its reason, origin and parts, and prints as <unknown: reason>', () => {
  const origin = { file: 'a.json', path: ['parameters', 'p'] };
  const u = new Unknown('no value', origin, ['a', U]);
  assert.is(u.reason, 'no value');
  assert.equal(u.origin, origin);
  assert.equal(u.parts, ['a', U]);
  assert.is(u.toString(), '<unknown: no value>');
  assert.is(JSON.stringify([u]), '["<unknown: no value>"]');
  assert.ok(isUnknown(u));
  assert.not.ok(isUnknown('x'));
  assert.is(new Unknown('r').parts, undefined);
});

unknowns('findUnknown: the first unknown depth-first, or undefined', () => {
  assert.is(findUnknown('x'), undefined);
  assert.is(findUnknown(null), undefined);
  assert.is(findUnknown(U), U);
  assert.is(findUnknown({ a: [1, { b: U }], c: W }), U);
  assert.is(findUnknown([[W], U]), W);
  assert.is(findUnknown({ a: [1, 'x', { b: null }] }), undefined);
});

unknowns('findUnknown: shared and cyclic objects are visited once; huge values give up as unknown', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic['self'] = cyclic;
  assert.is(findUnknown(cyclic), undefined);
  let shared: Value = { leaf: 1 };
  for (let i = 0; i < 60; i++) shared = { a: shared, b: shared };
  assert.is(findUnknown(shared), undefined);
  const wide = Array.from({ length: 50 }, (_, i) => ({ i }));
  const tooBig = findUnknown(wide, 10);
  assert.instance(tooBig, Unknown);
  assert.is(tooBig?.reason, 'value is too large to inspect');
});

unknowns('findUnknown: what a search found free of unknowns is remembered, members included; a short array is answered by its members, in order', () => {
  const inner = { list: [1, 2], deep: { x: 'y' } };
  const body = { properties: inner, other: [{ a: 1 }] };
  assert.is(findUnknown(body), undefined);
  // Members of a searched value: found free without a search (a tiny budget would give up otherwise).
  assert.is(findUnknown(inner, 1), undefined);
  assert.is(findUnknown(inner.deep, 1), undefined);
  assert.is(findUnknown([inner, 'x', inner.list], 1), undefined);
  // A short array stops at the first unknown the depth-first search meets, inside a member or not.
  assert.is(findUnknown([inner, U]), U);
  assert.is(findUnknown([{ a: { b: W } }, U]), W);
  assert.is(findUnknown([inner, { c: [W] }, U]), W);
  // A value that holds an unknown is never remembered as free.
  const holder = { a: { b: U } };
  assert.is(findUnknown(holder), U);
  assert.is(findUnknown(holder.a), U);
  assert.is(findUnknown([holder]), U);
});

unknowns('joinParts: a plain string when everything is known', () => {
  assert.is(joinParts(['a', 'b', '', 'c']), 'abc');
  assert.is(joinParts([]), '');
});

unknowns('joinParts: a partial string merges adjacent known parts and flattens partial parts', () => {
  const inner = new Unknown('inner', undefined, ['x-', W]);
  assert.equal(plain(joinParts(['a', '', 'b', U, 'c', inner, '-d'])), {
    $unknown: 'u', parts: ['ab', unknown('u'), 'cx-', unknown('w'), '-d'],
  });
  const j = joinParts([U, 'tail'], 'custom reason');
  assert.equal(plain(j), { $unknown: 'custom reason', parts: [unknown('u'), 'tail'] });
  const origin = { file: 'f.json' };
  const first = joinParts(['a', new Unknown('first', origin), U]);
  assert.ok(first instanceof Unknown && first.origin === origin, 'the origin of the first unknown');
});

const splits: [string, string | Unknown, unknown][] = [
  ['a known string splits fully', 'gal/img/1.0', ['gal', 'img', '1.0']],
  ['an unknown segment between known ones', new Unknown('g', undefined, ['gal/', U, '/img/1.0.0']), ['gal', { $unknown: 'u', parts: [unknown('u')] }, 'img', '1.0.0']],
  ['an unknown inside a segment keeps its known text', new Unknown('g', undefined, ['pre-', U, '-post/x']), [{ $unknown: 'u', parts: ['pre-', unknown('u'), '-post'] }, 'x']],
  ['segments between two unknowns merge into one unknown', new Unknown('g', undefined, ['a/', U, '/b/', W, '/c']), ['a', { $unknown: 'u', parts: [unknown('u'), '/b/', unknown('w')] }, 'c']],
  ['an unknown at the start leaves the known end', new Unknown('g', undefined, [U, '/img/1.0.0']), [{ $unknown: 'u', parts: [unknown('u')] }, 'img', '1.0.0']],
  ['an unknown at the end leaves the known start', new Unknown('g', undefined, ['gal/img/', U]), ['gal', 'img', { $unknown: 'u', parts: [unknown('u')] }]],
];
for (const [name, value, expected] of splits) {
  unknowns(`splitParts: ${name}`, () => assert.equal(plain(splitParts(value, '/') as Value), expected));
}

unknowns('splitParts of an unknown without parts is undefined', () => {
  assert.is(splitParts(U, '/'), undefined);
});

unknowns('describePartial shows unknown parts as …', () => {
  assert.is(describePartial('plain'), 'plain');
  assert.is(describePartial(new Unknown('x', undefined, [U, '/windows-2022'])), '…/windows-2022');
  assert.is(describePartial(new Unknown('x', undefined, ['a', U, 'b', W])), 'a…b…');
  assert.is(describePartial(U), undefined);
});

unknowns.run();

// ---- values ----------------------------------------------------------------------------------

const values = suite('ARM values');

const equalities: [string, Value, Value, boolean, boolean | 'unknown'][] = [
  ['equal integers', 1, 1, false, true],
  ['an integer and an equal decimal', 1, 1.0, false, true],
  ['a number and its text', 1, '1', false, false],
  ['strings differing in case, case-sensitive', 'a', 'A', false, false],
  ['strings differing in case, ignoring case', 'a', 'A', true, true],
  ['the German sharp s does not equal SS ignoring case', 'ß', 'SS', true, false],
  ['null and null', null, null, false, true],
  ['null and the empty string', null, '', true, false],
  ['booleans', true, true, false, true],
  ['a boolean and its text', true, 'true', true, false],
  ['equal arrays', [1, ['a']], [1, ['a']], false, true],
  ['arrays in another order', [1, 2], [2, 1], false, false],
  ['arrays of different length', [1], [1, 1], false, false],
  ['an array and an object', [], {}, false, false],
  ['objects in another key order', { a: 1, b: 2 }, { b: 2, a: 1 }, false, true],
  ['object keys ignore case', { Name: 1 }, { name: 1 }, false, true],
  ['objects with an extra key', { a: 1 }, { a: 1, b: 2 }, false, false],
  ['values of objects compare case-sensitively', { a: 'x' }, { a: 'X' }, false, false],
  ['values of objects ignoring case', { a: 'x' }, { a: 'X' }, true, true],
  ['an unknown', U, 1, false, 'unknown'],
  ['an unknown member with an otherwise equal array', [1, U], [1, 2], false, 'unknown'],
  ['an unknown member with a decisive difference', [1, U], [2, 2], false, false],
  ['an unknown value in an object', { a: U }, { a: 1 }, false, 'unknown'],
];
for (const [name, a, b, ignoreCase, expected] of equalities) {
  values(`deepEquals: ${name}`, () => {
    const r = deepEquals(a, b, ignoreCase);
    if (expected === 'unknown') assert.is(r, U);
    else assert.is(r, expected);
  });
}

values('deepEquals: values nested deeper than 256 levels cannot be compared', () => {
  let a: Value = 1;
  for (let i = 0; i < 300; i++) a = [a];
  const e = thrown(() => deepEquals(a, a, false));
  assert.instance(e.error, LimitError);
  assert.is(e.message, 'values nested deeper than 256 levels cannot be compared');
});

values('deepEquals charges the budget per node', () => {
  const budget = new Budget({ ...DEFAULT_LIMITS, steps: 3 });
  assert.is(deepEquals([1, 2], [1, 2], false, budget), true);
  assert.instance(thrown(() => deepEquals([1, 2], [1, 2], false, budget)).error, LimitError);
});

values('findKey and getKey: exact spelling first, then any case; never inherited members', () => {
  const obj: ValueObject = { Name: 'upper', name: 'lower', Other: 1 };
  assert.is(findKey(obj, 'name'), 'name');
  assert.is(findKey(obj, 'Name'), 'Name');
  assert.is(findKey(obj, 'OTHER'), 'Other');
  assert.is(findKey(obj, 'missing'), undefined);
  assert.is(getKey(obj, 'other'), 1);
  assert.is(getKey(obj, 'missing'), undefined);
  assert.is(findKey({}, 'toString'), undefined);
  assert.is(findKey({}, 'constructor'), undefined);
  assert.is(getKey({ n: null }, 'N'), null);
});

values('defineKey keeps __proto__ as data', () => {
  const obj: ValueObject = {};
  defineKey(obj, '__proto__', 'data');
  defineKey(obj, 'a', 1);
  assert.equal(Object.keys(obj), ['__proto__', 'a']);
  assert.is(Object.getPrototypeOf(obj), Object.prototype);
  assert.is(findKey(obj, '__PROTO__'), '__proto__');
});

values('armTypeOf and isObject', () => {
  const types: [Value | undefined, string][] = [
    [undefined, 'null'], [null, 'null'], [U, 'unknown'], [true, 'bool'], [3, 'int'], [3.5, 'float'], ['s', 'string'], [[], 'array'], [{}, 'object'],
  ];
  for (const [v, t] of types) assert.is(armTypeOf(v), t, String(v));
  assert.ok(isObject({}));
  for (const v of [[], null, U, 'x', 1]) assert.not.ok(isObject(v), String(v));
});

values('toJsonText: compact JSON in key order', () => {
  assert.is(toJsonText({ b: [1, 'x"y', null, true], a: { c: 1.5 } }), '{"b":[1,"x\\"y",null,true],"a":{"c":1.5}}');
  assert.is(toJsonText('s'), '"s"');
  assert.is(toJsonText([]), '[]');
  const e = thrown(() => toJsonText([1, U]));
  assert.instance(e.error, TypeError);
  assert.is(e.message, 'cannot serialize an unknown value');
});

values('toJsonText: bounded by the budget in length, depth and steps', () => {
  const long = thrown(() => toJsonText(['a'.repeat(20)], new Budget({ ...DEFAULT_LIMITS, stringLength: 10 })));
  assert.instance(long.error, LimitError);
  assert.is(long.message, 'serialized value exceeds 10 characters');
  const deep = thrown(() => toJsonText([[[1]]], new Budget({ ...DEFAULT_LIMITS, depth: 2 })));
  assert.is(deep.message, 'nesting deeper than 2 levels');
  let shared: Value = {};
  for (let i = 0; i < 50; i++) shared = { a: shared, b: shared };
  const steps = thrown(() => toJsonText(shared, new Budget({ ...DEFAULT_LIMITS, steps: 1000 })));
  assert.is(steps.message, 'evaluation stopped after 1000 steps');
});

values.run();
