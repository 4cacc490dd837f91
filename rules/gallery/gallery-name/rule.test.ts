import { testRule } from '@sigil/testing';
import rule from './rule.js';

const hyphen = (name: string) => `Gallery name "${name}" contains "-"; use letters, digits, "_" and "."`;
/** The resource line that uses a value written elsewhere (parameter default, parameters file, variable). */
const usedBy = (line: number, column: number, name: string) => [
  { file: 'main.json', line, column, message: `used here by Microsoft.Compute/galleries "${name}"` },
];

testRule(rule, {
  valid: [
    'valid/literal',
    'valid/max-length',
    'valid/one-character',
    'valid/unknown-parameter',
    'valid/partially-unknown',
    'valid/unique-string',
    'valid/reference',
    'valid/condition-false',
    'valid/other-types',
    'valid/parameters-file-fixes-default',
    'valid/secure-parameter',
  ],
  invalid: [
    {
      fixture: 'invalid/terraform-count',
      errors: [
        { messageId: 'hyphen', message: "Gallery name \"gallery-dev\" contains \"-\"; use letters, digits, \"_\" and \".\"", file: 'main.tf.json', line: 12, column: 17, endLine: 12, endColumn: 59 },
        { messageId: 'hyphen', message: "Gallery name \"gallery-prod\" contains \"-\"; use letters, digits, \"_\" and \".\"", file: 'main.tf.json', line: 12, column: 17, endLine: 12, endColumn: 59 },
      ],
    },
    {
      fixture: 'invalid/hyphen',
      errors: [{ messageId: 'hyphen', message: hyphen('img-gallery'), file: 'main.json', line: 8, column: 15, endLine: 8, endColumn: 28 }],
    },
    {
      fixture: 'invalid/too-long',
      errors: [
        {
          messageId: 'tooLong',
          message: `Gallery name "${'g'.repeat(81)}" is longer than 80 characters`,
          file: 'main.json', line: 8, column: 15, endLine: 8, endColumn: 98,
        },
      ],
    },
    {
      fixture: 'invalid/characters',
      errors: [
        { messageId: 'invalidCharacters', message: 'Gallery name "gallery@prod" contains characters other than letters, digits, "_" and "."', file: 'main.json', line: 8, column: 15, endLine: 8, endColumn: 29 },
        // Every problem of a name is reported at once: "é" is not ASCII, and it is the last character.
        { messageId: 'invalidCharacters', message: 'Gallery name "galerie_é" contains characters other than letters, digits, "_" and "."', file: 'main.json', line: 17, column: 15, endLine: 17, endColumn: 31 },
        { messageId: 'invalidEnd', message: 'Gallery name "galerie_é" must end with a letter or digit', file: 'main.json', line: 17, column: 15, endLine: 17, endColumn: 31 },
      ],
    },
    {
      fixture: 'invalid/start-and-end',
      errors: [
        { messageId: 'invalidStart', message: 'Gallery name "_gallery" must start with a letter or digit', file: 'main.json', line: 8, column: 15, endLine: 8, endColumn: 25 },
        { messageId: 'invalidEnd', message: 'Gallery name "gallery." must end with a letter or digit', file: 'main.json', line: 17, column: 15, endLine: 17, endColumn: 25 },
        { messageId: 'invalidEnd', message: 'Gallery name "gallery_" must end with a letter or digit', file: 'main.json', line: 26, column: 15, endLine: 26, endColumn: 25 },
      ],
    },
    {
      // The finding points at the default value, where the name is written.
      fixture: 'invalid/parameter-default',
      errors: [{ messageId: 'hyphen', message: hyphen('shared-images'), file: 'main.json', line: 7, column: 23, endLine: 7, endColumn: 38, related: usedBy(14, 15, 'shared-images') }],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [{ messageId: 'hyphen', message: hyphen('team-images'), file: 'main.parameters.json', line: 6, column: 16, endLine: 6, endColumn: 29, related: usedBy(13, 15, 'team-images') }],
    },
    {
      // One template, two parameters files: only the prod values are wrong.
      fixture: 'invalid/parameters-files-per-environment',
      errors: [
        { messageId: 'invalidEnd', message: 'Gallery name "prod.images." must end with a letter or digit', file: 'main.parameters.prod.json', line: 6, column: 16, endLine: 6, endColumn: 30, related: usedBy(13, 15, 'prod.images.') },
      ],
    },
    {
      fixture: 'invalid/variable-concat',
      errors: [{ messageId: 'hyphen', message: hyphen('platform-images'), file: 'main.json', line: 11, column: 20, endLine: 11, endColumn: 65, related: usedBy(17, 15, 'platform-images') }],
    },
    {
      fixture: 'invalid/copy-loop',
      errors: [{ messageId: 'hyphen', message: hyphen('windows-images'), file: 'main.json', line: 9, column: 9, endLine: 9, endColumn: 25, related: usedBy(18, 15, 'windows-images') }],
    },
    {
      fixture: 'invalid/nested-inner',
      errors: [{ messageId: 'hyphen', message: hyphen('contoso-gallery'), file: 'main.json', line: 22, column: 22, endLine: 22, endColumn: 66, related: usedBy(37, 23, 'contoso-gallery') }],
    },
    {
      fixture: 'invalid/nested-outer',
      errors: [{ messageId: 'hyphen', message: hyphen('outer-gallery'), file: 'main.json', line: 7, column: 23, endLine: 7, endColumn: 38, related: usedBy(24, 23, 'outer-gallery') }],
    },
    {
      // languageVersion 2.0: resources keyed by symbolic name; `existing` resources are not checked.
      fixture: 'invalid/symbolic-names',
      errors: [{ messageId: 'hyphen', message: hyphen('symbolic-gallery'), file: 'main.json', line: 8, column: 23, endLine: 8, endColumn: 41, related: usedBy(15, 15, 'symbolic-gallery') }],
    },
    {
      // BOM, CRLF, comments and trailing commas: positions are as an editor shows them.
      fixture: 'invalid/jsonc-crlf-bom',
      errors: [{ messageId: 'hyphen', message: hyphen('platform-images'), file: 'main.json', line: 10, column: 15, endLine: 10, endColumn: 32 }],
    },
    {
      // Bicep only: the name is written in a module call; the finding is there, not in the module.
      fixture: 'invalid/bicep-module-params',
      errors: [
        { messageId: 'hyphen', message: 'Gallery name "platform-images" contains "-"; use letters, digits, "_" and "."', file: 'main.bicep', line: 5, column: 18, endLine: 5, endColumn: 35, related: [{ file: 'modules/gallery.bicep', line: 5, column: 9, message: 'used here by Microsoft.Compute/galleries "platform-images"' }] },
      ],
    },
    {
      // Bicep only: an interpolated name.
      fixture: 'invalid/bicep-interpolation',
      errors: [
        { messageId: 'invalidEnd', message: 'Gallery name "contoso_images_prod." must end with a letter or digit', file: 'main.bicep', line: 4, column: 9, endLine: 4, endColumn: 45 },
      ],
    },
  ],
});
