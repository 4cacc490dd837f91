import { defineRule, isObject, type JsonPath, type Resource, type ResourceGraph } from '@sigil/core';
import { DISK, IMAGE_VERSION, VIRTUAL_MACHINE, arrayAt, nameOf, read, refusedAtCreation, sameType, stringFact } from '../../lib/links.js';
import { versionSources } from '../../lib/sources.js';

const STORAGE = ['properties', 'storageProfile'];

type Problem = { messageId: 'ephemeralOsDisk' | 'ultraDisk' | 'unmanagedDisk'; disk: string; at: { resource: Resource; path: JsonPath } };

export default defineRule({
  code: 'SIG319',
  name: 'source-vm-disks',
  meta: {
    title: 'A source VM must not have an ephemeral OS disk, Ultra disks or unmanaged disks',
    severity: 'error',
    resourceTypes: [IMAGE_VERSION],
    summary:
      'The VM an image version is captured from (declared in the same run) has an ephemeral OS disk, an UltraSSD_LRS disk, or an unmanaged (VHD) disk, which Azure Compute Gallery cannot capture.',
    fix: 'Capture the image from a VM whose disks are managed disks of another type than UltraSSD_LRS, with a persistent OS disk: redeploy the build VM without diffDiskSettings, with Premium_LRS or StandardSSD_LRS disks, or snapshot its disks into managed snapshots and build the version from them.',
    azureErrors: [
      'The source virtual machine <resourceID> cannot contain an ephemeral OS disk.',
      "The source virtual machine <resourceID> cannot contain disk ['<diskID>'] stored in an UltraSSD account type.",
      'Source virtual machine <resourceID> must be created from Managed Disks.',
    ],
    policy: refusedAtCreation('version', 'the source VM'),
  },
  messages: {
    ephemeralOsDisk: 'The source virtual machine "{source}" has an ephemeral OS disk (diffDiskSettings.option "Local")',
    ultraDisk: 'The source virtual machine "{source}" has the disk "{disk}" of type UltraSSD_LRS',
    unmanagedDisk: 'The source virtual machine "{source}" has the unmanaged (VHD) disk "{disk}"',
  },
  *check({ graph }) {
    for (const version of graph.ofType(IMAGE_VERSION)) {
      for (const { source, path } of versionSources(graph, version)) {
        if (!sameType(source, VIRTUAL_MACHINE)) continue;
        for (const problem of diskProblems(graph, source)) {
          yield {
            resource: version,
            path,
            messageId: problem.messageId,
            data: { source: nameOf(source), disk: problem.disk },
            related: [{ resource: problem.at.resource, path: problem.at.path, message: `the disk of the virtual machine "${nameOf(source)}"` }],
          };
        }
      }
    }
  },
});

/** What Azure refuses in a VM's disks, each with where it is written. */
function diskProblems(graph: ResourceGraph, vm: Resource): Problem[] {
  const out: Problem[] = [];
  const osDisk: JsonPath = [...STORAGE, 'osDisk'];
  const osName = stringFact(vm, [...osDisk, 'name'])?.value ?? 'OS disk';
  const option = stringFact(vm, [...osDisk, 'diffDiskSettings', 'option']);
  if (option && option.value.toLowerCase() === 'local') out.push({ messageId: 'ephemeralOsDisk', disk: osName, at: option });
  out.push(...diskOf(graph, vm, osDisk, osName));
  const dataDisks = arrayAt(vm, [...STORAGE, 'dataDisks']) ?? [];
  dataDisks.forEach((d, i) => {
    const lun = isObject(d) && typeof d.lun === 'number' ? d.lun : i;
    const name = stringFact(vm, [...STORAGE, 'dataDisks', i, 'name'])?.value ?? `data disk LUN ${lun}`;
    out.push(...diskOf(graph, vm, [...STORAGE, 'dataDisks', i], name));
  });
  return out;
}

/** An Ultra or unmanaged disk: the type written on the VM, or on the managed disk it attaches. */
function diskOf(graph: ResourceGraph, vm: Resource, path: JsonPath, name: string): Problem[] {
  const vhd = read(vm, [...path, 'vhd']);
  if (isObject(vhd)) return [{ messageId: 'unmanagedDisk', disk: name, at: { resource: vm, path: [...path, 'vhd'] } }];
  const type = stringFact(vm, [...path, 'managedDisk', 'storageAccountType']);
  if (type) return type.value.toLowerCase() === 'ultrassd_lrs' ? [{ messageId: 'ultraDisk', disk: name, at: type }] : [];
  // An attached disk declared in the run: its SKU.
  const attached = graph.byId(vm.get([...path, 'managedDisk', 'id']));
  const sku = attached && sameType(attached, DISK) ? stringFact(attached, ['sku', 'name']) : undefined;
  return sku && sku.value.toLowerCase() === 'ultrassd_lrs' ? [{ messageId: 'ultraDisk', disk: nameOf(attached as Resource), at: sku }] : [];
}
