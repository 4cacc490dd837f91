import { defineRule } from '@sigil/core';
import {
  DATA_ID, MAX_DISKS, OS_ID, SOURCE_ID, SOURCE_VM_ID, VERSION_TYPE, LenientId, pointAt,
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

/** The data disks' source ids: one value count over them, the finding on the last disk that fails. */
function dataDisks(): Record<string, unknown>[] {
  return (['notFullId', 'malformed'] as const).map((check: Check) => ({
    messageId: check,
    messageData: { source: 'Data disk source id' },
    count: {
      value: `[take(field('${DATA_ID}'), ${MAX_DISKS})]`,
      name: 'disk',
      where: {
        allOf: [
          { value: "[current('disk')]", notEquals: '' },
          LenientId.bind('id', "current('disk')", LenientId.bound('id')[check]()),
          pointAt(DATA_ID, "current('disk')"),
        ],
      },
    },
    greater: 0,
  }));
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
          ...dataDisks(),
        ],
      },
    ],
  },
});
