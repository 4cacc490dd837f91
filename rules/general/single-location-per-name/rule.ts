import { defineRule, type Report, type Resource } from '@sigil/core';
import {
  GALLERY, IMAGE, certainlyPresent, declarationsOf, fullNameKey, groupBy, knownLocation, nameKey, type Declarations,
} from '../../lib/declarations.js';

type MessageId = 'locationConflict' | 'galleryNameInSubscription';

const KIND: Record<string, string> = { [GALLERY.toLowerCase()]: 'Gallery', [IMAGE.toLowerCase()]: 'Image definition' };

export default defineRule<MessageId>({
  code: 'SIG004',
  name: 'single-location-per-name',
  meta: {
    title: 'A gallery or image definition is declared in one location only',
    severity: 'error',
    resourceTypes: [GALLERY, IMAGE],
    summary:
      'Two declarations of the same gallery (same resource group) or of the same image definition (same gallery) give different locations, or one gallery name is declared in two resource groups of one subscription.',
    fix: 'Give every declaration of a resource the same location: build it from one parameter or variable (or from the gallery\'s own location for its image definitions), or remove the duplicate declaration and refer to the resource with `existing`. Gallery names are unique in a subscription: rename one of the galleries, or deploy it to one resource group only.',
    azureErrors: [
      'Resource <name> already exists in location <location>. A resource with the same name cannot be created in location <other location>.',
      'The gallery name <name> is already in use in the subscription.',
    ],
    policy: {
      reason:
        'Azure Policy evaluates one resource at a time, and AuditIfNotExists reports when a related resource does not exist; this rule reports when another declaration does, which no policy effect can say.',
    },
  },
  messages: {
    locationConflict: '{kind} "{fullName}" has location "{location}" here and "{otherLocation}" in another declaration of the same resource',
    galleryNameInSubscription: 'Gallery "{fullName}" in resource group "{group}" is also declared in resource group "{otherGroup}" of the same subscription',
  },
  *check({ graph }) {
    const declarations = declarationsOf(graph);
    for (const type of [GALLERY, IMAGE]) yield* locationConflicts(graph.ofType(type).filter(certainlyPresent), declarations);
    yield* galleryNamesInSubscription(graph.ofType(GALLERY).filter(certainlyPresent), declarations);
  },
});

/** Each declaration whose location differs from an earlier declaration of the same resource. */
function* locationConflicts(resources: readonly Resource[], declarations: Declarations): Iterable<Report<MessageId>> {
  for (const group of groupBy(resources, fullNameKey).values()) {
    for (let i = 1; i < group.length; i++) {
      const later = group[i] as Resource;
      const location = knownLocation(later);
      if (location === undefined) continue;
      const earlier = group.slice(0, i).find((r) => {
        const other = knownLocation(r);
        return other !== undefined && other !== location && declarations.comparable(r, later) && declarations.sameResourceGroup(r, later) === true;
      });
      if (!earlier) continue;
      const otherLocation = knownLocation(earlier) as string;
      yield {
        resource: later,
        path: ['location'],
        messageId: 'locationConflict',
        data: { kind: KIND[later.type.toLowerCase()] ?? later.type, location, otherLocation },
        related: [{ resource: earlier, path: ['location'], message: `the other declaration, with location "${otherLocation}"` }],
      };
    }
  }
}

/** Each gallery whose name an earlier gallery in another resource group of the same subscription has. */
function* galleryNamesInSubscription(galleries: readonly Resource[], declarations: Declarations): Iterable<Report<MessageId>> {
  for (const declared of groupBy(galleries, fullNameKey).values()) {
    // The gallery that exists already (`existing`, a Terraform data source) is the related one: the
    // finding goes on the gallery the deployment creates, and two `existing` ones deploy nothing.
    const group = [...declared.filter((r) => r.existing), ...declared.filter((r) => !r.existing)];
    for (let i = 1; i < group.length; i++) {
      const later = group[i] as Resource;
      const laterGroup = later.scope.resourceGroup;
      if (later.existing || typeof laterGroup !== 'string') continue;
      const earlier = group.slice(0, i).find((r) => {
        const g = r.scope.resourceGroup;
        return typeof g === 'string' && nameKey(g) !== nameKey(laterGroup) && declarations.comparable(r, later) && declarations.sameSubscription(r, later) === true;
      });
      if (!earlier) continue;
      const otherGroup = earlier.scope.resourceGroup as string;
      yield {
        resource: later,
        messageId: 'galleryNameInSubscription',
        data: { group: laterGroup, otherGroup },
        related: [{ resource: earlier, message: `the gallery of the same name in resource group "${otherGroup}"` }],
      };
    }
  }
}
