import { defineRule } from '@sigil/core';
import { IMAGE_VERSION, stringFact } from '../../lib/links.js';
import { mismatchReport, sourceMismatches, sourceOsState } from '../../lib/sources.js';

export default defineRule({
  code: 'SIG317',
  name: 'source-os-state-match',
  meta: {
    title: 'An image version\'s source must have the OS state of its image definition',
    severity: 'error',
    resourceTypes: [IMAGE_VERSION],
    summary:
      'The source of an image version (a managed image or image version declared in the same run) is generalized while the image definition says Specialized, or the reverse.',
    fix: 'Publish the version under an image definition whose osState is the source\'s (osState cannot be changed: create another definition), or use a source in the definition\'s state: a generalized managed image for a Generalized definition, a specialized one (or a VM that was not generalized) for a Specialized definition.',
    azureErrors: [
      'Cannot create Gallery Image Version from: <resourceID> since the OS State in the parent gallery image (<OsState_1>) is not <OsState_2>.',
    ],
    policy: {
      reason:
        'the source and the image definition are two other resources than the image version, and an AuditIfNotExists policy can look at only one related resource',
    },
  },
  messages: {
    osStateMismatch: 'The source {sourceKind} "{source}" is {sourceValue}; the image definition "{definition}" has osState "{definitionValue}"',
  },
  *check({ graph }) {
    for (const m of sourceMismatches(graph, sourceOsState, (d) => stringFact(d, ['properties', 'osState']))) {
      yield mismatchReport(m, 'osStateMismatch', 'the OS state');
    }
  },
});
