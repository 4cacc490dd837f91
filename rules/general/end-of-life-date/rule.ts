import { defineRule } from '@sigil/core';
import { isString } from '../../lib/json-type.js';
import { dayFirstDate, impossibleDate, impossibleTime, isoDateShaped, isoTimeShaped, noDateInIt } from '../../lib/iso-date.js';

/** Where each resource type keeps its end-of-life date. */
const DATES: readonly (readonly [type: string, alias: string])[] = [
  ['Microsoft.Compute/galleries/images', 'Microsoft.Compute/galleries/images/endOfLifeDate'],
  ['Microsoft.Compute/galleries/images/versions', 'Microsoft.Compute/galleries/images/versions/publishingProfile.endOfLifeDate'],
  ['Microsoft.Compute/galleries/applications', 'Microsoft.Compute/galleries/applications/endOfLifeDate'],
  ['Microsoft.Compute/galleries/applications/versions', 'Microsoft.Compute/galleries/applications/versions/publishingProfile.endOfLifeDate'],
];

/**
 * The checks of one date. Only a non-empty string is this rule's: a number, a boolean or an object is
 * a type error reported by SIG006 property-schema, and an empty string is read as no date by Azure.
 * Each branch reads the field last, so the finding points at the date.
 */
function checks(alias: string): Record<string, unknown>[] {
  const field = `field('${alias}')`;
  const text = `string(${field})`;
  const present = [
    { value: `[${isString(field)}]`, equals: true },
    { value: `[length(${text})]`, greater: 0 },
  ];
  const iso = [isoDateShaped(text), { not: impossibleDate(text) }, isoTimeShaped(text), { not: impossibleTime(text) }];
  return [
    {
      messageId: 'invalid',
      allOf: [
        ...present,
        {
          anyOf: [
            { allOf: [isoDateShaped(text), impossibleDate(text)] },
            { allOf: [isoDateShaped(text), isoTimeShaped(text), impossibleTime(text)] },
            dayFirstDate(text),
            noDateInIt(text),
          ],
        },
        { field: alias, exists: true },
      ],
    },
    {
      messageId: 'notInFuture',
      allOf: [...present, ...iso, { value: `[${text}]`, lessOrEquals: '[utcNow()]' }],
    },
  ];
}

export default defineRule({
  code: 'SIG007',
  name: 'end-of-life-date',
  meta: {
    title: 'End-of-life dates must be valid dates in the future',
    severity: 'error',
    resourceTypes: DATES.map(([type]) => type),
    summary:
      'The endOfLifeDate of an image definition, an image version (publishingProfile), a VM application or an application version (publishingProfile) is a valid date after the deployment.',
    fix: 'Write the end-of-life date in ISO 8601 (yyyy-MM-dd, or yyyy-MM-ddTHH:mm:ssZ with a time), as a real calendar date later than the day of deployment. For a date relative to the deployment, compute it in the template, e.g. dateTimeAdd(utcNow(), \'P1Y\') in a parameter default.',
    azureErrors: [
      'EndOfLifeDate must be set to a future date.',
      "Cannot convert string to DateTimeOffset: <value>. Path 'properties.<property>'",
      "Can not bind parameter <property>. Can not convert the value <value> to type 'System.DateTime'.",
    ],
  },
  messages: {
    invalid: 'endOfLifeDate "{value}" is not a valid date; write it as yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ (ISO 8601)',
    notInFuture: 'endOfLifeDate "{value}" is not in the future; Azure accepts only an end-of-life date after the deployment',
  },
  condition: {
    anyOf: DATES.map(([type, alias]) => ({
      allOf: [{ field: 'type', equals: type }, { anyOf: checks(alias) }],
    })),
  },
});
