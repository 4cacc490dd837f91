import { Unknown } from './unknown.js';
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
  const segments = key.split('/');
  const providers = segments.lastIndexOf('providers');
  const rest = segments.slice(providers + 2);
  if (providers < 0 || rest.length === 0 || rest.length % 2 !== 0) return undefined;
  return [segments[providers + 1], ...rest.filter((_, i) => i % 2 === 0)].join('/');
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
 * subscription or tenant level). Undefined for anything else, or for a child resource of another
 * provider (`.../providers/A/x/n/providers/B/y/m`), which no rule here needs.
 */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  if (id.length > MAX_ID_LENGTH) return undefined;
  const m = /^\/(?:subscriptions\/([^/]+)\/)?(?:resourceGroups\/([^/]+)\/)?providers\/([^/]+)\/(.+?)\/?$/i.exec(id.trim());
  if (!m) return undefined;
  const [, subscriptionId, resourceGroup, namespace, rest] = m;
  if (resourceGroup !== undefined && subscriptionId === undefined) return undefined;
  const segments = (rest as string).split('/');
  if (segments.length % 2 !== 0 || segments.some((s) => s === '' || s.toLowerCase() === 'providers')) return undefined;
  return {
    subscriptionId,
    resourceGroup,
    type: [namespace, ...segments.filter((_, i) => i % 2 === 0)].join('/'),
    names: segments.filter((_, i) => i % 2 === 1),
  };
}
