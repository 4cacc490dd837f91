import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/copy-loop-name',
    'valid/existing-parent',
    'valid/name',
    'valid/parent-condition-unknown',
    'valid/parent-in-another-template',
    'valid/resource-id',
    'valid/symbolic-names',
    'valid/through-another-resource',
    'valid/unknown-dependency',
  ],
  invalid: [
    {
      fixture: 'invalid/nested-child',
      errors: [
        { messageId: 'missing', message: 'Image definition "contoso_images/ubuntu" does not depend on its parent gallery "contoso_images", which the same template deploys', file: 'main.json', line: 15, column: 19, endLine: 15, endColumn: 27, related: [{ file: 'main.json', line: 8, column: 15, message: 'the parent gallery, deployed by the same template' }] },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'missing', message: 'Image definition "contoso_images/ubuntu" does not depend on its parent gallery "contoso_images", which the same template deploys', file: 'main.json', line: 25, column: 23, endLine: 25, endColumn: 46, related: [{ file: 'main.json', line: 18, column: 23, message: 'the parent gallery, deployed by the same template' }] },
      ],
    },
    {
      fixture: 'invalid/other-dependency',
      errors: [
        { messageId: 'missing', message: 'Image definition "contoso_images/ubuntu" does not depend on its parent gallery "contoso_images", which the same template deploys', file: 'main.json', line: 25, column: 15, endLine: 25, endColumn: 38, related: [{ file: 'main.json', line: 8, column: 15, message: 'the parent gallery, deployed by the same template' }] },
        { messageId: 'missing', message: 'Application "contoso_images/tools" does not depend on its parent gallery "contoso_images", which the same template deploys', file: 'main.json', line: 59, column: 15, endLine: 59, endColumn: 37, related: [{ file: 'main.json', line: 8, column: 15, message: 'the parent gallery, deployed by the same template' }] },
      ],
    },
    {
      fixture: 'invalid/symbolic-names',
      errors: [
        { messageId: 'missing', message: 'Image definition "contoso_images/ubuntu" does not depend on its parent gallery "contoso_images", which the same template deploys', file: 'main.json', line: 26, column: 15, endLine: 26, endColumn: 38, related: [{ file: 'main.json', line: 19, column: 15, message: 'the parent gallery, deployed by the same template' }] },
        { messageId: 'missing', message: 'Application "contoso_images/tools" does not depend on its parent gallery "contoso_images", which the same template deploys', file: 'main.json', line: 57, column: 15, endLine: 57, endColumn: 37, related: [{ file: 'main.json', line: 19, column: 15, message: 'the parent gallery, deployed by the same template' }] },
      ],
    },
    {
      fixture: 'invalid/top-level',
      errors: [
        { messageId: 'missing', message: 'Image definition "contoso_images/ubuntu" does not depend on its parent gallery "contoso_images", which the same template deploys', file: 'main.json', line: 15, column: 15, endLine: 15, endColumn: 38, related: [{ file: 'main.json', line: 8, column: 15, message: 'the parent gallery, deployed by the same template' }] },
      ],
    },
  ],
});
