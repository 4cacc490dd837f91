import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/azapi-parent-id',
    'valid/copy-loop-name',
    'valid/count-instance',
    'valid/existing-parent',
    'valid/existing-reference',
    'valid/explicit-dependency',
    'valid/loops',
    'valid/module-depends-on',
    'valid/module-output',
    'valid/module-parameter',
    'valid/nested-resource',
    'valid/parent-in-module',
    'valid/name',
    'valid/parent-condition-unknown',
    'valid/parent-in-another-resource-group',
    'valid/parent-in-another-template',
    'valid/resource-id',
    'valid/symbol-in-name',
    'valid/symbolic-names',
    'valid/through-another-resource',
    'valid/through-data-source',
    'valid/through-variable',
    'valid/unknown-dependency',
  ],
  invalid: [
    {
      fixture: 'invalid/azapi-literal-parent-id',
      errors: [
        { messageId: 'missing', message: 'Image definition "contoso_images/ubuntu" does not depend on its parent gallery "contoso_images", which the same template deploys', file: 'main.tf.json', line: 13, column: 17, endLine: 13, endColumn: 25, related: [{ file: 'main.tf.json', line: 6, column: 17, message: 'the parent gallery, deployed by the same template' }] },
      ],
    },
    {
      fixture: 'invalid/literal-parent-name',
      errors: [
        { messageId: 'missing', message: 'Image definition "contoso_images/ubuntu" does not depend on its parent gallery "contoso_images", which the same template deploys', file: 'main.bicep', line: 8, column: 9, endLine: 8, endColumn: 32, related: [{ file: 'main.bicep', line: 2, column: 9, message: 'the parent gallery, deployed by the same template' }] },
      ],
    },
    {
      fixture: 'invalid/loop-children',
      errors: [
        { messageId: 'missing', message: 'Image definition "contoso_images/ubuntu" does not depend on its parent gallery "contoso_images", which the same template deploys', file: 'main.bicep', line: 7, column: 9, endLine: 7, endColumn: 34, related: [{ file: 'main.bicep', line: 2, column: 9, message: 'the parent gallery, deployed by the same template' }] },
        { messageId: 'missing', message: 'Image definition "contoso_images/debian" does not depend on its parent gallery "contoso_images", which the same template deploys', file: 'main.bicep', line: 7, column: 9, endLine: 7, endColumn: 34, related: [{ file: 'main.bicep', line: 2, column: 9, message: 'the parent gallery, deployed by the same template' }] },
      ],
    },
    {
      fixture: 'invalid/module-without-dependency',
      errors: [
        { messageId: 'missing', message: 'Image definition "contoso_images/ubuntu" does not depend on its parent gallery "contoso_images", which the same template deploys', file: 'images.bicep', line: 4, column: 9, endLine: 4, endColumn: 32, related: [{ file: 'main.bicep', line: 2, column: 9, message: 'the parent gallery, deployed by the same template' }] },
      ],
    },
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
      fixture: 'invalid/parent-in-module',
      errors: [
        { messageId: 'missing', message: 'Image definition "contoso_images/ubuntu" does not depend on its parent gallery "contoso_images", which the same template deploys', file: 'main.bicep', line: 6, column: 9, endLine: 6, endColumn: 32, related: [{ file: 'gallery.bicep', line: 2, column: 9, message: 'the parent gallery, deployed by the same template' }] },
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
