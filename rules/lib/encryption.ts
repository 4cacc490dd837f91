/**
 * Aliases and condition pieces shared by the disk encryption rules of image versions (SIG311-SIG315).
 * Functions take and return expressions without their brackets, so that they nest; `operand` returns
 * a complete, bracketed operand.
 */
export const IMAGE_VERSION = 'Microsoft.Compute/galleries/images/versions';

export const TARGET_REGIONS = `${IMAGE_VERSION}/publishingProfile.targetRegions[*]`;
export const REGION_NAME = `${TARGET_REGIONS}.name`;
export const OS_DISK_SET = `${TARGET_REGIONS}.encryption.osDiskImage.diskEncryptionSetId`;
export const SECURE_VM_SET = `${TARGET_REGIONS}.encryption.osDiskImage.securityProfile.secureVMDiskEncryptionSetId`;
export const ENCRYPTED_DATA_DISKS = `${TARGET_REGIONS}.encryption.dataDiskImages[*]`;
export const ENCRYPTED_LUN = `${ENCRYPTED_DATA_DISKS}.lun`;
export const DATA_DISK_SET = `${ENCRYPTED_DATA_DISKS}.diskEncryptionSetId`;

export const DATA_DISK_LUN = `${IMAGE_VERSION}/storageProfile.dataDiskImages[*].lun`;
/** A source for the whole version (image, VM, version...): its data disks are then not listed in the version. */
export const STORAGE_SOURCE = `${IMAGE_VERSION}/storageProfile.source`;
/** The 2018-06-01 shape of the same: `publishingProfile.source.managedImage.id`. */
export const LEGACY_SOURCE = `${IMAGE_VERSION}/publishingProfile.source`;

export const ID_SHAPE = '/subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Compute/diskEncryptionSets/<name>';

type Condition = Record<string, unknown>;

/** The list a value count may iterate (see regions.ts): shared with the region rules. */
export { iterable } from './regions.js';

/**
 * An operand from `current()`: Azure fails the evaluation when an operator's value is null (a member
 * written `null`), so null compares as `''`, as a missing value does.
 */
export function operand(expr: string): string {
  return `[coalesce(${expr}, '')]`;
}

/**
 * Inside a count over `TARGET_REGIONS`: always true, with the region's name as evidence, so that an
 * annotated branch ending with it reports on that name. `length(createArray(x))` is 1 whatever `x`
 * is (missing, null, or known only at deployment), so it never changes the verdict.
 */
export const AT_REGION_NAME: Condition = { value: `[length(createArray(current('${REGION_NAME}')))]`, equals: 1 };

/**
 * Inside a count over `TARGET_REGIONS`: the region's name for a message (`""` when it has none).
 * What a message quotes is not evidence, so it does not move the finding.
 */
export const REGION_NAME_TEXT = `[string(coalesce(current('${REGION_NAME}'), ''))]`;

/**
 * Inside a count over `ENCRYPTED_DATA_DISKS`: how a message names the disk ("data disk LUN 1", or
 * "data disk" for an entry without a LUN).
 */
const DATA_DISK_TEXT = `[if(empty(string(coalesce(current('${ENCRYPTED_LUN}'), ''))), 'data disk', concat('data disk LUN ', string(current('${ENCRYPTED_LUN}'))))]`;

/** The disk encryption set ids of a target region. */
export type SetKind = 'os' | 'data' | 'secureVm';

/**
 * Every disk encryption set id of the kinds given, in every target region: a field count over the
 * regions (with a field count over each region's data disk entries for `data`) whose annotated `where`
 * holds when `check(id)` does, `id` being the expression that reads the id (`current(...)`, so the id
 * is the evidence: the finding is on it). The linter reports each id for which it holds; the message
 * data has the region's name (`region`), the disk (`disk`: "OS disk", "data disk LUN 1", "confidential
 * VM OS disk") and what `data(id)` adds.
 */
export function eachDiskEncryptionSet(
  messageId: string,
  kinds: readonly SetKind[],
  check: (id: string) => Condition,
  data: (id: string) => Record<string, string> = () => ({}),
): Condition {
  const report = (alias: string, disk: string): Condition => {
    const id = `current('${alias}')`;
    return { messageId, messageData: { region: REGION_NAME_TEXT, disk, ...data(id) }, ...check(id) };
  };
  const members = kinds.map((kind): Condition => {
    if (kind === 'os') return report(OS_DISK_SET, 'OS disk');
    if (kind === 'secureVm') return report(SECURE_VM_SET, 'confidential VM OS disk');
    return { count: { field: ENCRYPTED_DATA_DISKS, where: report(DATA_DISK_SET, DATA_DISK_TEXT) }, greater: 0 };
  });
  return { count: { field: TARGET_REGIONS, where: members.length === 1 ? members[0] : { anyOf: members } }, greater: 0 };
}

/**
 * True when some member of the `[*]` alias equals `expr`; its evidence is those members, so a branch
 * that ends with it reports the member's value and span.
 */
export function selects(alias: string, expr: string): Condition {
  return { not: { field: alias, notEquals: operand(expr) } };
}

/** The segments of a resource id, as text (a number or an object written where an id belongs is text too). */
const segments = (id: string) => `split(string(${id}), '/')`;

/**
 * The id with its variable segments (subscription, resource group, name) replaced by `*`, or by
 * nothing when empty; `''` when it does not have nine segments. One trailing "/" is tolerated: it is
 * not certain that Azure refuses it. Indexes are read only under the `if` that checked the length.
 */
function shape(id: string): string {
  const p = segments(id);
  const at = (i: number) => `${p}[${i}]`;
  const variable = (i: number) => `if(empty(${at(i)}), '', '*')`;
  const parts = [at(0), at(1), variable(2), at(3), variable(4), at(5), at(6), at(7), variable(8)];
  const joined = `concat(${parts.flatMap((x, i) => (i === 0 ? [x] : ["'/'", x])).join(', ')})`;
  const nine = `or(equals(length(${p}), 9), and(equals(length(${p}), 10), empty(last(${p}))))`;
  return `if(${nine}, ${joined}, '')`;
}

/**
 * True when `id` (an expression) is set and is not a disk encryption set id. The comparison ignores
 * case, as Azure resource ids do.
 */
export function notADiskEncryptionSetId(id: string): Condition {
  return {
    allOf: [
      { value: `[${id}]`, notEquals: '' },
      { value: `[${shape(id)}]`, notEquals: '/subscriptions/*/resourceGroups/*/providers/Microsoft.Compute/diskEncryptionSets/*' },
    ],
  };
}

/**
 * The subscription segment of `id` when it starts with `/subscriptions/<id>/`, else `''`. Indexes are
 * read only under the `if` that checked the length (`and` evaluates all its arguments, `if` does not).
 */
export function subscriptionOf(id: string): string {
  const p = segments(id);
  return `if(greaterOrEquals(length(${p}), 3), if(and(empty(${p}[0]), equals(toLower(${p}[1]), 'subscriptions')), ${p}[2], ''), '')`;
}
