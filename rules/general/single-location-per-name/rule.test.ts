import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/condition-false',
    'valid/parameters-files',
    'valid/same-location',
    'valid/separate-templates',
    'valid/terraform-environments',
    'valid/terraform-provider-alias',
    'valid/two-galleries',
    'valid/unknown-location',
  ],
  invalid: [
    {
      fixture: 'invalid/gallery-across-files',
      errors: [
        { messageId: 'locationConflict', message: 'Gallery "contoso_images" has location "northeurope" here and "westeurope" in another declaration of the same resource', file: 'main.json', line: 26, column: 27, endLine: 26, endColumn: 40, related: [{ file: 'main.json', line: 9, column: 19, message: 'the other declaration, with location "westeurope"' }] },
      ],
    },
    {
      fixture: 'invalid/linked-template',
      errors: [
        { messageId: 'locationConflict', message: 'Gallery "contoso_images" has location "northeurope" here and "westeurope" in another declaration of the same resource', file: 'modules/gallery.json', line: 9, column: 19, endLine: 9, endColumn: 32, related: [{ file: 'main.json', line: 9, column: 19, message: 'the other declaration, with location "westeurope"' }] },
      ],
    },
    {
      fixture: 'invalid/gallery-name-in-subscription',
      errors: [
        { messageId: 'galleryNameInSubscription', message: 'Gallery "contoso_images" in resource group "rg-images-dr" is also declared in resource group "rg-images" of the same subscription', file: 'main.json', line: 43, column: 23, endLine: 43, endColumn: 39, related: [{ file: 'main.json', line: 20, column: 23, message: 'the gallery of the same name in resource group "rg-images"' }] },
      ],
    },
    {
      // A data source reads the gallery in rg-images: the gallery created in rg-images-dr is the finding.
      fixture: 'invalid/existing-gallery-in-other-group',
      errors: [
        { messageId: 'galleryNameInSubscription', message: 'Gallery "contoso_images" in resource group "rg-images-dr" is also declared in resource group "rg-images" of the same subscription', file: 'main.tf.json', line: 13, column: 17, endLine: 13, endColumn: 33, related: [{ file: 'main.tf.json', line: 5, column: 17, message: 'the gallery of the same name in resource group "rg-images"' }] },
      ],
    },
    {
      fixture: 'invalid/image-definition-twice',
      errors: [
        { messageId: 'locationConflict', message: 'Image definition "contoso_images/ubuntu" has location "northeurope" here and "westeurope" in another declaration of the same resource', file: 'main.json', line: 31, column: 19, endLine: 31, endColumn: 32, related: [{ file: 'main.json', line: 16, column: 19, message: 'the other declaration, with location "westeurope"' }] },
      ],
    },
  ],
});
