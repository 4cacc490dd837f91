import { changedValue, defineRule, type JsonPath } from '@sigil/core';
import { DIFF_RULE_POLICY } from '../../lib/change.js';

const IMAGE = 'Microsoft.Compute/galleries/images';

/** The properties Azure refuses to change on an existing image definition ("changing property galleryImage.properties.X is not allowed"). */
const IMMUTABLE: readonly { readonly property: string; readonly path: JsonPath }[] = [
  { property: 'osType', path: ['properties', 'osType'] },
  { property: 'osState', path: ['properties', 'osState'] },
  { property: 'hyperVGeneration', path: ['properties', 'hyperVGeneration'] },
  { property: 'identifier.publisher', path: ['properties', 'identifier', 'publisher'] },
  { property: 'identifier.offer', path: ['properties', 'identifier', 'offer'] },
  { property: 'identifier.sku', path: ['properties', 'identifier', 'sku'] },
];

export default defineRule({
  code: 'SIG204',
  name: 'image-definition-immutable',
  meta: {
    title: 'An existing image definition\'s OS type, OS state, Hyper-V generation and identifier cannot change',
    severity: 'error',
    resourceTypes: [IMAGE],
    summary:
      'An update of an existing image definition changes osType, osState, hyperVGeneration or identifier.publisher/offer/sku, which Azure refuses; found from a Terraform plan, an ARM what-if result or the same files at a git base revision.',
    fix: 'Keep the value the definition was created with, or create a new image definition (a new name) with the new value and publish new versions to it.',
    azureErrors: ['Changing property \'galleryImage.properties.<property>\' is not allowed.'],
    policy: DIFF_RULE_POLICY,
  },
  messages: {
    changed: '{property} changes from "{before}" to "{after}" on an existing image definition; Azure does not allow changing galleryImage.properties.{property}',
  },
  *check({ graph }) {
    for (const change of graph.changes.ofType(IMAGE)) {
      // A replace (Terraform's answer to a ForceNew change) deletes and creates: SIG005 looks at it.
      if (change.action !== 'update' || !change.before || !change.after) continue;
      for (const { property, path } of IMMUTABLE) {
        const diff = changedValue(change.before, change.after, path);
        // A value that is not a string is SIG006's (property-schema): it is no evidence of a change.
        if (diff && typeof diff.before === 'string' && typeof diff.after === 'string') yield { resource: change.after, path, messageId: 'changed', data: { property, before: diff.before, after: diff.after } };
      }
    }
  },
});
