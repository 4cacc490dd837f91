import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/copy-loop',
    'valid/no-encryption',
    'valid/once-per-region',
    'valid/unknown-lun',
  ],
  invalid: [
    {
      fixture: 'invalid/copy-loop',
      errors: [
        { messageId: 'duplicateLun', message: "Target region \"northeurope\" lists a LUN more than once in encryption.dataDiskImages; keep one entry per data disk", file: 'main.json', line: 41, column: 23, endLine: 41, endColumn: 36 },
      ],
    },
    {
      fixture: 'invalid/literal',
      errors: [
        { messageId: 'duplicateLun', message: "Target region \"northeurope\" lists a LUN more than once in encryption.dataDiskImages; keep one entry per data disk", file: 'main.json', line: 34, column: 23, endLine: 34, endColumn: 36 },
      ],
    },
    {
      fixture: 'invalid/nested-deployment',
      errors: [
        { messageId: 'duplicateLun', message: "Target region \"northeurope\" lists a LUN more than once in encryption.dataDiskImages; keep one entry per data disk", file: 'main.json', line: 7, column: 23, endLine: 7, endColumn: 36, related: [{ file: 'main.json', line: 62, column: 31, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/parameters-file',
      errors: [
        { messageId: 'duplicateLun', message: "Target region \"eastus\" lists a LUN more than once in encryption.dataDiskImages; keep one entry per data disk", file: 'main.parameters.json', line: 25, column: 19, endLine: 25, endColumn: 27, related: [{ file: 'main.json', line: 17, column: 28, message: "used here by Microsoft.Compute/galleries/images/versions \"contoso_images/ubuntu/1.0.0\"" }] },
      ],
    },
    {
      fixture: 'invalid/two-regions',
      errors: [
        { messageId: 'duplicateLun', message: "Target region \"eastus\" lists a LUN more than once in encryption.dataDiskImages; keep one entry per data disk", file: 'main.json', line: 48, column: 23, endLine: 48, endColumn: 31 },
      ],
    },
  ],
});

// Azure Policy refuses more than 5 field counts over one array and more than 10 value counts.
const limits = suite('SIG313 Azure Policy limits');
limits('field and value counts', () => {
  const counts = rule.compiled?.counts;
  assert.equal(Object.fromEntries(counts?.field ?? []), {
    'microsoft.compute/galleries/images/versions/publishingprofile.targetregions': 1,
  });
  assert.is(counts?.value, 1);
});
limits.run();
