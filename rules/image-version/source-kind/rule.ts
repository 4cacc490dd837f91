import { defineRule } from '@sigil/core';
import {
  AT_DATA_DISK_ID, OS_ID, SOURCE_ID, VERSION_TYPE, LenientId, eachDataDiskId,
} from '../../lib/source-id.js';

type Kind = readonly [namespace: string, ...types: string[]];

const IMAGE: Kind = ['Microsoft.Compute', 'images'];
const VM: Kind = ['Microsoft.Compute', 'virtualMachines'];
const IMAGE_VERSION: Kind = ['Microsoft.Compute', 'galleries', 'images', 'versions'];
const IMAGE_DEFINITION: Kind = ['Microsoft.Compute', 'galleries', 'images'];
// Whether the service captures a scale set instance is not documented: not reported.
const SCALE_SET_VM: Kind = ['Microsoft.Compute', 'virtualMachineScaleSets', 'virtualMachines'];
const DISK: Kind = ['Microsoft.Compute', 'disks'];
const SNAPSHOT: Kind = ['Microsoft.Compute', 'snapshots'];
// API versions up to 2021-10-01 described a VHD source as { id: <storage account>, uri: <blob> }.
const STORAGE_ACCOUNT: Kind = ['Microsoft.Storage', 'storageAccounts'];

/**
 * Kinds accepted under storageProfile.source.id: the guide's managed image, virtual machine and
 * gallery image version, the disk and snapshot that the API reference lists too (2024-03-03 and
 * later), and the storage account of the description up to 2022-03-03.
 */
const SOURCE_KINDS: readonly Kind[] = [IMAGE, VM, IMAGE_VERSION, DISK, SNAPSHOT, STORAGE_ACCOUNT, SCALE_SET_VM];
/** Kinds accepted under a disk's source.id: managed disk and snapshot (and the legacy storage account). */
const DISK_KINDS: readonly Kind[] = [DISK, SNAPSHOT, STORAGE_ACCOUNT];
/** Whole-image sources given on a disk: the message says where they belong. */
const IMAGE_KINDS: readonly Kind[] = [IMAGE, VM, IMAGE_VERSION, SCALE_SET_VM];

const isAny = (id: LenientId, kinds: readonly Kind[]) => ({ anyOf: kinds.map((k) => id.kind(...k)) });
const isNone = (id: LenientId, kinds: readonly Kind[]) => ({ not: isAny(id, kinds) });

/** The checks of one id: [messageId, what the well-formed id must be for the message]. */
function checks(id: LenientId, level: 'source' | 'disk'): [string, Record<string, unknown>][] {
  if (level === 'source') {
    return [
      ['imageDefinition', id.kind(...IMAGE_DEFINITION)],
      ['notImageSource', { allOf: [isNone(id, SOURCE_KINDS), { not: id.kind(...IMAGE_DEFINITION) }] }],
    ];
  }
  return [
    ['imageOnDisk', isAny(id, IMAGE_KINDS)],
    ['notDiskSource', { allOf: [isNone(id, DISK_KINDS), isNone(id, IMAGE_KINDS)] }],
  ];
}

function single(alias: string, source: string, level: 'source' | 'disk'): Record<string, unknown>[] {
  const id = LenientId.bound('id');
  return checks(id, level).map(([messageId, kind]) => ({
    messageId,
    messageData: { source },
    allOf: [{ field: alias, notEquals: '' }, LenientId.bind('id', `field('${alias}')`, { allOf: [id.wellFormed(), kind] })],
  }));
}

/**
 * The data disks' source ids: a field count over the disks, whose `where` reports each disk of a
 * wrong kind, on its id.
 */
function dataDisks(): Record<string, unknown> {
  const id = LenientId.bound('id');
  return eachDataDiskId({
    allOf: [
      id.wellFormed(),
      {
        anyOf: checks(id, 'disk').map(([messageId, kind]) => ({
          messageId,
          messageData: { source: 'Data disk source id' },
          allOf: [kind, AT_DATA_DISK_ID],
        })),
      },
    ],
  });
}

export default defineRule({
  code: 'SIG307',
  name: 'source-kind',
  meta: {
    title: 'Image version sources must be of a kind Azure accepts',
    severity: 'error',
    resourceTypes: [VERSION_TYPE],
    summary:
      'storageProfile.source.id names a managed image, a virtual machine, a gallery image version, a disk or a snapshot (never an image definition); an OS or data disk source.id names a managed disk or a snapshot.',
    fix: 'Use an image version id (…/galleries/{gallery}/images/{image}/versions/{version}), not the image definition. Give a managed image, virtual machine or gallery image version in storageProfile.source.id, and managed disks or snapshots in osDiskImage.source.id and dataDiskImages[].source.id.',
    azureErrors: [
      'The source id: <resourceID> must be a managed image, virtual machine or another gallery image version.',
      'The source id: <resourceID> must be a managed disk or snapshot.',
    ],
  },
  messages: {
    imageDefinition: '{source} "{value}" is an image definition; use one of its versions (…/versions/<version>)',
    notImageSource: '{source} "{value}" is not a managed image, virtual machine, gallery image version, disk or snapshot',
    imageOnDisk:
      '{source} "{value}" is a whole image (managed image, virtual machine or image version), not a disk; give it in storageProfile.source.id, or use a managed disk or snapshot',
    notDiskSource: '{source} "{value}" is not a managed disk or snapshot',
  },
  condition: {
    allOf: [
      { field: 'type', equals: VERSION_TYPE },
      {
        anyOf: [
          ...single(SOURCE_ID, 'Source id', 'source'),
          ...single(OS_ID, 'OS disk source id', 'disk'),
          dataDisks(),
        ],
      },
    ],
  },
});
