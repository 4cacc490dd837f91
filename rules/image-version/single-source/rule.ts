import { defineRule } from '@sigil/core';
import {
  DATA_DISKS, DATA_ID, DATA_LUN, DATA_URI, LEGACY_SOURCE_ID, OS_ID, OS_URI, RESTORE, SOURCE_COMMUNITY_ID, SOURCE_ID,
  SOURCE_URI, SOURCE_VM_ID, STORAGE_PROFILE, VERSION_TYPE,
} from '../../lib/source-id.js';

/** Set and not empty (a missing property and null compare as ""). */
const given = (alias: string) => ({ field: alias, notEquals: '' });

/** Some member of a `[*]` alias is set and not empty; the evidence is those members. */
const givenOnSome = (alias: string) => ({ not: { field: alias, equals: '' } });

/** A source directly under storageProfile: an image, VM or image version id, a VM id, a community image, a URI. */
const PROFILE_SOURCE = { anyOf: [SOURCE_ID, SOURCE_VM_ID, SOURCE_COMMUNITY_ID, SOURCE_URI].map(given) };
const OS_SOURCE = { anyOf: [given(OS_ID), given(OS_URI)] };
const DATA_SOURCE = { anyOf: [givenOnSome(DATA_ID), givenOnSome(DATA_URI)] };

/** Inside a count over the data disks: how the message names the disk ("data disk LUN 1"). */
const DATA_DISK_TEXT = `[if(empty(string(coalesce(current('${DATA_LUN}'), ''))), 'a data disk', concat('data disk LUN ', string(current('${DATA_LUN}'))))]`;

export default defineRule({
  code: 'SIG308',
  name: 'single-source',
  meta: {
    title: 'An image version has its source in one place',
    severity: 'error',
    resourceTypes: [VERSION_TYPE],
    summary:
      'The source of an image version is given either under storageProfile.source (a managed image, VM, image version or community image) or on its disks (osDiskImage.source, dataDiskImages[].source: snapshots, disks or VHDs), not both, and not nowhere.',
    fix: 'To capture a managed image, a VM or another image version, set storageProfile.source only and remove the disks\' source objects. To build from snapshots, disks or VHDs, remove storageProfile.source and give each disk its source. A version with no source at all needs one of the two.',
    azureErrors: [
      'The gallery artifact version source can only be specified either directly under storageProfile or within individual OS or data disks. One and only one source type (user image, snapshot, disk, virtual machine) can be provided.',
    ],
  },
  messages: {
    both: 'The source is given under storageProfile.source and on {disk} ("{value}"); give it in one place only',
    none: 'The image version has no source: storageProfile has no source and no disk has a source id or uri',
  },
  condition: {
    allOf: [
      { field: 'type', equals: VERSION_TYPE },
      {
        anyOf: [
          { messageId: 'both', messageData: { disk: 'the OS disk' }, allOf: [PROFILE_SOURCE, OS_SOURCE] },
          {
            allOf: [
              PROFILE_SOURCE,
              // Each data disk with a source is reported, on its source.
              { count: { field: DATA_DISKS, where: { messageId: 'both', messageData: { disk: DATA_DISK_TEXT }, anyOf: [given(DATA_ID), given(DATA_URI)] } }, greater: 0 },
            ],
          },
          {
            messageId: 'none',
            allOf: [
              { not: PROFILE_SOURCE },
              { not: OS_SOURCE },
              { not: DATA_SOURCE },
              // The 2018-06-01 shape (publishingProfile.source.managedImage.id), and a request that
              // restores a soft-deleted version, have their source elsewhere.
              { not: given(LEGACY_SOURCE_ID) },
              { not: { field: RESTORE, equals: true } },
              // Last, so the finding points at storageProfile. An absent storageProfile is another
              // error (a required property), not this one.
              { field: STORAGE_PROFILE, exists: true },
            ],
          },
        ],
      },
    ],
  },
});
