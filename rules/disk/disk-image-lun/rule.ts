import { defineRule, isObject } from '@sigil/core';
import { DISK, IMAGE_VERSION, arrayAt, linked, nameOf, read, sameType, untouched } from '../../lib/links.js';

const REFERENCE = ['properties', 'creationData', 'galleryImageReference'];

export default defineRule({
  code: 'SIG501',
  name: 'disk-image-lun',
  meta: {
    title: 'A disk created from an image version\'s data disk must name one the version has',
    severity: 'error',
    resourceTypes: [DISK],
    summary:
      'A managed disk created from a gallery image version (creationData.galleryImageReference) names a data disk with a lun that the version declared in the same run has neither as a LUN nor as a position in its dataDiskImages.',
    fix: 'Use the LUN of one of the image version\'s data disks (storageProfile.dataDiskImages[].lun) in creationData.galleryImageReference.lun, or leave lun out to create the disk from the OS disk.',
    azureErrors: [
      'The value of parameter imageReference is invalid.',
    ],
    policy: {
      reason:
        'the image version is another resource than the disk, and Azure refuses the disk when it is created, so no disk can exist for an AuditIfNotExists policy to find',
    },
  },
  messages: {
    noSuchDataDisk: 'The disk "{disk}" is created from data disk {value} of the image version "{version}", which has no data disk with this LUN nor at this position (its data disk LUNs: {luns})',
  },
  *check({ graph }) {
    for (const disk of graph.ofType(DISK)) {
      if (untouched(graph, disk)) continue;
      const lunPath = [...REFERENCE, 'lun'];
      const lun = read(disk, lunPath);
      if (typeof lun !== 'number') continue;
      const version = linked(graph, disk, [...REFERENCE, 'id']);
      if (!version || !sameType(version, IMAGE_VERSION)) continue;
      // A version made from an image or a VM takes its data disks from that source: not listed here.
      if (read(version, ['properties', 'storageProfile', 'source']) !== null) continue;
      const images = arrayAt(version, ['properties', 'storageProfile', 'dataDiskImages']);
      if (!images) continue;
      const luns = images.map((d) => (isObject(d) ? d.lun : undefined));
      if (luns.some((l) => typeof l !== 'number')) continue;
      // The API calls the value "an index": it is reported only when it is neither a LUN nor a position.
      if (luns.includes(lun) || (Number.isInteger(lun) && lun >= 0 && lun < images.length)) continue;
      yield {
        resource: disk,
        path: lunPath,
        messageId: 'noSuchDataDisk',
        data: { disk: nameOf(disk), value: lun, version: nameOf(version), luns: luns.length === 0 ? 'none' : luns.join(', ') },
        related: [{ resource: version, path: ['properties', 'storageProfile'], message: `the data disks of the image version "${nameOf(version)}"` }],
      };
    }
  },
});
