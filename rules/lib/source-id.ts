/**
 * Image version sources (SIG306-SIG310) in the Azure Policy language: the aliases, and a reading of
 * resource ids without regular expressions.
 *
 * An id is read leniently, the way the most forgiving parser would: lower case, runs of "/"
 * collapsed (up to eight in a row), and always one trailing "/". A check that fails on this reading
 * fails on a strict one too (a strict parser sees the same segments plus empty ones, and a resource
 * with an empty name, group or type does not exist), so the rules report only what no parser of
 * Azure's could accept.
 */
import { hasCharactersOutside } from './characters.js';

const T = 'Microsoft.Compute/galleries/images/versions';

export const VERSION_TYPE = T;
export const STORAGE_PROFILE = `${T}/storageProfile`;
export const SOURCE_ID = `${T}/storageProfile.source.id`;
export const SOURCE_VM_ID = `${T}/storageProfile.source.virtualMachineId`;
export const SOURCE_COMMUNITY_ID = `${T}/storageProfile.source.communityGalleryImageId`;
export const SOURCE_URI = `${T}/storageProfile.source.uri`;
export const OS_ID = `${T}/storageProfile.osDiskImage.source.id`;
export const OS_URI = `${T}/storageProfile.osDiskImage.source.uri`;
export const DATA_DISKS = `${T}/storageProfile.dataDiskImages[*]`;
export const DATA_ID = `${T}/storageProfile.dataDiskImages[*].source.id`;
export const DATA_URI = `${T}/storageProfile.dataDiskImages[*].source.uri`;
export const DATA_LUN = `${T}/storageProfile.dataDiskImages[*].lun`;
/** The 2018-06-01 source shape, still an alias: a version written with it has a source. */
export const LEGACY_SOURCE_ID = `${T}/publishingProfile.source.managedImage.id`;
export const RESTORE = `${T}/restore`;

type Condition = Record<string, unknown>;

/** Azure Policy allows 100 iterations per value count: more data disks than that are not checked. */
export const MAX_DISKS = 100;

/** Appended before splitting, so that every segment index the rules read exists (no range error). */
const PAD_LENGTH = 12;
const PAD = '/'.repeat(PAD_LENGTH);

/**
 * The lenient reading of the id `expr` (an expression, without brackets). With `optionalSlash`, a
 * missing leading "/" is forgiven too: for `virtualMachineId`, which is not a property named `id`
 * (the guide's "Expect fully qualified resource Id that start with '/subscriptions/...'" error is
 * about those), and whose parser's leniency is not documented.
 */
export function lenientId(expr: string, optionalSlash = false): string {
  const text = optionalSlash ? `concat('/', toLower(string(${expr})), '/')` : `concat(toLower(string(${expr})), '/')`;
  return `replace(replace(replace(${text}, '//', '/'), '//', '/'), '//', '/')`;
}

/** The segments of a lenient id, padded with empty ones. */
function paddedSegments(lenient: string): string {
  return `split(concat(${lenient}, '${PAD}'), '/')`;
}

/**
 * `where` evaluated with the value of `expr` bound to `current('<name>')`: a value count over a
 * one-element array. Policy has no variables; this computes a long expression once instead of
 * repeating it in every check.
 */
function withValue(name: string, expr: string, where: Condition): Condition {
  return { count: { value: `[createArray(${expr})]`, name, where }, greater: 0 };
}

/**
 * Points the finding at the members of a `[*]` alias equal (ignoring case) to `expr`: true when one
 * is, with those members as evidence. Used inside a value count, where it decides nothing (the member
 * it looks for is there) but makes the finding quote and locate the value itself. (`coalesce`: Azure
 * fails an evaluation whose operand is null.)
 */
export function pointAt(alias: string, expr: string): Condition {
  return { not: { field: alias, notEquals: `[coalesce(${expr}, '')]` } };
}

/**
 * Checks of each data disk's source id: a field count over the data disks whose `where` binds the
 * disk's lenient reading to `current('id')` (read it with `LenientId.bound('id')`) and evaluates
 * `checks`. An annotated branch of `checks` reports each disk it holds for; it ends with
 * `AT_DATA_DISK_ID`, so that the finding is on that disk's id. An empty or null id is not checked.
 */
export function eachDataDiskId(checks: Condition): Condition {
  return {
    count: {
      field: DATA_DISKS,
      where: { allOf: [{ field: DATA_ID, notEquals: '' }, LenientId.bind('id', `current('${DATA_ID}')`, checks)] },
    },
    greater: 0,
  };
}

/**
 * Inside `eachDataDiskId`: always true (the id is set), with the current disk's source id as evidence.
 * The id bound to `current('id')` is a value, which is no evidence: without this the finding would be
 * on the resource name.
 */
export const AT_DATA_DISK_ID: Condition = { field: DATA_ID, exists: true };

/**
 * Checks of an id read leniently (`lenientId`). `id` is the expression of the lenient id and
 * `segments` the expression of its "/"-separated parts followed by `PAD_LENGTH` empty ones, so that
 * any index up to there is safe.
 */
export class LenientId {
  private constructor(
    private readonly id: string,
    private readonly segments: string,
  ) {}

  /** The id of `expr`, computed where each check needs it (no value count; longer expressions). */
  static of(expr: string, optionalSlash = false): LenientId {
    const text = lenientId(expr, optionalSlash);
    return new LenientId(text, paddedSegments(text));
  }

  /** The id bound by `LenientId.bind(name, ...)`, inside its `where`. */
  static bound(name: string): LenientId {
    return new LenientId(`current('${name}').id`, `current('${name}').segments`);
  }

  /**
   * `where` evaluated with the id of `expr` bound to `current('<name>')` (read it with
   * `LenientId.bound(name)`): the lenient reading is computed once instead of in every check.
   */
  static bind(name: string, expr: string, where: Condition, optionalSlash = false): Condition {
    const text = lenientId(expr, optionalSlash);
    return withValue(name, `createObject('id', ${text}, 'segments', ${paddedSegments(text)})`, where);
  }

  /** Segment `i` (0 is the empty one before the leading "/"), or "" past the end. */
  segment(i: number): string {
    return `${this.segments}[${i}]`;
  }

  /** Number of "/"-separated parts of the id, plus `PAD_LENGTH`. */
  private get parts(): string {
    return `length(${this.segments})`;
  }

  /** Does not start with "/subscriptions/" or "/providers/": the guide's error for a source id. */
  notFullId(): Condition {
    return {
      allOf: [
        { value: `[${this.id}]`, notLike: '/subscriptions/*' },
        { value: `[${this.id}]`, notLike: '/providers/*' },
      ],
    };
  }

  /** More than eight "/" in a row: the lenient reading is not computed, so no check applies. */
  private clean(): Condition {
    return { value: `[contains(${this.id}, '//')]`, equals: false };
  }

  private subscriptionLevel(): Condition {
    return { value: `[${this.id}]`, like: '/subscriptions/*' };
  }

  private tenantLevel(): Condition {
    return { value: `[${this.id}]`, like: '/providers/*' };
  }

  private segmentIs(i: number, text: string): Condition {
    return { value: `[${this.segment(i)}]`, equals: text };
  }

  /**
   * Starts well but is not `/subscriptions/{guid}[/resourceGroups/{group}]/providers/{namespace}/{type}/{name}...`
   * or `/providers/{namespace}/{type}/{name}...`: the subscription is not a GUID, the segment after it
   * is neither `resourceGroups` nor `providers`, a resource group is not followed by `providers`, or the
   * provider part lacks a namespace, a type or a name (type/name pairs make the number of segments even).
   */
  malformed(): Condition {
    return { allOf: [{ not: this.notFullId() }, this.clean(), this.structureProblem()] };
  }

  /** Well formed (neither `notFullId` nor `malformed`) and readable: the resource kind can be read. */
  wellFormed(): Condition {
    return { allOf: [{ not: this.notFullId() }, this.clean(), { not: this.structureProblem() }] };
  }

  private structureProblem(): Condition {
    const subscription = this.segment(2);
    const parts = this.parts;
    return {
      anyOf: [
        {
          allOf: [
            this.subscriptionLevel(),
            {
              anyOf: [
                // Not a GUID in any form .NET parses (with or without hyphens, braces, parentheses).
                { value: `[length(${subscription})]`, less: 32 },
                hasCharactersOutside(subscription, [...'0123456789abcdefABCDEF', '-', '{', '}', '(', ')']),
                { value: `[${this.segment(3)}]`, notIn: ['resourcegroups', 'providers'] },
                { allOf: [this.segmentIs(3, 'resourcegroups'), { value: `[${this.segment(5)}]`, notEquals: 'providers' }] },
                { allOf: [this.segmentIs(3, 'resourcegroups'), { value: `[${parts}]`, less: 10 + PAD_LENGTH }] },
                { allOf: [this.segmentIs(3, 'providers'), { value: `[${parts}]`, less: 8 + PAD_LENGTH }] },
              ],
            },
          ],
        },
        { allOf: [this.tenantLevel(), { value: `[${parts}]`, less: 6 + PAD_LENGTH }] },
        { value: `[mod(${parts}, 2)]`, equals: 1 },
      ],
    };
  }

  /**
   * The id names a resource of `namespace/types...` in a resource group (types compared ignoring
   * case; for an id already known to be well formed).
   */
  kind(namespace: string, ...types: string[]): Condition {
    return {
      allOf: [
        this.subscriptionLevel(),
        this.segmentIs(3, 'resourcegroups'),
        { value: `[${this.parts}]`, equals: 8 + 2 * types.length + PAD_LENGTH },
        this.segmentIs(6, namespace.toLowerCase()),
        ...types.map((t, i) => this.segmentIs(7 + 2 * i, t.toLowerCase())),
      ],
    };
  }
}
