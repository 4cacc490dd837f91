import { defineRule } from '@sigil/core';
import { LETTERS_AND_DIGITS, hasCharactersOutside, longerThan } from '../../lib/characters.js';

/** Limits from the troubleshooting guide: publisher 128 characters, offer and sku 64. */
const PROPERTIES = [
  ['publisher', 128],
  ['offer', 64],
  ['sku', 64],
] as const;

function checks(property: string, max: number): Record<string, unknown>[] {
  const alias = `Microsoft.Compute/galleries/images/identifier.${property}`;
  // string() keeps the checks well-defined if a number is written where a string belongs.
  const text = `string(field('${alias}'))`;
  const messageData = { property, max };
  return [
    { messageId: 'empty', messageData, allOf: [{ field: alias, exists: true }, { value: `[length(${text})]`, equals: 0 }] },
    { messageId: 'tooLong', messageData, ...longerThan(text, max) },
    { messageId: 'invalidCharacters', messageData, ...hasCharactersOutside(text, [...LETTERS_AND_DIGITS, '-', '_', '.']) },
    { messageId: 'endsWithPeriod', messageData, field: alias, like: '*.' },
  ];
}

export default defineRule({
  code: 'SIG202',
  name: 'image-identifier',
  meta: {
    title: 'Image definition publisher, offer and SKU must be valid',
    severity: 'error',
    resourceTypes: ['Microsoft.Compute/galleries/images'],
    summary:
      'The identifier of an image definition (publisher up to 128 characters, offer and SKU up to 64) is not empty, has only letters, digits, "-", "_" and ".", and does not end with ".".',
    fix: 'Change the publisher, offer or SKU to a non-empty value of letters, digits, hyphens, underscores and periods that does not end with a period, within the length limit. The identifier cannot change after creation: create a new image definition.',
    azureErrors: [
      "The resource name galleryImage.properties.identifier.<property> is invalid. It can't be empty. Allowed characters are uppercase or lowercase letters, digits, hyphen(-), period (.), underscore (_). Names are not allowed to end with period(.). The length of the name cannot exceed <number> characters.",
    ],
  },
  messages: {
    empty: 'Image identifier {property} is empty',
    tooLong: 'Image identifier {property} "{value}" is longer than {max} characters',
    invalidCharacters: 'Image identifier {property} "{value}" contains characters other than letters, digits, "-", "_" and "."',
    endsWithPeriod: 'Image identifier {property} "{value}" ends with "."',
  },
  condition: {
    allOf: [
      { field: 'type', equals: 'Microsoft.Compute/galleries/images' },
      { anyOf: PROPERTIES.flatMap(([property, max]) => checks(property, max)) },
    ],
  },
});
