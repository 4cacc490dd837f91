import { defineRule } from '@sigil/core';
import {
  AT_DATA_DISK_ID, OS_ID, SOURCE_ID, SOURCE_VM_ID, VERSION_TYPE, LenientId, eachDataDiskId,
} from '../../lib/source-id.js';

type Check = 'notFullId' | 'malformed';

/** A source id property that holds one value: its checks, with the finding on the property. */
function single(alias: string, source: string, optionalSlash = false): Record<string, unknown>[] {
  return (['notFullId', 'malformed'] as const).map((check: Check) => ({
    messageId: check,
    messageData: { source },
    allOf: [{ field: alias, notEquals: '' }, LenientId.of(`field('${alias}')`, optionalSlash)[check]()],
  }));
}

/**
 * The data disks' source ids: a field count over the disks, whose `where` reports each disk that
 * fails a check, on its id.
 */
function dataDisks(): Record<string, unknown> {
  const id = LenientId.bound('id');
  return eachDataDiskId({
    anyOf: (['notFullId', 'malformed'] as const).map((check: Check) => ({
      messageId: check,
      messageData: { source: 'Data disk source id' },
      allOf: [id[check](), AT_DATA_DISK_ID],
    })),
  });
}

export default defineRule({
  code: 'SIG306',
  name: 'source-id-format',
  meta: {
    title: 'Image version source ids must be full resource ids',
    severity: 'error',
    resourceTypes: [VERSION_TYPE],
    summary:
      'The source of an image version (storageProfile.source.id, source.virtualMachineId, osDiskImage.source.id, dataDiskImages[].source.id) is a full resource id: /subscriptions/{subscription GUID}/resourceGroups/{group}/providers/{namespace}/{type}/{name}.',
    fix: 'Write the full resource id of the source, for example /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/build/providers/Microsoft.Compute/snapshots/os-disk, or build it with resourceId() in ARM and the resource\'s id property in Bicep. A VHD blob goes in source.uri (with source.storageAccountId), not in source.id.',
    azureErrors: [
      "The property id <resourceID> at path 'properties.storageProfile.<diskImages>.source.id' is invalid. Expect fully qualified resource Id that start with '/subscriptions/{subscriptionId}' or '/providers/{resourceProviderNamespace}/'.",
    ],
  },
  messages: {
    notFullId: '{source} "{value}" is not a full resource id; it must start with "/subscriptions/" or "/providers/"',
    malformed:
      '{source} "{value}" is not a valid resource id; expected /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/<namespace>/<type>/<name>',
  },
  condition: {
    allOf: [
      { field: 'type', equals: VERSION_TYPE },
      {
        anyOf: [
          ...single(SOURCE_ID, 'Source id'),
          ...single(SOURCE_VM_ID, 'Source virtualMachineId', true),
          ...single(OS_ID, 'OS disk source id'),
          dataDisks(),
        ],
      },
    ],
  },
});
