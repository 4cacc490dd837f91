import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/different-sku',
    'valid/same-definition-twice',
    'valid/separate-templates',
    'valid/two-galleries',
    'valid/unknown-count',
    'valid/unknown-sku',
  ],
  invalid: [
    {
      fixture: 'invalid/across-files',
      errors: [
        { messageId: 'duplicate', message: 'Image definition "contoso_images/ubuntu-cis" has the identifier publisher "Contoso", offer "ubuntu-server", sku "22_04-lts" of image definition "contoso_images/ubuntu" in the same gallery', file: 'main.json', line: 45, column: 31, endLine: 49, endColumn: 18, related: [{ file: 'main.json', line: 20, column: 23, message: 'the identifier of image definition "contoso_images/ubuntu"' }] },
      ],
    },
    {
      fixture: 'invalid/same-gallery',
      errors: [
        { messageId: 'duplicate', message: 'Image definition "contoso_images/ubuntu-gen2" has the identifier publisher "contoso", offer "Ubuntu-Server", sku "22_04-LTS" of image definition "contoso_images/ubuntu" in the same gallery', file: 'main.json', line: 35, column: 23, endLine: 39, endColumn: 10, related: [{ file: 'main.json', line: 20, column: 23, message: 'the identifier of image definition "contoso_images/ubuntu"' }] },
      ],
    },
  ],
});
