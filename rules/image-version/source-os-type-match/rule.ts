import { defineRule } from '@sigil/core';
import { IMAGE_VERSION, stringFact } from '../../lib/links.js';
import { mismatchReport, sourceMismatches, sourceOsType } from '../../lib/sources.js';

export default defineRule({
  code: 'SIG316',
  name: 'source-os-type-match',
  meta: {
    title: 'An image version\'s source must have the OS type of its image definition',
    severity: 'error',
    resourceTypes: [IMAGE_VERSION],
    summary:
      'The source of an image version (a managed image, VM, disk, snapshot or image version declared in the same run) has another OS type than the image definition\'s osType.',
    fix: 'Publish the version under an image definition of the source\'s OS type (create one with the right osType: it cannot be changed), or build the version from a source of the definition\'s OS type.',
    azureErrors: [
      "The resource with id '<resourceID>' has a different OS type ['<OsType_1>'] than the parent gallery image OS type ['<OsType_2>'].",
    ],
    policy: {
      reason:
        'the source and the image definition are two other resources than the image version, and an AuditIfNotExists policy can look at only one related resource',
    },
  },
  messages: {
    osTypeMismatch: 'The source {sourceKind} "{source}" has OS type "{sourceValue}"; the image definition "{definition}" has osType "{definitionValue}"',
  },
  *check({ graph }) {
    for (const m of sourceMismatches(graph, sourceOsType, (d) => stringFact(d, ['properties', 'osType']))) {
      yield mismatchReport(m, 'osTypeMismatch', 'the OS type');
    }
  },
});
