import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Budget, DEFAULT_LIMITS, LimitError, OPERATORS, TemplateFunctionError, Unknown, applyOperator, type OperatorName, type Value } from '../src/index.js';
import { thrown } from './helpers.js';

const U = new Unknown('value known at deployment');
const PARTIAL = new Unknown('partial', undefined, ['gal-', U]);

type Expected = boolean | 'unknown' | { readonly error: string };

/** [operator, field value (undefined = missing), operand, expected, behaviour]. */
type Case = [OperatorName, Value | undefined, Value, Expected, string];

const CASES: Case[] = [
  // equals / notEquals: strings ignore case, values compare as strings, missing is ""
  ['equals', 'abc', 'ABC', true, 'strings ignore case'],
  ['equals', 'abc', 'abd', false, 'different strings'],
  ['equals', undefined, '', true, 'a missing value equals the empty string'],
  ['equals', undefined, 'a', false, 'a missing value is not a non-empty string'],
  ['equals', null, '', true, 'null compares as the empty string'],
  ['equals', 5, '5', true, 'a number compares as its text'],
  ['equals', 5, 5, true, 'numbers'],
  ['equals', '05', 5, false, '"05" is not 5 (text comparison)'],
  ['equals', true, 'True', true, 'a boolean compares as true/false ignoring case'],
  ['equals', false, 'false', true, 'false as text'],
  ['equals', ['a', 'B'], ['A', 'b'], true, 'arrays compare deeply ignoring case'],
  ['equals', ['a'], ['a', 'b'], false, 'arrays of different length'],
  ['equals', { Key: 'X' }, { key: 'x' }, true, 'objects compare deeply ignoring key and value case'],
  ['equals', ['a'], 'a', false, 'an array is not a string'],
  ['equals', U, 'a', 'unknown', 'an unknown field value'],
  ['equals', 'a', U, 'unknown', 'an unknown operand'],
  ['equals', PARTIAL, 'gal-x', 'unknown', 'a partial string is unknown'],
  // Documented choice: an unknown anywhere in a container makes the comparison unknown, even when
  // a known member already differs.
  ['equals', ['a', U], ['b', 'c'], 'unknown', 'a container with an unknown member'],
  ['notEquals', undefined, 'a', true, 'a missing value is not equal to "a"'],
  ['notEquals', 'A', 'a', false, 'notEquals ignores case'],
  ['notEquals', undefined, '', false, 'a missing value equals ""'],
  ['notEquals', U, 'a', 'unknown', 'notEquals of an unknown'],
  // like / notLike
  ['like', 'Microsoft.Compute/galleries', 'microsoft.compute/*', true, 'like ignores case'],
  ['like', 'abc', 'a*c', true, 'a wildcard in the middle'],
  ['like', 'abc', '*b*', true, 'several wildcards'],
  ['like', 'a-b-c', '*-*-*', true, 'three wildcards'],
  ['like', 'abc', 'a*d', false, 'a wildcard pattern that does not match'],
  ['like', 'abc', 'ab', false, 'like matches the whole value'],
  ['like', 'AB', 'ab', true, 'without a wildcard like is equals'],
  ['like', 'a.c', 'a.c', true, 'regular expression characters are literal'],
  ['like', 'abc', 'a.c', false, 'a dot is not a wildcard'],
  ['like', 'a+(b)', 'a+(*)', true, 'parentheses and plus are literal'],
  ['like', 'a\nb', 'a*b', true, 'a wildcard matches a line break'],
  ['like', undefined, '*', true, 'a missing value matches *'],
  ['like', undefined, 'a*', false, 'a missing value is the empty string'],
  // Documented choice: a pattern never matches an array or object value.
  ['like', ['abc'], '*', false, 'an array value never matches'],
  ['like', 5, '5*', true, 'a number matches as text'],
  ['like', U, '*', 'unknown', 'like of an unknown'],
  ['like', 'a', U, 'unknown', 'like with an unknown pattern'],
  ['like', 'a', 5, { error: 'the like pattern must be a string, not int' }, 'a non-string pattern fails'],
  ['notLike', 'abc', 'x*', true, 'notLike'],
  ['notLike', 'abc', 'A*', false, 'notLike ignores case'],
  // match family: # digit, ? letter, . any character, whole value
  ['match', 'ab12', '??##', true, '? is a letter, # a digit'],
  ['match', 'AB12', '??##', true, '? matches upper-case letters'],
  ['match', 'ab1', '??##', false, 'match needs the whole value (too short)'],
  ['match', 'ab123', '??##', false, 'match needs the whole value (too long)'],
  ['match', 'a-1', '?.#', true, '. is any character'],
  ['match', '1', '?', false, 'a digit is not a letter'],
  ['match', 'a', '#', false, 'a letter is not a digit'],
  ['match', 'abc', 'ABC', false, 'match is case-sensitive'],
  ['match', 'a+b', 'a+b', true, 'other characters match themselves'],
  ['match', 'a*b', 'a*b', true, '* is literal in match'],
  ['match', undefined, '', true, 'a missing value matches the empty pattern'],
  ['match', U, '#', 'unknown', 'match of an unknown'],
  ['notMatch', 'abc', '###', true, 'notMatch'],
  ['notMatch', 'abc', 'abc', false, 'notMatch of an exact value'],
  ['matchInsensitively', 'abc', 'ABC', true, 'matchInsensitively ignores case'],
  ['matchInsensitively', 'AB12', 'ab##', true, 'matchInsensitively with wildcards'],
  ['notMatchInsensitively', 'abc', 'ABC', false, 'notMatchInsensitively ignores case'],
  ['notMatchInsensitively', 'abc', 'a#c', true, 'notMatchInsensitively'],
  // contains / notContains
  ['contains', 'Hello World', 'WORLD', true, 'a substring ignoring case'],
  ['contains', 'abc', 'x', false, 'a missing substring'],
  ['contains', undefined, '', true, 'a missing value contains the empty string'],
  ['contains', ['a', 'b'], 'B', true, 'an array member, ignoring case'],
  ['contains', ['a', 'b'], 'c', false, 'not an array member'],
  ['contains', ['a', U], 'c', 'unknown', 'an array with an unknown member'],
  ['contains', ['c', U], 'c', true, 'a known member decides'],
  ['contains', { Key: 1 }, 'key', true, 'an object key, ignoring case'],
  ['contains', { Key: 1 }, 1, false, 'an object has no non-string key'],
  ['contains', 'abc', ['a'], false, 'a container operand is not a substring'],
  ['contains', U, 'a', 'unknown', 'contains of an unknown'],
  ['notContains', undefined, 'a', true, 'a missing value does not contain "a"'],
  ['notContains', 'abc', 'B', false, 'notContains ignores case'],
  // in / notIn
  ['in', 'B', ['a', 'b'], true, 'membership ignores case'],
  ['in', 'c', ['a', 'b'], false, 'not a member'],
  ['in', undefined, [''], true, 'a missing value is in a list with ""'],
  ['in', undefined, ['a'], false, 'a missing value is not in a list without ""'],
  ['in', 5, ['5'], true, 'a number is in a list of its text'],
  ['in', ['a'], [['A']], true, 'an array member of a list of arrays'],
  ['in', 'x', ['x', U], true, 'a known match beside an unknown element'],
  ['in', 'a', ['x', U], 'unknown', 'no known match beside an unknown element'],
  ['in', 'a', U, 'unknown', 'an unknown list'],
  ['in', U, ['a'], 'unknown', 'an unknown value'],
  ['in', 'a', 'a', { error: '"in" and "notIn" need an array, not string' }, 'a string operand fails'],
  ['notIn', 'c', ['a', 'b'], true, 'notIn'],
  ['notIn', 'x', ['x', U], false, 'notIn with a known match'],
  ['notIn', 'a', ['x', U], 'unknown', 'notIn beside an unknown element'],
  ['notIn', undefined, ['a'], true, 'a missing value is not in the list'],
  // containsKey / notContainsKey
  ['containsKey', { a: 1 }, 'A', true, 'keys ignore case'],
  ['containsKey', { a: 1 }, 'b', false, 'a missing key'],
  ['containsKey', 'str', 'a', false, 'a string has no keys'],
  ['containsKey', undefined, 'a', false, 'a missing object has no keys'],
  ['containsKey', U, 'a', 'unknown', 'an unknown object'],
  ['containsKey', { a: 1 }, U, 'unknown', 'an unknown key'],
  ['notContainsKey', undefined, 'a', true, 'a missing object lacks every key'],
  ['notContainsKey', { a: 1 }, 'a', false, 'notContainsKey of a present key'],
  // ordering
  ['less', 1, 2, true, 'numbers'],
  ['less', 2, 2, false, 'equal numbers are not less'],
  ['lessOrEquals', 2, 2, true, 'lessOrEquals of equal numbers'],
  ['greater', 3, 2.5, true, 'an integer against a decimal'],
  ['greaterOrEquals', 2, 3, false, 'greaterOrEquals'],
  ['less', 'apple', 'Banana', true, 'strings compare ignoring case'],
  ['less', 'b', 'A', false, 'b is after A ignoring case'],
  ['lessOrEquals', 'ABC', 'abc', true, 'strings equal ignoring case (lessOrEquals)'],
  ['greaterOrEquals', 'abc', 'ABC', true, 'strings equal ignoring case (greaterOrEquals)'],
  ['less', 'abc', 'ABC', false, 'strings equal ignoring case are not less'],
  // Documented choice: numeric strings order as strings, as InvariantCultureIgnoreCase does.
  ['less', '10', '9', true, 'numeric strings order as text'],
  ['less', '2024-01-01', '2024-01-01T00:00:01Z', true, 'dates of different precision order as dates'],
  ['lessOrEquals', '2024-01-01', '2024-01-01T00:00:00.0000000Z', true, 'a date equals its midnight with seven fractional digits'],
  ['greater', '2025-06-15T12:30:45.1230000Z', '2025-06-15T12:30:45Z', true, 'fractional seconds count'],
  ['less', '2024-01-01T01:00:00+02:00', '2024-01-01T00:00:00Z', true, 'offsets are applied'],
  ['greater', '2024-12-31', '2025-01-01', false, 'a year boundary'],
  ['less', 1, '2', { error: 'cannot order int against string' }, 'a number against a string fails'],
  ['less', '1', 2, { error: 'cannot order string against int' }, 'a string against a number fails'],
  ['less', undefined, 5, { error: 'cannot order a missing value against int' }, 'a missing value cannot be ordered'],
  ['greater', undefined, 'a', { error: 'cannot order a missing value against string' }, 'a missing value against a string'],
  ['less', null, 1, { error: 'cannot order null against int' }, 'null cannot be ordered'],
  ['less', true, false, { error: 'cannot order bool against bool' }, 'booleans cannot be ordered'],
  ['greater', ['a'], 'a', { error: 'cannot order array against string' }, 'arrays cannot be ordered'],
  ['less', U, 1, 'unknown', 'ordering an unknown'],
  ['less', 1, U, 'unknown', 'ordering against an unknown'],
  // exists
  ['exists', 'x', true, true, 'a present value exists (boolean true)'],
  ['exists', 'x', 'true', true, 'the string "true"'],
  ['exists', 'x', 'TRUE', true, 'the string "TRUE"'],
  ['exists', 'x', false, false, 'a present value does not satisfy exists: false'],
  ['exists', 'x', 'False', false, 'the string "False"'],
  ['exists', undefined, 'false', true, 'a missing value satisfies exists: false'],
  ['exists', undefined, true, false, 'a missing value does not exist'],
  // Documented choice: a property set to null does not exist.
  ['exists', null, true, false, 'null does not exist'],
  ['exists', null, false, true, 'null satisfies exists: false'],
  ['exists', '', true, true, 'an empty string exists'],
  ['exists', 0, 'true', true, 'zero exists'],
  ['exists', [], true, true, 'an empty array exists'],
  ['exists', U, true, 'unknown', 'an unknown value'],
  ['exists', 'x', U, 'unknown', 'an unknown operand leaves the result unknown'],
  ['exists', 'x', 'yes', { error: '"exists" takes true or false, not "yes"' }, 'a word other than true/false fails'],
  ['exists', 'x', 1, { error: '"exists" takes true or false, not 1' }, 'a number fails'],
  ['exists', 'x', null, { error: '"exists" takes true or false, not null' }, 'null fails'],
];

const operators = suite('policy operators');

for (const [op, a, b, expected, behaviour] of CASES) {
  operators(`${op}: ${behaviour}`, () => {
    if (typeof expected === 'object') {
      const e = thrown(() => applyOperator(op, a, b));
      assert.instance(e.error, TemplateFunctionError);
      assert.is(e.message, expected.error);
      return;
    }
    const t = applyOperator(op, a, b);
    if (expected === 'unknown') {
      assert.instance(t, Unknown);
      assert.ok(t === U || t === PARTIAL, 'the unknown it depends on');
    } else {
      assert.is(t, expected);
    }
  });
}

operators('every operator has cases, and the list is complete', () => {
  assert.equal([...OPERATORS].sort(), [...new Set(CASES.map((c) => c[0]))].sort());
  assert.is(OPERATORS.length, 19);
});

operators('every behaviour name is unique per operator', () => {
  const keys = CASES.map((c) => `${c[0]}: ${c[4]}`);
  assert.equal(keys.filter((k, i) => keys.indexOf(k) !== i), []);
});

operators('the budget bounds a deep comparison of a shared object graph', () => {
  let v: Value = {};
  for (let i = 0; i < 20; i++) v = { a: v, b: v };
  const budget = new Budget({ ...DEFAULT_LIMITS, steps: 10_000 });
  const e = thrown(() => applyOperator('equals', v, v, budget));
  assert.instance(e.error, LimitError);
  assert.is(e.message, 'evaluation stopped after 10000 steps');
  const list = thrown(() => applyOperator('in', v, [v], new Budget({ ...DEFAULT_LIMITS, steps: 10_000 })));
  assert.instance(list.error, LimitError);
});

operators.run();
