import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { builtinRules } from '@sigil/rules';
import { sharedDir } from '@sigil/testing';
import { builtinPolicyModel, checkDefinition, definitionMode, definitionName, fieldsRead, uuidV5, type PolicyDefinition } from '../src/index.js';
import { policyRuleValidator } from './helpers.js';

const test = suite('policy definitions of the built-in rules');
const { model } = builtinPolicyModel();
const byCode = new Map(model.definitions.map((d) => [d.properties.metadata.ruleCode, d]));
const validate = policyRuleValidator();

test('UUID v5 follows RFC 9562 (its test vector) and names never change', () => {
  // RFC 9562 appendix A.4: the DNS namespace and "www.example.com".
  assert.is(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  // Pinned: a changed name would be a second definition beside the deployed one.
  assert.is(definitionName('SIG302'), byCode.get('SIG302')?.name);
  assert.is(definitionName('SIG001'), '2d142077-ebe0-5711-8657-d64c77cdf4ac');
  assert.is(new Set(model.definitions.map((d) => d.name)).size, model.definitions.length);
});

test('every rule with a policy has a definition, and only those', () => {
  assert.equal(
    [...byCode.keys()],
    builtinRules.all.filter((r) => r.policy).map((r) => r.code),
  );
});

test('every definition validates against the policy rule schema of 2020-10-01', () => {
  for (const d of model.definitions) {
    const error = validate(d.properties.policyRule);
    assert.is(error, undefined, `${d.properties.metadata.ruleCode}: ${error}`);
  }
});

test('every definition passes the stricter checks: aliases, functions, limits, parameters', () => {
  for (const d of model.definitions) assert.equal(checkDefinition(d).problems, [], d.properties.metadata.ruleCode);
});

test('every alias a definition reads is in the alias table of the reference data', () => {
  const table = JSON.parse(readFileSync(join(sharedDir(), 'reference/data/policy-aliases-compute-galleries-vm.json'), 'utf8')) as { aliases: Record<string, { alias: string }[]> };
  const known = new Set(Object.values(table.aliases).flat().map((a) => a.alias.toLowerCase()));
  const builtin = /^(type|name|fullname|kind|location|id|tags.*|identity\..*)$/;
  for (const d of model.definitions) {
    for (const field of fieldsRead(d.properties.policyRule.if)) {
      if (builtin.test(field)) continue;
      assert.ok(known.has(field), `${d.properties.metadata.ruleCode}: ${field} is not in the alias table`);
    }
  }
});

test("sigil's message annotations never reach a policy", () => {
  for (const d of model.definitions) {
    const text = JSON.stringify(d.properties.policyRule);
    assert.not.match(text, /"messageId"|"messageData"/i, d.properties.metadata.ruleCode);
  }
});

test('the if is the type test, then the rule condition unchanged (annotations aside)', () => {
  const rule = builtinRules.get('SIG302');
  const d = byCode.get('SIG302') as PolicyDefinition;
  const ifPart = d.properties.policyRule.if as { allOf: unknown[] };
  assert.equal(ifPart.allOf[0], { field: 'type', equals: 'Microsoft.Compute/galleries/images/versions' });
  const condition = JSON.parse(JSON.stringify(rule?.conditionJson)) as { allOf: Record<string, unknown>[] };
  delete condition.allOf[4]?.['messageId'];
  assert.equal(ifPart.allOf[1], condition);
  assert.equal(d.properties.policyRule.then, { effect: "[parameters('effect')]" });
  const sig001 = byCode.get('SIG001') as PolicyDefinition;
  assert.equal((sig001.properties.policyRule.if as { allOf: unknown[] }).allOf[0], {
    field: 'type',
    in: ['Microsoft.Compute/galleries', 'Microsoft.Compute/galleries/images', 'Microsoft.Compute/galleries/images/versions'],
  });
});

test('effect: allowed values hold the default; error rules deny unless they rest on a data set', () => {
  for (const d of model.definitions) {
    const effect = d.properties.parameters['effect'];
    // A rule checked on the resource alone can deny; one that looks at a related resource audits it.
    const existence = builtinRules.get(d.properties.metadata.ruleCode)?.existencePolicy !== undefined;
    assert.equal(effect?.allowedValues, existence ? ['AuditIfNotExists', 'Disabled'] : ['Deny', 'Audit', 'Disabled'], d.properties.metadata.ruleCode);
    assert.ok(effect?.allowedValues?.includes(effect.defaultValue), d.properties.metadata.ruleCode);
  }
  assert.is(byCode.get('SIG302')?.properties.parameters['effect']?.defaultValue, 'Deny');
  assert.is(byCode.get('SIG001')?.properties.parameters['effect']?.defaultValue, 'Audit');
  assert.is(byCode.get('SIG305')?.properties.parameters['effect']?.defaultValue, 'Audit');
  assert.is(byCode.get('SIG401')?.properties.parameters['effect']?.defaultValue, 'AuditIfNotExists');
});

test('rule options are parameters with their defaults; data sets are Array parameters', () => {
  const sig304 = byCode.get('SIG304') as PolicyDefinition;
  assert.equal(Object.keys(sig304.properties.parameters), ['effect', 'minReplicaCount', 'maxReplicaCount']);
  assert.is(sig304.properties.parameters['maxReplicaCount']?.type, 'integer');
  assert.is(sig304.properties.parameters['maxReplicaCount']?.defaultValue, 100);
  const sig305 = byCode.get('SIG305') as PolicyDefinition;
  assert.is(sig305.properties.parameters['zrsRegions']?.type, 'array');
  assert.ok((sig305.properties.parameters['zrsRegions']?.defaultValue as string[]).includes('westeurope'));
});

test('mode: Indexed for a location-only rule, All for property rules', () => {
  const ifOf = (condition: unknown) => ({ if: { allOf: [{ field: 'type', equals: 'Microsoft.Compute/galleries' }, condition] }, then: { effect: "[parameters('effect')]" } });
  assert.is(definitionMode(ifOf({ field: 'tags.env', exists: false })), 'Indexed');
  assert.is(definitionMode(ifOf({ value: "[field('location')]", equals: 'x' })), 'Indexed');
  assert.is(definitionMode(ifOf({ allOf: [{ field: 'location', equals: 'x' }, { field: 'name', equals: 'y' }] })), 'All');
  assert.is(definitionMode(ifOf({ field: 'Microsoft.Compute/galleries/description', exists: true })), 'All');
  assert.is(byCode.get('SIG001')?.properties.mode, 'Indexed');
  for (const d of model.definitions) {
    if (d.properties.metadata.ruleCode !== 'SIG001') assert.is(d.properties.mode, 'All', d.properties.metadata.ruleCode);
  }
});

test('display name, description (what and why), metadata', () => {
  const d = byCode.get('SIG302') as PolicyDefinition;
  assert.is(d.properties.displayName, "SIG302: Image version target regions must include the version's own location");
  assert.match(d.properties.description, /^An image version lists publishingProfile\.targetRegions without its own location/);
  assert.match(d.properties.description, /Azure refuses such a deployment: "Gallery image version publishing profile regions/);
  assert.equal(d.properties.metadata, {
    version: '1.0.0',
    category: 'Compute',
    source: 'sigil',
    ruleCode: 'SIG302',
    ruleName: 'target-regions-include-location',
    severity: 'error',
    docs: 'https://github.com/sigil-iac/sigil/blob/main/rules/image-version/target-regions-include-location/README.md',
  });
  for (const def of model.definitions) assert.ok(def.properties.description.length <= 512, def.properties.metadata.ruleCode);
});

test('initiative: every definition once, groups per resource kind, parameters passed through', () => {
  const i = model.initiative;
  assert.equal(i.references.map((r) => r.policyDefinitionName), model.definitions.map((d) => d.name));
  assert.equal(i.groups.map((g) => g.name), ['gallery', 'general', 'image-definition', 'image-version', 'virtual-machine']);
  const sig302 = i.references.find((r) => r.policyDefinitionReferenceId === 'SIG302-target-regions-include-location');
  assert.equal(sig302?.groupNames, ['image-version']);
  assert.equal(sig302?.parameters, { effect: 'SIG302_effect' });
  // One data set, one initiative parameter, passed to every rule that reads it.
  const regionsUsers = i.references.filter((r) => r.parameters['regions'] === 'regions').map((r) => r.policyDefinitionReferenceId);
  assert.equal(regionsUsers, ['SIG001-supported-location', 'SIG305-zrs-region-support']);
  assert.equal(i.references.find((r) => r.policyDefinitionReferenceId.startsWith('SIG304'))?.parameters, {
    effect: 'SIG304_effect', minReplicaCount: 'SIG304_minReplicaCount', maxReplicaCount: 'SIG304_maxReplicaCount',
  });
  for (const [name, p] of Object.entries(i.parameters)) assert.ok(p.defaultValue !== undefined, name);
});

test('assignment: a non-compliance message per definition, with the rule and its fix', () => {
  const messages = model.assignment.nonComplianceMessages;
  assert.equal(messages.map((m) => m.policyDefinitionReferenceId), model.initiative.references.map((r) => r.policyDefinitionReferenceId));
  const sig302 = messages.find((m) => m.policyDefinitionReferenceId.startsWith('SIG302'))?.message;
  assert.is(
    sig302,
    "SIG302 target-regions-include-location: Image version target regions must include the version's own location. " +
      `${builtinRules.get('SIG302')?.meta.fix} See https://github.com/sigil-iac/sigil/blob/main/rules/image-version/target-regions-include-location/README.md`,
  );
  assert.ok(model.assignment.name.length <= 24, 'a management group assignment name has at most 24 characters');
});

test.run();
