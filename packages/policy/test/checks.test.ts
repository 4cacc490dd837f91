import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defineRule, type RuleParameter } from '@sigil/core';
import { buildPolicyModel, PolicyBuildError, POLICY_LIMITS } from '../src/index.js';

/**
 * A rule that cannot be a valid policy is never emitted: the build stops with the reason. Each case
 * here breaks one check with a synthetic rule.
 */
const test = suite('policy checks refuse invalid definitions');
const VERSION = 'Microsoft.Compute/galleries/images/versions';
const REGIONS = `${VERSION}/publishingProfile.targetRegions[*]`;

function problemsOf(condition: unknown, parameters?: Record<string, RuleParameter>): string[] {
  const rule = defineRule({
    code: 'TST950',
    name: 'broken',
    meta: { title: 'Broken', severity: 'error', resourceTypes: [VERSION], summary: 'A broken rule.', fix: 'None.', azureErrors: [] },
    messages: { default: 'broken' },
    condition,
    ...(parameters ? { parameters } : {}),
  });
  try {
    buildPolicyModel([rule], { lock: {}, groupOf: () => 'test' });
  } catch (e) {
    if (e instanceof PolicyBuildError) return [...e.problems];
    throw e;
  }
  return [];
}

test('a valid synthetic rule has no problem (the cases below fail for their one reason)', () => {
  assert.equal(problemsOf({ field: `${REGIONS}.name`, exists: true }), []);
});

test('an alias that does not exist', () => {
  assert.equal(problemsOf({ field: `${VERSION}/publishingProfile.noSuchThing`, exists: true }), [
    `TST950: if: "${VERSION}/publishingProfile.noSuchThing" is not a known policy alias or field (at allOf.1.field of the condition)`,
  ]);
});

test('a function Azure Policy does not allow', () => {
  assert.equal(problemsOf({ value: "[resourceId('Microsoft.Compute/galleries', 'g')]", equals: 'x' }), [
    'TST950: if: the function "resourceId" is not allowed in a policy rule (at allOf.1.value of the condition)',
  ]);
});

test('more than 5 field counts over one array', () => {
  const count = { count: { field: REGIONS }, greater: 0 };
  assert.equal(problemsOf({ allOf: Array.from({ length: 6 }, () => count) }), [
    `TST950: 6 field counts over ${VERSION.toLowerCase()}/publishingprofile.targetregions[*]; Azure allows 5 per array`,
  ]);
});

test('more than 10 value counts', () => {
  const count = { count: { value: "[createArray(1, 2)]" }, greater: 0 };
  assert.equal(problemsOf({ allOf: Array.from({ length: 11 }, () => count) }), ['TST950: 11 value counts; Azure allows 10']);
});

test('a value count over more than 100 members (a parameter default), nested counts multiply', () => {
  const regions: RuleParameter = { type: 'Array', defaultValue: Array.from({ length: 101 }, (_, i) => `r${i}`), displayName: 'R', description: 'R' };
  assert.equal(problemsOf({ count: { value: "[parameters('regions')]" }, greater: 0 }, { regions }), ['TST950: value counts iterate 101 times; Azure allows 100']);
  const eleven = `[createArray(${Array.from({ length: 11 }, (_, i) => i).join(', ')})]`;
  assert.equal(problemsOf({ count: { value: eleven, where: { count: { value: '[createArray(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)]' }, greater: 0 } }, greater: 0 }), [
    'TST950: value counts iterate 110 times; Azure allows 100',
  ]);
});

test('an Array parameter compared with equals', () => {
  const regions: RuleParameter = { type: 'Array', defaultValue: ['westeurope'], displayName: 'R', description: 'R' };
  assert.equal(problemsOf({ field: 'location', equals: "[parameters('regions')]" }, { regions }), [
    'TST950: if.allOf.1.equals: the Array parameter "regions" can only be used with in or notIn',
  ]);
});

test('more function calls than a rule may hold', () => {
  const limit = POLICY_LIMITS.functionsPerRule;
  // concat() of 2047 toLower() calls, and the effect's parameters(): 2049 calls in the rule.
  const expression = `[concat(${Array.from({ length: limit - 1 }, () => "toLower('a')").join(', ')})]`;
  const problems = problemsOf({ value: expression, equals: 'x' });
  assert.ok(problems.includes(`TST950: ${limit + 1} function calls; Azure allows ${limit} per rule`), problems.join('\n'));
  assert.ok(problems.includes(`TST950: a function call with ${limit - 1} arguments; Azure allows 128`), problems.join('\n'));
});

test('functions nested deeper than 64', () => {
  const expression = `[${'toLower('.repeat(65)}'a'${')'.repeat(65)}]`;
  assert.equal(problemsOf({ value: expression, equals: 'a' }), ['TST950: functions nest 65 deep; Azure allows 64']);
});

test('more than 4096 conditions', () => {
  const leaf = { field: 'name', equals: 'x' };
  assert.equal(problemsOf({ anyOf: Array.from({ length: 4096 }, () => leaf) }), [
    // The type test adds one.
    'TST950: the if has 4097 conditions; Azure allows 4096',
  ]);
});

test('an effect default outside its allowed values cannot happen: the check says so', () => {
  const options: RuleParameter = { type: 'String', defaultValue: 'c', allowedValues: ['a', 'b'], displayName: 'O', description: 'O' };
  assert.equal(problemsOf({ field: 'name', equals: "[parameters('option')]" }, { option: options }), [
    'TST950: parameter "option": the default "c" is not one of its allowedValues',
  ]);
});

test('a parameter the definition does not declare', () => {
  assert.equal(problemsOf({ field: 'name', equals: "[parameters('missing')]" }), [
    "TST950: if.allOf.1.equals: parameters('missing') is not a parameter of the definition",
  ]);
});

test.run();
