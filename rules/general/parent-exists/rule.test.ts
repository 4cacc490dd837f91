import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/existing-parent',
    'valid/name-without-parent',
    'valid/numbered-names',
    'valid/parent-declared',
    'valid/parent-not-declared',
    'valid/separate-templates',
    'valid/short-names',
    'valid/unknown-gallery-name',
  ],
  invalid: [
    {
      fixture: 'invalid/application-typo',
      errors: [
        { messageId: 'typo', message: 'Parent gallery "contoso_imaegs" is not declared, but "contoso_images" is', file: 'main.json', line: 15, column: 15, endLine: 15, endColumn: 37, related: [{ file: 'main.json', line: 8, column: 15, message: 'the gallery "contoso_images"' }] },
      ],
    },
    {
      fixture: 'invalid/definition-typo',
      errors: [
        { messageId: 'typo', message: 'Parent image definition "contoso_images/ubuntu-sever" is not declared, but "contoso_images/ubuntu-server" is', file: 'main.json', line: 30, column: 15, endLine: 30, endColumn: 50, related: [{ file: 'main.json', line: 15, column: 15, message: 'the image definition "contoso_images/ubuntu-server"' }] },
      ],
    },
    {
      fixture: 'invalid/gallery-typo',
      errors: [
        { messageId: 'typo', message: 'Parent gallery "contoso_imges" is not declared, but "contoso_images" is', file: 'main.json', line: 15, column: 15, endLine: 15, endColumn: 37, related: [{ file: 'main.json', line: 8, column: 15, message: 'the gallery "contoso_images"' }] },
      ],
    },
    {
      fixture: 'invalid/separators',
      errors: [
        { messageId: 'typo', message: 'Parent gallery "contosoimages" is not declared, but "contoso_images" is', file: 'main.json', line: 15, column: 15, endLine: 15, endColumn: 37, related: [{ file: 'main.json', line: 8, column: 15, message: 'the gallery "contoso_images"' }] },
      ],
    },
  ],
});
