import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  PolicyCompileError, RuleDefinitionError, RuleSet, defineRule, messageIdsOf, ruleDocsUrl, type Rule,
  type RuleDefinition,
} from '../src/index.js';
import { GALLERY, thrown } from './helpers.js';

/** A complete condition rule; tests override one part at a time. */
function base(overrides: Partial<RuleDefinition<string>> = {}): RuleDefinition<string> {
  return {
    code: 'SIG101',
    name: 'gallery-name',
    meta: {
      title: 'Gallery names must be valid',
      severity: 'error',
      resourceTypes: [GALLERY],
      summary: 'A gallery name has letters, digits, "_" and ".".',
      fix: 'Rename the gallery.',
      azureErrors: ['Gallery name is invalid.'],
    },
    messages: { hyphen: 'Gallery name "{value}" contains "-"' },
    condition: { allOf: [{ field: 'type', equals: GALLERY }, { messageId: 'hyphen', field: 'name', contains: '-' }] },
    ...overrides,
  };
}

const meta = base().meta;
const checkOnly = (): Iterable<never> => [];

const rules = suite('defineRule');

const invalid: [string, RuleDefinition<string>, string][] = [
  ['a code without digits', base({ code: 'SIG' }), 'rule SIG gallery-name: the code must be letters followed by three digits, e.g. SIG101'],
  ['a code with two digits', base({ code: 'SIG12' }), 'rule SIG12 gallery-name: the code must be letters followed by three digits, e.g. SIG101'],
  ['a lower-case code', base({ code: 'sig101' }), 'rule sig101 gallery-name: the code must be letters followed by three digits, e.g. SIG101'],
  ['an empty code', base({ code: '' }), 'rule (no code) gallery-name: the code must be letters followed by three digits, e.g. SIG101'],
  ['a name in snake case', base({ name: 'gallery_name' }), 'rule SIG101 gallery_name: the name must be kebab-case'],
  ['a name with capitals', base({ name: 'Gallery-Name' }), 'rule SIG101 Gallery-Name: the name must be kebab-case'],
  ['a name ending with a hyphen', base({ name: 'gallery-' }), 'rule SIG101 gallery-: the name must be kebab-case'],
  ['a missing title', base({ meta: { ...meta, title: '' } }), 'rule SIG101 gallery-name: meta.title is required'],
  ['a blank summary', base({ meta: { ...meta, summary: '   ' } }), 'rule SIG101 gallery-name: meta.summary is required'],
  ['a missing fix', base({ meta: { ...meta, fix: '' } }), 'rule SIG101 gallery-name: meta.fix is required'],
  ['no resource types', base({ meta: { ...meta, resourceTypes: [] } }), 'rule SIG101 gallery-name: meta.resourceTypes is empty'],
  ['no messages', base({ messages: {} }), 'rule SIG101 gallery-name: at least one message is required'],
  ['neither a condition nor a check', { ...base(), condition: undefined }, 'rule SIG101 gallery-name: a rule needs a condition or a check'],
  ['a check-only rule without meta.policy', { ...base(), condition: undefined, check: checkOnly }, 'rule SIG101 gallery-name: a rule without a condition must say in meta.policy why Azure Policy cannot express it'],
  ['a check-only rule with meta.policy true', { ...base({ meta: { ...meta, policy: true } }), condition: undefined, check: checkOnly }, 'rule SIG101 gallery-name: a rule without a condition must say in meta.policy why Azure Policy cannot express it'],
  ['an existencePolicy without a check', { ...base(), condition: undefined, existencePolicy: { if: {}, details: {} } }, 'rule SIG101 gallery-name: a rule needs a condition or a check'],
  ['an existencePolicy beside a condition', { ...base(), check: checkOnly, existencePolicy: { if: {}, details: {} } }, 'rule SIG101 gallery-name: an existencePolicy belongs to a graph rule: one with a check and no condition'],
  ['an existencePolicy with a reason against a policy', { ...base({ meta: { ...meta, policy: { reason: 'no' } } }), condition: undefined, check: checkOnly, existencePolicy: { if: {}, details: {} } }, 'rule SIG101 gallery-name: a rule with an existencePolicy is a policy rule: meta.policy cannot give a reason against it'],
  ['a check-only rule with an empty reason', { ...base({ meta: { ...meta, policy: { reason: ' ' } } }), condition: undefined, check: checkOnly }, 'rule SIG101 gallery-name: meta.policy.reason must say why Azure Policy cannot express the rule'],
  ['a messageId without a message', base({ condition: { anyOf: [{ messageId: 'hyphen', field: 'name', contains: '-' }, { messageId: 'tooLong', field: 'name', like: '*' }] } }), 'rule SIG101 gallery-name: the condition uses messageId "tooLong" which has no message'],
];
for (const [name, definition, message] of invalid) {
  rules(`refuses ${name}`, () => {
    const e = thrown(() => defineRule(definition));
    assert.instance(e.error, RuleDefinitionError);
    assert.is(e.message, message);
  });
}

rules('accepts codes of other prefixes and single-word names', () => {
  assert.is(defineRule(base({ code: 'ACME001', name: 'naming' })).code, 'ACME001');
  assert.is(defineRule(base({ code: 'X9001', name: 'a1-b2' })).name, 'a1-b2');
});

rules('a condition rule becomes a policy; a check rule with a reason does not', () => {
  const condition = defineRule(base());
  assert.is(condition.policy, true);
  const withTrue = defineRule(base({ meta: { ...meta, policy: true } }));
  assert.is(withTrue.policy, true);
  const optedOut = defineRule(base({ meta: { ...meta, policy: { reason: 'needs two resources' } } }));
  assert.is(optedOut.policy, false);
  const check = defineRule({ ...base({ meta: { ...meta, policy: { reason: 'compares resources' } } }), condition: undefined, check: checkOnly });
  assert.is(check.policy, false);
  assert.is(check.compiled, undefined);
  const existence = defineRule({ ...base(), condition: undefined, check: checkOnly, existencePolicy: { if: { field: 'type', equals: 'Microsoft.Compute/virtualMachines' }, details: { type: 'Microsoft.Compute/galleries/images/versions' } } });
  assert.is(existence.policy, true);
  assert.is(existence.compiled, undefined);
});

rules('the condition is compiled on first use, once', () => {
  const rule = defineRule(base());
  const compiled = rule.compiled;
  assert.ok(compiled);
  assert.is(rule.compiled, compiled);
  assert.ok(compiled.aliasesUsed.size === 0 && compiled.functionsUsed.size === 0);
});

rules('an invalid condition is refused when it is compiled (documented choice: at first use)', () => {
  const rule = defineRule(base({ condition: { field: 'Microsoft.Nope/x', equals: 1 } }));
  const e = thrown(() => rule.compiled);
  assert.instance(e.error, PolicyCompileError);
  assert.is(e.message, '"Microsoft.Nope/x" is not a known policy alias or field (at field of the condition)');
});

rules('messageIdsOf lists every annotation in order, at any depth and in any key case', () => {
  const condition = {
    messageId: 'root',
    allOf: [
      { MessageId: 'a', field: 'name', equals: 'x' },
      { not: { messageid: 'b', field: 'name', equals: 'y' } },
      { count: { field: 'x[*]', where: { messageId: 'c', value: 1, equals: 1 } }, equals: 0 },
      { messageId: 42, field: 'name', equals: 'z' },
    ],
  };
  assert.equal(messageIdsOf(condition), ['root', 'a', 'b', 'c']);
  assert.equal(messageIdsOf(undefined), []);
  assert.equal(messageIdsOf('x'), []);
});

rules('ruleDocsUrl points at the rule README in the repository', () => {
  assert.is(ruleDocsUrl('gallery/gallery-name'), 'https://github.com/sigil-iac/sigil/blob/main/rules/gallery/gallery-name/README.md');
});

rules.run();

const sets = suite('RuleSet');

const a = defineRule(base({ code: 'SIG102', name: 'b-rule' }));
const b = defineRule(base({ code: 'SIG101', name: 'a-rule' }));

sets('rules are found by code or name, listed by code, with their folders', () => {
  const set = new RuleSet([{ rule: a as Rule, folder: 'gallery/b-rule' }, { rule: b as Rule }]);
  assert.is(set.get('SIG101'), b);
  assert.is(set.get('sig102'), a);
  assert.is(set.get('A-RULE'), b);
  assert.is(set.get('b-rule'), a);
  assert.is(set.get('SIG999'), undefined);
  assert.equal(set.all.map((r) => r.code), ['SIG101', 'SIG102']);
  assert.is(set.folder('SIG102'), 'gallery/b-rule');
  assert.is(set.folder('SIG101'), undefined);
});

sets('a code used twice is refused', () => {
  const set = new RuleSet([{ rule: a as Rule }]);
  const e = thrown(() => set.add(defineRule(base({ code: 'SIG102', name: 'other-rule' })) as Rule));
  assert.instance(e.error, RuleDefinitionError);
  assert.is(e.message, 'the code SIG102 is used by b-rule and other-rule');
});

sets('a name used twice is refused', () => {
  const e = thrown(() => new RuleSet([{ rule: a as Rule }, { rule: defineRule(base({ code: 'SIG103', name: 'b-rule' })) as Rule }]));
  assert.instance(e.error, RuleDefinitionError);
  assert.is(e.message, 'the name b-rule is used twice');
});

sets('an empty set', () => {
  assert.equal(new RuleSet().all, []);
});

sets.run();
