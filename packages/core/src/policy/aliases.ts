import { readFileSync } from 'node:fs';

/** One step of an alias path: a property name, or `[*]` (every element of an array). */
export type PathStep = { readonly key: string } | { readonly wildcard: true };

export interface AliasEntry {
  readonly alias: string;
  readonly resourceType: string;
  readonly path: readonly PathStep[];
}

/**
 * The alias table: alias name -> resource type -> path. One alias name can be registered on several
 * types with different paths (the legacy `Microsoft.Compute/imageId`), so resolution needs the type.
 */
export class AliasTable {
  /** alias (lower case) -> resource type (lower case) -> [type as written, alias as written, path]. */
  private readonly byName = new Map<string, Map<string, [string, string, string]>>();
  private readonly parsed = new Map<string, AliasEntry>();

  constructor(types: Record<string, Record<string, string>>) {
    // Paths are parsed on first use: building the whole table eagerly cost start-up on every run.
    for (const [type, aliases] of Object.entries(types)) {
      const typeKey = type.toLowerCase();
      for (const [alias, defaultPath] of Object.entries(aliases)) {
        const key = alias.toLowerCase();
        let perType = this.byName.get(key);
        if (!perType) this.byName.set(key, (perType = new Map()));
        perType.set(typeKey, [type, alias, defaultPath]);
      }
    }
  }

  private entry(raw: [string, string, string] | undefined): AliasEntry | undefined {
    if (!raw) return undefined;
    const [resourceType, alias, path] = raw;
    const key = `${resourceType}\0${alias}`;
    let e = this.parsed.get(key);
    if (!e) this.parsed.set(key, (e = { alias, resourceType, path: parsePath(path) }));
    return e;
  }

  has(alias: string): boolean {
    return this.byName.has(alias.toLowerCase());
  }

  /** The path of `alias` for a resource of `resourceType`, or undefined when not registered on it. */
  resolve(alias: string, resourceType: string): AliasEntry | undefined {
    return this.entry(this.byName.get(alias.toLowerCase())?.get(resourceType.toLowerCase()));
  }

  /** Any registration of the alias (for checks that do not depend on the resource type). */
  any(alias: string): AliasEntry | undefined {
    const perType = this.byName.get(alias.toLowerCase());
    return this.entry(perType ? perType.values().next().value : undefined);
  }

  get size(): number {
    return this.byName.size;
  }
}

/** Parses `properties.a.b[*].c` into steps. */
export function parsePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const segment of path.split('.')) {
    let rest = segment;
    const wildcards: PathStep[] = [];
    while (rest.endsWith('[*]')) {
      rest = rest.slice(0, -3);
      wildcards.push({ wildcard: true });
    }
    if (rest) steps.push({ key: rest });
    steps.push(...wildcards);
  }
  return steps;
}

/**
 * The conventional default path of an alias not in the table: `<namespace>/<type...>/<path>` where the
 * path is the part after the last `/` (before any `.` or `[`), under `properties`. A legacy alias with
 * a single `/` (`Microsoft.Compute/imageId`) names no type: `resourceType` is empty and it selects
 * nothing. Used only in lenient mode (third-party definitions whose providers are not in sigil's
 * table); sigil's own rules must use table aliases.
 */
export function conventionalAlias(alias: string): { resourceType: string; path: PathStep[] } | undefined {
  const firstSlash = alias.indexOf('/');
  if (firstSlash <= 0) return undefined;
  const tail = alias.slice(firstSlash + 1);
  const stop = tail.search(/[.[]/);
  const head = stop < 0 ? tail : tail.slice(0, stop);
  const slash = head.lastIndexOf('/');
  if (slash < 0) return { resourceType: '', path: parsePath(`properties.${tail}`) };
  return {
    resourceType: alias.slice(0, firstSlash + 1 + slash),
    path: parsePath(`properties.${tail.slice(slash + 1)}`),
  };
}

let defaultTable: AliasTable | undefined;

/** The table shipped with sigil (`data/policy-aliases.json`), loaded on first use. */
export function defaultAliases(): AliasTable {
  if (!defaultTable) {
    const text = readFileSync(new URL('../../../data/policy-aliases.json', import.meta.url), 'utf8');
    defaultTable = new AliasTable((JSON.parse(text) as { types: Record<string, Record<string, string>> }).types);
  }
  return defaultTable;
}
