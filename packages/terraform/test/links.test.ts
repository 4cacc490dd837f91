import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { idKey } from '@sigil/core';
import { run } from './helpers.js';

const image = (name: string, extra: Record<string, unknown> = {}) => ({
  name, resource_group_name: 'rg-build', location: 'westeurope', os_disk: { os_type: 'Linux', os_state: 'Generalized', blob_uri: 'https://sa/vhds/x.vhd' }, ...extra,
});

test('resources of one module share the provider\'s unknown subscription: references link to them', () => {
  const w = run({ 'main.tf.json': { resource: { azurerm_image: { a: image('a'), b: image('b') }, azurerm_managed_disk: { d: { name: 'd', resource_group_name: 'rg-build', location: 'westeurope', storage_account_type: 'Premium_LRS', create_option: 'Copy', source_resource_id: '${azurerm_image.a.id}' } } } } });
  const [a, b] = w.graph.ofType('Microsoft.Compute/images');
  const disk = w.graph.ofType('Microsoft.Compute/disks')[0];
  assert.ok(a && b && disk);
  assert.ok(a.scope.subscriptionId === b.scope.subscriptionId, 'one subscription identity');
  assert.type(idKey(a.id), 'string');
  assert.is(w.graph.byId(disk.get(['properties', 'creationData', 'sourceResourceId'])), a);
});

test('a resource of an aliased provider is in a subscription of its own: nothing links to it by the default one', () => {
  const w = run({
    'main.tf.json': {
      provider: { azurerm: [{ features: {} }, { alias: 'other', features: {} }] },
      resource: { azurerm_image: { a: image('a', { provider: 'azurerm.other' }), b: image('b', { provider: 'azurerm' }) } },
    },
  });
  const a = w.graph.ofType('Microsoft.Compute/images').find((r) => r.name === 'a');
  const b = w.graph.ofType('Microsoft.Compute/images').find((r) => r.name === 'b');
  assert.ok(a && b);
  assert.is(idKey(a.id), undefined, 'the aliased provider\'s subscription is not read');
  assert.type(idKey(b.id), 'string', '`provider = "azurerm"` is the default provider');
});

test('a written subscription_id makes ids known', () => {
  const w = run({ 'main.tf.json': { provider: { azurerm: { features: {}, subscription_id: '00000000-0000-0000-0000-000000000000' } }, resource: { azurerm_image: { a: image('a') } } } });
  assert.is(w.graph.ofType('Microsoft.Compute/images')[0]?.id, '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-build/providers/Microsoft.Compute/images/a');
});

test('a data source is an existing resource: its name is known, it deploys nothing, no rule reads its properties', () => {
  const w = run({
    'main.tf.json': {
      data: { azurerm_shared_image_gallery: { shared: { name: 'contoso_images', resource_group_name: 'rg-images' } }, azurerm_client_config: { current: {} } },
      resource: { azurerm_shared_image: { ubuntu: { name: 'ubuntu', gallery_name: 'contoso_images', resource_group_name: 'rg-images', location: 'westeurope', os_type: 'Linux', identifier: { publisher: 'p', offer: 'o', sku: 's' } } } },
    },
  });
  const [gallery] = w.graph.ofType('Microsoft.Compute/galleries');
  assert.ok(gallery);
  assert.is(gallery.label, 'data.azurerm_shared_image_gallery.shared');
  assert.is(gallery.existing, true);
  assert.is(gallery.deployed, false);
  assert.is(gallery.fullName, 'contoso_images');
  assert.is(gallery.scope.resourceGroup, 'rg-images');
  assert.equal(w.findings.map((f) => f.code), []);
});

test.run();
