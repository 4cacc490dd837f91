import { defineRule } from '@sigil/core';
import { replicaCountOutOfRange } from '../../lib/replicas.js';

const IMAGE_VERSION = 'Microsoft.Compute/galleries/images/versions';
const APPLICATION_VERSION = 'Microsoft.Compute/galleries/applications/versions';

/** The bounds the Azure error names, as the rule options set them. */
const BOUNDS = { min: "[parameters('minReplicaCount')]", max: "[parameters('maxReplicaCount')]" };

/**
 * The checks for one resource type: the profile's replicaCount, then each target region's. The
 * regions are a field count whose `where` reports: one finding per region out of range, on its count
 * (`current()` reads the member, and is the evidence).
 */
function replicaCounts(type: string): Record<string, unknown> {
  const profileCount = `${type}/publishingProfile.replicaCount`;
  const regions = `${type}/publishingProfile.targetRegions[*]`;
  return {
    allOf: [
      { field: 'type', equals: type },
      {
        anyOf: [
          { messageId: 'outOfRange', messageData: BOUNDS, value: `[${replicaCountOutOfRange(`field('${profileCount}')`)}]`, equals: true },
          {
            count: {
              field: regions,
              where: {
                messageId: 'regionalOutOfRange',
                messageData: { ...BOUNDS, region: `[string(coalesce(current('${regions}.name'), ''))]` },
                value: `[${replicaCountOutOfRange(`current('${regions}.regionalReplicaCount')`)}]`,
                equals: true,
              },
            },
            greater: 0,
          },
        ],
      },
    ],
  };
}

export default defineRule({
  code: 'SIG304',
  name: 'replica-count-range',
  meta: {
    title: 'Replica counts must be between 1 and 100',
    severity: 'error',
    resourceTypes: [IMAGE_VERSION, APPLICATION_VERSION],
    summary:
      'publishingProfile.replicaCount or a targetRegions[*].regionalReplicaCount of an image version or VM application version is outside 1..100 (the bounds are the rule options minReplicaCount and maxReplicaCount).',
    fix: 'Set the replica count between 1 and 100: one replica for every 20 VMs created at the same time is the usual sizing, and 50 is enough for most uses. A region that should not keep the version is removed from targetRegions rather than given 0 replicas.',
    azureErrors: [
      'The value <value> of parameter <property> is out of range. The value must be between <minValue> and <maxValue>, inclusive.',
    ],
  },
  messages: {
    outOfRange: '{property} {value} is out of range; it must be between {min} and {max}',
    regionalOutOfRange: '{property} {value} of target region "{region}" is out of range; it must be between {min} and {max}',
  },
  parameters: {
    minReplicaCount: {
      type: 'Integer',
      defaultValue: 1,
      displayName: 'Minimum replica count',
      description: 'The smallest replica count accepted for a version or a target region.',
    },
    maxReplicaCount: {
      type: 'Integer',
      defaultValue: 100,
      displayName: 'Maximum replica count',
      description: 'The largest replica count accepted for a version or a target region (Azure Compute Gallery allows 100 replicas).',
    },
  },
  condition: { anyOf: [replicaCounts(IMAGE_VERSION), replicaCounts(APPLICATION_VERSION)] },
});
