import { defineRule } from '@sigil/core';
import { normalizedRegion, regionsParameter, zrsRegionsParameter } from '../../lib/regions.js';

const VERSION = 'Microsoft.Compute/galleries/images/versions';
const PROFILE = `${VERSION}/publishingProfile`;
const REGIONS = `${PROFILE}.targetRegions[*]`;
const NAME = `${REGIONS}.name`;
const PROFILE_TYPE = `${PROFILE}.storageAccountType`;
const STRATEGY = `${PROFILE}.storageAccountStrategy`;

/**
 * The storage type a target region without its own inherits: the profile's, unless a storage strategy
 * is set (2025-03-03 and later; PreferStandard_ZRS falls back to LRS where ZRS is missing, so it is
 * never an error, and it cannot be combined with a profile storage type).
 */
const INHERITED = `if(empty(field('${STRATEGY}')), field('${PROFILE_TYPE}'), '')`;
const REGION_NAME = `current('${NAME}')`;

export default defineRule({
  code: 'SIG305',
  name: 'zrs-region-support',
  meta: {
    title: 'Standard_ZRS replicas only in regions with zone-redundant storage',
    severity: 'error',
    resourceTypes: [VERSION],
    summary:
      'An image version keeps Standard_ZRS replicas (publishingProfile.storageAccountType, or a target region\'s own storageAccountType) in a region without zone-redundant storage (the region lists are the rule options "regions" and "zrsRegions").',
    fix: 'Use Standard_LRS or Premium_LRS for that region: set storageAccountType on its targetRegions entry, or change the profile-level storageAccountType. From api-version 2025-03-03, storageAccountStrategy PreferStandard_ZRS (instead of a profile-level Standard_ZRS) keeps ZRS where the region has it and falls back to LRS elsewhere.',
    azureErrors: ['ZRS storage account type is not supported in this region.'],
  },
  messages: {
    zrsNotAvailable: 'Standard_ZRS is not available in "{value}"; use Standard_LRS or Premium_LRS',
  },
  parameters: { regions: regionsParameter(), zrsRegions: zrsRegionsParameter() },
  condition: {
    allOf: [
      { field: 'type', equals: VERSION },
      {
        anyOf: [
          {
            // One member per target region: the `where` reports each region that fails, on its name
            // (read last).
            count: {
              field: REGIONS,
              where: {
                messageId: 'zrsNotAvailable',
                allOf: [
                  { value: `[string(coalesce(current('${REGIONS}.storageAccountType'), ${INHERITED}))]`, equals: 'Standard_ZRS' },
                  // A region sigil knows (not a typo, not another cloud's) that lacks ZRS.
                  { value: `[${normalizedRegion(REGION_NAME)}]`, in: "[parameters('regions')]" },
                  { value: `[${normalizedRegion(REGION_NAME)}]`, notIn: "[parameters('zrsRegions')]" },
                ],
              },
            },
            greater: 0,
          },
          {
            // Without targetRegions the version is replicated to its own location, with the
            // profile's storage type.
            messageId: 'zrsNotAvailable',
            allOf: [
              { count: { field: REGIONS }, equals: 0 },
              { field: PROFILE_TYPE, equals: 'Standard_ZRS' },
              { field: STRATEGY, exists: false },
              { field: 'location', in: "[parameters('regions')]" },
              { field: 'location', notIn: "[parameters('zrsRegions')]" },
            ],
          },
        ],
      },
    ],
  },
});
