import { REPOSITORY_URL, type RuleParameter, type RuleSet } from '@sigil/core';
import { CUSTOM_RULE_KEYS } from './custom-rules.js';
import { RULE_SETTINGS, dataSetsOf } from './config.js';
import { DEPLOYMENT_KEYS, RESOURCE_GROUP, SUBSCRIPTION_ID } from './deployments.js';

/** Where editors find the schema (`# yaml-language-server: $schema=...`). */
export const CONFIG_SCHEMA_URL = `${REPOSITORY_URL.replace('https://github.com/', 'https://raw.githubusercontent.com/')}/main/schemas/sigil-config.schema.json`;

const JSON_TYPE: Record<RuleParameter['type'], string> = {
  String: 'string',
  Array: 'array',
  Object: 'object',
  Boolean: 'boolean',
  Integer: 'integer',
  Float: 'number',
  DateTime: 'string',
};

function parameterSchema(p: RuleParameter): Record<string, unknown> {
  return { type: JSON_TYPE[p.type], description: p.description, ...(p.allowedValues ? { enum: p.allowedValues } : {}) };
}

/**
 * The JSON Schema of `.sigil.yaml`, from the rule set: its rules (by code and name) with their
 * options, and its data sets. Committed as `schemas/sigil-config.schema.json` by `npm run generate`;
 * the loader checks the same things and says where, with the YAML line.
 */
export function configSchema(rules: RuleSet): Record<string, unknown> {
  const severity = { enum: ['error', 'warning', 'note'] };
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of rules.all) {
    const options = Object.entries(rule.parameters ?? {});
    const setting = {
      description: `${rule.code} ${rule.name}: ${rule.meta.title}`,
      oneOf: [
        { enum: [...RULE_SETTINGS] },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            severity: { enum: [...RULE_SETTINGS] },
            options: { type: 'object', additionalProperties: false, properties: Object.fromEntries(options.map(([name, p]) => [name, parameterSchema(p)])) },
          },
        },
      ],
    };
    ruleProperties[rule.code] = setting;
    ruleProperties[rule.name] = setting;
  }
  const customSetting = { oneOf: [{ enum: [...RULE_SETTINGS] }, { type: 'object', additionalProperties: false, properties: { severity: { enum: [...RULE_SETTINGS] } } }] };
  const customRule = {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'name', 'title', 'severity', 'resourceTypes', 'summary', 'fix', 'condition'],
    properties: {
      code: { type: 'string', pattern: '^(?!SIG)[A-Z][A-Z0-9]{1,9}[0-9]{3}$', description: 'Letters then three digits; the SIG prefix is sigil\'s own.' },
      name: { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' },
      title: { type: 'string', minLength: 1 },
      severity,
      resourceTypes: { type: 'array', minItems: 1, items: { type: 'string', pattern: '/' } },
      summary: { type: 'string', minLength: 1 },
      fix: { type: 'string', minLength: 1 },
      message: { type: 'string', description: 'The finding message; {value}, {property} and {name} are filled in.' },
      messages: { type: 'object', additionalProperties: { type: 'string' } },
      condition: { type: 'object', description: 'An Azure Policy condition (the "if" of a policy rule).' },
      azureErrors: { type: 'array', items: { type: 'string' } },
      version: { type: 'string', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$', description: 'The version of the rule\'s Azure Policy definition (default 1.0.0); raise it when you change the rule.' },
    },
  };
  // Keep the schema's custom rule keys in step with the loader's.
  if (Object.keys(customRule.properties).join() !== CUSTOM_RULE_KEYS.join()) throw new Error('the custom rule schema and loader disagree');
  const deployments = {
    type: 'array',
    description: 'Where templates are deployed: their resource ids are then full ids, which link to ids written in other files. One entry per file.',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['files', 'subscription'],
      properties: {
        files: { type: 'array', minItems: 1, items: { type: 'string' }, description: 'Globs relative to this file: templates, parameters files or .bicepparam files.' },
        subscription: { type: 'string', pattern: SUBSCRIPTION_ID.source, description: 'The subscription id the files are deployed to.' },
        resourceGroup: { type: 'string', pattern: RESOURCE_GROUP.source, description: 'The resource group (ignored for templates with targetScope subscription).' },
      },
    },
  };
  if (Object.keys(deployments.items.properties).join() !== DEPLOYMENT_KEYS.join()) throw new Error('the deployments schema and loader disagree');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_URL,
    title: 'sigil configuration (.sigil.yaml)',
    type: ['object', 'null'],
    additionalProperties: false,
    properties: {
      failOn: { ...severity, description: 'The lowest severity that fails the run (--fail-on wins).' },
      files: {
        type: 'object',
        additionalProperties: false,
        properties: {
          include: { type: 'array', items: { type: 'string' }, description: 'Globs relative to this file: only matching files are linted.' },
          exclude: { type: 'array', items: { type: 'string' }, description: 'Globs relative to this file: matching files are not linted.' },
        },
      },
      deployments,
      data: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries([...dataSetsOf(rules)].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, p]) => [name, { ...parameterSchema(p), description: `Replaces sigil's built-in ${name}.` }])),
      },
      rules: {
        type: 'object',
        properties: ruleProperties,
        patternProperties: { '^(?!SIG)[A-Z][A-Z0-9]{1,9}[0-9]{3}$': customSetting },
        additionalProperties: false,
      },
      customRules: { type: 'array', items: { oneOf: [{ type: 'string', description: 'A YAML file of rules, relative to this file.' }, customRule] } },
    },
  };
}
