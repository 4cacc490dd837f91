import { defineRule, type Report, type Resource } from '@sigil/core';
import {
  APPLICATION, APPLICATION_VERSION, IMAGE, IMAGE_VERSION, certainlyDeployed, declarationsOf, kindOf, knownFullName, nameKey, nearIdentical, parentType, type Declarations,
} from '../../lib/declarations.js';

const CHILDREN = [IMAGE, IMAGE_VERSION, APPLICATION, APPLICATION_VERSION];

/**
 * The declared resource whose name differs from `parent` by a typo in one segment (all other segments
 * equal), in the child's resource group. Undefined when the parent may be declared after all: a
 * declaration of its type whose name is not known, in a resource group that may be the child's.
 */
function typoOf(child: Resource, parent: string, declared: readonly Resource[], declarations: Declarations): Resource | undefined | 'maybe declared' {
  const wanted = parent.split('/');
  let match: Resource | undefined;
  for (const candidate of declared) {
    if (candidate.condition === false) continue;
    const name = knownFullName(candidate);
    if (name === undefined) {
      if (declarations.sameResourceGroup(candidate, child) !== false) return 'maybe declared';
      continue;
    }
    if (nameKey(name) === nameKey(parent)) return 'maybe declared';
    if (match) continue;
    const segments = name.split('/');
    if (segments.length !== wanted.length) continue;
    const differing = segments.flatMap((s, i) => (nameKey(s) === nameKey(wanted[i] as string) ? [] : [i]));
    if (differing.length !== 1) continue;
    const i = differing[0] as number;
    if (nearIdentical(segments[i] as string, wanted[i] as string) && declarations.comparable(candidate, child) && declarations.sameResourceGroup(candidate, child) === true) match = candidate;
  }
  return match;
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
      for (const child of graph.ofType(type)) {
        const report = check(child, declared, declarations);
        if (report) yield report;
      }
    }
  },
});

function check(child: Resource, declared: readonly Resource[], declarations: Declarations): Report<'typo'> | undefined {
  if (!certainlyDeployed(child)) return undefined;
  const fullName = knownFullName(child);
  if (fullName === undefined) return undefined;
  const parent = fullName.slice(0, fullName.lastIndexOf('/'));
  if (parent === '' || parent === fullName) return undefined;
  const typo = typoOf(child, parent, declared, declarations);
  if (typo === undefined || typo === 'maybe declared') return undefined;
  const declaredName = knownFullName(typo) as string;
  return {
    resource: child,
    path: ['name'],
    messageId: 'typo',
    data: { parentKind: kindOf(typo.type), parent, declared: declaredName },
    related: [{ resource: typo, message: `the ${kindOf(typo.type)} "${declaredName}"` }],
  };
}
