import { testRule } from '@sigil/testing';
import rule from './rule.js';

// Cases are folders under fixtures/single-location-per-name/: each holds the templates one case lints.
testRule(rule, {
  valid: ['valid/TODO'],
  invalid: [
    {
      fixture: 'invalid/TODO',
      errors: [],
    },
  ],
});
