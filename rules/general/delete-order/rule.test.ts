import { testRule } from '@sigil/testing';
import rule from './rule.js';

const DELETED = 'The gallery "contoso_images" is deleted while it still has image definitions "contoso_images/server"; Azure does not delete a resource before its nested resources';

testRule(rule, {
  valid: [
    'valid/children-deleted-too',
    'valid/removed-from-template',
    'valid/replace-without-versions',
    'valid/versions-unknown',
    // The gallery leaves the configuration through a `removed` block with destroy = false: Terraform forgets it, Azure keeps it.
    'valid/removed-block',
  ],
  invalid: [
    {
      fixture: 'invalid/deleted-gallery',
      errors: [{ messageId: 'deleted', message: DELETED, file: 'main.plan.json', line: 19, column: 19, endLine: 19, endColumn: 35 }],
    },
    {
      // Removed from the configuration: the finding is on the definition that stays, in the file the user edits.
      fixture: 'invalid/gallery-removed',
      errors: [{ messageId: 'deleted', message: DELETED, file: 'main.tf.json', line: 5, column: 17, endLine: 5, endColumn: 25 }],
    },
    {
      fixture: 'invalid/replaced-definition',
      errors: [
        {
          messageId: 'replaced',
          message: 'Terraform replaces the image definition "contoso_images/server" because osType changes from "Windows" to "Linux", but it still has image versions "contoso_images/server/1.0.0": the delete fails; create a new image definition under another name, or delete its image versions first',
          file: 'main.tf.json', line: 9, column: 20, endLine: 9, endColumn: 27,
        },
      ],
    },
  ],
});
