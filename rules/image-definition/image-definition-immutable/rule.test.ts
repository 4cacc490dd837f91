import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/case-only',
    'valid/mutable-properties',
    'valid/new-definition',
    'valid/sensitive-before',
    'valid/terraform-replace',
    'valid/what-if-potential-change',
    'valid/what-if-resource-id-only',
    'valid/what-if-unevaluated-reference',
    // osType written as an array: a schema error (SIG006), not a change from "Windows" to ["Windows"].
    'valid/not-a-string',
  ],
  invalid: [
    {
      fixture: 'invalid/identifier-and-generation',
      errors: [
        { messageId: 'changed', message: 'hyperVGeneration changes from "V1" to "V2" on an existing image definition; Azure does not allow changing galleryImage.properties.hyperVGeneration', file: 'main.json', line: 13, column: 29, endLine: 13, endColumn: 33 },
        { messageId: 'changed', message: 'identifier.sku changes from "2022-datacenter" to "2022-datacenter-g2" on an existing image definition; Azure does not allow changing galleryImage.properties.identifier.sku', file: 'main.json', line: 17, column: 18, endLine: 17, endColumn: 38 },
      ],
    },
    {
      fixture: 'invalid/os-state',
      errors: [
        { messageId: 'changed', message: 'osState changes from "Generalized" to "Specialized" on an existing image definition; Azure does not allow changing galleryImage.properties.osState', file: 'main.json', line: 12, column: 20, endLine: 12, endColumn: 33 },
      ],
    },
    {
      fixture: 'invalid/os-type',
      errors: [
        { messageId: 'changed', message: 'osType changes from "Windows" to "Linux" on an existing image definition; Azure does not allow changing galleryImage.properties.osType', file: 'main.json', line: 11, column: 19, endLine: 11, endColumn: 26 },
      ],
    },
    {
      // No snapshots, only the delta: its Modify values are the states (a Create, hyperVGeneration, has no value before: silent).
      fixture: 'invalid/what-if-delta-only',
      errors: [
        { messageId: 'changed', message: 'osType changes from "Windows" to "Linux" on an existing image definition; Azure does not allow changing galleryImage.properties.osType', file: 'main.whatif.json', line: 7, column: 20, endLine: 7, endColumn: 27 },
        { messageId: 'changed', message: 'identifier.sku changes from "2022-datacenter" to "2022-datacenter-g2" on an existing image definition; Azure does not allow changing galleryImage.properties.identifier.sku', file: 'main.whatif.json', line: 14, column: 20, endLine: 14, endColumn: 40 },
      ],
    },
  ],
});
