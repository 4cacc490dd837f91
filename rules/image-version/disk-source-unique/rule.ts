import { defineRule } from '@sigil/core';
import { DATA_DISKS, DATA_ID, DATA_URI, MAX_DISKS, OS_ID, OS_URI, VERSION_TYPE, pointAt } from '../../lib/source-id.js';

/**
 * A storage account in source.id is the legacy VHD shape ({ id: <storage account>, uri: <blob> }, up
 * to API 2021-10-01): several disks share the account, and their blobs tell them apart.
 */
const STORAGE_ACCOUNT = '/providers/Microsoft.Storage/storageAccounts/';

/** Ids compare ignoring case (resource ids are case-insensitive), and never storage accounts. */
function ids(): Record<string, unknown>[] {
  return [
    {
      allOf: [
        { field: OS_ID, notEquals: '' },
        { field: OS_ID, notContains: STORAGE_ACCOUNT },
        // Each data disk with the OS disk's id is reported, on its id.
        { count: { field: DATA_DISKS, where: { messageId: 'sameAsOsDisk', field: DATA_ID, equals: `[coalesce(field('${OS_ID}'), '')]` } }, greater: 0 },
      ],
    },
    {
      // Each repeated id is reported once, on the last disk using it (a repeat).
      count: {
        value: `[take(field('${DATA_ID}'), ${MAX_DISKS})]`,
        name: 'id',
        where: {
          messageId: 'duplicate',
          allOf: [
            { value: "[current('id')]", notEquals: '' },
            { value: "[current('id')]", notContains: STORAGE_ACCOUNT },
            // Reported as the OS disk's source already.
            { value: "[current('id')]", notEquals: `[coalesce(field('${OS_ID}'), '')]` },
            { count: { field: DATA_DISKS, where: { field: DATA_ID, equals: "[coalesce(current('id'), '')]" } }, greater: 1 },
            pointAt(DATA_ID, "current('id')"),
          ],
        },
      },
      greater: 0,
    },
  ];
}

/**
 * Blob URIs compare exactly: container and blob names are case-sensitive, so two URIs that differ
 * only in case can be two blobs. (A repeated URI's finding points at the URIs equal ignoring case;
 * the decision is exact.)
 */
function uris(): Record<string, unknown>[] {
  const exactly = (a: string, b: string) => ({ value: `[equals(${a}, ${b})]`, equals: true });
  return [
    {
      allOf: [
        { field: OS_URI, notEquals: '' },
        // Each data disk with the OS disk's blob is reported: the disk's URI is read last, so it is
        // the evidence.
        { count: { field: DATA_DISKS, where: { messageId: 'sameAsOsDisk', ...exactly(`field('${OS_URI}')`, `current('${DATA_URI}')`) } }, greater: 0 },
      ],
    },
    {
      // Each repeated URI is reported once, on the last disk using it.
      count: {
        value: `[take(field('${DATA_URI}'), ${MAX_DISKS})]`,
        name: 'uri',
        where: {
          messageId: 'duplicate',
          allOf: [
            { value: "[current('uri')]", notEquals: '' },
            { not: exactly("current('uri')", `field('${OS_URI}')`) },
            { count: { field: DATA_DISKS, where: exactly(`current('${DATA_URI}')`, "current('uri')") }, greater: 1 },
            pointAt(DATA_URI, "current('uri')"),
          ],
        },
      },
      greater: 0,
    },
  ];
}

export default defineRule({
  code: 'SIG310',
  name: 'disk-source-unique',
  meta: {
    title: 'Each disk of an image version has its own source',
    severity: 'error',
    resourceTypes: [VERSION_TYPE],
    summary:
      'No two disk images of a version (the OS disk and the data disks) use the same source: the same snapshot or disk id (compared ignoring case) or the same VHD blob URI.',
    fix: 'Give each disk its own snapshot, managed disk or VHD: snapshot every disk of the source VM separately, and check copy loops and parameters files for a source repeated by mistake.',
    azureErrors: [
      'Duplicate source ids are found in the input disks. Source id must be unique for each disk.',
      'OSDiskImage and DataDiskImage cannot point to the same blob <sourceID>.',
    ],
  },
  messages: {
    sameAsOsDisk: 'Data disk source {property} "{value}" is also the OS disk\'s source; each disk needs its own source',
    duplicate: 'Data disk source {property} "{value}" is also used by another data disk; each disk needs its own source',
  },
  condition: {
    allOf: [{ field: 'type', equals: VERSION_TYPE }, { anyOf: [...ids(), ...uris()] }],
  },
});
