import { changedValue, defineRule, findUnknown, idKey, isObject, getKey, type JsonPath, type Resource, type Value } from '@sigil/core';
import { DIFF_RULE_POLICY } from '../../lib/change.js';

const VERSION = 'Microsoft.Compute/galleries/images/versions';
const STORAGE: JsonPath = ['properties', 'storageProfile'];
const REGIONS: JsonPath = ['properties', 'publishingProfile', 'targetRegions'];

/** Source ids of a version: the image, VM, OS disk or snapshot it was built from. */
const SOURCES: readonly JsonPath[] = [
  [...STORAGE, 'source', 'id'],
  [...STORAGE, 'source', 'virtualMachineId'],
  [...STORAGE, 'osDiskImage', 'source', 'id'],
];

type Lun = number;

/** The data disk images by LUN, when the list and every LUN are known. */
function dataDisks(resource: Resource): Map<Lun, { index: number; value: Value }> | undefined {
  const list = resource.get([...STORAGE, 'dataDiskImages']);
  if (!Array.isArray(list) || findUnknown(list.map((d) => (isObject(d) ? getKey(d, 'lun') ?? null : null)))) return undefined;
  const out = new Map<Lun, { index: number; value: Value }>();
  for (const [index, disk] of list.entries()) {
    const lun = isObject(disk) ? getKey(disk, 'lun') : undefined;
    if (typeof lun !== 'number') return undefined;
    out.set(lun, { index, value: disk });
  }
  return out;
}

/**
 * Two source ids that certainly differ: both strings (another type is SIG006's), not the same id as
 * Azure compares them (without case and without a trailing `/`).
 */
function otherId(a: Value, b: Value): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  return (idKey(a) ?? a.toLowerCase()) !== (idKey(b) ?? b.toLowerCase());
}

const region = (name: string) => name.toLowerCase().replace(/\s/g, '');

/** Per target region (normalized name): its index and the data disk LUNs it encrypts; undefined when not known. */
function encryptedLuns(resource: Resource): Map<string, { index: number; name: string; luns: number[] }> | undefined {
  const regions = resource.get(REGIONS);
  if (!Array.isArray(regions)) return undefined;
  const out = new Map<string, { index: number; name: string; luns: number[] }>();
  for (const [index, r] of regions.entries()) {
    if (!isObject(r)) continue;
    const name = getKey(r, 'name');
    if (typeof name !== 'string') continue;
    const encryption = getKey(r, 'encryption');
    const disks = isObject(encryption) ? getKey(encryption, 'dataDiskImages') : encryption === undefined || encryption === null ? [] : undefined;
    if (!Array.isArray(disks)) continue;
    const luns = disks.map((d) => (isObject(d) ? getKey(d, 'lun') : undefined));
    if (!luns.every((l): l is number => typeof l === 'number')) continue;
    out.set(region(name), { index, name, luns });
  }
  return out;
}

export default defineRule({
  code: 'SIG322',
  name: 'image-version-immutable',
  meta: {
    title: 'An existing image version\'s sources, data disks and data disk encryption cannot change',
    severity: 'error',
    resourceTypes: [VERSION],
    summary:
      'An update of an existing image version changes a source id, adds or removes data disks or changes their LUNs, or adds encryption for a data disk LUN in a target region, which Azure refuses; found from a Terraform plan, an ARM what-if result or the same files at a git base revision.',
    fix: 'Publish the new source, disks or encryption as a new image version (a new version number), or keep the existing version\'s values. To rebuild the same version number, delete the version first.',
    azureErrors: [
      'Changing property \'galleryImageVersion.properties.storageProfile.<diskImage>.source.id\' is not allowed.',
      'Cannot specify new data disk image encryption lun [<number>] with a disk encryption set in region [<region>] for update gallery image version request.',
    ],
    policy: DIFF_RULE_POLICY,
  },
  messages: {
    sourceChanged: 'The source changes from "{before}" to "{after}" on an existing image version; Azure does not allow changing galleryImageVersion.properties.{property}',
    lunsChanged: 'The data disk LUNs change from {before} to {after} on an existing image version; Azure does not allow adding, removing or renumbering data disks',
    encryptionAdded: 'Target region "{region}" encrypts data disk LUN {lun}, which the existing image version does not encrypt there (encrypted LUNs {before} before, {after} after)',
  },
  *check({ graph }) {
    for (const change of graph.changes.ofType(VERSION)) {
      const { before, after } = change;
      if (change.action !== 'update' || !before || !after) continue;
      for (const path of SOURCES) {
        const diff = changedValue(before, after, path);
        if (diff && otherId(diff.before, diff.after)) yield { resource: after, path, messageId: 'sourceChanged', data: { before: diff.before, after: diff.after, property: path.slice(1).join('.') } };
      }
      const oldDisks = dataDisks(before);
      const newDisks = dataDisks(after);
      if (oldDisks && newDisks) {
        const oldLuns = [...oldDisks.keys()].sort((a, b) => a - b);
        const newLuns = [...newDisks.keys()].sort((a, b) => a - b);
        if (oldLuns.join() !== newLuns.join()) {
          yield { resource: after, path: [...STORAGE, 'dataDiskImages'], messageId: 'lunsChanged', data: { before: oldLuns, after: newLuns } };
        } else {
          for (const [lun, disk] of newDisks) {
            // Disks are paired by LUN: their order in the list may change.
            const path = [...STORAGE, 'dataDiskImages', disk.index, 'source', 'id'];
            const was = before.get([...STORAGE, 'dataDiskImages', (oldDisks.get(lun) as { index: number }).index, 'source', 'id']);
            const now = after.get(path);
            if (was !== undefined && now !== undefined && otherId(was, now)) {
              yield { resource: after, path, messageId: 'sourceChanged', data: { before: was, after: now, property: `storageProfile.dataDiskImages[lun ${lun}].source.id` } };
            }
          }
        }
      }
      const oldRegions = encryptedLuns(before);
      const newRegions = encryptedLuns(after);
      if (!oldRegions || !newRegions) continue;
      for (const [key, next] of newRegions) {
        const previous = oldRegions.get(key);
        if (!previous) continue;
        for (const [j, lun] of next.luns.entries()) {
          if (previous.luns.includes(lun)) continue;
          yield {
            resource: after,
            path: [...REGIONS, next.index, 'encryption', 'dataDiskImages', j, 'lun'],
            messageId: 'encryptionAdded',
            data: { region: next.name, lun, before: [...previous.luns].sort((a, b) => a - b), after: [...next.luns].sort((a, b) => a - b) },
          };
        }
      }
    }
  },
});
