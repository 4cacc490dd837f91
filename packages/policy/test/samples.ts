import { defineRule } from '@sigil/core';
import { buildPolicyModel, type PolicyModel } from '../src/index.js';

const VERSION = 'Microsoft.Compute/galleries/images/versions';

/**
 * A condition rule whose strings hold everything a format must escape: `'` (Bicep), `${` and `%{`
 * (Terraform templates, Bicep interpolation), `\`, a newline, `[[` (a policy literal that looks like
 * an expression: ARM must get `[[[`), and real policy expressions with quotes inside.
 */
export const trickyRule = defineRule({
  code: 'TST901',
  name: 'tricky-strings',
  meta: {
    title: "A title with 'quotes', ${interpolation} and %{directives}",
    severity: 'warning',
    resourceTypes: [VERSION],
    summary: 'A summary with a backslash \\ and a newline\nand [brackets].',
    fix: "Set it to '${literal}' or [[escaped]; 100% {sure}.",
    azureErrors: ['Error with \'quotes\' and "double quotes".'],
  },
  messages: { tricky: 'found "{value}"' },
  parameters: {
    pattern: { type: 'String', defaultValue: "[it's ${not} an %{expression}]", displayName: 'Pattern', description: 'A default that looks like an expression.' },
    limits: { type: 'Array', defaultValue: ['a${b}', "c'd", '[e]'], displayName: 'Limits', description: 'An array default.' },
    ratio: { type: 'Float', defaultValue: 0.5, displayName: 'Ratio', description: 'A float default.' },
  },
  condition: {
    allOf: [
      { field: 'name', notEquals: '[[literal-brackets]' },
      { value: "[concat('it''s ', '${x}', ' %{y} \\ ')]", notEquals: "[parameters('pattern')]" },
      { field: 'location', notIn: "[parameters('limits')]" },
      { messageId: 'tricky', field: `${VERSION}/publishingProfile.replicaCount`, greater: "[if(greater(parameters('ratio'), 1), 1, 0)]" },
    ],
  },
});

/** A graph rule Azure Policy expresses as AuditIfNotExists: a VM's gallery image version must exist. */
export const existenceRule = defineRule({
  code: 'TST902',
  name: 'image-version-exists',
  meta: {
    title: 'A VM created from a gallery image version needs that version in its region',
    severity: 'error',
    resourceTypes: ['Microsoft.Compute/virtualMachines'],
    summary: 'A virtual machine refers to a gallery image version that is not replicated to its region.',
    fix: 'Add the region to the image version\'s targetRegions.',
    azureErrors: [],
  },
  messages: { missing: 'the image version is not in "{value}"' },
  check: () => [],
  existencePolicy: {
    if: { field: 'Microsoft.Compute/virtualMachines/storageProfile.imageReference.id', contains: '/galleries/' },
    details: {
      type: VERSION,
      name: "[last(split(field('Microsoft.Compute/virtualMachines/storageProfile.imageReference.id'), '/'))]",
      existenceCondition: { field: `${VERSION}/publishingProfile.targetRegions[*].name`, equals: "[field('location')]" },
    },
  },
});

export function sampleModel(): PolicyModel {
  return buildPolicyModel([trickyRule, existenceRule], {
    lock: {},
    groupOf: (rule) => (rule.existencePolicy ? 'virtual-machine' : 'image-version'),
    docsUrl: (rule) => `https://example.test/${rule.name}?a='b'`,
  }).model;
}
