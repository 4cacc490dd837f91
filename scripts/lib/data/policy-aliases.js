// packages/core/data/policy-aliases.json: the alias table of the policy evaluator.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const output = 'packages/core/data/policy-aliases.json';

export function derive(shared) {
  const source = JSON.parse(readFileSync(join(shared, 'reference/data/policy-aliases-compute-galleries-vm.json'), 'utf8'));
  const types = {};
  for (const type of Object.keys(source.aliases).sort()) {
    const entries = {};
    for (const { alias, defaultPath } of [...source.aliases[type]].sort((a, b) => (a.alias < b.alias ? -1 : 1))) {
      entries[alias] = defaultPath;
    }
    types[type] = entries;
  }
  const meta = source._meta;
  return {
    _meta: {
      description: 'Azure Policy aliases and their default paths, by resource type. Used by the policy evaluator.',
      derivedFrom: 'shared/reference/data/policy-aliases-compute-galleries-vm.json (regenerate with `npm run generate`)',
      origin: `${meta.repo}@${meta.commit} (${meta.commit_date}), ${meta.generated_by}`,
      license: meta.license,
    },
    types,
  };
}
