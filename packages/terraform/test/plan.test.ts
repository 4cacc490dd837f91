import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run, lines, show, version, IMAGE_ID } from './helpers.js';

const AZURERM = 'registry.terraform.io/hashicorp/azurerm';

/** A plan with one resource change per entry (`after`, `after_unknown`), and the module call that holds them. */
function plan(changes: { address: string; type: string; name: string; index?: string | number; after: Record<string, unknown>; afterUnknown?: Record<string, unknown>; actions?: string[] }[], moduleSource?: string): Record<string, unknown> {
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: {} },
    resource_changes: changes.map((c) => ({
      address: c.address,
      ...(c.address.startsWith('module.') ? { module_address: c.address.slice(0, c.address.indexOf(`.${c.type}.`)) } : {}),
      mode: 'managed',
      type: c.type,
      name: c.name,
      ...(c.index !== undefined ? { index: c.index } : {}),
      provider_name: AZURERM,
      change: { actions: c.actions ?? ['create'], before: null, after: c.after, after_unknown: { id: true, ...(c.afterUnknown ?? {}) }, before_sensitive: false, after_sensitive: {} },
    })),
    configuration: {
      provider_config: { azurerm: { name: 'azurerm', full_name: AZURERM, expressions: { subscription_id: { constant_value: '00000000-0000-0000-0000-000000000000' } } } },
      root_module: moduleSource ? { module_calls: { images: { source: moduleSource, module: { resources: [] } } } } : { resources: [] },
    },
  };
}

const regions = (...names: string[]) => names.map((name) => ({ name, regional_replica_count: 1, storage_account_type: 'Standard_LRS', exclude_from_latest_enabled: false, disk_encryption_set_id: '' }));

test('plan findings are located in the plan and name the resource address', () => {
  const w = run({
    'tfplan.json': plan([
      { address: 'module.images.azurerm_shared_image_version.v["x"]', type: 'azurerm_shared_image_version', name: 'v', index: 'x', after: version({ name: '1.0', target_region: regions('westeurope') }) },
    ], './modules/images'),
  }, { codes: ['SIG301'] });
  assert.equal(lines(w), ['SIG301 tfplan.json:22:19-22:24 Image version name "1.0" is not Major.Minor.Patch (three integers separated by ".")']);
  assert.equal(w.findings.map((f) => f.resource.label), ['module.images.azurerm_shared_image_version.v["x"]']);
  assert.equal(w.graph.resources.map((r) => [r.fullName, r.scope.subscriptionId, r.scope.resourceGroup]), [['contoso_images/ubuntu/1.0', '00000000-0000-0000-0000-000000000000', 'rg-images']]);
});

test('after_unknown values are Unknown: never a finding, even where the planned value would be one', () => {
  const w = run({
    'plan.json': plan([
      {
        address: 'azurerm_shared_image_version.v', type: 'azurerm_shared_image_version', name: 'v',
        after: version({ location: 'westeurope', target_region: [{ regional_replica_count: 1 }, ...regions('westeurope')] }),
        afterUnknown: { name: true, target_region: [{ name: true }, {}] },
      },
    ]),
  });
  assert.equal(lines(w), []);
  const r = w.graph.resources[0];
  assert.equal(show(r?.fullName), '<unknown: known only after apply>');
  assert.equal(show(r?.get(['properties', 'publishingProfile', 'targetRegions', 0, 'name'])), '<unknown: known only after apply>');
});

test('a deleted resource is not checked; data sources are not resources', () => {
  const w = run({
    'plan.json': plan([
      { address: 'azurerm_shared_image_version.old', type: 'azurerm_shared_image_version', name: 'old', actions: ['delete'], after: version({ name: 'bad' }) },
    ]),
  });
  assert.equal(w.graph.resources.length, 0);
});

test('with the configuration linted too, a plan finding points at the configuration line', () => {
  const w = run({
    'plan.json': plan([
      { address: 'azurerm_shared_image_version.v', type: 'azurerm_shared_image_version', name: 'v', after: version({ target_region: regions('westeurope', 'northeurope', 'westeurope') }) },
    ]),
    'main.tf.json': {
      variable: { regions: { type: 'list(string)' } },
      resource: {
        azurerm_shared_image_version: {
          v: version({ dynamic: { target_region: { for_each: '${var.regions}', content: { name: '${target_region.value}', regional_replica_count: 1 } } } }),
        },
      },
    },
  }, { codes: ['SIG303'] });
  // The configuration alone cannot know var.regions; the plan can, and points at the dynamic content.
  assert.equal(lines(w), ['SIG303 main.tf.json:20:23-20:47 "westeurope" is listed twice in targetRegions']);
  assert.equal(w.findings[0]?.resource.label, 'azurerm_shared_image_version.v');
});

test('a module resource is found in the module directory given by its source', () => {
  const w = run({
    'env/plan.json': plan([
      { address: 'module.images.azurerm_shared_image_gallery.g', type: 'azurerm_shared_image_gallery', name: 'g', after: { name: 'contoso-images', resource_group_name: 'rg', location: 'westeurope' } },
    ], '../modules/images'),
    'modules/images/main.tf.json': {
      variable: { name: {} },
      resource: { azurerm_shared_image_gallery: { g: { name: '${var.name}', resource_group_name: 'rg', location: 'westeurope' } } },
    },
  }, { codes: ['SIG101'] });
  assert.equal(lines(w), ['SIG101 modules/images/main.tf.json:8:17-8:30 Gallery name "contoso-images" contains "-"; use letters, digits, "_" and "."']);
});

test('azapi_resource in a plan: the body object is ARM; a jsonencoded body string is read too', () => {
  const body = { properties: { publishingProfile: { targetRegions: [{ name: 'westeurope', regionalReplicaCount: 101 }] }, storageProfile: { source: { id: IMAGE_ID } } } };
  const parent = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/g/images/i';
  const w = run({
    'plan.json': plan([
      { address: 'azapi_resource.a', type: 'azapi_resource', name: 'a', after: { type: 'Microsoft.Compute/galleries/images/versions@2024-03-03', name: '1.0.0', parent_id: parent, location: 'westeurope', body } },
      { address: 'azapi_resource.b', type: 'azapi_resource', name: 'b', after: { type: 'Microsoft.Compute/galleries/images/versions@2024-03-03', name: '1.0.1', parent_id: parent, location: 'westeurope', body: JSON.stringify(body) } },
    ]),
  }, { codes: ['SIG304'] });
  assert.equal(w.graph.resources.map((r) => r.fullName), ['g/i/1.0.0', 'g/i/1.0.1']);
  assert.equal(lines(w), [
    'SIG304 plan.json:30:45-30:48 regionalReplicaCount 101 of target region "westeurope" is out of range; it must be between 1 and 100',
    'SIG304 plan.json:65:19-65:306 regionalReplicaCount 101 of target region "westeurope" is out of range; it must be between 1 and 100',
  ]);
});

test.run();
