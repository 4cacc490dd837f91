import { testRule } from '@sigil/testing';
import rule from './rule.js';

testRule(rule, {
  valid: [
    'valid/before-unknown',
    'valid/definitions-not-declared',
    'valid/new-version',
    'valid/same-state',
  ],
  invalid: [
    {
      fixture: 'invalid/generalized-to-specialized',
      errors: [
        { messageId: 'stateChanged', message: 'The scale set\'s image changes from "contoso_images/ubuntu-generalized" (Generalized) to "contoso_images/ubuntu-specialized/1.0.0" (Specialized); an existing scale set cannot switch between Generalized and Specialized images', file: 'main.json', line: 49, column: 21, endLine: 49, endColumn: 193 },
      ],
    },
    {
      fixture: 'invalid/specialized-to-generalized',
      errors: [
        { messageId: 'stateChanged', message: 'The scale set\'s image changes from "contoso_images/ubuntu-specialized/1.0.0" (Specialized) to "contoso_images/ubuntu-generalized/2.0.0" (Generalized); an existing scale set cannot switch between Generalized and Specialized images', file: 'main.json', line: 49, column: 21, endLine: 49, endColumn: 193 },
      ],
    },
    {
      // resourceId() leaves the subscription and resource group to the deployment: the names decide.
      fixture: 'invalid/resource-id-function',
      errors: [
        { messageId: 'stateChanged', message: 'The scale set\'s image changes from "contoso_images/ubuntu-generalized" (Generalized) to "contoso_images/ubuntu-specialized" (Specialized); an existing scale set cannot switch between Generalized and Specialized images', file: 'main.json', line: 49, column: 21, endLine: 49, endColumn: 113 },
      ],
    },
    {
      // The scale set's change without snapshots (the image id from the delta); the definitions' states from their NoChange entries.
      fixture: 'invalid/what-if-delta-only',
      errors: [
        { messageId: 'stateChanged', message: 'The scale set\'s image changes from "contoso_images/ubuntu-generalized" (Generalized) to "contoso_images/ubuntu-specialized/1.0.0" (Specialized); an existing scale set cannot switch between Generalized and Specialized images', file: 'main.whatif.json', line: 87, column: 20, endLine: 87, endColumn: 192 },
      ],
    },
  ],
});
