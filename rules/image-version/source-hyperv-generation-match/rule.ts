import { defineRule } from '@sigil/core';
import { IMAGE_VERSION } from '../../lib/links.js';
import { definitionHyperVGeneration, mismatchReport, sourceHyperVGeneration, sourceMismatches } from '../../lib/sources.js';

export default defineRule({
  code: 'SIG318',
  name: 'source-hyperv-generation-match',
  meta: {
    title: 'An image version\'s source must have the Hyper-V generation of its image definition',
    severity: 'error',
    resourceTypes: [IMAGE_VERSION],
    summary:
      'The source of an image version (a managed image, disk, snapshot, image version, or VM created from a declared image, declared in the same run) has another Hyper-V generation than the image definition\'s hyperVGeneration (V1 when omitted before API 2025-03-03).',
    fix: 'Publish the version under an image definition of the source\'s Hyper-V generation (hyperVGeneration cannot be changed: create another definition, and write the value rather than rely on the default), or use a source of the definition\'s generation.',
    azureErrors: [
      "The resource with id '<resourceID>' has a different Hypervisor generation ['<V#_1>'] than the parent gallery image Hypervisor generation ['<V#_2>'].",
    ],
    policy: {
      reason:
        'the source and the image definition are two other resources than the image version, and an AuditIfNotExists policy can look at only one related resource',
    },
  },
  messages: {
    generationMismatch: 'The source {sourceKind} "{source}" is Hyper-V generation "{sourceValue}"; the image definition "{definition}" has hyperVGeneration "{definitionValue}"',
  },
  *check({ graph }) {
    for (const m of sourceMismatches(graph, sourceHyperVGeneration, definitionHyperVGeneration)) {
      yield mismatchReport(m, 'generationMismatch', 'the Hyper-V generation');
    }
  },
});
