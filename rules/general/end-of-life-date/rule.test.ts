import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/deployment-time',
    'valid/future-dates',
    'valid/leap-day',
    'valid/no-date',
    'valid/not-a-string',
    'valid/one-second-ahead',
    'valid/other-spellings',
    { fixture: 'valid/pinned-clock', now: '2020-01-01T00:00:00Z' },
    'valid/unknown-parameter',
  ],
  invalid: [
    {
      fixture: 'invalid/copy-loop',
      errors: [
        { messageId: 'notInFuture', message: "endOfLifeDate \"2026-03-31T00:00:00Z\" is not in the future; Azure accepts only an end-of-life date after the deployment", file: 'main.json', line: 10, column: 24, endLine: 10, endColumn: 46, related: [{ file: 'main.json', line: 49, column: 28, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24_04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/date-only-today',
      errors: [
        { messageId: 'notInFuture', message: "endOfLifeDate \"2026-06-01\" is not in the future; Azure accepts only an end-of-life date after the deployment", file: 'main.json', line: 7, column: 23, endLine: 7, endColumn: 35, related: [{ file: 'main.json', line: 32, column: 28, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24_04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/impossible-dates',
      errors: [
        { messageId: 'invalid', message: "endOfLifeDate \"2027-02-29\" is not a valid date; write it as yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ (ISO 8601)", file: 'main.json', line: 19, column: 26, endLine: 19, endColumn: 38 },
        { messageId: 'invalid', message: "endOfLifeDate \"2027-13-01\" is not a valid date; write it as yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ (ISO 8601)", file: 'main.json', line: 36, column: 26, endLine: 36, endColumn: 38 },
        { messageId: 'invalid', message: "endOfLifeDate \"2028-04-31T00:00:00Z\" is not a valid date; write it as yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ (ISO 8601)", file: 'main.json', line: 53, column: 26, endLine: 53, endColumn: 48 },
        { messageId: 'invalid', message: "endOfLifeDate \"2028-06-30T25:00:00Z\" is not a valid date; write it as yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ (ISO 8601)", file: 'main.json', line: 70, column: 26, endLine: 70, endColumn: 48 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'notInFuture', message: "endOfLifeDate \"2026-01-31\" is not in the future; Azure accepts only an end-of-life date after the deployment", file: 'main.json', line: 22, column: 22, endLine: 22, endColumn: 62, related: [{ file: 'main.json', line: 55, column: 36, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu-24_04/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/not-a-date',
      errors: [
        { messageId: 'invalid', message: "endOfLifeDate \"never\" is not a valid date; write it as yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ (ISO 8601)", file: 'main.json', line: 13, column: 26, endLine: 13, endColumn: 33 },
        { messageId: 'invalid', message: "endOfLifeDate \"31/12/2027\" is not a valid date; write it as yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ (ISO 8601)", file: 'main.json', line: 24, column: 26, endLine: 24, endColumn: 38 },
      ],
    },
    {
      fixture: 'invalid/now-boundary',
      errors: [
        { messageId: 'notInFuture', message: "endOfLifeDate \"2026-06-01T02:00:00+02:00\" is not in the future; Azure accepts only an end-of-life date after the deployment", file: 'main.json', line: 26, column: 28, endLine: 26, endColumn: 55 },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'notInFuture', message: "endOfLifeDate \"2024-06-30\" is not in the future; Azure accepts only an end-of-life date after the deployment", file: 'main.parameters.json', line: 6, column: 16, endLine: 6, endColumn: 28, related: [{ file: 'main.json', line: 31, column: 28, message: "used here by Microsoft.Compute/galleries/applications/versions \"contoso_apps/monitoring-agent/1.4.2\"" }] },
      ],
    },
    {
      fixture: 'invalid/past-image-definition',
      errors: [
        { messageId: 'notInFuture', message: "endOfLifeDate \"2025-12-31\" is not in the future; Azure accepts only an end-of-life date after the deployment", file: 'main.json', line: 19, column: 26, endLine: 19, endColumn: 38 },
      ],
    },
    {
      fixture: 'invalid/pinned-clock',
      now: '2030-01-01T00:00:00Z',
      errors: [
        { messageId: 'notInFuture', message: "endOfLifeDate \"2029-12-31T23:59:59Z\" is not in the future; Azure accepts only an end-of-life date after the deployment", file: 'main.json', line: 19, column: 26, endLine: 19, endColumn: 48 },
      ],
    },
    {
      fixture: 'invalid/variable',
      errors: [
        { messageId: 'notInFuture', message: "endOfLifeDate \"2023-12-31\" is not in the future; Azure accepts only an end-of-life date after the deployment", file: 'main.json', line: 6, column: 20, endLine: 6, endColumn: 69, related: [{ file: 'main.json', line: 17, column: 26, message: "used here by Microsoft.Compute/galleries/applications \"contoso_apps/monitoring-agent\"" }] },
      ],
    },
  ],
});
