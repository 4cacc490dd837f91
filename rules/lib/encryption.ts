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

/**
 * A list a value count may iterate (Azure allows 100 iterations): the list itself up to 100 members,
 * so that an unknown member leaves only its own iteration unknown; else its distinct members, at most
 * 100 of them. `take` never fails, so an oversized list cannot fail the evaluation.
 */
export function iterable(list: string): string {
  return `take(if(lessOrEquals(length(${list}), 100), ${list}, union(${list}, ${list})), 100)`;
}

/**
 * An operand from `current()`: Azure fails the evaluation when an operator's value is null (a member
 * written `null`), so null compares as `''`, as a missing value does.
 */
export function operand(expr: string): string {
  return `[coalesce(${expr}, '')]`;
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
