// rules/data/zrs-regions.json: the regions where SIG305 accepts Standard_ZRS (rule option `zrsRegions`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const output = 'rules/data/zrs-regions.json';

const ZONES = 'availability zones (azure-regions.json)';
const STORAGE_DOC = 'storage ZRS list (zrs-regions-storage-doc-2024-03.json)';

export function derive(shared) {
  const read = (file) => JSON.parse(readFileSync(join(shared, 'reference/data', file), 'utf8'));
  const locations = read('azure-regions.json');
  const storageDoc = read('zrs-regions-storage-doc-2024-03.json');
  const sources = new Map();
  const add = (name, source) => {
    if (!sources.has(name)) sources.set(name, []);
    sources.get(name).push(source);
  };
  for (const r of locations.physical) if (r.hasAvailabilityZones) add(r.name, ZONES);
  // Entries read "chinanorth3 (Azure China cloud)": the programmatic name is the first word.
  for (const [, programmatic] of storageDoc.regions) add(programmatic.split(' ')[0], STORAGE_DOC);
  const regions = [...sources.keys()].sort().map((name) => ({ name, sources: sources.get(name) }));
  return {
    _meta: {
      description:
        'Regions where Standard_ZRS is accepted for gallery image replicas: the union of two sources, so that no region either source supports is reported by SIG305. Replace the list with `data: { zrsRegions: [...] }` in .sigil.yaml.',
      derivedFrom:
        'shared/reference/data/azure-regions.json (physical regions with hasAvailabilityZones) and shared/reference/data/zrs-regions-storage-doc-2024-03.json (regenerate with `npm run generate`)',
      origin: [
        `${locations._meta.repo} ${locations._meta.path} at ${locations._meta.commit_of_file}, license ${locations._meta.license}: ${locations._meta.how_generated}`,
        `${storageDoc._meta.source}, license CC BY 4.0: "${storageDoc._meta.statement}"`,
      ],
      caveat:
        'Neither source is a Compute Gallery list. The Compute Gallery documentation offers Standard ZRS "for regions that have availability zones"; the storage list is older (2024-03) and includes chinanorth3 (Azure China) and usgovvirginia (Azure Government). A region is listed when either source supports ZRS.',
      license: 'MIT (azure-regions.json); CC BY 4.0 (storage documentation list)',
    },
    regions,
  };
}
