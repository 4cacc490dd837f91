/** `rules/data/property-model.json` (see scripts/lib/data/property-model.js) and api-version ranges. */

export interface ModelRow {
  readonly path: string;
  readonly type: 'int' | 'bool' | 'string' | 'object' | 'array' | 'enum' | 'date-time' | 'literal';
  readonly values?: readonly string[];
  readonly open?: boolean;
  readonly required?: boolean;
  readonly readOnly?: boolean;
  /** The api-versions the row holds for; every api-version when absent. */
  readonly apiVersions?: readonly string[];
}

export interface PropertyModel {
  readonly apiVersions: readonly string[];
  /** Api-versions from `from` (inclusive) until `until` (exclusive) use the model of `apiVersion`. */
  readonly nearest: readonly { readonly apiVersion: string; readonly from: string | null; readonly until: string | null }[];
  readonly types: Readonly<Record<string, readonly ModelRow[]>>;
}

/** A range of api-version strings (they order as dates); null is unbounded. */
export interface ApiVersionRange {
  readonly from: string | null;
  readonly until: string | null;
}

/** The api-version ranges checked against the models of `apiVersions`: runs of neighbours merge. */
export function rangesOf(apiVersions: readonly string[], model: PropertyModel): ApiVersionRange[] {
  const out: { from: string | null; until: string | null }[] = [];
  let previous = -2;
  model.nearest.forEach((n, i) => {
    if (!apiVersions.includes(n.apiVersion)) return;
    const last = out[out.length - 1];
    if (last && previous === i - 1) last.until = n.until;
    else out.push({ from: n.from, until: n.until });
    previous = i;
  });
  return out;
}

const API_VERSION = '[requestContext().apiVersion]';

/** The condition that the request's api-version is in one of the ranges; undefined for all of them. */
export function apiVersionGuard(ranges: readonly ApiVersionRange[]): Record<string, unknown> | undefined {
  const one = (r: ApiVersionRange): Record<string, unknown>[] => [
    ...(r.from === null ? [] : [{ value: API_VERSION, greaterOrEquals: r.from }]),
    ...(r.until === null ? [] : [{ value: API_VERSION, less: r.until }]),
  ];
  const each = ranges.map(one);
  if (each.some((c) => c.length === 0)) return undefined;
  const conditions = each.map((c) => (c.length === 1 ? (c[0] as Record<string, unknown>) : { allOf: c }));
  return conditions.length === 1 ? conditions[0] : { anyOf: conditions };
}

/** The model an api-version is checked against (itself when known), as the policy guards decide. */
export function modelFor(apiVersion: string, model: PropertyModel): string {
  const hit = model.nearest.find((n) => (n.from === null || apiVersion >= n.from) && (n.until === null || apiVersion < n.until));
  return hit?.apiVersion ?? (model.apiVersions[model.apiVersions.length - 1] as string);
}
