/** Where sigil lives; rule documentation links point into this repository. */
export const REPOSITORY_URL = 'https://github.com/sigil-iac/sigil';

/** The documentation page of a built-in rule, from its folder under `rules/`. */
export function ruleDocsUrl(folder: string): string {
  return `${REPOSITORY_URL}/blob/main/rules/${folder}/README.md`;
}
