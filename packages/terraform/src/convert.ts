import {
  Unknown, isObject, defineKey, memberOrigin, originOf, setOrigin, setMemberOrigin,
  type SourceRef, type Value, type ValueObject,
} from '@sigil/core';
import { isBlock, type AttributeTarget, type ResourceMapping, type Target } from './mapping.js';

/**
 * Builds the ARM request body of an azurerm resource from its evaluated attributes, through the
 * mapping table. Each ARM member remembers where its Terraform value was written (the attribute, or
 * the tfvars line / variable default / plan value it came from), so findings point there.
 */
export function toArmBody(mapping: ResourceMapping, attributes: ValueObject, declaration: SourceRef): ValueObject {
  const body: ValueObject = {};
  setOrigin(body, declaration);
  for (const [path, value] of Object.entries(mapping.constants ?? {})) put(body, path.split('.'), value, undefined, declaration);
  convertLevel(mapping, '', attributes, body, declaration);
  return body;
}

function convertLevel(mapping: ResourceMapping, prefix: string, source: ValueObject, target: ValueObject, declaration: SourceRef): void {
  const here = originOf(source) ?? declaration;
  for (const [attribute, spec] of entriesAt(mapping, prefix)) {
    const key = attribute.slice(prefix.length);
    const present = Object.prototype.hasOwnProperty.call(source, key) && source[key] !== null;
    const value = present ? (source[key] as Value) : undefined;
    const ref = present ? memberOrigin(source, key).value : undefined;
    if (isBlock(spec)) {
      if (value !== undefined) convertBlock(mapping, attribute, spec.block, spec.single === true, value, ref ?? here, target, declaration);
      continue;
    }
    if (value === undefined) {
      if (spec.default !== undefined) applyValue(spec, spec.default, undefined, target, here);
      continue;
    }
    applyValue(spec, value, ref, target, here);
  }
}

/** The mapping entries directly under `prefix` (`target_region.` -> `target_region.name`...). */
function entriesAt(mapping: ResourceMapping, prefix: string): [string, Target][] {
  return Object.entries(mapping.attributes).filter(([a]) => a.startsWith(prefix) && !a.slice(prefix.length).includes('.'));
}

function convertBlock(mapping: ResourceMapping, attribute: string, armPath: string, single: boolean, value: Value, ref: SourceRef, target: ValueObject, declaration: SourceRef): void {
  const path = armPath.split('.');
  if (value instanceof Unknown) {
    put(target, path, value, ref, declaration);
    return;
  }
  // Configuration JSON writes one block as an object, plans and repeated blocks as arrays.
  const elements: Value[] = Array.isArray(value) ? value : [value];
  const converted: Value[] = [];
  setOrigin(converted, originOf(Array.isArray(value) ? value : {}) ?? ref);
  elements.forEach((element, i) => {
    if (element instanceof Unknown) {
      converted.push(element);
      return;
    }
    if (!isObject(element)) return;
    const out: ValueObject = {};
    setOrigin(out, originOf(element) ?? ref);
    convertLevel(mapping, `${attribute}.`, element, out, declaration);
    converted.push(out);
    const elementRef = Array.isArray(value) ? memberOrigin(value, i).value : ref;
    if (elementRef) setMemberOrigin(converted, converted.length - 1, elementRef);
  });
  if (single) {
    const first = converted[0];
    const firstRef = Array.isArray(value) ? memberOrigin(value, 0).value ?? ref : ref;
    const existing = get(target, path);
    if (isObject(existing) && isObject(first)) {
      // Constants already there (a VM's osDisk.osType): the block's members join them.
      for (const key of Object.keys(first)) {
        defineKey(existing, key, first[key] as Value);
        const memberRef = memberOrigin(first, key).value;
        if (memberRef) setMemberOrigin(existing, key, memberRef);
      }
    } else if (first !== undefined) {
      put(target, path, first, firstRef, declaration);
    }
    return;
  }
  put(target, path, converted, ref, declaration);
}

function applyValue(spec: AttributeTarget, value: Value, ref: SourceRef | undefined, target: ValueObject, declaration: SourceRef): void {
  const path = spec.arm.split('.');
  const convert = spec.convert;
  if (!convert) {
    put(target, path, value, ref, declaration);
    return;
  }
  switch (convert.kind) {
    case 'osState':
      put(target, path, value instanceof Unknown ? value : value === true || value === 'true' ? 'Specialized' : 'Generalized', ref, declaration);
      return;
    case 'omitZero':
      if (value !== 0 && value !== '0') put(target, path, value, ref, declaration);
      return;
    case 'wrapInArray': {
      const list: Value[] = [value];
      if (ref) setMemberOrigin(list, 0, ref);
      put(target, path, list, ref, declaration);
      return;
    }
    case 'constant':
      put(target, path, convert.value, ref, declaration);
      return;
    case 'sshKeyPath':
      put(target, path, typeof value === 'string' ? `/home/${value}/.ssh/authorized_keys` : value, ref, declaration);
      return;
    case 'imageOrVirtualMachine': {
      const vm = typeof value === 'string' && isVirtualMachineId(value);
      put(target, (vm ? convert.virtualMachinePath : spec.arm).split('.'), value, ref, declaration);
      return;
    }
    case 'feature': {
      if (value instanceof Unknown) {
        put(target, path, new Unknown(value.reason, value.origin), ref, declaration);
        return;
      }
      if (value !== true && value !== 'true') return;
      const existing = get(target, path);
      if (existing instanceof Unknown) return;
      const features: Value[] = Array.isArray(existing) ? existing : [];
      if (!Array.isArray(existing)) put(target, path, features, undefined, declaration);
      const feature: ValueObject = { name: convert.name, value: convert.value };
      features.push(feature);
      if (ref) {
        setMemberOrigin(feature, 'name', ref);
        setMemberOrigin(feature, 'value', ref);
        setMemberOrigin(features, features.length - 1, ref);
      }
      return;
    }
  }
}

/**
 * The provider's test for `managed_image_id` (virtualmachines.ParseVirtualMachineID): a
 * `/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Compute/virtualMachines/{name}` id.
 */
export function isVirtualMachineId(id: string): boolean {
  return /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/virtualMachines\/[^/]+$/i.test(id);
}

function get(target: ValueObject, path: readonly string[]): Value | undefined {
  let v: Value | undefined = target;
  for (const step of path) v = isObject(v) ? v[step] : undefined;
  return v;
}

/** Sets `path` in `target`, creating the objects on the way, and records where the value was written. */
function put(target: ValueObject, path: readonly string[], value: Value, ref: SourceRef | undefined, declaration: SourceRef): void {
  let container = target;
  for (const step of path.slice(0, -1)) {
    let next = container[step];
    if (!isObject(next)) {
      if (next instanceof Unknown) return;
      next = {};
      setOrigin(next, originOf(container) ?? declaration);
      defineKey(container, step, next);
    }
    container = next;
  }
  const last = path[path.length - 1] as string;
  defineKey(container, last, value);
  if (ref) setMemberOrigin(container, last, ref);
}
