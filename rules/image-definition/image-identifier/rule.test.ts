import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/literal',
    'valid/max-lengths',
    'valid/no-identifier',
    'valid/unknown-parameters',
  ],
  invalid: [
    {
      fixture: 'invalid/characters',
      errors: [
        { messageId: 'invalidCharacters', message: "Image identifier sku \"22.04 LTS\" contains characters other than letters, digits, \"-\", \"_\" and \".\"", file: 'main.json', line: 17, column: 18, endLine: 17, endColumn: 29 },
      ],
    },
    {
      fixture: 'invalid/copy-loop',
      errors: [
        { messageId: 'endsWithPeriod', message: "Image identifier sku \"ubuntu-24.04.\" ends with \".\"", file: 'main.json', line: 9, column: 9, endLine: 9, endColumn: 24, related: [{ file: 'main.json', line: 26, column: 18, message: "used here by Microsoft.Compute/galleries/images \"contoso_images/ubuntu-24.04.\"" }] },
      ],
    },
    {
      fixture: 'invalid/empty',
      errors: [
        { messageId: 'empty', message: "Image identifier publisher is empty", file: 'main.json', line: 15, column: 24, endLine: 15, endColumn: 26 },
      ],
    },
    {
      fixture: 'invalid/ends-with-period',
      errors: [
        { messageId: 'endsWithPeriod', message: "Image identifier publisher \"contoso.\" ends with \".\"", file: 'main.json', line: 15, column: 24, endLine: 15, endColumn: 34 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'invalidCharacters', message: "Image identifier publisher \"PLATFORM TEAM\" contains characters other than letters, digits, \"-\", \"_\" and \".\"", file: 'main.json', line: 22, column: 22, endLine: 22, endColumn: 53, related: [{ file: 'main.json', line: 44, column: 32, message: "used here by Microsoft.Compute/galleries/images \"contoso_images/ubuntu\"" }] },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'endsWithPeriod', message: "Image identifier sku \"22.04.\" ends with \".\"", file: 'main.parameters.json', line: 9, column: 16, endLine: 9, endColumn: 24, related: [{ file: 'main.json', line: 18, column: 23, message: "used here by Microsoft.Compute/galleries/images \"contoso_images/ubuntu\"" }] },
      ],
    },
    {
      fixture: 'invalid/several-problems',
      errors: [
        { messageId: 'empty', message: "Image identifier publisher is empty", file: 'main.json', line: 15, column: 24, endLine: 15, endColumn: 26 },
        { messageId: 'invalidCharacters', message: "Image identifier offer \"ubuntu server\" contains characters other than letters, digits, \"-\", \"_\" and \".\"", file: 'main.json', line: 16, column: 20, endLine: 16, endColumn: 35 },
        { messageId: 'endsWithPeriod', message: "Image identifier sku \"gen2.\" ends with \".\"", file: 'main.json', line: 17, column: 18, endLine: 17, endColumn: 25 },
      ],
    },
    {
      fixture: 'invalid/too-long',
      errors: [
        { messageId: 'tooLong', message: "Image identifier publisher \"pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp…ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp\" is longer than 128 characters", file: 'main.json', line: 15, column: 24, endLine: 15, endColumn: 155 },
        { messageId: 'tooLong', message: "Image identifier offer \"ooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooo\" is longer than 64 characters", file: 'main.json', line: 32, column: 20, endLine: 32, endColumn: 87 },
        { messageId: 'tooLong', message: "Image identifier sku \"sssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss\" is longer than 64 characters", file: 'main.json', line: 49, column: 18, endLine: 49, endColumn: 85 },
      ],
    },
    {
      fixture: 'invalid/variable-object',
      errors: [
        { messageId: 'invalidCharacters', message: "Image identifier offer \"ubuntu+pro\" contains characters other than letters, digits, \"-\", \"_\" and \".\"", file: 'main.json', line: 7, column: 16, endLine: 7, endColumn: 28, related: [{ file: 'main.json', line: 20, column: 23, message: "used here by Microsoft.Compute/galleries/images \"contoso_images/ubuntu\"" }] },
      ],
    },
  ],
});
