// Derives packages/core/data/policy-aliases.json from the shared reference alias dump.
// Kept small and explicit so `generate --check` can prove the repo copy matches its source.
import { readFileSync } from 'node:fs';

export function deriveAliases(sourcePath) {
  const source = JSON.parse(readFileSync(sourcePath, 'utf8'));
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
