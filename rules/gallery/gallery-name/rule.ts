import { defineRule } from '@sigil/core';
import { LETTERS_AND_DIGITS, hasCharactersOutside, firstIsNotAlphanumeric, lastIsNotAlphanumeric, longerThan } from '../../lib/characters.js';

const NAME = "field('name')";

export default defineRule({
  code: 'SIG101',
  name: 'gallery-name',
  meta: {
    title: 'Gallery names must be valid',
    severity: 'error',
    resourceTypes: ['Microsoft.Compute/galleries'],
    summary:
      'A gallery name has 1 to 80 characters: ASCII letters, digits, "_" and ".", starting and ending with a letter or digit. Hyphens are not allowed.',
    fix: 'Rename the gallery: remove hyphens and other characters, keep only letters, digits, underscores and periods, start and end with a letter or digit, and stay within 80 characters. A gallery cannot be renamed in place: deploy a new one.',
    azureErrors: [
      'Gallery name is invalid. Allowed characters are English alphanumeric characters, with underscores, and periods allowed in the middle, up to 80 characters total. All other special characters, including dashes, are disallowed.',
      "The entity name 'galleryName' is invalid according to its validation rule: ^[^_\\W][\\w-._]{0,79}(?<![-.])$.",
      'The resource name <galleryName> provided contains invalid trailing characters <character>. The name cannot end with characters: <character>',
    ],
  },
  messages: {
    tooLong: 'Gallery name "{value}" is longer than 80 characters',
    hyphen: 'Gallery name "{value}" contains "-"; use letters, digits, "_" and "."',
    invalidCharacters: 'Gallery name "{value}" contains characters other than letters, digits, "_" and "."',
    invalidStart: 'Gallery name "{value}" must start with a letter or digit',
    invalidEnd: 'Gallery name "{value}" must end with a letter or digit',
  },
  condition: {
    allOf: [
      { field: 'type', equals: 'Microsoft.Compute/galleries' },
      {
        anyOf: [
          { messageId: 'tooLong', ...longerThan(NAME, 80) },
          { messageId: 'hyphen', field: 'name', contains: '-' },
          // "-" is reported by its own branch (the guide's own error message names it).
          { messageId: 'invalidCharacters', ...hasCharactersOutside(NAME, [...LETTERS_AND_DIGITS, '_', '.', '-']) },
          { messageId: 'invalidStart', ...firstIsNotAlphanumeric(NAME) },
          { messageId: 'invalidEnd', ...lastIsNotAlphanumeric(NAME) },
        ],
      },
    ],
  },
});
