// rules/data/regions.json: the regions SIG001 accepts for gallery resources (rule option `regions`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const output = 'rules/data/regions.json';

export function derive(shared) {
  const source = JSON.parse(readFileSync(join(shared, 'reference/data/azure-regions.json'), 'utf8'));
  const regions = source.physical
    .filter((r) => r.regionType === 'Physical')
    .map((r) => ({ name: r.name, displayName: r.displayName }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const meta = source._meta;
  return {
    _meta: {
      description:
        'Programmatic names (with display names) of the physical Azure regions. SIG001 accepts these as locations of galleries, image definitions and image versions; SIG305 judges ZRS support only in these regions. Replace the list with `data: { regions: [...] }` in .sigil.yaml.',
      derivedFrom: 'shared/reference/data/azure-regions.json, entries with regionType Physical (regenerate with `npm run generate`)',
      origin: `${meta.repo} ${meta.path} at ${meta.commit_of_file}: ${meta.how_generated}`,
      caveat:
        'This is the location list of one subscription in the public cloud (GET /subscriptions/{id}/locations), an approximation of the regions where the Microsoft.Compute/galleries resource provider is offered (az provider show -n Microsoft.Compute, resourceTypes galleries, locations): whether the two lists differ is unverified. Azure Government and Azure China regions are not in it.',
      license: meta.license,
    },
    regions,
  };
}
