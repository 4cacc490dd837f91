import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run, lines, diagnostics, show, version, IMAGE_ID } from './helpers.js';

const VERSION = 'Microsoft.Compute/galleries/images/versions';

test('a finding on a literal attribute points at its .tf.json line', () => {
  const w = run({
    'main.tf.json': { resource: { azurerm_shared_image_version: { v: version({ name: '1.0', target_region: [{ name: 'westeurope', regional_replica_count: 1 }] }) } } },
  }, { codes: ['SIG301'] });
  assert.equal(lines(w), ['SIG301 main.tf.json:5:17-5:22 Image version name "1.0" is not Major.Minor.Patch (three integers separated by ".")']);
  assert.equal(w.graph.resources.map((r) => [r.type, r.fullName, r.label, r.apiVersion]), [[VERSION, 'contoso_images/ubuntu/1.0', 'azurerm_shared_image_version.v', '2023-07-03']]);
});

test('tfvars precedence: terraform.tfvars.json, then *.auto.tfvars.json in lexical order, over the default', () => {
  const w = run({
    'main.tf.json': {
      variable: { region: { type: 'string', default: 'westeurope' } },
      resource: {
        azurerm_shared_image_version: {
          v: version({ target_region: [{ name: 'westeurope', regional_replica_count: 1 }, { name: '${var.region}', regional_replica_count: 1 }] }),
        },
      },
    },
    'terraform.tfvars.json': { region: 'northeurope' },
    'a.auto.tfvars.json': { region: 'swedencentral' },
    'b.auto.tfvars.json': { region: 'West Europe' },
  }, { codes: ['SIG303'] });
  // b.auto wins: its value repeats westeurope, and the finding is on its line.
  assert.equal(lines(w), ['SIG303 b.auto.tfvars.json:2:13-2:26 "West Europe" is listed twice in targetRegions']);
  assert.equal(w.findings[0]?.related.map((r) => `${r.file}:${r.span?.start.line}`), ['main.tf.json:23']);
});

test('a variable default is where the value was written when no tfvars file sets it', () => {
  const w = run({
    'main.tf.json': {
      variable: { version_name: { default: '1.0.0-rc1' } },
      resource: { azurerm_shared_image_version: { v: version({ name: '${var.version_name}', target_region: [{ name: 'westeurope', regional_replica_count: 1 }] }) } },
    },
  }, { codes: ['SIG301'] });
  assert.equal(lines(w), ['SIG301 main.tf.json:4:18-4:29 Image version name "1.0.0-rc1" is not Major.Minor.Patch (three integers separated by ".")']);
});

test('another *.tfvars.json is a -var-file: one evaluation per file, over the automatic ones', () => {
  const w = run({
    'main.tf.json': {
      variable: { gallery: {} },
      resource: { azurerm_shared_image_gallery: { g: { name: '${var.gallery}', resource_group_name: 'rg', location: 'westeurope' } } },
    },
    'dev.tfvars.json': { gallery: 'gallery-dev' },
    'prod.tfvars.json': { gallery: 'gallery_prod' },
  }, { codes: ['SIG101'] });
  assert.equal(lines(w), ['SIG101 dev.tfvars.json:2:14-2:27 Gallery name "gallery-dev" contains "-"; use letters, digits, "_" and "."']);
});

test('locals, interpolation and functions build the values', () => {
  const w = run({
    'main.tf.json': {
      variable: { env: { default: 'Prod' } },
      locals: { gallery: '${format("%s_images", lower(var.env))}', regions: ['westeurope', 'northeurope'], all: '${concat(local.regions, ["westeurope"])}' },
      resource: {
        azurerm_shared_image_version: {
          v: version({
            gallery_name: '${local.gallery}',
            dynamic: { target_region: { for_each: '${local.all}', content: { name: '${target_region.value}', regional_replica_count: '${target_region.key == 0 ? 2 : 1}' } } },
          }),
        },
      },
    },
  }, { codes: ['SIG303'] });
  assert.equal(w.graph.resources.map((r) => r.fullName), ['contoso_images/ubuntu/1.0.0'.replace('contoso_images', 'prod_images')]);
  assert.equal(show(w.graph.resources[0]?.get(['properties', 'publishingProfile', 'targetRegions'])), [
    { name: 'westeurope', regionalReplicaCount: 2, excludeFromLatest: false, storageAccountType: 'Standard_LRS' },
    { name: 'northeurope', regionalReplicaCount: 1, excludeFromLatest: false, storageAccountType: 'Standard_LRS' },
    { name: 'westeurope', regionalReplicaCount: 1, excludeFromLatest: false, storageAccountType: 'Standard_LRS' },
  ]);
  // A value computed by a function (concat) is reported where the dynamic block's content uses it.
  assert.equal(lines(w), ['SIG303 main.tf.json:28:23-28:47 "westeurope" is listed twice in targetRegions']);
});

test('count and for_each give addresses; each.value points at the map entry that wrote it', () => {
  const w = run({
    'main.tf.json': {
      variable: { versions: { default: { a: '1.0.0', b: '2.0' } } },
      resource: {
        azurerm_shared_image_version: {
          each: version({ for_each: '${var.versions}', name: '${each.value}', target_region: [{ name: 'westeurope', regional_replica_count: 1 }] }),
        },
        azurerm_shared_image_gallery: {
          g: { count: 2, name: 'gallery-${count.index}', resource_group_name: 'rg', location: 'westeurope' },
        },
      },
    },
  }, { codes: ['SIG101', 'SIG301'] });
  assert.equal(w.graph.resources.map((r) => r.label), [
    'azurerm_shared_image_version.each["a"]',
    'azurerm_shared_image_version.each["b"]',
    'azurerm_shared_image_gallery.g[0]',
    'azurerm_shared_image_gallery.g[1]',
  ]);
  assert.equal(lines(w), [
    'SIG301 main.tf.json:6:14-6:19 Image version name "2.0" is not Major.Minor.Patch (three integers separated by ".")',
    'SIG101 main.tf.json:31:17-31:41 Gallery name "gallery-0" contains "-"; use letters, digits, "_" and "."',
    'SIG101 main.tf.json:31:17-31:41 Gallery name "gallery-1" contains "-"; use letters, digits, "_" and "."',
  ]);
});

test('values known only after apply are never findings', () => {
  const w = run({
    'main.tf.json': {
      variable: { region: { type: 'string' } },
      resource: {
        azurerm_shared_image_version: {
          v: version({
            name: '${data.external.build.result.version}',
            target_region: [{ name: 'westeurope', regional_replica_count: 1 }, { name: '${var.region}', regional_replica_count: 1 }],
          }),
          w: version({ count: '${length(data.azurerm_locations.all.names)}', name: '1.0', target_region: [{ name: 'westeurope', regional_replica_count: 1 }] }),
        },
      },
    },
  });
  // The instance of an unknown count is still checked for what does not depend on count.index.
  assert.equal(lines(w), ['SIG301 main.tf.json:28:17-28:22 Image version name "1.0" is not Major.Minor.Patch (three integers separated by ".")']);
  assert.equal(w.graph.resources.map((r) => r.label), ['azurerm_shared_image_version.v', 'azurerm_shared_image_version.w[*]']);
});

test('a reference to another resource: configured arguments are known, its id is built, computed attributes are unknown', () => {
  const w = run({
    'main.tf.json': {
      provider: { azurerm: { features: {}, subscription_id: '11111111-1111-1111-1111-111111111111' } },
      resource: {
        azurerm_resource_group: { rg: { name: 'rg-images', location: 'westeurope' } },
        azurerm_shared_image_gallery: { g: { name: 'contoso_images', resource_group_name: '${azurerm_resource_group.rg.name}', location: '${azurerm_resource_group.rg.location}' } },
        azurerm_gallery_application: { app: { name: 'agent', gallery_id: '${azurerm_shared_image_gallery.g.id}', location: 'westeurope', supported_os_type: 'Linux' } },
        azurerm_shared_image: {
          i: { name: 'ubuntu', gallery_name: '${azurerm_shared_image_gallery.g.name}', resource_group_name: 'rg-images', location: 'westeurope', os_type: 'Linux', description: '${azurerm_shared_image_gallery.g.unique_name}', identifier: { publisher: 'contoso', offer: 'ubuntu', sku: '22_04' } },
        },
      },
    },
  });
  assert.equal(w.graph.resources.map((r) => [r.label, show(r.fullName), show(r.id)]), [
    ['azurerm_shared_image_gallery.g', 'contoso_images', '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contoso_images'],
    ['azurerm_gallery_application.app', 'contoso_images/agent', '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contoso_images/applications/agent'],
    ['azurerm_shared_image.i', 'contoso_images/ubuntu', '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contoso_images/images/ubuntu'],
  ]);
  assert.equal(show(w.graph.resources[2]?.get(['properties', 'description'])), '<unknown: azurerm_shared_image_gallery.g.unique_name is known only after apply>');
  assert.equal(show(w.graph.resources[2]?.get(['properties', 'osState'])), 'Generalized');
  assert.equal(lines(w), []);
});

test('the provider meta-argument picks the subscription: an alias without subscription_id is unknown, not the default one', () => {
  const w = run({
    'main.tf.json': {
      provider: { azurerm: [{ features: {}, subscription_id: '11111111-1111-1111-1111-111111111111' }, { alias: 'shared', features: {}, subscription_id: '22222222-2222-2222-2222-222222222222' }, { alias: 'dr', features: {} }] },
      resource: {
        azurerm_shared_image_gallery: {
          a: { name: 'a', resource_group_name: 'rg', location: 'westeurope' },
          b: { provider: 'azurerm.shared', name: 'b', resource_group_name: 'rg', location: 'westeurope' },
          c: { provider: '${azurerm.dr}', name: 'c', resource_group_name: 'rg', location: 'westeurope' },
          d: { provider: 'azurerm', name: 'd', resource_group_name: 'rg', location: 'westeurope' },
        },
      },
    },
  });
  assert.equal(w.graph.resources.map((r) => [r.label, show(r.scope.subscriptionId as string)]), [
    ['azurerm_shared_image_gallery.a', '11111111-1111-1111-1111-111111111111'],
    ['azurerm_shared_image_gallery.b', '22222222-2222-2222-2222-222222222222'],
    ['azurerm_shared_image_gallery.c', '<unknown: provider azurerm.dr does not write its subscription_id>'],
    ['azurerm_shared_image_gallery.d', '11111111-1111-1111-1111-111111111111'],
  ]);
});

test('azapi_resource: the body is ARM, also when written as jsonencode(...) with an unknown inside', () => {
  const w = run({
    'main.tf.json': {
      variable: { lun: { type: 'number' } },
      resource: {
        azapi_resource: {
          v: {
            type: 'Microsoft.Compute/galleries/images/versions@2024-03-03',
            name: '1.0.0',
            parent_id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contoso_images/images/ubuntu',
            location: 'westeurope',
            body: '${jsonencode({ properties = { publishingProfile = { targetRegions = [{ name = "westeurope", regionalReplicaCount = 0 }, { name = "eastus", regionalReplicaCount = var.lun }] }, storageProfile = { source = { id = "' + IMAGE_ID + '" } } } })}',
          },
        },
      },
    },
  }, { codes: ['SIG302', 'SIG304'] });
  assert.equal(w.graph.resources.map((r) => [r.type, r.apiVersion, r.fullName, r.scope.subscriptionId, r.scope.resourceGroup]), [[VERSION, '2024-03-03', 'contoso_images/ubuntu/1.0.0', '00000000-0000-0000-0000-000000000000', 'rg-images']]);
  assert.equal(lines(w), ['SIG304 main.tf.json:14:17-14:370 regionalReplicaCount 0 of target region "westeurope" is out of range; it must be between 1 and 100']);
});

test('specialized, features and recommended ranges follow the provider: zero means unset', () => {
  const w = run({
    'main.tf.json': {
      resource: {
        azurerm_shared_image: {
          i: {
            name: 'ubuntu', gallery_name: 'g', resource_group_name: 'rg', location: 'westeurope', os_type: 'Linux', specialized: true, hyper_v_generation: 'V2', trusted_launch_enabled: true,
            identifier: { publisher: 'contoso', offer: 'ubuntu', sku: '22_04' },
            min_recommended_vcpu_count: 8, max_recommended_vcpu_count: 4, min_recommended_memory_in_gb: 0, max_recommended_memory_in_gb: 16,
          },
        },
      },
    },
  }, { codes: ['SIG205'] });
  const body = w.graph.resources[0]?.body;
  assert.equal(show(body?.properties), {
    architecture: 'x64',
    osType: 'Linux',
    hyperVGeneration: 'V2',
    identifier: { publisher: 'contoso', offer: 'ubuntu', sku: '22_04' },
    recommended: { vCPUs: { max: 4, min: 8 }, memory: { max: 16 } },
    osState: 'Specialized',
    features: [{ name: 'SecurityType', value: 'TrustedLaunch' }],
  });
  assert.equal(lines(w), ['SIG205 main.tf.json:18:39-18:40 recommended.vCPUs.min is 8, greater than recommended.vCPUs.max; the minimum must not be greater than the maximum']);
});

test('managed_image_id: a virtual machine id is sent as virtualMachineId', () => {
  const vm = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-build/providers/Microsoft.Compute/virtualMachines/builder';
  const w = run({
    'main.tf.json': { resource: { azurerm_shared_image_version: { v: version({ managed_image_id: vm, target_region: [{ name: 'westeurope', regional_replica_count: 1 }] }) } } },
  });
  assert.equal(show(w.graph.resources[0]?.get(['properties', 'storageProfile'])), { source: { virtualMachineId: vm } });
});

test('expressions that fail or are not evaluated are notes and unknown values', () => {
  const w = run({
    'main.tf.json': {
      locals: { a: '${local.b}', b: '${local.a}' },
      resource: {
        azurerm_shared_image_gallery: {
          g: { name: '${local.a}', resource_group_name: 'rg', location: '${templatefile("x.tpl", {})}' },
          h: { name: '${[for s in ["a-b"] : s][*]}', resource_group_name: 'rg', location: 'westeurope' },
        },
      },
    },
  });
  assert.equal(lines(w), []);
  assert.equal(diagnostics(w), [
    'note main.tf.json:4:10 this expression fails: local.a refers to itself',
    'note main.tf.json:11:21 the Terraform function templatefile() is not evaluated by sigil; the value is treated as unknown',
    'note main.tf.json:14:17 splat expressions ([*]) are not evaluated; the value is treated as unknown',
  ]);
});

test.run();
