import { defineRule, readResourceId, Resource, Unknown, type Dependency, type Report } from '@sigil/core';
import {
  APPLICATION, APPLICATION_VERSION, IMAGE, IMAGE_VERSION, certainlyDeployed, declarationsOf, groupBy, kindOf, knownFullName, nameKey, parentType,
  type Declarations,
} from '../../lib/declarations.js';

const CHILDREN = [IMAGE, IMAGE_VERSION, APPLICATION, APPLICATION_VERSION];

const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

/**
 * The resources one run deploys, which its dependencies order. Bicep and Terraform resources carry
 * their run (a Bicep entry file with its modules, a Terraform module with one set of variables) and
 * depend on resources of it. ARM templates: same file, same template object (the root, or the inline
 * `template` of a nested deployment), same deployment scope object (one per run of the template, so
 * two parameters files are two groups); `dependsOn` only names resources of its group.
 */
function templateKey(resource: Resource): string | undefined {
  if (resource.frontend !== 'arm') return resource.run ? `run\0${idOf(resource.run)}` : undefined;
  const path = resource.declaration.path;
  if (!path) return undefined;
  let root = 0;
  path.forEach((step, i) => {
    if (typeof step === 'string' && step.toLowerCase() === 'template') root = i + 1;
  });
  return `${resource.declaration.file}\0${JSON.stringify(path.slice(0, root))}\0${idOf(resource.scope)}`;
}

/** A number for an object (a scope, a run), to key groups by it. */
function idOf(object: object): number {
  let id = objectIds.get(object);
  if (id === undefined) objectIds.set(object, (id = nextObjectId++));
  return id;
}

/**
 * The symbolic name of a resource in a languageVersion 2.0 template: its label without a loop index.
 * Resources of other templates are labelled by their path (`resources[0]`) and have none.
 */
function symbolOf(resource: Resource): string | undefined {
  if (resource.label.startsWith('resources[')) return undefined;
  const m = /^([A-Za-z_][\w]*)(\[[^\]]*\])?$/.exec(resource.label);
  return m?.[1];
}

/**
 * The type and name a resource id names, when its part after the last `/providers/` is known. Any
 * scope before it does, and so do empty names (a `dependsOn` entry is matched, not validated).
 */
function idTarget(entry: string | Unknown): { type: string; name: string } | undefined {
  const parts = readResourceId(entry);
  const namespace = parts?.namespace;
  if (typeof namespace !== 'string' || !namespace || !parts?.types?.length) return undefined;
  return { type: [namespace, ...parts.types].join('/'), name: (parts.names as readonly string[]).join('/') };
}

/** A dependency search that visits more resources than this stops, unknown: nothing grows without bound. */
const MAX_VISITED = 5_000;

/**
 * The resources of one template run, indexed the ways a `dependsOn` entry can name them: a resource
 * id (type and name), `type/name`, a name (full or last segment), a symbolic name.
 */
class TemplateIndex {
  private readonly byKey = new Map<string, Resource[]>();
  private readonly resolved = new Map<Resource, Resource[] | undefined>();

  constructor(resources: readonly Resource[]) {
    for (const r of resources) {
      const symbol = symbolOf(r);
      const keys = new Set(symbol === undefined ? [] : [`symbol\0${nameKey(symbol)}`]);
      const name = knownFullName(r);
      if (name !== undefined) {
        keys.add(`id\0${nameKey(r.type)}\0${nameKey(name)}`);
        keys.add(`name\0${nameKey(`${r.type}/${name}`)}`);
        keys.add(`name\0${nameKey(name)}`);
        keys.add(`name\0${nameKey(name.slice(name.lastIndexOf('/') + 1))}`);
      }
      for (const key of keys) {
        const list = this.byKey.get(key);
        if (list) list.push(r);
        else this.byKey.set(key, [r]);
      }
    }
  }

  /**
   * The resources a `dependsOn` entry names (a Bicep or Terraform entry is the resource itself).
   * Undefined when it names none sigil can identify (a copy loop's name, an entry known only at
   * deployment): the dependency may then be the parent.
   */
  private resolve(entry: Dependency): Resource[] | undefined {
    if (entry instanceof Resource) return [entry];
    if (typeof entry !== 'string' && !(entry instanceof Unknown)) return undefined;
    const target = idTarget(entry);
    if (target) return this.byKey.get(`id\0${nameKey(target.type)}\0${nameKey(target.name)}`);
    if (typeof entry !== 'string') return undefined;
    const key = nameKey(entry);
    const matches = [...(this.byKey.get(`symbol\0${key}`) ?? []), ...(this.byKey.get(`name\0${key}`) ?? [])];
    return matches.length > 0 ? matches : undefined;
  }

  /** Every resource a resource's `dependsOn` names; undefined when one entry cannot be identified. */
  dependencies(resource: Resource): Resource[] | undefined {
    if (this.resolved.has(resource)) return this.resolved.get(resource);
    let out: Resource[] | undefined = [];
    for (const entry of resource.dependsOn) {
      const targets = this.resolve(entry);
      if (!targets) {
        out = undefined;
        break;
      }
      out.push(...targets);
    }
    this.resolved.set(resource, out);
    return out;
  }
}

/**
 * Whether `child` waits for `parent`: `parent` is among its dependencies, directly or through others.
 * Undefined when a dependency on the way cannot be identified, or the search grows too large.
 */
function dependsOn(child: Resource, parent: Resource, index: TemplateIndex): boolean | undefined {
  const seen = new Set<Resource>([child]);
  const queue = [child];
  for (let next = 0; next < queue.length; next++) {
    const targets = index.dependencies(queue[next] as Resource);
    if (!targets) return undefined;
    for (const t of targets) {
      if (t === parent) return true;
      if (seen.has(t)) continue;
      if (seen.size >= MAX_VISITED) return undefined;
      seen.add(t);
      queue.push(t);
    }
  }
  return false;
}

export default defineRule({
  code: 'SIG003',
  name: 'parent-dependency',
  meta: {
    title: 'A child resource depends on its parent deployed by the same template',
    severity: 'error',
    resourceTypes: CHILDREN,
    summary:
      'An image definition, image version, application or application version whose parent is deployed by the same template (ARM, Bicep) or configuration (Terraform) does not depend on it, so Resource Manager or Terraform may create the child first.',
    fix: 'Make the child depend on its parent. ARM: add it to `dependsOn` (`"[resourceId(\'Microsoft.Compute/galleries\', parameters(\'galleryName\'))]"`, in languageVersion 2.0 its symbolic name). Bicep: refer to the parent (`parent: gallery`, `\'${gallery.name}/ubuntu\'`) instead of repeating its name; for a module, pass the parent\'s name as `gallery.name`. Terraform: refer to the parent (`gallery_name = azurerm_shared_image_gallery.images.name`, azapi `parent_id = azapi_resource.gallery.id`). A dependency on a resource that itself depends on the parent is enough.',
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
      // Most templates deploy no child at all: nothing to index.
      if (!template.some(isChild)) continue;
      const byName = groupBy(template.filter(certainlyDeployed), (r) => {
        const name = knownFullName(r);
        return name === undefined ? undefined : `${nameKey(r.type)}\0${nameKey(name)}`;
      });
      const index = new TemplateIndex(template);
      for (const child of template) {
        const report = check(child, index, byName, declarationsOf(graph));
        if (report) yield report;
      }
    }
  },
});

const CHILD_KEYS = new Set(CHILDREN.map(nameKey));

function isChild(resource: Resource): boolean {
  return CHILD_KEYS.has(nameKey(resource.type));
}

function check(child: Resource, index: TemplateIndex, byName: ReadonlyMap<string, Resource[]>, declarations: Declarations): Report<'missing'> | undefined {
  if (!isChild(child) || !certainlyDeployed(child)) return undefined;
  const fullName = knownFullName(child);
  const type = parentType(child.type);
  if (fullName === undefined || type === undefined) return undefined;
  const slash = fullName.lastIndexOf('/');
  if (slash <= 0) return undefined;
  const parentName = fullName.slice(0, slash);
  const parent = parentOf(child, byName.get(`${nameKey(type)}\0${nameKey(parentName)}`) ?? [], declarations);
  if (!parent || dependsOn(child, parent, index) !== false) return undefined;
  return {
    resource: child,
    path: ['name'],
    messageId: 'missing',
    data: { kind: capitalized(kindOf(child.type)), parentKind: kindOf(parent.type), parent: parentName },
    related: [{ resource: parent, message: `the parent ${kindOf(parent.type)}, deployed by the same template` }],
  };
}

/**
 * The parent among the run's resources of the parent's type and name. An ARM template deploys into
 * one scope; a Bicep run (modules with their own `scope:`) or a Terraform module writes a resource
 * group per resource, and the parent must certainly be in the child's.
 */
function parentOf(child: Resource, candidates: readonly Resource[], declarations: Declarations): Resource | undefined {
  if (child.frontend === 'arm') return candidates[0];
  const parents = candidates.filter((p) => declarations.sameResourceGroup(child, p) === true);
  return parents.length === 1 ? parents[0] : undefined;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
