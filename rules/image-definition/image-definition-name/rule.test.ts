import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/literal',
    'valid/max-length',
    'valid/nested-child',
    'valid/unknown-gallery-valid-image',
    'valid/unknown-name',
    // Bicep only: the gallery is `existing` with an unknown name; the image name alone is valid.
    'valid/bicep-parent-unknown-gallery',
  ],
  invalid: [
    {
      fixture: 'invalid/characters',
      errors: [
        { messageId: 'invalidCharacters', message: "Image definition name \"ubuntu 22.04\" contains characters other than letters, digits, \"_\", \"-\" and \".\"", file: 'main.json', line: 8, column: 15, endLine: 8, endColumn: 44 },
        { messageId: 'invalidCharacters', message: "Image definition name \"ubuntu@22\" contains characters other than letters, digits, \"_\", \"-\" and \".\"", file: 'main.json', line: 24, column: 15, endLine: 24, endColumn: 41 },
      ],
    },
    {
      fixture: 'invalid/copy-loop-variable',
      errors: [
        { messageId: 'invalidEnd', message: "Image definition name \"windows-2022-\" must end with a letter or digit", file: 'main.json', line: 16, column: 17, endLine: 16, endColumn: 32, related: [{ file: 'main.json', line: 25, column: 15, message: "used here by Microsoft.Compute/galleries/images \"…/windows-2022-\"" }] },
      ],
    },
    {
      fixture: 'invalid/nested-child',
      errors: [
        { messageId: 'invalidEnd', message: "Image definition name \"windows-2022.\" must end with a letter or digit", file: 'main.json', line: 17, column: 19, endLine: 17, endColumn: 34 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'invalidEnd', message: "Image definition name \"rhel.9.\" must end with a letter or digit", file: 'main.json', line: 7, column: 23, endLine: 7, endColumn: 32, related: [{ file: 'main.json', line: 37, column: 23, message: "used here by Microsoft.Compute/galleries/images \"contoso_images/rhel.9.\"" }] },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'invalidCharacters', message: "Image definition name \"ubuntu 22.04\" contains characters other than letters, digits, \"_\", \"-\" and \".\"", file: 'main.parameters.json', line: 9, column: 16, endLine: 9, endColumn: 30, related: [{ file: 'main.json', line: 16, column: 15, message: "used here by Microsoft.Compute/galleries/images \"contoso_images/ubuntu 22.04\"" }] },
      ],
    },
    {
      fixture: 'invalid/start-and-end',
      errors: [
        { messageId: 'invalidStart', message: "Image definition name \"-ubuntu\" must start with a letter or digit", file: 'main.json', line: 8, column: 15, endLine: 8, endColumn: 39 },
        { messageId: 'invalidEnd', message: "Image definition name \"ubuntu-\" must end with a letter or digit", file: 'main.json', line: 24, column: 15, endLine: 24, endColumn: 39 },
        { messageId: 'invalidEnd', message: "Image definition name \"ubuntu_\" must end with a letter or digit", file: 'main.json', line: 40, column: 15, endLine: 40, endColumn: 39 },
      ],
    },
    {
      fixture: 'invalid/too-long',
      errors: [
        { messageId: 'tooLong', message: "Image definition name \"iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii\" is longer than 80 characters", file: 'main.json', line: 8, column: 15, endLine: 8, endColumn: 113 },
      ],
    },
    {
      fixture: 'invalid/unknown-gallery-known-image',
      errors: [
        { messageId: 'invalidCharacters', message: "Image definition name \"ubuntu@22\" contains characters other than letters, digits, \"_\", \"-\" and \".\"", file: 'main.json', line: 13, column: 15, endLine: 13, endColumn: 66 },
      ],
    },
    {
      // Bicep only: a child declared with `parent:`; its name is the last segment.
      fixture: 'invalid/bicep-parent',
      errors: [
        { messageId: 'invalidEnd', message: 'Image definition name "ubuntu-22.04." must end with a letter or digit', file: 'main.bicep', line: 9, column: 9, endLine: 9, endColumn: 24 },
      ],
    },
  ],
});
