import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Resource, ResourceGraph, Unknown, scopeUnknown, type DeploymentScope, type Frontend } from '@sigil/core';
import { GALLERY, declarationsOf, nearIdentical } from '../lib/declarations.js';

const names = suite('near-identical names');

names('typos: one letter inserted, removed, replaced or swapped; separators ignored; case ignored', () => {
  const near: [string, string][] = [
    ['contoso_images', 'contoso_imges'],
    ['contoso_images', 'contoso_imagess'],
    ['contoso_images', 'contoso_imagex'],
    ['contoso_images', 'contoso_imaegs'],
    ['contoso_images', 'contosoimages'],
    ['contoso_images', 'contoso.images'],
    ['contoso_images_prod', 'contosoimagesprod'],
    ['ubuntu-server', 'Ubuntu-Sever'],
  ];
  assert.equal(near.filter(([a, b]) => !nearIdentical(a, b)), []);
});

names('not typos: the same name in another case, digits, two edits, short names', () => {
  const far: [string, string][] = [
    ['contoso_images', 'Contoso_Images'],
    ['gallery01', 'gallery02'],
    ['gallery', 'gallery2'],
    ['image1', 'imagex'],
    ['contoso_images', 'contoso_imgs'],
    ['west_gallery', 'east_gallery'],
    ['img', 'imh'],
    ['imgs', 'img'],
    // Codes of a naming convention: one letter apart, but two regions or two environments.
    ['gal_images_weu', 'gal_images_neu'],
    ['gal_images_eus', 'gal_images_wus'],
    ['images_tst', 'images_test'],
    ['images_dev', 'images_de'],
  ];
  assert.equal(far.filter(([a, b]) => nearIdentical(a, b)), []);
});

names.run();

let declared = 0;

function resource(scope: DeploymentScope, options: { file?: string; declaration?: number; frontend?: Frontend; label?: string } = {}): Resource {
  const file = options.file ?? 'main.json';
  return new Resource({
    type: GALLERY,
    apiVersion: '2024-03-03',
    fullName: 'contoso_images',
    scope,
    condition: true,
    existing: false,
    dependsOn: () => [],
    declaration: { file, path: ['resources', options.declaration ?? declared++] },
    frontend: options.frontend ?? 'arm',
    label: options.label ?? 'gallery',
    body: () => ({ name: 'contoso_images' }),
  });
}

function graph(...resources: Resource[]): ResourceGraph {
  const g = new ResourceGraph();
  for (const r of resources) g.add(r);
  return g;
}

const SUB = '00000000-0000-0000-0000-000000000000';
const scopes = suite('declarations of one run');

scopes('one scope object is one deployment target, even when its resource group is known only at deployment', () => {
  const run: DeploymentScope = { level: 'resourceGroup' };
  const a = resource(run);
  const b = resource(run);
  const d = declarationsOf(graph(a, b));
  assert.is(d.comparable(a, b), true);
  assert.is(d.sameResourceGroup(a, b), true);
});

scopes('two runs whose resource groups are not written: unknown, not the same', () => {
  const a = resource({ level: 'resourceGroup' });
  const b = resource({ level: 'resourceGroup' }, { file: 'other.json' });
  const d = declarationsOf(graph(a, b));
  assert.is(d.comparable(a, b), true);
  assert.is(d.sameResourceGroup(a, b), undefined);
  assert.is(d.sameSubscription(a, b), undefined);
});

scopes('written subscription ids and resource groups decide, without case', () => {
  const a = resource({ level: 'resourceGroup', subscriptionId: SUB, resourceGroup: 'RG-Images' });
  const b = resource({ level: 'resourceGroup', subscriptionId: SUB, resourceGroup: 'rg-images' });
  const c = resource({ level: 'resourceGroup', subscriptionId: SUB, resourceGroup: 'rg-other' });
  const e = resource({ level: 'resourceGroup', subscriptionId: new Unknown('parameter'), resourceGroup: 'rg-images' });
  const d = declarationsOf(graph(a, b, c, e));
  assert.is(d.sameResourceGroup(a, b), true);
  assert.is(d.sameResourceGroup(a, c), false);
  assert.is(d.sameSubscription(a, c), true);
  assert.is(d.sameResourceGroup(a, e), undefined);
});

scopes('a declaration evaluated once per parameters file into the same resource group is never paired', () => {
  const decl = 7_000;
  const dev = resource({ level: 'resourceGroup', subscriptionId: SUB, resourceGroup: 'rg-images' }, { declaration: decl });
  const prod = resource({ level: 'resourceGroup', subscriptionId: SUB, resourceGroup: 'rg-images' }, { declaration: decl });
  const other = resource({ level: 'resourceGroup', subscriptionId: SUB, resourceGroup: 'rg-images' });
  const d = declarationsOf(graph(dev, prod, other));
  assert.is(d.comparable(dev, prod), false);
  assert.is(d.comparable(dev, other), false);
});

scopes('a module called for two written resource groups gives two comparable resources', () => {
  const decl = 7_001;
  const a = resource({ level: 'resourceGroup', subscriptionId: SUB, resourceGroup: 'rg-images' }, { declaration: decl });
  const b = resource({ level: 'resourceGroup', subscriptionId: SUB, resourceGroup: 'rg-images-dr' }, { declaration: decl });
  const d = declarationsOf(graph(a, b));
  assert.is(d.comparable(a, b), true);
  assert.is(d.sameSubscription(a, b), true);
});

scopes('Terraform: one run of a module directory shares its provider subscription; two runs do not', () => {
  // The frontend gives each module run one subscription identity (the default provider's, unwritten).
  const tf = (group: string, file: string, subscription: Unknown) =>
    resource({ level: 'resourceGroup', resourceGroup: group, subscriptionId: subscription }, { file, frontend: 'terraform', label: 'azurerm_shared_image_gallery.g' });
  const infra = scopeUnknown('the subscription of the azurerm provider is known only at apply');
  const a = tf('rg-images', 'infra/main.tf.json', infra);
  const b = tf('rg-images-dr', 'infra/dr.tf.json', infra);
  const elsewhere = tf('rg-images-dr', 'other/main.tf.json', scopeUnknown('the subscription of the azurerm provider is known only at apply'));
  const d = declarationsOf(graph(a, b, elsewhere));
  assert.is(d.sameSubscription(a, b), true);
  assert.is(d.sameSubscription(a, elsewhere), undefined);
  // An unknown that is not a run's identity (a variable without value) is never the same subscription.
  const variable = new Unknown('var.subscription has no value');
  assert.is(declarationsOf(graph(a, b)).sameSubscription(tf('rg-x', 'x/main.tf.json', variable), tf('rg-y', 'x/main.tf.json', variable)), undefined);
});

scopes.run();
