import { dirname, join, normalize } from 'node:path';
import {
  Unknown, isObject, defineKey, setOrigin, setMemberOrigin, scopeUnknown,
  type ChangeAction, type JsonPath, type SourceRef, type Value, type ValueObject,
} from '@sigil/core';
import { MAPPINGS } from './mapping.js';
import type { TerraformInstance } from './resource.js';
import type { ModuleConfig } from './config.js';

/** Is this parsed JSON the output of `terraform show -json <plan>`? */
export function isPlan(value: Value | undefined): value is ValueObject {
  return isObject(value) && typeof value.format_version === 'string' && typeof value.terraform_version === 'string'
    && (isObject(value.planned_values) || Array.isArray(value.resource_changes));
}

/** A quick look at a file's first bytes: could it be plan JSON? */
export function looksLikePlan(head: string): boolean {
  return head.includes('"format_version"') && head.includes('"terraform_version"');
}

/**
 * `change.actions` as a change action: `["delete","create"]` and `["create","delete"]` are replaces
 * (Terraform orders them by create_before_destroy). `read` (data sources) and anything else is none.
 */
function actionOf(actions: Value | undefined): ChangeAction | undefined {
  if (!Array.isArray(actions)) return undefined;
  const key = [...actions].map(String).sort().join(',');
  switch (key) {
    case 'create': return 'create';
    case 'update': return 'update';
    case 'delete': return 'delete';
    case 'no-op': return 'noop';
    case 'create,delete': return 'replace';
    default: return undefined;
  }
}

/** `change.replace_paths`: a list of attribute paths (each a list of names and indexes). */
function replacePathsOf(value: Value | undefined): (string | number)[][] {
  if (!Array.isArray(value)) return [];
  return value.filter((p): p is Value[] => Array.isArray(p) && p.every((s) => typeof s === 'string' || typeof s === 'number')) as (string | number)[][];
}

/** Finds the configuration that declares a resource, among the linted modules. */
export type ConfigLookup = (moduleDir: string, type: string, name: string) => { config: ModuleConfig; file: string; path: JsonPath; body: ValueObject } | undefined;

const WANTED = (type: string) => type === 'azapi_resource' || MAPPINGS.has(type);

/**
 * The resource instances a plan creates or updates, with their planned values (`change.after`); an
 * attribute that `after_unknown` marks is known only after apply, and one that `after_sensitive` marks is
 * never shown: both Unknown. Each value points into
 * the plan, or into the configuration file that declares the resource when that file is linted too.
 */
export function planInstances(file: string, plan: ValueObject, lookup: ConfigLookup): TerraformInstance[] {
  // Not written: the provider's one subscription for the whole plan (graph links).
  const subscriptionId = providerSubscription(plan) ?? scopeUnknown('the subscription of the azurerm provider is known only at apply');
  const moduleDirs = moduleDirectories(file, plan);
  const out: TerraformInstance[] = [];
  const changes = plan.resource_changes;
  if (Array.isArray(changes)) {
    changes.forEach((rc, i) => {
      if (!isObject(rc) || rc.mode !== 'managed' || typeof rc.type !== 'string' || !WANTED(rc.type)) return;
      const change = rc.change;
      if (!isObject(change)) return;
      const action = actionOf(change.actions);
      const address = typeof rc.address === 'string' ? rc.address : `${rc.type}.${String(rc.name)}`;
      const changePath: JsonPath = ['resource_changes', i, 'change'];
      // The state before the change, read from the plan only: it is not what the configuration says.
      // Sensitive values are never shown: they stay Unknown, and no rule reports on them.
      const before = isObject(change.before) && action !== 'create'
        ? {
            type: rc.type,
            address,
            attributes: planValue(change.before, [{ mask: change.before_sensitive, reason: SENSITIVE }], { file, path: [...changePath, 'before'] }, undefined) as ValueObject,
            declaration: { file, path: ['resource_changes', i] },
            subscriptionId,
          }
        : undefined;
      const planned = action === undefined ? undefined : { action, ...(before ? { before } : {}), replacePaths: replacePathsOf(change.replace_paths) };
      const after = change.after;
      if (action === 'delete' || !isObject(after)) {
        // A delete: the resource exists only before the change.
        if (before && planned) out.push({ ...before, change: planned, deleted: true });
        return;
      }
      const config = configOf(lookup, moduleDirs, rc, address);
      // A sensitive planned value is as unknown to sigil as one known only after apply, and never shown.
      const masks = [{ mask: change.after_sensitive, reason: SENSITIVE }, { mask: change.after_unknown, reason: AFTER_APPLY }];
      const attributes = planValue(after, masks, { file, path: [...changePath, 'after'] }, config);
      // Wholly sensitive: nothing of the resource is known, not even which attributes it has.
      if (!isObject(attributes)) return;
      out.push({
        type: rc.type,
        address,
        attributes,
        declaration: config ? { file: config.file, path: config.path } : { file, path: ['resource_changes', i] },
        subscriptionId,
        ...(planned ? { change: planned } : {}),
      });
    });
    return out;
  }
  // A plan without resource_changes: the planned values, in which unknown values are simply absent.
  const visit = (module: Value, path: JsonPath): void => {
    if (!isObject(module)) return;
    const resources = module.resources;
    if (Array.isArray(resources)) {
      resources.forEach((r, i) => {
        if (!isObject(r) || r.mode !== 'managed' || typeof r.type !== 'string' || !WANTED(r.type) || !isObject(r.values)) return;
        const address = typeof r.address === 'string' ? r.address : `${r.type}.${String(r.name)}`;
        const valuesPath = [...path, 'resources', i, 'values'];
        const config = configOf(lookup, moduleDirs, r, address);
        const attributes = planValue(r.values, [{ mask: r.sensitive_values, reason: SENSITIVE }], { file, path: valuesPath }, config);
        if (!isObject(attributes)) return;
        out.push({
          type: r.type,
          address,
          attributes,
          declaration: config ? { file: config.file, path: config.path } : { file, path: [...path, 'resources', i] },
          subscriptionId,
        });
      });
    }
    if (Array.isArray(module.child_modules)) module.child_modules.forEach((m, i) => visit(m, [...path, 'child_modules', i]));
  };
  visit(isObject(plan.planned_values) ? plan.planned_values.root_module ?? null : null, ['planned_values', 'root_module']);
  return out;
}

interface ConfigTarget {
  readonly file: string;
  /** The resource's path in its file. */
  readonly path: JsonPath;
  readonly body: ValueObject;
  /** Where the value being read is, below the resource. */
  readonly steps: readonly (string | number)[];
}

/** The module path of an address (`module.a.module.b.azurerm_x.y["k"]` -> `["a", "b"]`). */
function modulePath(address: string): string[] {
  const names: string[] = [];
  const re = /module\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?\./y;
  let m: RegExpExecArray | null;
  while ((m = re.exec(address)) !== null) names.push(m[1] as string);
  return names;
}

function configOf(lookup: ConfigLookup, moduleDirs: ReadonlyMap<string, string>, rc: ValueObject, address: string): ConfigTarget | undefined {
  const dir = moduleDirs.get(modulePath(address).join('.'));
  if (dir === undefined || typeof rc.type !== 'string' || typeof rc.name !== 'string') return undefined;
  const found = lookup(dir, rc.type, rc.name);
  return found ? { file: found.file, path: found.path, body: found.body, steps: [] } : undefined;
}

/**
 * The directory of each module of the plan's configuration, relative to the plan file's directory:
 * the root module is the plan's own directory (where `terraform plan` ran), child modules follow their
 * local `source` paths.
 */
function moduleDirectories(file: string, plan: ValueObject): Map<string, string> {
  const out = new Map<string, string>();
  const root = dirname(file);
  out.set('', root);
  const configuration = plan.configuration;
  const walk = (module: Value, key: string, dir: string, depth: number): void => {
    if (!isObject(module) || depth > 16) return;
    const calls = module.module_calls;
    if (!isObject(calls)) return;
    for (const name of Object.keys(calls)) {
      const call = calls[name];
      if (!isObject(call) || typeof call.source !== 'string' || !/^\.\.?\//.test(call.source)) continue;
      const childDir = normalize(join(dir, call.source));
      const childKey = key ? `${key}.${name}` : name;
      out.set(childKey, childDir);
      walk(call.module ?? null, childKey, childDir, depth + 1);
    }
  };
  if (isObject(configuration)) walk(configuration.root_module ?? null, '', root, 0);
  return out;
}

/** `subscription_id` of the azurerm provider in the plan's configuration, when it is a constant. */
function providerSubscription(plan: ValueObject): string | undefined {
  const configuration = plan.configuration;
  const providers = isObject(configuration) ? configuration.provider_config : undefined;
  const azurerm = isObject(providers) ? providers.azurerm : undefined;
  const expressions = isObject(azurerm) ? azurerm.expressions : undefined;
  const sub = isObject(expressions) ? expressions.subscription_id : undefined;
  const constant = isObject(sub) ? sub.constant_value : undefined;
  return typeof constant === 'string' ? constant : undefined;
}

const AFTER_APPLY = 'known only after apply';
const SENSITIVE = 'sensitive: not shown';

/**
 * A mask of a planned value, as Terraform writes `after_unknown`, `after_sensitive`, `before_sensitive`
 * and `sensitive_values`: `true` for the whole value, else an object or array of the same shape
 * whose `true` members are masked. Each mask gives its masked parts their reason.
 */
interface Mask {
  readonly mask: Value | undefined;
  readonly reason: string;
}

function memberMask(mask: Value | undefined, key: string | number): Value | undefined {
  if (Array.isArray(mask)) return typeof key === 'number' ? mask[key] : undefined;
  return isObject(mask) ? mask[String(key)] : undefined;
}

/**
 * A planned value with its masked parts made Unknown (the first mask that covers a part gives its
 * reason: a sensitive value is never shown, even when it is also unknown), each container recording
 * where its members are: in the configuration when it is linted (the attribute's line, or the
 * expression that computes it), else in the plan.
 */
function planValue(value: Value, masks: readonly Mask[], planRef: SourceRef, config: ConfigTarget | undefined, depth = 0): Value {
  const masked = masks.find((m) => m.mask === true);
  if (masked) return new Unknown(masked.reason, planRef);
  if (depth > 64 || value === null || typeof value !== 'object' || value instanceof Unknown) return value;
  const planPath = planRef.path ?? [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  const out: Value = Array.isArray(value) ? [] : {};
  setOrigin(out, config ? configRef(config, []) : planRef);
  // Members marked that the planned value leaves out (Terraform writes them as absent or null).
  const markedKeys = Array.isArray(value) ? [] : masks.flatMap(({ mask }) => (isObject(mask) ? Object.keys(mask).filter((k) => mask[k] === true) : []));
  for (const key of new Set([...keys, ...markedKeys])) {
    const member = (value as Record<string | number, Value>)[key] ?? null;
    const memberMasks = masks.map((m) => ({ mask: memberMask(m.mask, key), reason: m.reason }));
    const memberPlanRef: SourceRef = { file: planRef.file, path: [...planPath, key] };
    const memberConfig = config ? { ...config, steps: [...config.steps, key] } : undefined;
    const converted = planValue(member, memberMasks, memberPlanRef, memberConfig, depth + 1);
    if (Array.isArray(out)) out.push(converted);
    else defineKey(out, key as string, converted);
    setMemberOrigin(out, key, config ? () => configRef(config, [key]) : memberPlanRef);
  }
  return out;
}

/**
 * The place in the configuration that writes the value at `steps` below the resource: the attribute,
 * or the nearest enclosing value written as an expression (a `${var.x}` gives no deeper place). A block
 * written as one object stands for element 0.
 */
function configRef(config: ConfigTarget, extra: readonly (string | number)[]): SourceRef {
  let node: Value = config.body;
  const path: (string | number)[] = [];
  let skipIndex = false;
  for (const step of [...config.steps, ...extra]) {
    if (skipIndex && typeof step === 'number') {
      skipIndex = false;
      continue;
    }
    skipIndex = false;
    const dynamic: Value | undefined = isObject(node) && typeof step === 'string' && !Object.prototype.hasOwnProperty.call(node, step) && isObject(node.dynamic) ? node.dynamic[step] : undefined;
    if (isObject(dynamic) && isObject(dynamic.content)) {
      // A block generated by `dynamic`: all its elements are written by its content.
      node = dynamic.content;
      path.push('dynamic', step, 'content');
      skipIndex = true;
    } else if (Array.isArray(node) && typeof step === 'number' && step < node.length) {
      node = node[step] as Value;
      path.push(step);
    } else if (isObject(node) && typeof step === 'string' && Object.prototype.hasOwnProperty.call(node, step)) {
      node = node[step] as Value;
      path.push(step);
    } else if (isObject(node) && step === 0) {
      continue;
    } else {
      break;
    }
  }
  return { file: config.file, path: [...config.path, ...path] };
}
