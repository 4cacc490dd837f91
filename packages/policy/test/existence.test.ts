import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Resource, compileCondition } from '@sigil/core';
import { checkDefinition, type PolicyDefinition } from '../src/index.js';
import { policyRuleValidator } from './helpers.js';
import { existenceRule, sampleModel } from './samples.js';

/**
 * A graph rule with an `existencePolicy` becomes an AuditIfNotExists definition. The related resource
 * (`details`) is looked up by Azure after the deployment: sigil cannot evaluate it on the files, so the
 * differential test does not cover it. Its `if` (which resources are concerned) is evaluated here.
 */
const test = suite('existence policies (AuditIfNotExists)');
const model = sampleModel();
const definition = model.definitions.find((d) => d.properties.metadata.ruleCode === 'TST902') as PolicyDefinition;

test('then carries the effect parameter and the details unchanged', () => {
  assert.equal(definition.properties.policyRule.then, { effect: "[parameters('effect')]", details: existenceRule.existencePolicy?.details });
  assert.equal(definition.properties.parameters['effect']?.allowedValues, ['AuditIfNotExists', 'Disabled']);
  assert.is(definition.properties.parameters['effect']?.defaultValue, 'AuditIfNotExists');
  assert.equal((definition.properties.policyRule.if as { allOf: unknown[] }).allOf, [
    { field: 'type', equals: 'Microsoft.Compute/virtualMachines' },
    existenceRule.existencePolicy?.if,
  ]);
});

test('it validates against the schema and the stricter checks (existenceCondition aliases included)', () => {
  assert.is(policyRuleValidator()(definition.properties.policyRule), undefined);
  assert.equal(checkDefinition(definition).problems, []);
  assert.is(checkDefinition(definition).stats.existenceConditions, 1);
});

test('an unknown alias in the existenceCondition is refused', () => {
  const broken = structuredClone(definition) as { properties: { policyRule: { then: { details: Record<string, unknown> } } } };
  broken.properties.policyRule.then.details['existenceCondition'] = { field: 'Microsoft.Compute/galleries/images/versions/noSuchProperty', exists: true };
  assert.equal(checkDefinition(broken as unknown as PolicyDefinition).problems, [
    'TST902: existenceCondition: "Microsoft.Compute/galleries/images/versions/noSuchProperty" is not a known policy alias or field (at field of the condition)',
  ]);
});

function vm(imageId: string): Resource {
  return new Resource({
    type: 'Microsoft.Compute/virtualMachines',
    apiVersion: '2024-07-01',
    fullName: 'vm1',
    scope: { level: 'resourceGroup', subscriptionId: '00000000-0000-0000-0000-000000000000', resourceGroup: 'rg' },
    condition: true,
    existing: false,
    dependsOn: () => [],
    declaration: { file: 'main.json', path: [] },
    frontend: 'arm',
    label: 'vm1',
    body: () => ({ name: 'vm1', location: 'westeurope', properties: { storageProfile: { imageReference: { id: imageId } } } }),
  });
}

test('its if selects the VMs made from a gallery image, and only those', () => {
  const ifPart = compileCondition(definition.properties.policyRule.if);
  const now = new Date('2026-06-01T00:00:00Z');
  const gallery = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i/versions/1.0.0';
  assert.is(ifPart.evaluate({ resource: vm(gallery), now }).verdict, 'true');
  assert.is(ifPart.evaluate({ resource: vm('/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/images/custom'), now }).verdict, 'false');
});

test.run();
