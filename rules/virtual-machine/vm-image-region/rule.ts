import { defineRule } from '@sigil/core';
import { IMAGE_VERSION, SCALE_SET, VIRTUAL_MACHINE, locationOf, nameOf, sameRegion } from '../../lib/links.js';
import { canBeLatestIn, latestCandidates, machineImages, machineKind, versionRegions } from '../../lib/machines.js';

const VM_IMAGE = 'Microsoft.Compute/virtualMachines/storageProfile.imageReference.id';
const VMSS_IMAGE = 'Microsoft.Compute/virtualMachineScaleSets/virtualMachineProfile.storageProfile.imageReference.id';
const TARGET_REGIONS = `${IMAGE_VERSION}/publishingProfile.targetRegions[*]`;

/** The image id of the evaluated VM or scale set, '' when it has none (so that no function can fail). */
const IMAGE_ID = `coalesce(if(equals(toLower(field('type')), 'microsoft.compute/virtualmachines'), field('${VM_IMAGE}'), field('${VMSS_IMAGE}')), '')`;
/** Segment `i` of the image id: `/subscriptions/{2}/resourceGroups/{4}/providers/Microsoft.Compute/galleries/{8}/images/{10}/versions/{12}`. */
const segment = (i: number) => `split(${IMAGE_ID}, '/')[${i}]`;
/** A region name as Azure compares them: `West Europe` = `westeurope` (the version may hold either form). */
const region = (expr: string) => `toLower(replace(string(${expr}), ' ', ''))`;

export default defineRule({
  code: 'SIG401',
  name: 'vm-image-region',
  meta: {
    title: 'A VM\'s region must be a target region of the image version it uses',
    severity: 'error',
    resourceTypes: [VIRTUAL_MACHINE, SCALE_SET],
    summary:
      'A VM or scale set uses a gallery image version that is not replicated to the VM\'s location; for an image definition (the latest version), no declared version that can be the latest is replicated there.',
    fix: 'Add the VM\'s region to the image version\'s publishingProfile.targetRegions (and wait for the replication), or create the VM in one of the version\'s target regions. For a reference to the definition, replicate the latest version (the highest one not excluded from latest) to that region.',
    azureErrors: [
      "The gallery image <imageId> is not available in <region> region. Please contact image owner to replicate to this region, or change your requested region.",
    ],
  },
  // Azure Policy: an AuditIfNotExists on VMs and scale sets that name an image version of their own
  // subscription; the related resource is that version, compliant when one of its target regions is
  // the VM's location. In an existenceCondition, `field` keys read the version and `[field()]` in
  // values reads the VM (as Azure's built-in network watcher policy compares locations).
  existencePolicy: {
    if: {
      allOf: [
        { field: 'type', in: [VIRTUAL_MACHINE, SCALE_SET] },
        { value: `[toLower(${IMAGE_ID})]`, like: '/subscriptions/*/resourcegroups/*/providers/microsoft.compute/galleries/*/images/*/versions/*' },
        { value: `[length(split(${IMAGE_ID}, '/'))]`, equals: 13 },
        // Only a version of the VM's subscription: the policy looks for it there.
        { value: `[if(equals(length(split(${IMAGE_ID}, '/')), 13), toLower(${segment(2)}), '')]`, equals: '[toLower(subscription().subscriptionId)]' },
      ],
    },
    details: {
      type: IMAGE_VERSION,
      name: `[concat(${segment(8)}, '/', ${segment(10)}, '/', ${segment(12)})]`,
      resourceGroupName: `[${segment(4)}]`,
      existenceCondition: {
        anyOf: [
          {
            count: {
              field: TARGET_REGIONS,
              where: { value: `[${region(`current('${TARGET_REGIONS}.name')`)}]`, equals: `[${region("field('location')")}]` },
            },
            greater: 0,
          },
          // A version without target regions is in its own location only.
          { allOf: [{ count: { field: TARGET_REGIONS }, equals: 0 }, { field: 'location', equals: "[field('location')]" }] },
        ],
      },
    },
  },
  messages: {
    notInVersionRegions: 'The {machineKind} "{machine}" is in "{location}", which is not a target region of the image version "{version}" ({regions})',
    notInLatestRegions: 'The {machineKind} "{machine}" is in "{location}", where no version the files declare for the image definition "{definition}" that can be the latest is replicated (regions where each version can be the latest: {regions})',
  },
  *check({ graph }) {
    for (const { machine, path, version, definition } of machineImages(graph)) {
      const location = locationOf(machine);
      if (!location) continue;
      const data = { machineKind: machineKind(machine), machine: nameOf(machine), location: location.value };
      if (version) {
        const regions = versionRegions(version);
        if (!regions || regions.some((r) => sameRegion(r.name, location.value))) continue;
        yield {
          resource: machine, path, messageId: 'notInVersionRegions',
          data: { ...data, version: nameOf(version), regions: regions.map((r) => r.name).join(', ') },
          related: [{ resource: version, path: ['properties', 'publishingProfile'], message: `the target regions of the image version "${nameOf(version)}"` }],
        };
        continue;
      }
      const candidates = latestCandidates(graph, definition);
      if (!candidates || candidates.length === 0) continue;
      if (candidates.some((c) => canBeLatestIn(c, location.value))) continue;
      yield {
        resource: machine, path, messageId: 'notInLatestRegions',
        data: { ...data, definition: nameOf(definition), regions: candidates.map((c) => `${c.version.name as string}: ${c.regions.filter((r) => !r.excludedFromLatest).map((r) => r.name).join(', ')}`).join('; ') },
        related: candidates.map((c) => ({ resource: c.version, path: ['properties', 'publishingProfile'], message: `the target regions of the image version "${nameOf(c.version)}"` })),
      };
    }
  },
});

