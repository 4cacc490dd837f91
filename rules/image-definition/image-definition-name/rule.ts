import { defineRule } from '@sigil/core';
import { LETTERS_AND_DIGITS, hasCharactersOutside, firstIsNotAlphanumeric, lastIsNotAlphanumeric, longerThan } from '../../lib/characters.js';

const NAME = "field('name')";

export default defineRule({
  code: 'SIG201',
  name: 'image-definition-name',
  meta: {
    title: 'Image definition names must be valid',
    severity: 'error',
    resourceTypes: ['Microsoft.Compute/galleries/images'],
    summary:
      'An image definition name has 1 to 80 characters: ASCII letters, digits, "_", "-" and ".", starting and ending with a letter or digit.',
    fix: 'Rename the image definition: keep only letters, digits, underscores, hyphens and periods, start and end with a letter or digit, and stay within 80 characters. Image definitions cannot be renamed: create a new definition and publish new versions to it.',
    azureErrors: [
      'The entity name <imageDefinitionName> is invalid according to its validation rule: ^[^_\\W][\\w-._]{0,79}(?<![-.])$',
      'The resource name <galleryName>/<imageDefinitionName> provided contains invalid trailing characters <character>. The name cannot end with characters: <character>',
    ],
  },
  messages: {
    tooLong: 'Image definition name "{value}" is longer than 80 characters',
    invalidCharacters: 'Image definition name "{value}" contains characters other than letters, digits, "_", "-" and "."',
    invalidStart: 'Image definition name "{value}" must start with a letter or digit',
    invalidEnd: 'Image definition name "{value}" must end with a letter or digit',
  },
  condition: {
    allOf: [
      { field: 'type', equals: 'Microsoft.Compute/galleries/images' },
      {
        anyOf: [
          { messageId: 'tooLong', ...longerThan(NAME, 80) },
          { messageId: 'invalidCharacters', ...hasCharactersOutside(NAME, [...LETTERS_AND_DIGITS, '_', '-', '.']) },
          { messageId: 'invalidStart', ...firstIsNotAlphanumeric(NAME) },
          { messageId: 'invalidEnd', ...lastIsNotAlphanumeric(NAME) },
        ],
      },
    ],
  },
});
