import { defineRule } from '@sigil/core';
import { isNumber } from '../../lib/json-type.js';

const ALIAS = 'Microsoft.Compute/galleries/images/recommended';

/**
 * `min` greater than `max`, compared only when both are numbers: a missing bound or a value of
 * another type (a string, a boolean) is the property schema rule's concern, and ordering it would
 * fail the evaluation. `if()` is lazy, so the comparison never sees anything but two numbers.
 */
function inverted(resource: 'vCPUs' | 'memory'): Record<string, unknown> {
  const min = `field('${ALIAS}.${resource}.min')`;
  const max = `field('${ALIAS}.${resource}.max')`;
  const both = `and(${isNumber(min)}, ${isNumber(max)})`;
  return {
    messageId: 'minGreaterThanMax',
    messageData: { resource },
    // The minimum is read last, so the finding points at it.
    value: `[if(${both}, ${min}, 0)]`,
    greater: `[if(${both}, ${max}, 0)]`,
  };
}

export default defineRule({
  code: 'SIG205',
  name: 'recommended-range',
  meta: {
    title: 'Recommended vCPU and memory ranges must not be inverted',
    severity: 'error',
    resourceTypes: ['Microsoft.Compute/galleries/images'],
    summary:
      'The recommended configuration of an image definition (properties.recommended.vCPUs and .memory) has a minimum that is not greater than its maximum.',
    fix: 'Swap or correct the values so that recommended.vCPUs.min is at most recommended.vCPUs.max and recommended.memory.min is at most recommended.memory.max (memory is in GB).',
    azureErrors: ['The minimum value of <property> must not be greater than the maximum value of <property>.'],
  },
  messages: {
    minGreaterThanMax: 'recommended.{resource}.min is {value}, greater than recommended.{resource}.max; the minimum must not be greater than the maximum',
  },
  condition: {
    allOf: [
      { field: 'type', equals: 'Microsoft.Compute/galleries/images' },
      { anyOf: [inverted('vCPUs'), inverted('memory')] },
    ],
  },
});
