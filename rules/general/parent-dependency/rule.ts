import { defineRule, splitParts, Unknown, type Report, type Resource, type Value } from '@sigil/core';
import {
  APPLICATION, APPLICATION_VERSION, IMAGE, IMAGE_VERSION, certainlyDeployed, groupBy, kindOf, knownFullName, nameKey, parentType,
} from '../../lib/declarations.js';

const CHILDREN = [IMAGE, IMAGE_VERSION, APPLICATION, APPLICATION_VERSION];

const scopeIds = new WeakMap<object, number>();
let nextScopeId = 0;

/**
 * The resources one ARM template deploys in one run: same file, same template object (the root, or
 * the inline `template` of a nested deployment), same deployment scope object (one per run of the
 * template, so two parameters files are two groups). `dependsOn` only names resources of its group.
 */
function templateKey(resource: Resource): string | undefined {
  if (resource.frontend !== 'arm') return undefined;
  const path = resource.declaration.path;
  if (!path) return undefined;
  let root = 0;
  path.forEach((step, i) => {
    if (typeof step === 'string' && step.toLowerCase() === 'template') root = i + 1;
  });
  let scope = scopeIds.get(resource.scope);
  if (scope === undefined) scopeIds.set(resource.scope, (scope = nextScopeId++));
  return `${resource.declaration.file}\0${JSON.stringify(path.slice(0, root))}\0${scope}`;
}

/** The symbolic name of a resource in a languageVersion 2.0 template (its label without a loop index). */
function symbolOf(resource: Resource): string {
  return resource.label.replace(/\[[^\]]*\]$/, '');
}

/** `ns/t1/n1/t2/n2` after `/providers/` -> the type and full name it names. */
function typeAndName(segments: readonly string[]): { type: string; name: string } | undefined {
  const [namespace, ...rest] = segments;
  if (!namespace || rest.length === 0 || rest.length % 2 !== 0) return undefined;
  return {
    type: [namespace, ...rest.filter((_, i) => i % 2 === 0)].join('/'),
    name: rest.filter((_, i) => i % 2 === 1).join('/'),
  };
}

/** The type and name a resource id names, when its part after the last `/providers/` is known. */
function idTarget(entry: string | Unknown): { type: string; name: string } | undefined {
  const segments = splitParts(entry, '/');
  if (!segments) return undefined;
  let providers = -1;
  segments.forEach((s, i) => {
    if (typeof s === 'string' && s.toLowerCase() === 'providers') providers = i;
  });
  const tail = segments.slice(providers + 1);
  if (providers < 0 || !tail.every((s): s is string => typeof s === 'string')) return undefined;
  return typeAndName(tail);
}

/**
 * The resources of the template a `dependsOn` entry names: a resource id, `type/name`, a name, or a
 * symbolic name. Undefined when it names none sigil can identify (a copy loop's name, an entry known
 * only at deployment): the dependency may then be the parent.
 */
function resolve(entry: Value, template: readonly Resource[]): Resource[] | undefined {
  if (typeof entry !== 'string' && !(entry instanceof Unknown)) return undefined;
  const target = idTarget(entry);
  const matches = template.filter((r) => {
    const name = knownFullName(r);
    if (target) return name !== undefined && nameKey(r.type) === nameKey(target.type) && nameKey(name) === nameKey(target.name);
    if (typeof entry !== 'string') return false;
    const key = nameKey(entry);
    return nameKey(symbolOf(r)) === key || (name !== undefined && (nameKey(name) === key || nameKey(`${r.type}/${name}`) === key || nameKey(r.name as string) === key));
  });
  return matches.length > 0 ? matches : undefined;
}

/**
 * Whether `child` waits for `parent`: `parent` is among its dependencies, directly or through others.
 * Undefined when a dependency cannot be identified.
 */
function dependsOn(child: Resource, parent: Resource, template: readonly Resource[]): boolean | undefined {
  const seen = new Set<Resource>([child]);
  const queue = [child];
  while (queue.length > 0) {
    const current = queue.shift() as Resource;
    for (const entry of current.dependsOn) {
      const targets = resolve(entry, template);
      if (!targets) return undefined;
      for (const t of targets) {
        if (t === parent) return true;
        if (!seen.has(t)) {
          seen.add(t);
          queue.push(t);
        }
      }
    }
  }
  return false;
}

export default defineRule({
  code: 'SIG003',
  name: 'parent-dependency',
  meta: {
    title: 'An ARM child resource depends on its parent declared in the same template',
    severity: 'error',
    resourceTypes: CHILDREN,
    summary:
      'In an ARM template, an image definition, image version, application or application version whose parent is deployed by the same template does not depend on it (dependsOn), so Resource Manager may create the child first.',
    fix: 'Add the parent to the child\'s dependsOn: `"dependsOn": ["[resourceId(\'Microsoft.Compute/galleries\', parameters(\'galleryName\'))]"]` (in languageVersion 2.0, the parent\'s symbolic name). A dependency on a resource that itself depends on the parent is enough. Bicep writes these dependencies itself when the child refers to the parent (`parent: gallery`).',
    azureErrors: [
      'ParentResourceNotFound: Can not perform requested operation on nested resource. Parent resource <name> not found.',
    ],
    policy: {
      reason: 'The order in which a template deploys its resources is not a property of any resource, and Azure Policy sees resources only.',
    },
  },
  messages: {
    missing: '{kind} "{fullName}" does not depend on its parent {parentKind} "{parent}", which the same template deploys',
  },
  *check({ graph }) {
    const templates = groupBy(graph.resources, templateKey);
    for (const template of templates.values()) {
      const byName = groupBy(template.filter(certainlyDeployed), (r) => {
        const name = knownFullName(r);
        return name === undefined ? undefined : `${nameKey(r.type)}\0${nameKey(name)}`;
      });
      for (const child of template) {
        const report = check(child, template, byName);
        if (report) yield report;
      }
    }
  },
});

function check(child: Resource, template: readonly Resource[], byName: ReadonlyMap<string, Resource[]>): Report<'missing'> | undefined {
  if (!CHILDREN.some((t) => nameKey(t) === nameKey(child.type)) || !certainlyDeployed(child)) return undefined;
  const fullName = knownFullName(child);
  const type = parentType(child.type);
  if (fullName === undefined || type === undefined) return undefined;
  const parentName = fullName.slice(0, fullName.lastIndexOf('/'));
  const parent = byName.get(`${nameKey(type)}\0${nameKey(parentName)}`)?.[0];
  if (!parent || dependsOn(child, parent, template) !== false) return undefined;
  return {
    resource: child,
    path: ['name'],
    messageId: 'missing',
    data: { kind: capitalized(kindOf(child.type)), parentKind: kindOf(parent.type), parent: parentName },
    related: [{ resource: parent, message: `the parent ${kindOf(parent.type)}, deployed by the same template` }],
  };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
