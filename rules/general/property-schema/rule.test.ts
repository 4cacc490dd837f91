import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Resource, ResourceGraph, lint, type Value } from '@sigil/core';
import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/complete-resources',
    'valid/condition-false',
    'valid/end-of-life-strings',
    'valid/json-net-conversions',
    'valid/older-api-version',
    'valid/open-enums-left-alone',
    'valid/parameters-file-fixes-default',
    'valid/read-only-ignored',
    'valid/unknown-values',
  ],
  invalid: [
    {
      fixture: 'invalid/api-version-fallback',
      errors: [
        { messageId: 'enum', message: "properties.osState is \"Sysprepped\", not one of \"Generalized\", \"Specialized\"", file: 'main.json', line: 12, column: 20, endLine: 12, endColumn: 32 },
        { messageId: 'enum', message: "properties.osState is \"Captured\", not one of \"Generalized\", \"Specialized\"", file: 'main.json', line: 28, column: 20, endLine: 28, endColumn: 30 },
        { messageId: 'enum', message: "properties.hyperVGeneration is \"Gen2\", not one of \"V1\", \"V2\"", file: 'main.json', line: 45, column: 29, endLine: 45, endColumn: 35 },
      ],
    },
    {
      fixture: 'invalid/api-version-newer',
      errors: [
        { messageId: 'enum', message: "identity.type is \"Managed\", not one of \"None\", \"SystemAssigned\", \"SystemAssigned, UserAssigned\", \"UserAssigned\"", file: 'main.json', line: 11, column: 17, endLine: 11, endColumn: 26 },
        { messageId: 'elementType', message: "properties.publishingProfile.targetRegions[*].additionalReplicaSets[*].regionalReplicaCount is \"one\", not a 32-bit integer", file: 'main.json', line: 31, column: 43, endLine: 31, endColumn: 48 },
      ],
    },
    {
      fixture: 'invalid/application-version',
      errors: [
        { messageId: 'required', message: "Required property properties.publishingProfile.manageActions.remove is missing", file: 'main.json', line: 15, column: 28, endLine: 17, endColumn: 12 },
        { messageId: 'elementType', message: "properties.publishingProfile.targetRegions[*].excludeFromLatest is \"sometimes\", not true or false", file: 'main.json', line: 22, column: 36, endLine: 22, endColumn: 47 },
        { messageId: 'type', message: "properties.publishingProfile.enableHealthCheck is \"yes\", not true or false", file: 'main.json', line: 25, column: 32, endLine: 25, endColumn: 37 },
        { messageId: 'enum', message: "properties.publishingProfile.customActions[*].parameters[*].type is \"Integer\", not one of \"ConfigurationDataBlob\", \"LogOutputBlob\", \"String\"", file: 'main.json', line: 33, column: 27, endLine: 33, endColumn: 36 },
      ],
    },
    {
      fixture: 'invalid/copy-loops',
      errors: [
        { messageId: 'enum', message: "properties.storageProfile.dataDiskImages[*].hostCaching is \"Write\", not one of \"None\", \"ReadOnly\", \"ReadWrite\"", file: 'main.json', line: 20, column: 22, endLine: 20, endColumn: 29, related: [{ file: 'main.json', line: 65, column: 32, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24_04/1.0.0\"" }, { file: 'main.json', line: 65, column: 32, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24_04/1.1.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/end-of-life-type',
      errors: [
        { messageId: 'date', message: "properties.endOfLifeDate is 20271231, not a date; write it as an ISO 8601 string such as \"2027-12-31\"", file: 'main.json', line: 19, column: 26, endLine: 19, endColumn: 34 },
        { messageId: 'date', message: "properties.endOfLifeDate is {\"date\":\"2027-12-31\"}, not a date; write it as an ISO 8601 string such as \"2027-12-31\"", file: 'main.json', line: 30, column: 26, endLine: 32, endColumn: 10 },
      ],
    },
    {
      fixture: 'invalid/enum-values',
      errors: [
        { messageId: 'enum', message: "properties.osType is \"Ubuntu\", not one of \"Linux\", \"Windows\"", file: 'main.json', line: 11, column: 19, endLine: 11, endColumn: 27 },
        { messageId: 'enum', message: "properties.osState is \"Generalised\", not one of \"Generalized\", \"Specialized\"", file: 'main.json', line: 12, column: 20, endLine: 12, endColumn: 33 },
        { messageId: 'enum', message: "properties.hyperVGeneration is \"V3\", not one of \"V1\", \"V2\"", file: 'main.json', line: 13, column: 29, endLine: 13, endColumn: 33 },
        { messageId: 'enum', message: "properties.architecture is \"amd64\", not one of \"Arm64\", \"x64\"", file: 'main.json', line: 19, column: 25, endLine: 19, endColumn: 32 },
      ],
    },
    {
      fixture: 'invalid/image-definition-types',
      errors: [
        { messageId: 'type', message: "properties.allowUpdateImage is \"yes\", not true or false", file: 'main.json', line: 19, column: 29, endLine: 19, endColumn: 34 },
        { messageId: 'type', message: "properties.recommended.vCPUs.min is \"four\", not a 32-bit integer", file: 'main.json', line: 22, column: 20, endLine: 22, endColumn: 26 },
        { messageId: 'type', message: "properties.recommended.memory.max is \"64.5\", not a 32-bit integer", file: 'main.json', line: 27, column: 20, endLine: 27, endColumn: 24 },
        { messageId: 'type', message: "properties.disallowed.diskTypes is \"Standard_LRS\", not an array", file: 'main.json', line: 31, column: 24, endLine: 31, endColumn: 38 },
        { messageId: 'type', message: "properties.purchasePlan is \"contoso:ubuntu-pro:24_04\", not an object", file: 'main.json', line: 33, column: 25, endLine: 33, endColumn: 51 },
      ],
    },
    {
      fixture: 'invalid/image-version-elements',
      errors: [
        { messageId: 'elementType', message: "properties.publishingProfile.targetRegions[*].regionalReplicaCount is \"two\", not a 32-bit integer", file: 'main.json', line: 20, column: 39, endLine: 20, endColumn: 44 },
        { messageId: 'enum', message: "properties.publishingProfile.targetRegions[*].storageAccountType is \"Standard_GRS\", not one of \"PremiumV2_LRS\", \"Premium_LRS\", \"Standard_LRS\", \"Standard_ZRS\"", file: 'main.json', line: 21, column: 37, endLine: 21, endColumn: 51 },
        { messageId: 'elementType', message: "properties.publishingProfile.targetRegions[*].excludeFromLatest is \"no\", not true or false", file: 'main.json', line: 26, column: 36, endLine: 26, endColumn: 40 },
        { messageId: 'enum', message: "properties.publishingProfile.replicationMode is \"Partial\", not one of \"Full\", \"Shallow\"", file: 'main.json', line: 31, column: 30, endLine: 31, endColumn: 39 },
        { messageId: 'elementType', message: "properties.storageProfile.dataDiskImages[*].lun is \"1a\", not a 32-bit integer", file: 'main.json', line: 49, column: 22, endLine: 49, endColumn: 26 },
        { messageId: 'enum', message: "properties.storageProfile.dataDiskImages[*].hostCaching is \"ReadAndWrite\", not one of \"None\", \"ReadOnly\", \"ReadWrite\"", file: 'main.json', line: 50, column: 30, endLine: 50, endColumn: 44 },
      ],
    },
    {
      fixture: 'invalid/int-range',
      errors: [
        { messageId: 'type', message: "properties.publishingProfile.replicaCount is \"2147483648\", not a 32-bit integer", file: 'main.json', line: 24, column: 27, endLine: 24, endColumn: 37 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'enum', message: "properties.osType is \"CentOS\", not one of \"Linux\", \"Windows\"", file: 'main.json', line: 7, column: 23, endLine: 7, endColumn: 31, related: [{ file: 'main.json', line: 40, column: 27, message: "used here by Microsoft.Compute/galleries/images \"contoso_images/ubuntu-24_04\"" }] },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'type', message: "properties.publishingProfile.replicaCount is \"1 per region\", not a 32-bit integer", file: 'main.parameters.json', line: 6, column: 16, endLine: 6, endColumn: 30, related: [{ file: 'main.json', line: 34, column: 27, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24_04/1.0.0\"" }] },
        { messageId: 'enum', message: "properties.publishingProfile.storageAccountType is \"Premium_ZRS\", not one of \"PremiumV2_LRS\", \"Premium_LRS\", \"Standard_LRS\", \"Standard_ZRS\"", file: 'main.parameters.json', line: 9, column: 16, endLine: 9, endColumn: 29, related: [{ file: 'main.json', line: 36, column: 33, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24_04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/region-copy-loop',
      errors: [
        { messageId: 'enum', message: "properties.publishingProfile.targetRegions[*].storageAccountType is \"Standard_RAGRS\", not one of \"PremiumV2_LRS\", \"Premium_LRS\", \"Standard_LRS\", \"Standard_ZRS\"", file: 'main.json', line: 16, column: 22, endLine: 16, endColumn: 38, related: [{ file: 'main.json', line: 41, column: 39, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24_04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/required-properties',
      errors: [
        { messageId: 'required', message: "Required property location is missing", file: 'main.json', line: 5, column: 5, endLine: 18, endColumn: 6 },
        { messageId: 'required', message: "Required property properties.identifier.sku is missing", file: 'main.json', line: 13, column: 23, endLine: 16, endColumn: 10 },
        { messageId: 'required', message: "Required property properties.identifier is missing", file: 'main.json', line: 24, column: 21, endLine: 27, endColumn: 8 },
        { messageId: 'required', message: "Required property properties.osState is missing", file: 'main.json', line: 24, column: 21, endLine: 27, endColumn: 8 },
        { messageId: 'required', message: "Required property properties.storageProfile is missing", file: 'main.json', line: 34, column: 21, endLine: 55, endColumn: 8 },
        { messageId: 'required', message: "Required property properties.publishingProfile.targetRegions[*].name is missing", file: 'main.json', line: 47, column: 13, endLine: 50, endColumn: 14 },
      ],
    },
    {
      fixture: 'invalid/sharing-groups',
      errors: [
        { messageId: 'readOnly', message: "properties.sharingProfile.groups is read-only: Azure shares a gallery through its share action (az sig share add), not through the gallery resource", file: 'main.json', line: 14, column: 21, endLine: 21, endColumn: 12 },
      ],
    },
    {
      fixture: 'invalid/variable',
      errors: [
        { messageId: 'type', message: "properties.publishingProfile.targetRegions is \"westeurope\", not an array", file: 'main.json', line: 5, column: 15, endLine: 5, endColumn: 27, related: [{ file: 'main.json', line: 15, column: 28, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24_04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/several-elements',
      errors: [
        { messageId: 'elementType', message: "properties.publishingProfile.targetRegions[*].regionalReplicaCount is \"two\", not a 32-bit integer", file: 'main.json', line: 15, column: 39, endLine: 15, endColumn: 44 },
        { messageId: 'enum', message: "properties.publishingProfile.targetRegions[*].storageAccountType is \"Standard_GRS\", not one of \"PremiumV2_LRS\", \"Premium_LRS\", \"Standard_LRS\", \"Standard_ZRS\"", file: 'main.json', line: 16, column: 37, endLine: 16, endColumn: 51 },
        { messageId: 'elementType', message: "properties.publishingProfile.targetRegions[*].regionalReplicaCount is \"two\", not a 32-bit integer", file: 'main.json', line: 20, column: 39, endLine: 20, endColumn: 44 },
        { messageId: 'enum', message: "properties.publishingProfile.targetRegions[*].storageAccountType is \"Standard_GRS\", not one of \"PremiumV2_LRS\", \"Premium_LRS\", \"Standard_LRS\", \"Standard_ZRS\"", file: 'main.json', line: 21, column: 37, endLine: 21, endColumn: 51 },
        { messageId: 'elementType', message: "properties.publishingProfile.targetRegions[*].excludeFromLatest is \"no\", not true or false", file: 'main.json', line: 22, column: 36, endLine: 22, endColumn: 40 },
        { messageId: 'required', message: "Required property properties.publishingProfile.targetRegions[*].name is missing", file: 'main.json', line: 24, column: 13, endLine: 26, endColumn: 14 },
        { messageId: 'required', message: "Required property properties.publishingProfile.targetRegions[*].name is missing", file: 'main.json', line: 27, column: 13, endLine: 30, endColumn: 14 },
        { messageId: 'elementType', message: "properties.publishingProfile.targetRegions[*].excludeFromLatest is \"yes please\", not true or false", file: 'main.json', line: 29, column: 36, endLine: 29, endColumn: 48 },
        { messageId: 'enum', message: "properties.storageProfile.dataDiskImages[*].hostCaching is \"ReadAndWrite\", not one of \"None\", \"ReadOnly\", \"ReadWrite\"", file: 'main.json', line: 45, column: 30, endLine: 45, endColumn: 44 },
        { messageId: 'elementType', message: "properties.storageProfile.dataDiskImages[*].lun is \"two\", not a 32-bit integer", file: 'main.json', line: 58, column: 22, endLine: 58, endColumn: 27 },
        { messageId: 'enum', message: "properties.storageProfile.dataDiskImages[*].hostCaching is \"ReadAndWrite\", not one of \"None\", \"ReadOnly\", \"ReadWrite\"", file: 'main.json', line: 59, column: 30, endLine: 59, endColumn: 44 },
        { messageId: 'elementType', message: "properties.storageProfile.dataDiskImages[*].lun is \"true\", not a 32-bit integer", file: 'main.json', line: 65, column: 22, endLine: 65, endColumn: 26 },
      ],
    },
  ],
});

// An api-version outside the model is said once per api-version, however many resources use it.
const notices = suite('SIG006 property-schema: api-version notices');

function resource(index: number, type: string, apiVersion: string, properties: Record<string, Value>): Resource {
  const name = `contoso_images/image${index}`;
  return new Resource({
    type,
    apiVersion,
    fullName: name,
    scope: { level: 'resourceGroup' },
    condition: true,
    existing: false,
    dependsOn: () => [],
    declaration: { file: 'main.json', path: ['resources', index] },
    frontend: 'arm',
    label: `resources[${index}]`,
    body: () => ({ name, location: 'westeurope', properties }),
  });
}

const NOW = { now: new Date('2026-06-01T00:00:00Z') };

notices('older, newer and preview api-versions are checked against the nearest model, said once each', () => {
  const graph = new ResourceGraph();
  const image = { osType: 'Linux', osState: 'Generalized', identifier: { publisher: 'contoso', offer: 'ubuntu', sku: '24_04-lts' } };
  const versions = ['2021-10-01', '2021-10-01', '2024-03-03', '2023-01-01', '2026-09-03-preview', '2023-01-01'];
  versions.forEach((v, i) => graph.add(resource(i, 'Microsoft.Compute/galleries/images', v, image)));
  // Required properties are not extrapolated below the model (2018-06-01 had no storageProfile).
  graph.add(resource(versions.length, 'Microsoft.Compute/galleries/images/versions', '2021-10-01', { publishingProfile: {} }));
  graph.add(resource(versions.length + 1, 'Microsoft.Compute/galleries/images/versions', '2023-01-01', { publishingProfile: {} }));
  const findings = lint(graph, [rule], NOW);
  assert.equal(findings.map((f) => `${f.resource.name}: ${f.message}`), [`contoso_images/image${versions.length + 1}: Required property properties.storageProfile is missing`]);
  assert.equal(
    graph.diagnostics.map((d) => `${d.severity} ${d.message}`),
    [
      'warning SIG006 property-schema: api-version 2021-10-01 is not in the property model; it is checked against 2022-03-03, the nearest known api-version (required and read-only properties are not checked: they changed in older api-versions)',
      'warning SIG006 property-schema: api-version 2023-01-01 is not in the property model; it is checked against 2022-08-03, the nearest known api-version',
      'warning SIG006 property-schema: api-version 2026-09-03-preview is not in the property model; it is checked against 2025-12-03, the nearest known api-version',
    ],
  );
});

notices('the nearest model is the one the policy guards select', () => {
  // 2023-11-01 is nearer 2023-07-03, 2023-11-02 nearer 2024-03-03; additionalReplicaSets exist from 2024-03-03 only.
  const graph = new ResourceGraph();
  const version = {
    publishingProfile: { targetRegions: [{ name: 'westeurope', additionalReplicaSets: [{ regionalReplicaCount: 'one' }] }] },
    storageProfile: { source: { id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-images/providers/Microsoft.Compute/images/ubuntu' } },
  };
  ['2023-11-01', '2023-11-02'].forEach((v, i) => graph.add(resource(i, 'Microsoft.Compute/galleries/images/versions', v, version)));
  const findings = lint(graph, [rule], NOW);
  assert.equal(findings.map((f) => `${f.resource.name}: ${f.messageId}`), ['contoso_images/image1: elementType']);
  assert.equal(
    graph.diagnostics.map((d) => d.message),
    [
      'SIG006 property-schema: api-version 2023-11-01 is not in the property model; it is checked against 2023-07-03, the nearest known api-version',
      'SIG006 property-schema: api-version 2023-11-02 is not in the property model; it is checked against 2024-03-03, the nearest known api-version',
    ],
  );
});

notices.run();
