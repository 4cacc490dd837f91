import { defineRule, type Resource } from '@sigil/core';
import { IMAGE, certainlyPresent, declarationsOf, groupBy, knownFullName, nameKey } from '../../lib/declarations.js';

const IDENTIFIER = ['properties', 'identifier'] as const;

/** The identifier's publisher, offer and sku when all three are known strings. */
function identifierOf(definition: Resource): { publisher: string; offer: string; sku: string } | undefined {
  const [publisher, offer, sku] = (['publisher', 'offer', 'sku'] as const).map((k) => definition.get([...IDENTIFIER, k]));
  if (typeof publisher !== 'string' || typeof offer !== 'string' || typeof sku !== 'string') return undefined;
  return { publisher, offer, sku };
}

/** `gallery\0publisher\0offer\0sku` without case: definitions that may clash share it. */
function clashKey(definition: Resource): string | undefined {
  const name = knownFullName(definition);
  const id = identifierOf(definition);
  const segments = name?.split('/');
  if (!id || segments?.length !== 2) return undefined;
  return nameKey([segments[0], id.publisher, id.offer, id.sku].join('\0'));
}

export default defineRule({
  code: 'SIG203',
  name: 'unique-image-identifier',
  meta: {
    title: 'Image definitions of one gallery have distinct publisher, offer and sku',
    severity: 'error',
    resourceTypes: [IMAGE],
    summary:
      'Two image definitions of the same gallery share the identifier publisher + offer + sku (compared without case, as Azure does).',
    fix: 'Give each image definition of a gallery its own identifier: change the sku (or the offer) of one of them. The identifier cannot be changed once a definition exists, so change the one that is not deployed yet; if both are the same image, keep one definition and publish the versions under it.',
    azureErrors: ['Gallery image identified by (<publisher>, <offer>, <sku>) already exists.'],
    policy: {
      reason:
        'Azure Policy evaluates one resource at a time, and AuditIfNotExists reports when no related resource matches; a definition must be reported when a sibling with the same identifier does exist, which no policy effect can say.',
    },
  },
  messages: {
    duplicate: 'Image definition "{fullName}" has the identifier publisher "{publisher}", offer "{offer}", sku "{sku}" of image definition "{other}" in the same gallery',
  },
  *check({ graph }) {
    const declarations = declarationsOf(graph);
    const definitions = graph.ofType(IMAGE).filter(certainlyPresent);
    for (const group of groupBy(definitions, clashKey).values()) {
      for (let i = 1; i < group.length; i++) {
        const later = group[i] as Resource;
        const name = nameKey(knownFullName(later) as string);
        const earlier = group.slice(0, i).find((r) => nameKey(knownFullName(r) as string) !== name && declarations.comparable(r, later) && declarations.sameResourceGroup(r, later) === true);
        if (!earlier) continue;
        const other = knownFullName(earlier) as string;
        yield {
          resource: later,
          path: [...IDENTIFIER],
          messageId: 'duplicate',
          data: { ...identifierOf(later), other },
          related: [{ resource: earlier, path: [...IDENTIFIER], message: `the identifier of image definition "${other}"` }],
        };
      }
    }
  },
});
