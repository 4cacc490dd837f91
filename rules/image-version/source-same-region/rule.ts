import { defineRule } from '@sigil/core';
import { IMAGE_VERSION, kindOf, locationOf, nameOf, refusedAtCreation, sameRegion, sameType } from '../../lib/links.js';
import { versionSources } from '../../lib/sources.js';

export default defineRule({
  code: 'SIG320',
  name: 'source-same-region',
  meta: {
    title: 'An image version\'s source must be in the version\'s region',
    severity: 'error',
    resourceTypes: [IMAGE_VERSION],
    summary:
      'A managed image, VM, disk or snapshot declared in the same run as the source of an image version (whole or per disk) is in another region than the version\'s location.',
    fix: 'Create the image version in the source\'s region (its location; replicate it elsewhere with publishingProfile.targetRegions), or copy the source to the version\'s region first (a snapshot copy, or a managed image built there).',
    azureErrors: [
      'Source <resourceID> is not found. Please check source exists, and in the same region as gallery image version being created.',
    ],
    policy: refusedAtCreation('version', 'the source'),
  },
  messages: {
    otherRegion: 'The source {sourceKind} "{source}" is in "{sourceLocation}"; the image version "{version}" is in "{location}"',
  },
  *check({ graph }) {
    for (const version of graph.ofType(IMAGE_VERSION)) {
      const location = locationOf(version);
      if (!location) continue;
      for (const { source, path } of versionSources(graph, version)) {
        // A version made from another version takes it from that version's replica in its region.
        if (sameType(source, IMAGE_VERSION)) continue;
        const sourceLocation = locationOf(source);
        if (!sourceLocation || sameRegion(sourceLocation.value, location.value)) continue;
        yield {
          resource: version,
          path,
          messageId: 'otherRegion',
          data: { sourceKind: kindOf(source), source: nameOf(source), sourceLocation: sourceLocation.value, version: nameOf(version), location: location.value },
          related: [{ resource: source, path: sourceLocation.path, message: `the location of the ${kindOf(source)} "${nameOf(source)}"` }],
        };
      }
    }
  },
});
