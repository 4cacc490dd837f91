import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MAPPINGS, isBlock, armPathOf } from '../src/index.js';
import { run, show } from './helpers.js';

/** `../shared` beside the checkout (packages/terraform/dist/test -> repository root -> ..). */
const SCHEMA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..', 'shared', 'reference', 'data', 'terraform-azurerm-gallery-schema.json');

interface SchemaFile {
  readonly [resource: string]: { readonly attributes?: readonly { readonly attr: string; readonly Type?: string; readonly Computed?: string; readonly Required?: string; readonly Optional?: string; readonly Default?: string }[] };
}

const schema = JSON.parse(readFileSync(SCHEMA, 'utf8')) as SchemaFile;
const GALLERY_RESOURCES = ['azurerm_shared_image_gallery', 'azurerm_shared_image', 'azurerm_shared_image_version', 'azurerm_gallery_application', 'azurerm_gallery_application_version'];

test('the schema extract is read from ../shared', () => {
  assert.ok(existsSync(SCHEMA), SCHEMA);
  for (const r of GALLERY_RESOURCES) assert.ok((schema[r]?.attributes?.length ?? 0) > 0, r);
});

for (const resource of GALLERY_RESOURCES) {
  const mapping = MAPPINGS.get(resource);
  for (const attribute of schema[resource]?.attributes ?? []) {
    test(`${resource}.${attribute.attr}: mapped or not mapped with a reason`, () => {
      assert.ok(mapping, `${resource} has a mapping`);
      const target = mapping.attributes[attribute.attr];
      const reason = mapping.notMapped[attribute.attr];
      assert.ok((target === undefined) !== (reason === undefined), `${attribute.attr} is in exactly one of attributes / notMapped`);
      if (reason !== undefined) assert.ok(reason.length > 10, 'the reason says why');
      // A block's children are mapped relative to it; its parent block must be mapped as a block.
      const parent = attribute.attr.includes('.') ? attribute.attr.slice(0, attribute.attr.lastIndexOf('.')) : undefined;
      if (parent !== undefined && target) {
        const parentTarget = mapping.attributes[parent];
        assert.ok(parentTarget && isBlock(parentTarget), `${parent} is mapped as a block`);
      }
      // A provider Default is sent when the attribute is not written: the mapping sends it too.
      if (target && !isBlock(target) && attribute.Default !== undefined && !attribute.Type?.includes('TypeList')) {
        assert.ok(target.default !== undefined || target.convert !== undefined, `${attribute.attr} has the provider default ${attribute.Default}`);
      }
    });
  }
  test(`${resource}: every mapped or excluded attribute exists in the schema or is newer than it`, () => {
    const known = new Set((schema[resource]?.attributes ?? []).map((a) => a.attr));
    // uefi_settings was added to azurerm_shared_image_version after the schema extract's commit.
    const newer = new Set(['uefi_settings', 'uefi_settings.signature_template_names', 'uefi_settings.additional_signatures']);
    const extra = [...Object.keys(mapping?.attributes ?? {}), ...Object.keys(mapping?.notMapped ?? {})].filter((a) => !known.has(a) && !newer.has(a));
    assert.equal(extra, []);
  });
}

test('each gallery resource maps its attributes to ARM paths that the value reaches', () => {
  const w = run({
    'main.tf.json': {
      resource: {
        azurerm_shared_image_gallery: {
          g: { name: 'g', resource_group_name: 'rg', location: 'westeurope', description: 'd', sharing: { permission: 'Community', community_gallery: { eula: 'e', prefix: 'pre12', publisher_email: 'a@b.c', publisher_uri: 'https://x' } }, tags: { a: 'b' } },
        },
        azurerm_shared_image_version: {
          v: {
            name: '1.0.0', gallery_name: 'g', image_name: 'i', resource_group_name: 'rg', location: 'westeurope', blob_uri: 'https://s.blob.core.windows.net/c/os.vhd', storage_account_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/s',
            end_of_life_date: '2030-01-01T00:00:00Z', replication_mode: 'Shallow', exclude_from_latest: true, deletion_of_replicated_locations_enabled: true,
            target_region: [{ name: 'westeurope', regional_replica_count: 2, disk_encryption_set_id: '/des', exclude_from_latest_enabled: true, storage_account_type: 'Standard_ZRS' }],
          },
        },
        azurerm_gallery_application_version: {
          av: {
            name: '1.0.0', gallery_application_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/applications/a', location: 'westeurope',
            config_file: 'c', package_file: 'p', enable_health_check: true, end_of_life_date: '2030-01-01', exclude_from_latest: true,
            manage_action: { install: 'i', remove: 'r', update: 'u' }, source: { media_link: 'https://m', default_configuration_link: 'https://c' },
            target_region: [{ name: 'westeurope', regional_replica_count: 1, exclude_from_latest: true, storage_account_type: 'Premium_LRS' }],
          },
        },
      },
    },
  });
  assert.equal(w.graph.resources.map((r) => [r.type, r.fullName]), [
    ['Microsoft.Compute/galleries', 'g'],
    ['Microsoft.Compute/galleries/images/versions', 'g/i/1.0.0'],
    ['Microsoft.Compute/galleries/applications/versions', 'g/a/1.0.0'],
  ]);
  const [gallery, version, appVersion] = w.graph.resources.map((r) => show(r.body) as Record<string, unknown>);
  assert.equal(gallery?.properties, { description: 'd', sharingProfile: { permissions: 'Community', communityGalleryInfo: { eula: 'e', publicNamePrefix: 'pre12', publisherContact: 'a@b.c', publisherUri: 'https://x' } } });
  assert.equal(gallery?.tags, { a: 'b' });
  assert.equal(version?.properties, {
    publishingProfile: {
      targetRegions: [{ name: 'westeurope', regionalReplicaCount: 2, encryption: { osDiskImage: { diskEncryptionSetId: '/des' } }, excludeFromLatest: true, storageAccountType: 'Standard_ZRS' }],
      endOfLifeDate: '2030-01-01T00:00:00Z', replicationMode: 'Shallow', excludeFromLatest: true,
    },
    storageProfile: { osDiskImage: { source: { uri: 'https://s.blob.core.windows.net/c/os.vhd', storageAccountId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/s' } } },
    safetyProfile: { allowDeletionOfReplicatedLocations: true },
  });
  assert.equal(appVersion?.properties, {
    settings: { configFileName: 'c', packageFileName: 'p' },
    publishingProfile: {
      enableHealthCheck: true, endOfLifeDate: '2030-01-01', excludeFromLatest: true,
      manageActions: { install: 'i', remove: 'r', update: 'u' },
      source: { mediaLink: 'https://m', defaultConfigurationLink: 'https://c' },
      targetRegions: [{ name: 'westeurope', regionalReplicaCount: 1, excludeFromLatest: true, storageAccountType: 'Premium_LRS' }],
    },
  });
});

test('virtual machines, scale sets, disks, snapshots, images and disk encryption sets carry what the graph rules read', () => {
  const image = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i/versions/1.0.0';
  const w = run({
    'main.tf.json': {
      resource: {
        azurerm_linux_virtual_machine: {
          vm: {
            name: 'vm', resource_group_name: 'rg', location: 'westeurope', size: 'Standard_D2s_v5', admin_username: 'azureuser', source_image_id: image, zone: '1',
            admin_ssh_key: [{ username: 'azureuser', public_key: 'ssh-rsa AAAA' }],
            os_disk: { caching: 'ReadWrite', storage_account_type: 'Premium_LRS', disk_encryption_set_id: '/des', diff_disk_settings: { option: 'Local' } },
          },
        },
        azurerm_windows_virtual_machine_scale_set: {
          ss: { name: 'ss', resource_group_name: 'rg', location: 'westeurope', sku: 'Standard_D2s_v5', instances: 2, admin_username: 'u', admin_password: 'p', source_image_id: image, os_disk: { caching: 'ReadOnly', storage_account_type: 'Standard_LRS' } },
        },
        azurerm_virtual_machine: {
          legacy: {
            name: 'legacy', resource_group_name: 'rg', location: 'westeurope', vm_size: 'Standard_D2s_v5', network_interface_ids: ['/nic'],
            storage_image_reference: { id: image },
            storage_os_disk: { name: 'os', create_option: 'FromImage', caching: 'ReadWrite', managed_disk_type: 'Premium_LRS', os_type: 'Linux' },
            storage_data_disk: [{ name: 'd0', lun: 0, create_option: 'Empty', disk_size_gb: 64, managed_disk_type: 'UltraSSD_LRS' }, { name: 'd1', lun: 1, create_option: 'Attach', managed_disk_id: '/data' }],
            os_profile_linux_config: { disable_password_authentication: true },
          },
          withProfile: {
            name: 'with-profile', resource_group_name: 'rg', location: 'westeurope', vm_size: 'Standard_D2s_v5', network_interface_ids: ['/nic'],
            storage_os_disk: { name: 'os', create_option: 'FromImage', vhd_uri: 'https://sa.blob.core.windows.net/vhds/os.vhd' },
            os_profile: { computer_name: 'app', admin_username: 'azureuser', admin_password: 'p' },
          },
        },
        azurerm_managed_disk: { d: { name: 'd', resource_group_name: 'rg', location: 'westeurope', storage_account_type: 'UltraSSD_LRS', create_option: 'Copy', source_resource_id: '/snap', os_type: 'Linux', hyper_v_generation: 'V2', disk_encryption_set_id: '/des' } },
        azurerm_snapshot: { s: { name: 's', resource_group_name: 'rg', location: 'westeurope', create_option: 'Copy', source_uri: '/disk' } },
        azurerm_image: { im: { name: 'im', resource_group_name: 'rg', location: 'westeurope', source_virtual_machine_id: '/vm', hyper_v_generation: 'V2', os_disk: { os_type: 'Linux', os_state: 'Generalized', managed_disk_id: '/disk' }, data_disk: [{ lun: 1, managed_disk_id: '/data' }] } },
        azurerm_disk_encryption_set: { des: { name: 'des', resource_group_name: 'rg', location: 'westeurope', key_vault_key_id: 'https://kv/keys/k', identity: { type: 'SystemAssigned' } } },
      },
    },
  });
  const body = (type: string) => show(w.graph.resources.find((r) => r.type === type)?.body) as Record<string, unknown>;
  const vm = show(w.graph.resources.find((r) => r.label === 'azurerm_linux_virtual_machine.vm')?.body) as Record<string, unknown>;
  // The legacy resource sends no osProfile without an os_profile block (its Linux config alone is not sent).
  const legacy = (label: string) => show(w.graph.resources.find((r) => r.label === label)?.body) as Record<string, unknown>;
  assert.equal(legacy('azurerm_virtual_machine.legacy').properties, {
    hardwareProfile: { vmSize: 'Standard_D2s_v5' },
    storageProfile: {
      imageReference: { id: image },
      osDisk: { name: 'os', createOption: 'FromImage', caching: 'ReadWrite', managedDisk: { storageAccountType: 'Premium_LRS' }, osType: 'Linux' },
      dataDisks: [{ name: 'd0', lun: 0, createOption: 'Empty', diskSizeGB: 64, managedDisk: { storageAccountType: 'UltraSSD_LRS' } }, { name: 'd1', lun: 1, createOption: 'Attach', managedDisk: { id: '/data' } }],
    },
  });
  assert.equal(legacy('azurerm_virtual_machine.withProfile').properties, {
    hardwareProfile: { vmSize: 'Standard_D2s_v5' },
    storageProfile: { osDisk: { name: 'os', createOption: 'FromImage', vhd: { uri: 'https://sa.blob.core.windows.net/vhds/os.vhd' } } },
    osProfile: { computerName: 'app', adminUsername: 'azureuser', adminPassword: 'p' },
  });
  assert.equal(vm.zones, ['1']);
  assert.equal(vm.properties, {
    storageProfile: { osDisk: { osType: 'Linux', createOption: 'FromImage', caching: 'ReadWrite', managedDisk: { storageAccountType: 'Premium_LRS', diskEncryptionSet: { id: '/des' } }, diffDiskSettings: { option: 'Local' } }, imageReference: { id: image } },
    hardwareProfile: { vmSize: 'Standard_D2s_v5' },
    osProfile: { adminUsername: 'azureuser', linuxConfiguration: { ssh: { publicKeys: [{ keyData: 'ssh-rsa AAAA', path: '/home/azureuser/.ssh/authorized_keys' }] }, disablePasswordAuthentication: true } },
  });
  const ss = body('Microsoft.Compute/virtualMachineScaleSets');
  assert.equal(ss.sku, { name: 'Standard_D2s_v5', capacity: 2 });
  assert.equal((ss.properties as Record<string, Record<string, unknown>>).virtualMachineProfile?.storageProfile, { osDisk: { osType: 'Windows', createOption: 'FromImage', caching: 'ReadOnly', managedDisk: { storageAccountType: 'Standard_LRS' } }, imageReference: { id: image } });
  assert.equal(body('Microsoft.Compute/disks').properties, { creationData: { createOption: 'Copy', sourceResourceId: '/snap' }, osType: 'Linux', hyperVGeneration: 'V2', encryption: { diskEncryptionSetId: '/des' } });
  assert.equal(body('Microsoft.Compute/snapshots').properties, { creationData: { createOption: 'Copy', sourceUri: '/disk' }, incremental: false });
  assert.equal(body('Microsoft.Compute/images').properties, { sourceVirtualMachine: { id: '/vm' }, hyperVGeneration: 'V2', storageProfile: { zoneResilient: false, osDisk: { osType: 'Linux', osState: 'Generalized', managedDisk: { id: '/disk' } }, dataDisks: [{ lun: 1, managedDisk: { id: '/data' } }] } });
  assert.equal(body('Microsoft.Compute/diskEncryptionSets').identity, { type: 'SystemAssigned' });
});

test.run();

for (const resource of ['azurerm_shared_image_gallery', 'azurerm_shared_image', 'azurerm_shared_image_version']) {
  test(`${resource}: forceNew lists the schema's ForceNew arguments, except those that name the resource`, () => {
    const mapping = MAPPINGS.get(resource);
    const naming = new Set(['name', 'gallery_name', 'image_name', 'resource_group_name']);
    const attributes = (schema[resource]?.attributes ?? []) as readonly { attr: string; ForceNew?: string }[];
    const expected = attributes.filter((a) => a.ForceNew === 'true' && !naming.has(a.attr)).map((a) => a.attr).sort();
    assert.equal([...(mapping?.forceNew ?? [])].sort(), expected);
  });
}

test('armPathOf: attribute paths, as plans write them, to ARM body paths', () => {
  const image = MAPPINGS.get('azurerm_shared_image');
  const version = MAPPINGS.get('azurerm_shared_image_version');
  assert.ok(image && version);
  assert.equal(armPathOf(image, ['os_type']), ['properties', 'osType']);
  assert.equal(armPathOf(image, ['specialized']), ['properties', 'osState']);
  // A single block: element 0 is the block itself.
  assert.equal(armPathOf(image, ['identifier', 0, 'sku']), ['properties', 'identifier', 'sku']);
  assert.equal(armPathOf(image, ['identifier', 'sku']), ['properties', 'identifier', 'sku']);
  // A repeated block keeps its index; without one, an attribute inside it has no single path.
  assert.equal(armPathOf(version, ['target_region', 1, 'disk_encryption_set_id']), ['properties', 'publishingProfile', 'targetRegions', 1, 'encryption', 'osDiskImage', 'diskEncryptionSetId']);
  assert.is(armPathOf(version, ['target_region', 'disk_encryption_set_id']), undefined);
  assert.is(armPathOf(image, ['no_such_attribute']), undefined);
});
