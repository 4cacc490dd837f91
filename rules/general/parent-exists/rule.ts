import { defineRule, type Report, type Resource } from '@sigil/core';
import {
  APPLICATION, APPLICATION_VERSION, IMAGE, IMAGE_VERSION, certainlyDeployed, declarationsOf, kindOf, knownFullName, nameKey, nearIdentical, parentType, type Declarations,
} from '../../lib/declarations.js';

const CHILDREN = [IMAGE, IMAGE_VERSION, APPLICATION, APPLICATION_VERSION];

/**
 * The declarations of one parent type, indexed for the two questions a child asks: is my parent's
 * name declared (or may it be, by a declaration whose name is not known), and which declared name is
 * one typo away from it. Typos are found through each name segment's one-letter deletions (and its
 * letters without separators), so a run with many galleries never compares every pair.
 */
class ParentIndex {
  private readonly exact = new Set<string>();
  /** Scope objects and written resource groups of declarations whose names are not known. */
  private readonly unknownScopes = new Set<object>();
  private readonly unknownGroups = new Set<string>();
  private unknownAnywhere = false;
  private unknownGroupUnknown = false;
  /** Declarations by each name one typo away (see `neighbours`); built when a parent is first missing. */
  private near: Map<string, Resource[]> | undefined;
  /** Declarations of known name. */
  private readonly named: { readonly resource: Resource; readonly name: string }[] = [];

  constructor(declared: readonly Resource[]) {
    for (const r of declared) {
      if (r.condition === false) continue;
      const name = knownFullName(r);
      if (name === undefined) {
        this.unknownAnywhere = true;
        this.unknownScopes.add(r.scope);
        const group = r.scope.resourceGroup;
        if (typeof group === 'string') this.unknownGroups.add(nameKey(group));
        else this.unknownGroupUnknown = true;
        continue;
      }
      this.exact.add(nameKey(name));
      this.named.push({ resource: r, name });
    }
  }

  /** Most children name a declared parent: the typo index is built only when one does not. */
  private neighbours(): Map<string, Resource[]> {
    if (this.near) return this.near;
    const near = new Map<string, Resource[]>();
    for (const { resource, name } of this.named) {
      const segments = name.split('/');
      segments.forEach((segment, i) => {
        for (const variant of variants(segment)) {
          const key = neighbourKey(segments, i, variant);
          const list = near.get(key);
          if (list) list.push(resource);
          else near.set(key, [resource]);
        }
      });
    }
    this.near = near;
    return near;
  }

  /** Whether a declaration may be the parent: its name, or a declaration of unknown name that may be in the child's group. */
  maybeDeclared(parent: string, child: Resource): boolean {
    if (this.exact.has(nameKey(parent))) return true;
    if (!this.unknownAnywhere) return false;
    const group = child.scope.resourceGroup;
    return this.unknownScopes.has(child.scope) || this.unknownGroupUnknown || typeof group !== 'string' || this.unknownGroups.has(nameKey(group));
  }

  /** Declarations whose name differs from `parent` in one segment, by a typo. */
  *typos(parent: string): Iterable<Resource> {
    const segments = parent.split('/');
    const seen = new Set<Resource>();
    for (let i = 0; i < segments.length; i++) {
      for (const variant of variants(segments[i] as string)) {
        for (const r of this.neighbours().get(neighbourKey(segments, i, variant)) ?? []) {
          if (seen.has(r)) continue;
          seen.add(r);
          const name = (knownFullName(r) as string).split('/');
          if (nearIdentical(name[i] as string, segments[i] as string)) yield r;
        }
      }
    }
  }
}

/** The segment itself, its letters without separators, and each one-letter deletion (lower case). */
function variants(segment: string): Set<string> {
  const s = segment.toLowerCase();
  const out = new Set([s, `bare:${s.replace(/[-_.]/g, '')}`]);
  for (let i = 0; i < s.length; i++) out.add(s.slice(0, i) + s.slice(i + 1));
  return out;
}

function neighbourKey(segments: readonly string[], i: number, variant: string): string {
  return `${segments.length}\0${i}\0${segments.map((s, j) => (j === i ? variant : nameKey(s))).join('/')}`;
}

/** The declared resource near-identical to the child's parent name, in the child's resource group. */
function typoOf(child: Resource, parent: string, index: ParentIndex, declarations: Declarations): Resource | undefined {
  if (index.maybeDeclared(parent, child)) return undefined;
  for (const candidate of index.typos(parent)) {
    if (declarations.comparable(candidate, child) && declarations.sameResourceGroup(candidate, child) === true) return candidate;
  }
  return undefined;
}

export default defineRule({
  code: 'SIG002',
  name: 'parent-exists',
  meta: {
    title: 'A child resource names a parent that is declared',
    severity: 'error',
    resourceTypes: CHILDREN,
    summary:
      'An image definition, image version, application or application version names a parent gallery or definition that the deployment does not declare, while a near-identical name is declared in the same resource group: a typo.',
    fix: 'Correct the parent part of the child\'s name. Better, write it from the parent itself so that it cannot drift: `parent: gallery` (or a nested resource) in Bicep, `[format(\'{0}/{1}\', parameters(\'galleryName\'), ...)]` from the same parameter in ARM, `gallery_name = azurerm_shared_image_gallery.gallery.name` in Terraform.',
    azureErrors: [
      'ParentResourceNotFound: Can not perform requested operation on nested resource. Parent resource <name> not found.',
    ],
    policy: {
      reason:
        'Azure Policy sees resources in Azure, never the other declarations of the files; and a child whose parent is missing is never created, so there is nothing for a policy to evaluate.',
    },
  },
  messages: {
    typo: 'Parent {parentKind} "{parent}" is not declared, but "{declared}" is',
  },
  *check({ graph }) {
    const declarations = declarationsOf(graph);
    for (const type of CHILDREN) {
      const parent = parentType(type) as string;
      const declared = graph.ofType(parent);
      if (declared.length === 0) continue;
      const index = new ParentIndex(declared);
      for (const child of graph.ofType(type)) {
        const report = check(child, index, declarations);
        if (report) yield report;
      }
    }
  },
});

function check(child: Resource, index: ParentIndex, declarations: Declarations): Report<'typo'> | undefined {
  if (!certainlyDeployed(child)) return undefined;
  const fullName = knownFullName(child);
  if (fullName === undefined) return undefined;
  // A child name without its parent's part is another error (the name has too few segments).
  const slash = fullName.lastIndexOf('/');
  if (slash <= 0) return undefined;
  const parent = fullName.slice(0, slash);
  const typo = typoOf(child, parent, index, declarations);
  if (typo === undefined) return undefined;
  const declaredName = knownFullName(typo) as string;
  return {
    resource: child,
    path: ['name'],
    messageId: 'typo',
    data: { parentKind: kindOf(typo.type), parent, declared: declaredName },
    related: [{ resource: typo, message: `the ${kindOf(typo.type)} "${declaredName}"` }],
  };
}
