import type { Value } from '@sigil/core';

/**
 * The one table from azurerm resources to ARM shape. Each Terraform attribute path (`target_region.name`:
 * blocks are dotted) maps to where the provider puts its value in the ARM request body, following the
 * provider's expand functions (hashicorp/terraform-provider-azurerm, internal/services/compute, commit
 * 69697b7f as extracted in ../shared/reference/data/terraform-azurerm-gallery-schema.json, and the
 * resource files of the same tree). Attributes the request does not carry, or that no rule reads, are
 * listed in `notMapped` with the reason: a test checks that every attribute of the gallery schema is in
 * one list or the other.
 */

/** How a value is turned into its ARM form (the provider's expand logic). */
export type Conversion =
  /** `specialized = true` -> `osState: Specialized`, else `Generalized` (the provider always sends one). */
  | { readonly kind: 'osState' }
  /** A boolean flag that, when true, adds `{ name, value }` to an ARM `features` array. */
  | { readonly kind: 'feature'; readonly name: string; readonly value: string }
  /** The provider leaves out a zero (`min_recommended_vcpu_count = 0` is "not set"). */
  | { readonly kind: 'omitZero' }
  /** `managed_image_id`: a virtual machine id goes to `virtualMachineId`, anything else to `id`. */
  | { readonly kind: 'imageOrVirtualMachine'; readonly virtualMachinePath: string }
  /** One value in a one-element array (`zone = "1"` -> `zones: ["1"]`). */
  | { readonly kind: 'wrapInArray' }
  /** `admin_ssh_key.username` -> the authorized_keys path the provider builds from it. */
  | { readonly kind: 'sshKeyPath' }
  /** A fixed value whenever the attribute is set (`os_type` of a Linux VM resource...). */
  | { readonly kind: 'constant'; readonly value: Value };

export interface AttributeTarget {
  /** ARM body path, dotted; inside a block, relative to the block's element. */
  readonly arm: string;
  readonly convert?: Conversion;
  /** The provider's `Default`: sent when the attribute is not written. */
  readonly default?: Value;
}

export interface BlockTarget {
  /** ARM body path of the array (or object, when `single`) the block's elements become. */
  readonly block: string;
  /** A block with `MaxItems: 1` that the provider sends as one object rather than an array. */
  readonly single?: boolean;
}

export type Target = AttributeTarget | BlockTarget;

export function isBlock(t: Target): t is BlockTarget {
  return 'block' in t;
}

/** How the ARM full name and resource group are read from the attributes. */
export type NameSource =
  /** `name` alone, in `resource_group_name`. */
  | { readonly kind: 'name' }
  /** Parent names from attributes, then `name` (`gallery_name`, `image_name`). */
  | { readonly kind: 'parents'; readonly parents: readonly string[] }
  /** Parent names read from a parent resource id attribute (`gallery_id`). */
  | { readonly kind: 'parentId'; readonly attribute: string };

export interface ResourceMapping {
  readonly armType: string;
  /** The api-version of the Azure SDK package the provider's resource uses. */
  readonly apiVersion: string;
  readonly name: NameSource;
  readonly attributes: Readonly<Record<string, Target>>;
  /** Attributes deliberately not mapped, each with the reason. */
  readonly notMapped: Readonly<Record<string, string>>;
  /** ARM properties the provider always sends, whatever the configuration (`osProfile`...). */
  readonly constants?: Readonly<Record<string, Value>>;
  /**
   * Attributes marked ForceNew in the provider schema, other than those that name the resource: a
   * change to one plans a replace (delete, then create) instead of an update.
   */
  readonly forceNew?: readonly string[];
}

const ARGUMENT_ONLY = 'addresses the resource (its name and resource group), not a body property';
const TAGS: Target = { arm: 'tags' };
const COMPUTED = 'computed by Azure, never sent';
const NOT_READ = 'not read by any rule';

const GALLERY: ResourceMapping = {
  armType: 'Microsoft.Compute/galleries',
  apiVersion: '2022-03-03',
  name: { kind: 'name' },
  attributes: {
    location: { arm: 'location' },
    description: { arm: 'properties.description' },
    sharing: { block: 'properties.sharingProfile', single: true },
    'sharing.permission': { arm: 'permissions' },
    'sharing.community_gallery': { block: 'communityGalleryInfo', single: true },
    'sharing.community_gallery.eula': { arm: 'eula' },
    'sharing.community_gallery.prefix': { arm: 'publicNamePrefix' },
    'sharing.community_gallery.publisher_email': { arm: 'publisherContact' },
    'sharing.community_gallery.publisher_uri': { arm: 'publisherUri' },
    tags: TAGS,
  },
  notMapped: {
    name: ARGUMENT_ONLY,
    resource_group_name: ARGUMENT_ONLY,
    'sharing.community_gallery.name': COMPUTED,
    unique_name: COMPUTED,
  },
  forceNew: [
    'sharing', 'sharing.permission', 'sharing.community_gallery', 'sharing.community_gallery.eula', 'sharing.community_gallery.prefix',
    'sharing.community_gallery.publisher_email', 'sharing.community_gallery.publisher_uri',
  ],
};

const IMAGE: ResourceMapping = {
  armType: 'Microsoft.Compute/galleries/images',
  apiVersion: '2022-03-03',
  name: { kind: 'parents', parents: ['gallery_name'] },
  attributes: {
    location: { arm: 'location' },
    architecture: { arm: 'properties.architecture', default: 'x64' },
    os_type: { arm: 'properties.osType' },
    disk_types_not_allowed: { arm: 'properties.disallowed.diskTypes' },
    end_of_life_date: { arm: 'properties.endOfLifeDate' },
    hyper_v_generation: { arm: 'properties.hyperVGeneration', default: 'V1' },
    identifier: { block: 'properties.identifier', single: true },
    'identifier.publisher': { arm: 'publisher' },
    'identifier.offer': { arm: 'offer' },
    'identifier.sku': { arm: 'sku' },
    description: { arm: 'properties.description' },
    eula: { arm: 'properties.eula' },
    purchase_plan: { block: 'properties.purchasePlan', single: true },
    'purchase_plan.name': { arm: 'name' },
    'purchase_plan.publisher': { arm: 'publisher' },
    'purchase_plan.product': { arm: 'product' },
    privacy_statement_uri: { arm: 'properties.privacyStatementUri' },
    release_note_uri: { arm: 'properties.releaseNoteUri' },
    max_recommended_vcpu_count: { arm: 'properties.recommended.vCPUs.max', convert: { kind: 'omitZero' } },
    min_recommended_vcpu_count: { arm: 'properties.recommended.vCPUs.min', convert: { kind: 'omitZero' } },
    max_recommended_memory_in_gb: { arm: 'properties.recommended.memory.max', convert: { kind: 'omitZero' } },
    min_recommended_memory_in_gb: { arm: 'properties.recommended.memory.min', convert: { kind: 'omitZero' } },
    specialized: { arm: 'properties.osState', convert: { kind: 'osState' }, default: false },
    accelerated_network_support_enabled: { arm: 'properties.features', convert: { kind: 'feature', name: 'IsAcceleratedNetworkSupported', value: 'true' } },
    disk_controller_type_nvme_enabled: { arm: 'properties.features', convert: { kind: 'feature', name: 'DiskControllerTypes', value: 'SCSI, NVMe' } },
    trusted_launch_supported: { arm: 'properties.features', convert: { kind: 'feature', name: 'SecurityType', value: 'TrustedLaunchSupported' } },
    trusted_launch_enabled: { arm: 'properties.features', convert: { kind: 'feature', name: 'SecurityType', value: 'TrustedLaunch' } },
    confidential_vm_supported: { arm: 'properties.features', convert: { kind: 'feature', name: 'SecurityType', value: 'ConfidentialVmSupported' } },
    confidential_vm_enabled: { arm: 'properties.features', convert: { kind: 'feature', name: 'SecurityType', value: 'ConfidentialVM' } },
    hibernation_enabled: { arm: 'properties.features', convert: { kind: 'feature', name: 'IsHibernateSupported', value: 'true' } },
    tags: TAGS,
  },
  notMapped: {
    name: ARGUMENT_ONLY,
    gallery_name: ARGUMENT_ONLY,
    resource_group_name: ARGUMENT_ONLY,
  },
  forceNew: [
    'architecture', 'os_type', 'hyper_v_generation', 'identifier.publisher', 'identifier.offer', 'identifier.sku', 'eula',
    'purchase_plan.name', 'purchase_plan.publisher', 'purchase_plan.product', 'privacy_statement_uri', 'specialized',
    'trusted_launch_supported', 'trusted_launch_enabled', 'confidential_vm_supported', 'confidential_vm_enabled',
    'accelerated_network_support_enabled', 'hibernation_enabled', 'disk_controller_type_nvme_enabled',
  ],
};

const IMAGE_VERSION: ResourceMapping = {
  armType: 'Microsoft.Compute/galleries/images/versions',
  apiVersion: '2023-07-03',
  name: { kind: 'parents', parents: ['gallery_name', 'image_name'] },
  attributes: {
    location: { arm: 'location' },
    target_region: { block: 'properties.publishingProfile.targetRegions' },
    'target_region.name': { arm: 'name' },
    'target_region.regional_replica_count': { arm: 'regionalReplicaCount' },
    'target_region.disk_encryption_set_id': { arm: 'encryption.osDiskImage.diskEncryptionSetId' },
    'target_region.exclude_from_latest_enabled': { arm: 'excludeFromLatest', default: false },
    'target_region.storage_account_type': { arm: 'storageAccountType', default: 'Standard_LRS' },
    blob_uri: { arm: 'properties.storageProfile.osDiskImage.source.uri' },
    storage_account_id: { arm: 'properties.storageProfile.osDiskImage.source.storageAccountId' },
    end_of_life_date: { arm: 'properties.publishingProfile.endOfLifeDate' },
    os_disk_snapshot_id: { arm: 'properties.storageProfile.osDiskImage.source.id' },
    managed_image_id: {
      arm: 'properties.storageProfile.source.id',
      convert: { kind: 'imageOrVirtualMachine', virtualMachinePath: 'properties.storageProfile.source.virtualMachineId' },
    },
    replication_mode: { arm: 'properties.publishingProfile.replicationMode', default: 'Full' },
    exclude_from_latest: { arm: 'properties.publishingProfile.excludeFromLatest', default: false },
    deletion_of_replicated_locations_enabled: { arm: 'properties.safetyProfile.allowDeletionOfReplicatedLocations', default: false },
    uefi_settings: { block: 'properties.securityProfile.uefiSettings', single: true },
    'uefi_settings.signature_template_names': { arm: 'signatureTemplateNames' },
    tags: TAGS,
  },
  notMapped: {
    name: ARGUMENT_ONLY,
    gallery_name: ARGUMENT_ONLY,
    image_name: ARGUMENT_ONLY,
    resource_group_name: ARGUMENT_ONLY,
    'uefi_settings.additional_signatures': `UEFI keys; ${NOT_READ}`,
  },
  forceNew: [
    'target_region.disk_encryption_set_id', 'blob_uri', 'storage_account_id', 'os_disk_snapshot_id', 'managed_image_id',
    'replication_mode', 'deletion_of_replicated_locations_enabled',
  ],
};

const APPLICATION: ResourceMapping = {
  armType: 'Microsoft.Compute/galleries/applications',
  apiVersion: '2022-03-03',
  name: { kind: 'parentId', attribute: 'gallery_id' },
  attributes: {
    location: { arm: 'location' },
    supported_os_type: { arm: 'properties.supportedOSType' },
    description: { arm: 'properties.description' },
    end_of_life_date: { arm: 'properties.endOfLifeDate' },
    eula: { arm: 'properties.eula' },
    privacy_statement_uri: { arm: 'properties.privacyStatementUri' },
    release_note_uri: { arm: 'properties.releaseNoteUri' },
    tags: TAGS,
  },
  notMapped: {
    name: ARGUMENT_ONLY,
    gallery_id: ARGUMENT_ONLY,
  },
};

const APPLICATION_VERSION: ResourceMapping = {
  armType: 'Microsoft.Compute/galleries/applications/versions',
  apiVersion: '2022-03-03',
  name: { kind: 'parentId', attribute: 'gallery_application_id' },
  attributes: {
    location: { arm: 'location' },
    config_file: { arm: 'properties.settings.configFileName' },
    package_file: { arm: 'properties.settings.packageFileName' },
    enable_health_check: { arm: 'properties.publishingProfile.enableHealthCheck', default: false },
    end_of_life_date: { arm: 'properties.publishingProfile.endOfLifeDate' },
    exclude_from_latest: { arm: 'properties.publishingProfile.excludeFromLatest', default: false },
    manage_action: { block: 'properties.publishingProfile.manageActions', single: true },
    'manage_action.install': { arm: 'install' },
    'manage_action.remove': { arm: 'remove' },
    'manage_action.update': { arm: 'update' },
    source: { block: 'properties.publishingProfile.source', single: true },
    'source.media_link': { arm: 'mediaLink' },
    'source.default_configuration_link': { arm: 'defaultConfigurationLink' },
    target_region: { block: 'properties.publishingProfile.targetRegions' },
    'target_region.name': { arm: 'name' },
    'target_region.regional_replica_count': { arm: 'regionalReplicaCount' },
    'target_region.exclude_from_latest': { arm: 'excludeFromLatest', default: false },
    'target_region.storage_account_type': { arm: 'storageAccountType', default: 'Standard_LRS' },
    tags: TAGS,
  },
  notMapped: {
    name: ARGUMENT_ONLY,
    gallery_application_id: ARGUMENT_ONLY,
  },
};

/** The attributes virtual machines and scale sets share, relative to the VM profile (`properties.` or `properties.virtualMachineProfile.`). */
function machineAttributes(profile: string, os: 'Linux' | 'Windows'): Record<string, Target> {
  const common: Record<string, Target> = {
    source_image_id: { arm: `${profile}storageProfile.imageReference.id` },
    source_image_reference: { block: `${profile}storageProfile.imageReference`, single: true },
    'source_image_reference.publisher': { arm: 'publisher' },
    'source_image_reference.offer': { arm: 'offer' },
    'source_image_reference.sku': { arm: 'sku' },
    'source_image_reference.version': { arm: 'version' },
    os_disk: { block: `${profile}storageProfile.osDisk`, single: true },
    'os_disk.caching': { arm: 'caching' },
    'os_disk.storage_account_type': { arm: 'managedDisk.storageAccountType' },
    'os_disk.disk_encryption_set_id': { arm: 'managedDisk.diskEncryptionSet.id' },
    'os_disk.disk_size_gb': { arm: 'diskSizeGB' },
    'os_disk.diff_disk_settings': { block: 'diffDiskSettings', single: true },
    'os_disk.diff_disk_settings.option': { arm: 'option' },
    'os_disk.diff_disk_settings.placement': { arm: 'placement' },
    admin_username: { arm: `${profile}osProfile.adminUsername` },
    admin_password: { arm: `${profile}osProfile.adminPassword` },
    custom_data: { arm: `${profile}osProfile.customData` },
    plan: { block: 'plan', single: true },
    'plan.name': { arm: 'name' },
    'plan.product': { arm: 'product' },
    'plan.publisher': { arm: 'publisher' },
    tags: TAGS,
  };
  if (os === 'Linux') {
    common.admin_ssh_key = { block: `${profile}osProfile.linuxConfiguration.ssh.publicKeys` };
    common['admin_ssh_key.public_key'] = { arm: 'keyData' };
    common['admin_ssh_key.username'] = { arm: 'path', convert: { kind: 'sshKeyPath' } };
    common.disable_password_authentication = { arm: `${profile}osProfile.linuxConfiguration.disablePasswordAuthentication`, default: true };
  } else {
    common.enable_automatic_updates = { arm: `${profile}osProfile.windowsConfiguration.enableAutomaticUpdates`, default: true };
  }
  return common;
}

function virtualMachine(os: 'Linux' | 'Windows'): ResourceMapping {
  return {
    armType: 'Microsoft.Compute/virtualMachines',
    apiVersion: '2024-03-01',
    name: { kind: 'name' },
    attributes: {
      location: { arm: 'location' },
      size: { arm: 'properties.hardwareProfile.vmSize' },
      computer_name: { arm: 'properties.osProfile.computerName' },
      zone: { arm: 'zones', convert: { kind: 'wrapInArray' } },
      license_type: { arm: 'properties.licenseType' },
      ...machineAttributes('properties.', os),
    },
    // The provider always sends an OS profile and the OS disk's OS type (SIG402 depends on it).
    constants: { 'properties.storageProfile.osDisk.osType': os, 'properties.storageProfile.osDisk.createOption': 'FromImage' },
    notMapped: { name: ARGUMENT_ONLY, resource_group_name: ARGUMENT_ONLY, network_interface_ids: NOT_READ },
  };
}

function scaleSet(os: 'Linux' | 'Windows'): ResourceMapping {
  return {
    armType: 'Microsoft.Compute/virtualMachineScaleSets',
    apiVersion: '2024-03-01',
    name: { kind: 'name' },
    attributes: {
      location: { arm: 'location' },
      sku: { arm: 'sku.name' },
      instances: { arm: 'sku.capacity' },
      computer_name_prefix: { arm: 'properties.virtualMachineProfile.osProfile.computerNamePrefix' },
      zones: { arm: 'zones' },
      upgrade_mode: { arm: 'properties.upgradePolicy.mode', default: 'Manual' },
      ...machineAttributes('properties.virtualMachineProfile.', os),
    },
    constants: {
      'properties.virtualMachineProfile.storageProfile.osDisk.osType': os,
      'properties.virtualMachineProfile.storageProfile.osDisk.createOption': 'FromImage',
    },
    notMapped: { name: ARGUMENT_ONLY, resource_group_name: ARGUMENT_ONLY, network_interface: NOT_READ },
  };
}

/**
 * The legacy `azurerm_virtual_machine`: unlike the Linux and Windows VM resources, its `os_profile`
 * block is optional and `osProfile` is sent only when it is written, so it can deploy a Specialized
 * gallery image (SIG402 points to it). `os_profile_linux_config` / `os_profile_windows_config` are
 * sent inside `osProfile`, only with `os_profile`.
 */
const LEGACY_VIRTUAL_MACHINE: ResourceMapping = {
  armType: 'Microsoft.Compute/virtualMachines',
  apiVersion: '2024-03-01',
  name: { kind: 'name' },
  attributes: {
    location: { arm: 'location' },
    vm_size: { arm: 'properties.hardwareProfile.vmSize' },
    zones: { arm: 'zones' },
    license_type: { arm: 'properties.licenseType' },
    storage_image_reference: { block: 'properties.storageProfile.imageReference', single: true },
    'storage_image_reference.id': { arm: 'id' },
    'storage_image_reference.publisher': { arm: 'publisher' },
    'storage_image_reference.offer': { arm: 'offer' },
    'storage_image_reference.sku': { arm: 'sku' },
    'storage_image_reference.version': { arm: 'version' },
    storage_os_disk: { block: 'properties.storageProfile.osDisk', single: true },
    'storage_os_disk.name': { arm: 'name' },
    'storage_os_disk.create_option': { arm: 'createOption' },
    'storage_os_disk.caching': { arm: 'caching' },
    'storage_os_disk.os_type': { arm: 'osType' },
    'storage_os_disk.disk_size_gb': { arm: 'diskSizeGB' },
    'storage_os_disk.managed_disk_type': { arm: 'managedDisk.storageAccountType' },
    'storage_os_disk.managed_disk_id': { arm: 'managedDisk.id' },
    'storage_os_disk.vhd_uri': { arm: 'vhd.uri' },
    storage_data_disk: { block: 'properties.storageProfile.dataDisks' },
    'storage_data_disk.name': { arm: 'name' },
    'storage_data_disk.lun': { arm: 'lun' },
    'storage_data_disk.create_option': { arm: 'createOption' },
    'storage_data_disk.caching': { arm: 'caching' },
    'storage_data_disk.disk_size_gb': { arm: 'diskSizeGB' },
    'storage_data_disk.managed_disk_type': { arm: 'managedDisk.storageAccountType' },
    'storage_data_disk.managed_disk_id': { arm: 'managedDisk.id' },
    'storage_data_disk.vhd_uri': { arm: 'vhd.uri' },
    os_profile: { block: 'properties.osProfile', single: true },
    'os_profile.computer_name': { arm: 'computerName' },
    'os_profile.admin_username': { arm: 'adminUsername' },
    'os_profile.admin_password': { arm: 'adminPassword' },
    'os_profile.custom_data': { arm: 'customData' },
    tags: TAGS,
  },
  notMapped: {
    name: ARGUMENT_ONLY,
    resource_group_name: ARGUMENT_ONLY,
    network_interface_ids: NOT_READ,
    os_profile_linux_config: `sent inside osProfile, only with os_profile; ${NOT_READ}`,
    os_profile_windows_config: `sent inside osProfile, only with os_profile; ${NOT_READ}`,
  },
};

const MANAGED_DISK: ResourceMapping = {
  armType: 'Microsoft.Compute/disks',
  apiVersion: '2023-04-02',
  name: { kind: 'name' },
  attributes: {
    location: { arm: 'location' },
    storage_account_type: { arm: 'sku.name' },
    create_option: { arm: 'properties.creationData.createOption' },
    source_resource_id: { arm: 'properties.creationData.sourceResourceId' },
    source_uri: { arm: 'properties.creationData.sourceUri' },
    storage_account_id: { arm: 'properties.creationData.storageAccountId' },
    image_reference_id: { arm: 'properties.creationData.imageReference.id' },
    gallery_image_reference_id: { arm: 'properties.creationData.galleryImageReference.id' },
    os_type: { arm: 'properties.osType' },
    hyper_v_generation: { arm: 'properties.hyperVGeneration' },
    disk_size_gb: { arm: 'properties.diskSizeGB' },
    disk_encryption_set_id: { arm: 'properties.encryption.diskEncryptionSetId' },
    zone: { arm: 'zones', convert: { kind: 'wrapInArray' } },
    tags: TAGS,
  },
  notMapped: { name: ARGUMENT_ONLY, resource_group_name: ARGUMENT_ONLY },
};

const SNAPSHOT: ResourceMapping = {
  armType: 'Microsoft.Compute/snapshots',
  apiVersion: '2023-04-02',
  name: { kind: 'name' },
  attributes: {
    location: { arm: 'location' },
    create_option: { arm: 'properties.creationData.createOption' },
    source_resource_id: { arm: 'properties.creationData.sourceResourceId' },
    source_uri: { arm: 'properties.creationData.sourceUri' },
    storage_account_id: { arm: 'properties.creationData.storageAccountId' },
    disk_size_gb: { arm: 'properties.diskSizeGB' },
    incremental_enabled: { arm: 'properties.incremental', default: false },
    tags: TAGS,
  },
  notMapped: { name: ARGUMENT_ONLY, resource_group_name: ARGUMENT_ONLY },
};

const DISK_ENCRYPTION_SET: ResourceMapping = {
  armType: 'Microsoft.Compute/diskEncryptionSets',
  apiVersion: '2023-04-02',
  name: { kind: 'name' },
  attributes: {
    location: { arm: 'location' },
    key_vault_key_id: { arm: 'properties.activeKey.keyUrl' },
    encryption_type: { arm: 'properties.encryptionType', default: 'EncryptionAtRestWithCustomerKey' },
    auto_key_rotation_enabled: { arm: 'properties.rotationToLatestKeyVersionEnabled', default: false },
    federated_client_id: { arm: 'properties.federatedClientId' },
    identity: { block: 'identity', single: true },
    'identity.type': { arm: 'type' },
    tags: TAGS,
  },
  notMapped: { name: ARGUMENT_ONLY, resource_group_name: ARGUMENT_ONLY },
};

const IMAGE_RESOURCE: ResourceMapping = {
  armType: 'Microsoft.Compute/images',
  apiVersion: '2022-03-01',
  name: { kind: 'name' },
  attributes: {
    location: { arm: 'location' },
    source_virtual_machine_id: { arm: 'properties.sourceVirtualMachine.id' },
    hyper_v_generation: { arm: 'properties.hyperVGeneration', default: 'V1' },
    zone_resilient: { arm: 'properties.storageProfile.zoneResilient', default: false },
    os_disk: { block: 'properties.storageProfile.osDisk', single: true },
    'os_disk.os_type': { arm: 'osType' },
    'os_disk.os_state': { arm: 'osState' },
    'os_disk.managed_disk_id': { arm: 'managedDisk.id' },
    'os_disk.blob_uri': { arm: 'blobUri' },
    'os_disk.caching': { arm: 'caching' },
    'os_disk.size_gb': { arm: 'diskSizeGB' },
    'os_disk.storage_type': { arm: 'storageAccountType' },
    'os_disk.disk_encryption_set_id': { arm: 'diskEncryptionSet.id' },
    data_disk: { block: 'properties.storageProfile.dataDisks' },
    'data_disk.lun': { arm: 'lun' },
    'data_disk.managed_disk_id': { arm: 'managedDisk.id' },
    'data_disk.blob_uri': { arm: 'blobUri' },
    'data_disk.caching': { arm: 'caching' },
    'data_disk.size_gb': { arm: 'diskSizeGB' },
    'data_disk.storage_type': { arm: 'storageAccountType' },
    'data_disk.disk_encryption_set_id': { arm: 'diskEncryptionSet.id' },
    tags: TAGS,
  },
  notMapped: { name: ARGUMENT_ONLY, resource_group_name: ARGUMENT_ONLY },
};

export const MAPPINGS: ReadonlyMap<string, ResourceMapping> = new Map([
  ['azurerm_shared_image_gallery', GALLERY],
  ['azurerm_shared_image', IMAGE],
  ['azurerm_shared_image_version', IMAGE_VERSION],
  ['azurerm_gallery_application', APPLICATION],
  ['azurerm_gallery_application_version', APPLICATION_VERSION],
  ['azurerm_virtual_machine', LEGACY_VIRTUAL_MACHINE],
  ['azurerm_linux_virtual_machine', virtualMachine('Linux')],
  ['azurerm_windows_virtual_machine', virtualMachine('Windows')],
  ['azurerm_linux_virtual_machine_scale_set', scaleSet('Linux')],
  ['azurerm_windows_virtual_machine_scale_set', scaleSet('Windows')],
  ['azurerm_managed_disk', MANAGED_DISK],
  ['azurerm_snapshot', SNAPSHOT],
  ['azurerm_disk_encryption_set', DISK_ENCRYPTION_SET],
  ['azurerm_image', IMAGE_RESOURCE],
]);

/**
 * The ARM body path of a Terraform attribute path (`["identifier", 0, "sku"]` ->
 * `properties.identifier.sku`), as the provider sends it; undefined when the attribute is not mapped
 * or sits in a repeated block and no element index is given.
 */
export function armPathOf(mapping: ResourceMapping, path: readonly (string | number)[]): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  let prefix = '';
  let inRepeatedBlock = false;
  for (const step of path) {
    if (typeof step === 'number') {
      // Plans write every block as a list: a single block's element 0 is the block itself.
      if (inRepeatedBlock) out.push(step);
      inRepeatedBlock = false;
      continue;
    }
    if (inRepeatedBlock) return undefined;
    const attribute = `${prefix}${step}`;
    const target = mapping.attributes[attribute];
    if (!target) return undefined;
    if (!isBlock(target)) {
      out.push(...target.arm.split('.'));
      return out;
    }
    out.push(...target.block.split('.'));
    inRepeatedBlock = target.single !== true;
    prefix = `${attribute}.`;
  }
  return out;
}

/** The ARM type of `azapi_resource.type` (`Microsoft.Compute/galleries/images@2024-03-03`). */
export function parseAzapiType(type: string): { armType: string; apiVersion: string } | undefined {
  const m = /^([A-Za-z0-9.]+\/[A-Za-z0-9./]+)@([0-9]{4}-[0-9]{2}-[0-9]{2}(?:-[A-Za-z]+)?)$/.exec(type.trim());
  return m ? { armType: m[1] as string, apiVersion: m[2] as string } : undefined;
}
