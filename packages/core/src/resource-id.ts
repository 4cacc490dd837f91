import { Unknown, splitParts } from './unknown.js';
import type { DeploymentScope } from './graph.js';

/**
 * Unknowns that stand for ONE deployment's subscription, resource group or management group. The
 * same object wherever it appears is the same value: a template's `resourceId('Microsoft.Compute/images',
 * 'img')` and the image it declares both sit in "this deployment's resource group", whatever it is.
 * Every other Unknown (a parameter without value, `reference()`...) is never equal to anything: two
 * ids that differ only by such a value cannot be said to be the same resource.
 */
const SCOPE_IDENTITIES = new WeakMap<Unknown, number>();
let nextIdentity = 0;

/** An Unknown for one deployment's scope part, equal to itself only (see SCOPE_IDENTITIES). */
export function scopeUnknown(reason: string): Unknown {
  const u = new Unknown(reason);
  SCOPE_IDENTITIES.set(u, ++nextIdentity);
  return u;
}

/** Whether a value is one deployment's scope part known only at deployment (made by `scopeUnknown`). */
export function isScopeIdentity(value: unknown): value is Unknown {
  return value instanceof Unknown && SCOPE_IDENTITIES.has(value);
}

/**
 * The scope of one deployment whose subscription / resource group / management group are known only
 * at deployment: each unknown part is a scope identity, shared by every resource and every
 * `resourceId()` of that deployment. A frontend creates one per root template evaluation (or per
 * module or nested deployment whose scope is unknown), never one shared by two deployments.
 */
export function deploymentScope(level: DeploymentScope['level']): DeploymentScope {
  switch (level) {
    case 'tenant':
      return { level };
    case 'managementGroup':
      return { level, managementGroup: scopeUnknown('the management group is known only at deployment') };
    case 'subscription':
      return { level, subscriptionId: scopeUnknown('the subscription is known only at deployment') };
    case 'resourceGroup':
      return {
        level,
        subscriptionId: scopeUnknown('the subscription is known only at deployment'),
        resourceGroup: scopeUnknown('the resource group is known only at deployment'),
      };
  }
}

/** Most characters of an id sigil indexes: longer strings are not resource ids. */
const MAX_ID_LENGTH = 4096;

/**
 * The key two ids that name the same resource share: lower case, without trailing `/`, with each
 * deployment-scope Unknown as a token of its identity. Undefined when the id is not a string, or
 * holds an Unknown that is not a scope identity: such an id links to nothing (the link is unknown).
 */
export function idKey(id: unknown): string | undefined {
  let text: string;
  if (typeof id === 'string') {
    text = id;
  } else if (id instanceof Unknown) {
    const tokens: string[] = [];
    if (!flatten(id, tokens, 0)) return undefined;
    text = tokens.join('');
  } else {
    return undefined;
  }
  if (text.length > MAX_ID_LENGTH) return undefined;
  const trimmed = text.trim().replace(/\/+$/, '').toLowerCase();
  return trimmed.startsWith('/') ? trimmed : undefined;
}

function flatten(u: Unknown, out: string[], depth: number): boolean {
  const identity = SCOPE_IDENTITIES.get(u);
  if (identity !== undefined) {
    // NUL never appears in a resource id: the token cannot collide with written text.
    out.push(`\u0000${identity}\u0000`);
    return true;
  }
  if (!u.parts || depth > 8) return false;
  for (const p of u.parts) {
    if (typeof p === 'string') {
      if (p.includes('\u0000')) return false;
      out.push(p);
    } else if (!flatten(p, out, depth + 1)) {
      return false;
    }
  }
  return true;
}

/** An id key without its last `/type/name` pair: the parent's key, undefined for a top-level resource. */
export function parentKey(key: string): string | undefined {
  const segments = key.split('/');
  const providers = segments.lastIndexOf('providers');
  // `/providers/<namespace>/<type>/<name>` is top level: a parent needs two more segments.
  if (providers < 0 || segments.length - providers < 5) return undefined;
  return segments.slice(0, -2).join('/');
}

/** The resource type an id key names (lower case, `microsoft.compute/galleries/images`), undefined when it names none. */
export function typeOfKey(key: string): string | undefined {
  const id = readResourceId(key);
  if (!id?.types?.length) return undefined;
  return [id.namespace as string, ...(id.types as string[])].join('/');
}

/**
 * A resource id read into its parts, each a string, or an Unknown where the id is partial there.
 * It says where each part was found rather than whether the id is well formed: the readers of
 * ids (`parseResourceId`, `parseArmResourceId`, the Terraform frontend's parent ids) each accept
 * their own shapes (see `parseResourceId`), and read them from this one reading.
 */
export interface ResourceIdParts {
  /**
   * The `/`-segments as `splitParts` gives them: `''` first when the id starts with `/`; the segments
   * from the first unknown part to the last are ONE Unknown, as an unknown part may hold `/`.
   */
  readonly segments: readonly (string | Unknown)[];
  /** Where the FIRST `subscriptions`, `resourceGroups` and `managementGroups` segments are (any case), -1 when none. */
  readonly subscriptionsAt: number;
  readonly resourceGroupsAt: number;
  readonly managementGroupsAt: number;
  /** The segment after each of those: the subscription, resource group and management group; undefined when none. */
  readonly subscriptionId: string | Unknown | undefined;
  readonly resourceGroup: string | Unknown | undefined;
  readonly managementGroup: string | Unknown | undefined;
  /** Where the LAST `providers` segment is (any case), -1 when none: an extension resource's own type follows it. */
  readonly providersAt: number;
  /** The segment after the last `providers`: the resource provider namespace. */
  readonly namespace: string | Unknown | undefined;
  /**
   * The type and name segments after the namespace, outermost first (`['galleries', 'images']`,
   * `['gal', 'img']`); empty when nothing follows the namespace, undefined when there is no
   * `providers`, when they do not pair up, or when one is unknown (its count is then unknown too).
   */
  readonly types: readonly string[] | undefined;
  readonly names: readonly string[] | undefined;
}

/** Reads an id into its parts (see ResourceIdParts); undefined for an Unknown that holds no known part. */
export function readResourceId(id: string | Unknown): ResourceIdParts | undefined {
  const segments = splitParts(id, '/');
  if (!segments) return undefined;
  const lower = segments.map((s) => (typeof s === 'string' ? s.toLowerCase() : undefined));
  const subscriptionsAt = lower.indexOf('subscriptions');
  const resourceGroupsAt = lower.indexOf('resourcegroups');
  const managementGroupsAt = lower.indexOf('managementgroups');
  const providersAt = lower.lastIndexOf('providers');
  const after = (at: number) => (at >= 0 ? segments[at + 1] : undefined);
  const rest = providersAt >= 0 ? segments.slice(providersAt + 2) : undefined;
  const paired = rest !== undefined && rest.length % 2 === 0 && rest.every((s): s is string => typeof s === 'string') ? rest : undefined;
  return {
    segments,
    subscriptionsAt,
    resourceGroupsAt,
    managementGroupsAt,
    subscriptionId: after(subscriptionsAt),
    resourceGroup: after(resourceGroupsAt),
    managementGroup: after(managementGroupsAt),
    providersAt,
    namespace: after(providersAt),
    types: paired?.filter((_, i) => i % 2 === 0),
    names: paired?.filter((_, i) => i % 2 === 1),
  };
}

/** The parts of a resource id written in full. */
export interface ParsedResourceId {
  readonly subscriptionId: string | undefined;
  readonly resourceGroup: string | undefined;
  /** The full type, `Microsoft.Compute/galleries/images/versions`. */
  readonly type: string;
  /** The names, outermost first (`['gal', 'img', '1.0.0']`). */
  readonly names: readonly string[];
}

/**
 * Reads `/subscriptions/{s}/resourceGroups/{g}/providers/{ns}/{t1}/{n1}[/{t2}/{n2}...]` (also at
 * subscription or tenant level), written in full. Undefined for anything else, or for a child resource
 * of another provider (`.../providers/A/x/n/providers/B/y/m`), which no rule here needs.
 *
 * The strictest of the readers: unlike `parseArmResourceId` and the Terraform frontend's, it takes
 * spaces around the id and one trailing `/`, but no id over MAX_ID_LENGTH, no resource group without
 * a subscription, no management group scope, no extension resource and no empty segment.
 */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  if (id.length > MAX_ID_LENGTH) return undefined;
  const trimmed = id.trim();
  const parts = readResourceId(trimmed.endsWith('/') ? trimmed.slice(0, -1) : trimmed);
  if (!parts || parts.segments[0] !== '') return undefined;
  const segments = parts.segments as readonly string[];
  const is = (at: number, name: string) => segments[at]?.toLowerCase() === name;
  // The scope segments in their places, each followed by a non-empty value, then the one `providers`.
  let at = 1;
  let subscriptionId: string | undefined;
  let resourceGroup: string | undefined;
  if (is(at, 'subscriptions') && segments[at + 1]) {
    subscriptionId = segments[at + 1];
    at += 2;
    if (is(at, 'resourcegroups') && segments[at + 1]) {
      resourceGroup = segments[at + 1];
      at += 2;
    }
  }
  const { namespace, types, names } = parts;
  if (parts.providersAt !== at || !namespace || !types?.length || !names || [...types, ...names].includes('')) return undefined;
  return { subscriptionId, resourceGroup, type: [namespace as string, ...types].join('/'), names };
}
