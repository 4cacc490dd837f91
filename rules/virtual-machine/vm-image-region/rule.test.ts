import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileCondition, type ExistencePolicy, type Resource } from '@sigil/core';
import { lintFixture, repoRoot, testRule, type FixtureFormat } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/matching',
    'valid/region-display-name',
    'valid/unknown-link',
    'valid/version-name-unknown',
    // A plan stops replicating the version to the region of a VM it leaves as it is (no-op): no request, no error.
    'valid/plan-vm-unchanged',
    // The declared-scope case without its .sigil.yaml: the gallery template may be deployed anywhere.
    'valid/undeclared-scope',
  ],
  invalid: [
    {
      fixture: 'invalid/version-reference',
      errors: [
        { messageId: "notInVersionRegions", message: "The virtual machine \"vm-app\" is in \"northeurope\", which is not a target region of the image version \"contoso_images/ubuntu/1.0.0\" (westeurope)", file: "main.json", line: 56, column: 19, endLine: 56, endColumn: 117, related: [{ file: "main.json", line: 30, column: 30, message: "the target regions of the image version \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/definition-latest',
      errors: [
        { messageId: "notInLatestRegions", message: "The scale set \"vmss-app\" is in \"northeurope\", where no version the files declare for the image definition \"contoso_images/ubuntu\" that can be the latest is replicated (regions where each version can be the latest: 1.1.0: westeurope; 1.2.0: westeurope)", file: "main.json", line: 119, column: 21, endLine: 119, endColumn: 101, related: [{ file: "main.json", line: 59, column: 30, message: "the target regions of the image version \"contoso_images/ubuntu/1.1.0\"" }, { file: "main.json", line: 83, column: 30, message: "the target regions of the image version \"contoso_images/ubuntu/1.2.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/cross-file',
      errors: [
        { messageId: "notInVersionRegions", message: "The virtual machine \"vm-app\" is in \"eastus\", which is not a target region of the image version \"contoso_images/ubuntu/1.0.0\" (westeurope, northeurope)", file: "vm.json", line: 16, column: 19, endLine: 16, endColumn: 179, related: [{ file: "gallery.json", line: 42, column: 38, message: "the target regions of the image version \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      // .sigil.yaml declares where the gallery template is deployed: the VM's literal id names its version.
      fixture: 'invalid/declared-scope',
      errors: [
        { messageId: "notInVersionRegions", message: "The virtual machine \"vm-app\" is in \"eastus\", which is not a target region of the image version \"contoso_images/ubuntu/1.0.0\" (westeurope, northeurope)", file: "vm.json", line: 16, column: 19, endLine: 16, endColumn: 179, related: [{ file: "gallery/gallery.json", line: 33, column: 30, message: "the target regions of the image version \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
  ],
});

// The AuditIfNotExists form: what the local policy engine can check of it. The `if` selects a VM that
// names an image version of its own (known) subscription; `details` names that version; the
// existence condition's region comparison is normalized. (How Azure binds `[field()]` in the
// existence condition to the VM is Azure's, and is not evaluated here.)
const existence = suite('SIG401 vm-image-region: the AuditIfNotExists policy');
const policy = rule.existencePolicy as ExistencePolicy;
const now = new Date('2026-06-01T00:00:00Z');
const fixture = (name: string, format: FixtureFormat) => lintFixture(rule, join(repoRoot(), 'fixtures', rule.name, name), {}, format).graph;
const verdict = (condition: unknown, resource: Resource) => compileCondition(condition).evaluate({ resource, now }).verdict;

existence('the if selects a VM naming a version of its own known subscription; details name the version', () => {
  const graph = fixture('invalid/cross-file', 'terraform');
  const [vm] = graph.ofType('Microsoft.Compute/virtualMachines');
  assert.ok(vm);
  assert.is(verdict(policy.if, vm), 'true');
  assert.is(verdict({ value: policy.details.name, equals: 'contoso_images/ubuntu/1.0.0' }, vm), 'true');
  assert.is(verdict({ value: policy.details.resourceGroupName, equals: 'rg-images' }, vm), 'true');
  assert.is(policy.details.type, 'Microsoft.Compute/galleries/images/versions');
});

existence('the if is not true where the VM\'s subscription is unknown, or the image is a definition', () => {
  const arm = fixture('invalid/cross-file', 'arm').ofType('Microsoft.Compute/virtualMachines')[0];
  assert.ok(arm);
  assert.is(verdict(policy.if, arm), 'unknown');
  // A VM naming the definition by its full id (the vm-os-profile fixture): not a version.
  const byDefinition = lintFixture(rule, join(repoRoot(), 'fixtures', 'vm-os-profile', 'invalid/cross-file-generalized'), {}, 'arm').graph;
  const vm = byDefinition.ofType('Microsoft.Compute/virtualMachines')[0];
  assert.ok(vm);
  assert.is(verdict(policy.if, vm), 'false');
});

existence('the existence condition compares region names as Azure does (its [field()] here reads the version)', () => {
  const graph = fixture('valid/region-display-name', 'arm');
  const [version] = graph.ofType('Microsoft.Compute/galleries/images/versions');
  assert.ok(version);
  assert.is(verdict(policy.details.existenceCondition, version), 'true', '"West Europe" is westeurope');
});

existence.run();
