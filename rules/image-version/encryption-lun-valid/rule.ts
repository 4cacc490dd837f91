import { defineRule, isObject, type Resource } from '@sigil/core';
import {
  DATA_DISK_LUN, ENCRYPTED_DATA_DISKS, ENCRYPTED_LUN, IMAGE_VERSION, LEGACY_SOURCE, REGION_NAME_TEXT, STORAGE_SOURCE,
  TARGET_REGIONS,
} from '../../lib/encryption.js';
import { MANAGED_IMAGE, VIRTUAL_MACHINE, arrayAt, kindOf, nameOf, sameType } from '../../lib/links.js';
import { VERSION_SOURCE_PATHS, versionSource } from '../../lib/sources.js';

const LUNS = `field('${DATA_DISK_LUN}')`;

/**
 * The azurerm VM resources hold no data disks: `azurerm_virtual_machine_data_disk_attachment`
 * (which sigil does not read) attaches them, so their LUNs are not in the files.
 */
const AZURERM_VM = /(?:^|\.)azurerm_(?:linux_|windows_)?virtual_machine\./;

function disksAttachedElsewhere(source: Resource): boolean {
  return source.frontend === 'terraform' && AZURERM_VM.test(source.label);
}

/** The data disks' LUNs for the message, as Azure lists them ("0, 1"), or "none". */
const LUNS_TEXT = `[if(empty(${LUNS}), 'none', replace(replace(replace(string(${LUNS}), '[', ''), ']', ''), ',', ', '))]`;

export default defineRule<'invalidLun' | 'invalidSourceLun'>({
  code: 'SIG312',
  name: 'encryption-lun-valid',
  meta: {
    title: 'Encrypted data disk LUNs must be data disks of the image version',
    severity: 'error',
    resourceTypes: [IMAGE_VERSION],
    summary:
      'A LUN in the encryption.dataDiskImages of a target region is not the LUN of one of the data disks listed in storageProfile.dataDiskImages.',
    fix: 'Use the LUN of one of the version\'s data disks (storageProfile.dataDiskImages[].lun) in encryption.dataDiskImages, or remove the entry. When the version has no data disks, remove encryption.dataDiskImages.',
    azureErrors: [
      "An invalid lun [<number>] was specified in encryption.dataDiskImages. The lun must be one of the following values ['<luns>'].",
    ],
  },
  messages: {
    invalidLun:
      'Encryption of target region "{region}" is set for data disk LUN {value}, but the image version has no data disk with this LUN in storageProfile.dataDiskImages (its LUNs: {luns})',
    invalidSourceLun:
      'Encryption of target region "{region}" is set for data disk LUN {value}, but the source {sourceKind} "{source}" has no data disk with this LUN (its LUNs: {luns})',
  },
  condition: {
    allOf: [
      { field: 'type', equals: IMAGE_VERSION },
      // A version made from an image or a VM takes its data disks from the source: their LUNs are
      // not in the version, and only a graph rule that reads the source can check them.
      { field: STORAGE_SOURCE, exists: false },
      { field: LEGACY_SOURCE, exists: false },
      {
        // Each region's entries (a field count nested in the count over the regions, so that the
        // message can name the region): each LUN that is not a disk's is reported, on the LUN.
        count: {
          field: TARGET_REGIONS,
          where: {
            count: {
              field: ENCRYPTED_DATA_DISKS,
              where: {
                messageId: 'invalidLun',
                messageData: { region: REGION_NAME_TEXT, luns: LUNS_TEXT },
                allOf: [
                  // An entry written without a LUN is not an invalid LUN.
                  { field: ENCRYPTED_DATA_DISKS, containsKey: 'lun' },
                  { not: { field: ENCRYPTED_LUN, in: `[${LUNS}]` } },
                ],
              },
            },
            greater: 0,
          },
        },
        greater: 0,
      },
    ],
  },
  // A version made from a VM or a managed image takes its data disks, and their LUNs, from the source:
  // when the run declares that source, its LUNs are known (lint only: the policy cannot read the source).
  *check({ graph }) {
    for (const version of graph.ofType(IMAGE_VERSION)) {
      const link = versionSource(graph, version, VERSION_SOURCE_PATHS);
      if (!link || !(sameType(link.source, VIRTUAL_MACHINE) || sameType(link.source, MANAGED_IMAGE))) continue;
      if (disksAttachedElsewhere(link.source)) continue;
      const disks = arrayAt(link.source, ['properties', 'storageProfile', 'dataDisks']);
      const luns = disks?.map((d) => (isObject(d) ? d.lun : undefined));
      if (!luns || luns.some((l) => typeof l !== 'number')) continue;
      const regions = arrayAt(version, ['properties', 'publishingProfile', 'targetRegions']) ?? [];
      for (const [r, region] of regions.entries()) {
        const encrypted = isObject(region) && isObject(region.encryption) ? region.encryption.dataDiskImages : undefined;
        if (!isObject(region) || typeof region.name !== 'string' || !Array.isArray(encrypted)) continue;
        for (const [e, entry] of encrypted.entries()) {
          const lun = isObject(entry) ? entry.lun : undefined;
          if (typeof lun !== 'number' || luns.includes(lun)) continue;
          yield {
            resource: version,
            path: ['properties', 'publishingProfile', 'targetRegions', r, 'encryption', 'dataDiskImages', e, 'lun'],
            messageId: 'invalidSourceLun',
            data: { region: region.name, value: lun, sourceKind: kindOf(link.source), source: nameOf(link.source), luns: luns.length === 0 ? 'none' : luns.join(', ') },
            related: [{ resource: link.source, path: ['properties', 'storageProfile'], message: `the disks of the ${kindOf(link.source)} "${nameOf(link.source)}"` }],
          };
        }
      }
    }
  },
});
