import { defineRule } from '@sigil/core';
import { IMAGE_VERSION, kindOf, nameOf, refusedAtCreation, subscriptionOf } from '../../lib/links.js';
import { sourceEncryptionSets, versionSources } from '../../lib/sources.js';

export default defineRule({
  code: 'SIG321',
  name: 'encrypted-source-subscription',
  meta: {
    title: 'An encrypted source must be in the image version\'s subscription',
    severity: 'error',
    resourceTypes: [IMAGE_VERSION],
    summary:
      'The source of an image version (a managed image, VM, disk or snapshot declared in the same run) uses a disk encryption set and is in another subscription than the version.',
    fix: 'Create the image version in the source\'s subscription, or build it from a source that is not encrypted with a customer-managed key (a copy of the disks encrypted with platform-managed keys).',
    azureErrors: [
      "Encrypted source: '<resourceID>' is in a different subscription ID than the current gallery image version subscription '<subscriptionID_1>'. Please retry with an unencrypted source(s) or use the source's subscription '<subcriptionID_2>' to create the gallery image version.",
    ],
    policy: refusedAtCreation('version', 'the source'),
  },
  messages: {
    otherSubscription: 'The source {sourceKind} "{source}" is encrypted with the disk encryption set "{set}" and is in subscription "{sourceSubscription}"; the image version "{version}" is in subscription "{subscription}"',
  },
  *check({ graph }) {
    for (const version of graph.ofType(IMAGE_VERSION)) {
      const subscription = subscriptionOf(version);
      if (!subscription) continue;
      for (const { source, path } of versionSources(graph, version)) {
        const sourceSubscription = subscriptionOf(source);
        if (!sourceSubscription || sourceSubscription.toLowerCase() === subscription.toLowerCase()) continue;
        const [set] = sourceEncryptionSets(source);
        if (!set) continue;
        yield {
          resource: version,
          path,
          messageId: 'otherSubscription',
          data: { sourceKind: kindOf(source), source: nameOf(source), set: set.value.slice(set.value.lastIndexOf('/') + 1), sourceSubscription, version: nameOf(version), subscription },
          related: [{ resource: source, path: set.path, message: `the disk encryption set of the ${kindOf(source)} "${nameOf(source)}"` }],
        };
      }
    }
  },
});
