import type { RuleParameter, Value } from '@sigil/core';
import { ruleData } from './data.js';

/**
 * Region names in the Azure Policy language, and the region lists of `rules/data/` as rule
 * parameters (data sets that `.sigil.yaml` can replace). Expressions are written without their
 * brackets so that they can be nested.
 */

/**
 * `East US 2` -> `eastus2`, as Azure compares region names. Azure Policy normalizes the `location`
 * field itself, but not region names held in other properties (`targetRegions[*].name`).
 */
export function normalizedRegion(expr: string): string {
  return `toLower(replace(string(${expr}), ' ', ''))`;
}

/**
 * A list a value count may iterate (Azure allows 100 iterations): the list itself up to 100 members,
 * so that an unknown member leaves only its own iteration unknown; else its distinct members, at most
 * 100 of them. `take` never fails, so an oversized list cannot fail the evaluation.
 */
export function iterable(list: string): string {
  return `take(if(lessOrEquals(length(${list}), 100), ${list}, union(${list}, ${list})), 100)`;
}

/**
 * True when some member of the `[*]` alias is written as `expr` (ignoring case): its evidence is
 * those members, so that a branch ending with it reports the member's value and span.
 */
export function written(alias: string, expr: string): Record<string, unknown> {
  return { not: { field: alias, notIn: `[createArray(${expr})]` } };
}

interface RegionsFile {
  readonly regions: readonly { readonly name: string; readonly displayName: string }[];
}

interface ZrsRegionsFile {
  readonly regions: readonly { readonly name: string; readonly sources: readonly string[] }[];
}

/** A parameter whose default is read from `rules/data/` on first use (loading the rule set stays cheap). */
function dataParameter(parameter: Omit<RuleParameter, 'defaultValue'>, load: () => Value): RuleParameter {
  let value: Value | undefined;
  return {
    ...parameter,
    get defaultValue(): Value {
      value ??= load();
      return value;
    },
  };
}

/** The regions where gallery resources can be created (`rules/data/regions.json`). */
export function regionsParameter(): RuleParameter {
  return dataParameter(
    {
      type: 'Array',
      displayName: 'Regions',
      description:
        'Programmatic names of the regions where Microsoft.Compute/galleries resources can be created (default: the physical regions of the public cloud). Replace the list for Azure Government, Azure China or a region added after this release.',
      data: 'regions',
    },
    () => ruleData<RegionsFile>('regions').regions.map((r) => r.name),
  );
}

/** The regions where Standard_ZRS replicas are accepted (`rules/data/zrs-regions.json`). */
export function zrsRegionsParameter(): RuleParameter {
  return dataParameter(
    {
      type: 'Array',
      displayName: 'Regions with zone-redundant storage',
      description:
        'Programmatic names of the regions where an image version can keep Standard_ZRS replicas (default: the regions with availability zones, and those of the Azure Storage ZRS list).',
      data: 'zrsRegions',
    },
    () => ruleData<ZrsRegionsFile>('zrs-regions').regions.map((r) => r.name),
  );
}

/**
 * Sovereign-cloud region prefixes (Azure Government, Azure China). The default region list is the
 * public cloud's; sigil cannot tell which cloud a template targets, so these locations are not judged.
 */
export const SOVEREIGN_REGION_PREFIXES: readonly string[] = ['usgov', 'usdod', 'usnat', 'ussec', 'china'];
