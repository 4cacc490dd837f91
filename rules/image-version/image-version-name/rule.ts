import { defineRule } from '@sigil/core';
import { DIGITS, hasCharactersOutside } from '../../lib/characters.js';

const NAME = "field('name')";

export default defineRule({
  code: 'SIG301',
  name: 'image-version-name',
  meta: {
    title: 'Image version names must be Major.Minor.Patch',
    severity: 'error',
    resourceTypes: ['Microsoft.Compute/galleries/images/versions'],
    summary:
      'An image version name is three integers separated by periods (MajorVersion.MinorVersion.Patch), each between 0 and 2147483647.',
    fix: 'Name the version with three 32-bit integers separated by periods, such as 1.0.0 or 2024.12.1. Dates with more parts or letters (1.0.0-beta, v1.0.0, 20241201.1) must be rewritten into three numbers.',
    azureErrors: [
      'The image version name should follow Major(int).Minor(int).Patch(int) format, for e.g: 1.0.0, 2018.12.1 etc.',
    ],
  },
  messages: {
    format: 'Image version name "{value}" is not Major.Minor.Patch (three integers separated by ".")',
    outOfRange: 'Image version name "{value}" has a part larger than 2147483647 (each part is a 32-bit integer)',
  },
  condition: {
    allOf: [
      { field: 'type', equals: 'Microsoft.Compute/galleries/images/versions' },
      {
        anyOf: [
          {
            messageId: 'format',
            anyOf: [
              hasCharactersOutside(NAME, [...DIGITS, '.']),
              { value: `[length(split(${NAME}, '.'))]`, notEquals: 3 },
              { field: 'name', like: '.*' },
              { field: 'name', like: '*.' },
              { field: 'name', contains: '..' },
            ],
          },
          {
            messageId: 'outOfRange',
            count: {
              value: `[split(${NAME}, '.')]`,
              name: 'part',
              where: {
                allOf: [
                  // Parts with other characters are reported as a format problem, not a range one.
                  { not: hasCharactersOutside("current('part')", DIGITS) },
                  {
                    anyOf: [
                      { value: "[length(current('part'))]", greater: 10 },
                      {
                        allOf: [
                          { value: "[length(current('part'))]", equals: 10 },
                          { value: "[current('part')]", greater: '2147483647' },
                        ],
                      },
                    ],
                  },
                ],
              },
            },
            greater: 0,
          },
        ],
      },
    ],
  },
});
