// Scaffolds a rule folder: rule.ts, rule.test.ts and README.md with TODO placeholders. The folder
// compiles, and fails the docs test (placeholders, empty sections) and its own test (no fixtures)
// until it is filled in. Then regenerates the rule index.
// Usage: npm run new-rule -- image-version/target-regions-unique SIG303
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = join(import.meta.dirname, '..');
const [folder, code] = process.argv.slice(2);
const usage = 'usage: npm run new-rule -- <group>/<kebab-name> <CODE>   e.g. image-version/target-regions-unique SIG303';
if (!folder || !code || !/^[a-z][a-z0-9-]*\/[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(folder) || !/^[A-Z][A-Z0-9]{1,9}\d{3}$/.test(code)) {
  console.error(usage);
  process.exit(2);
}
const dir = join(root, 'rules', folder);
if (existsSync(dir)) {
  console.error(`rules/${folder} already exists`);
  process.exit(2);
}
const index = readFileSync(join(root, 'rules', 'index.ts'), 'utf8');
for (const ruleFile of [...index.matchAll(/from '\.\/(.+)\/rule\.js'/g)].map((m) => join(root, 'rules', m[1], 'rule.ts'))) {
  if (readFileSync(ruleFile, 'utf8').includes(`code: '${code}'`)) {
    console.error(`${code} is already used by ${ruleFile}`);
    process.exit(2);
  }
}
const name = folder.split('/')[1];
mkdirSync(dir, { recursive: true });

writeFileSync(join(dir, 'rule.ts'), `import { defineRule } from '@sigil/core';

export default defineRule({
  code: '${code}',
  name: '${name}',
  meta: {
    title: 'TODO: a short title, also the policy display name',
    severity: 'error',
    resourceTypes: ['TODO: Microsoft.Compute/galleries/...'],
    summary: 'TODO: one sentence, what the rule catches',
    fix: 'TODO: one paragraph, how to fix a finding',
    azureErrors: ['TODO: the Azure error message this rule prevents'],
  },
  messages: {
    default: 'TODO: what was found, with the value quoted: "{value}"',
  },
  // An Azure Policy condition (the "if" of a policy rule); annotate branches with messageId.
  condition: {
    allOf: [
      { field: 'type', equals: 'TODO: the resource type' },
      { field: 'name', equals: 'TODO' },
    ],
  },
});
`);

writeFileSync(join(dir, 'rule.test.ts'), `import { testRule } from '@sigil/testing';
import rule from './rule.js';

// Cases are folders under fixtures/${name}/: each holds the templates one case lints.
testRule(rule, {
  valid: ['valid/TODO'],
  invalid: [
    {
      fixture: 'invalid/TODO',
      errors: [],
    },
  ],
});
`);

// Fail and Pass examples: one block per format, each a TODO the docs test rejects.
const examples = ['ARM template:\n\n```json arm', 'Bicep:\n\n```bicep', 'Terraform JSON:\n\n```json terraform']
  .map((fence) => `${fence}\nTODO\n\`\`\``)
  .join('\n\n');

writeFileSync(join(dir, 'README.md'), `<!-- end of generated header -->

## Why

TODO: the Azure error, when it happens, and why it is easy to make.

## Examples

### Fail

${examples}

### Pass

${examples}

## How to fix

TODO

## Azure Policy

TODO: how the condition is written, or why Azure Policy cannot express the rule.

## References

TODO: the troubleshooting guide section and the documentation pages.
`);

console.log(`created rules/${folder}/ (rule.ts, rule.test.ts, README.md); fill in every TODO and add fixtures/${name}/`);
execFileSync(process.execPath, [join(root, 'scripts', 'generate.js')], { cwd: root, stdio: 'inherit' });
