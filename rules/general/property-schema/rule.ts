import { defineRule, defaultAliases, type Resource } from '@sigil/core';
import { ruleData } from '../../lib/data.js';
import { type ApiVersionRange, type ModelRow, type PropertyModel, apiVersionGuard, modelFor, rangesOf } from '../../lib/property-model.js';
import { boolProblem, containerInString, enumProblem, intProblem, notAJsonString, notContainer, whenPresent } from '../../lib/schema-checks.js';

/**
 * Open enums (the schema accepts any string) whose values the service itself checks: the rule
 * catalogue lists them among the errors ("cannot bind parameter ... valid enumerator names"). Other
 * open enums (sharing permissions, storage account strategy, confidential VM encryption type, UEFI
 * signature templates...) may gain values without a new api-version and are not checked.
 */
const SERVICE_CHECKED_OPEN_ENUMS = new Set(['hyperVGeneration', 'architecture', 'storageAccountType', 'replicationMode']);

/**
 * Read-only properties that are reported. ARM's API rules require that a GET response can be sent back
 * in a PUT (RPC-Put-V1, "RequestBodyMustExistForPutPatch" in Azure/azure-openapi-validator), so the
 * read-only properties a GET returns (provisioningState, publishedDate, sizeInGB, identifier.uniqueName...)
 * are accepted and ignored in a request: reporting them would be a false alarm. `sharingProfile.groups`
 * is different: a GET returns it only with `$expand=SharingProfile/Groups`, so it is in a template only
 * when written there to share the gallery, and a gallery is shared through its `share` action, never
 * through the resource (whether Azure then rejects or ignores it, the sharing does not happen).
 */
const REPORTED_READ_ONLY: Readonly<Record<string, readonly string[]>> = {
  'Microsoft.Compute/galleries': ['properties.sharingProfile.groups'],
};

/** Checks that apply only from the oldest api-version of the model (see typeCondition). */
const NOT_EXTRAPOLATED = new Set(['required', 'readOnly']);

/** Azure writes the combined identity type with a space; its JSON reader also takes it without. */
const IDENTITY_WITHOUT_SPACE = 'SystemAssigned,UserAssigned';

/** The values of an enum for a message: quoted (one of them holds a comma). */
function valuesText(values: readonly string[]): string {
  return values.filter((v) => v !== IDENTITY_WITHOUT_SPACE).map((v) => `"${v}"`).join(', ');
}

const EXPECTED: Readonly<Record<string, string>> = {
  int: 'a 32-bit integer',
  bool: 'true or false',
  string: 'a string',
  object: 'an object',
  array: 'an array',
};

const model = (): PropertyModel => ruleData<PropertyModel>('property-model');

/** The policy field of a body path: an alias (`<type>/<path without "properties.">`) or a built-in field. */
function fieldOf(type: string, path: string): string | undefined {
  if (path === 'location' || path === 'identity.type') return path;
  if (!path.startsWith('properties.')) return undefined;
  const alias = `${type}/${path.slice('properties.'.length)}`;
  return defaultAliases().resolve(alias, type) ? alias : undefined;
}

/** `a.b[*].c` -> [`a.b[*]`, `c`]: the innermost array and the path inside one of its elements. */
function splitAtLastArray(path: string): [array: string, rest: string] {
  const i = path.lastIndexOf('[*]');
  return [path.slice(0, i + 3), path.slice(i + 4)];
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('.'));
}

type Check = { readonly condition: Record<string, unknown>; readonly ranges: readonly ApiVersionRange[] };

/** The checks of one property row, each with the api-versions it holds for. */
function checksOf(type: string, row: ModelRow, all: PropertyModel, values: readonly string[] | undefined): Record<string, unknown>[] {
  const shown = values && valuesText(values);
  const field = fieldOf(type, row.path);
  if (!field) return [];
  const path = row.path;
  const member = path.includes('[*]');
  const out: Record<string, unknown>[] = [];

  if (row.readOnly) {
    if (!(REPORTED_READ_ONLY[type] ?? []).includes(path) || member) return [];
    out.push({
      messageId: 'readOnly',
      messageData: { path },
      ...present(field, row.type),
    });
    return out;
  }

  if (row.required) {
    if (member) {
      const [array] = splitAtLastArray(path);
      const arrayField = fieldOf(type, array);
      if (arrayField) {
        // The `where` reports each element that lacks the property, on the element.
        out.push({
          count: { field: arrayField, where: { messageId: 'required', messageData: { path }, field, exists: false } },
          greater: 0,
        });
      }
    } else {
      // The topmost missing property is reported, not each required property under it. (A parent
      // that is not an object is also a type error; testing that here would make the check unknown
      // whenever the parent holds a value known only at deployment.)
      const parent = parentOf(path);
      const parentField = parent && parent !== 'properties' ? fieldOf(type, parent) : undefined;
      const missing = { field, exists: false };
      out.push({
        messageId: 'required',
        messageData: { path },
        ...(parentField ? { allOf: [{ field: parentField, exists: true }, missing] } : missing),
      });
    }
  }

  const name = path.slice(path.lastIndexOf('.') + 1).replace('[*]', '');
  const isEnum = row.type === 'enum' && (!row.open || SERVICE_CHECKED_OPEN_ENUMS.has(name));
  if (member) {
    const [array] = splitAtLastArray(path);
    const arrayField = fieldOf(type, array);
    if (!arrayField) return out;
    const current = `current('${field}')`;
    // The `where` of the count reports each element with the problem, on the value (`current()`
    // reads it, and is the evidence).
    if (row.type === 'int' || row.type === 'bool') {
      const problem = whenPresent(field, row.type === 'int' ? intProblem(current, field) : boolProblem(current));
      out.push({
        count: { field: arrayField, where: { messageId: 'elementType', messageData: { path, expected: EXPECTED[row.type] as string }, ...problem } },
        greater: 0,
      });
    } else if (isEnum && values) {
      out.push({
        count: { field: arrayField, where: { messageId: 'enum', messageData: { path, values: shown as string }, ...whenPresent(field, enumProblem(current, values)) } },
        greater: 0,
      });
    }
    return out;
  }

  const value = `field('${field}')`;
  const check = (messageId: string, messageData: Record<string, string>, problem: Record<string, unknown>) =>
    out.push({ messageId, messageData, ...whenPresent(field, problem) });
  switch (row.type) {
    case 'int':
    case 'bool':
      check('type', { path, expected: EXPECTED[row.type] as string }, row.type === 'int' ? intProblem(value, field) : boolProblem(value));
      break;
    case 'string':
      check('type', { path, expected: EXPECTED.string as string }, containerInString(value));
      break;
    case 'object':
    case 'array':
      check('type', { path, expected: EXPECTED[row.type] as string }, notContainer(value, row.type));
      break;
    case 'date-time':
      // A string is SIG007 end-of-life-date's (valid date, in the future); here only another type.
      check('date', { path }, notAJsonString(value));
      break;
    case 'enum':
      if (isEnum && values) check('enum', { path, values: shown as string }, enumProblem(value, values));
      else check('type', { path, expected: EXPECTED.string as string }, containerInString(value));
      break;
  }
  return out;
}

/** Present, and for a list not empty (an empty list of sharing groups shares nothing). */
function present(field: string, type: string): Record<string, unknown> {
  if (type !== 'array') return { field, exists: true };
  return { allOf: [{ value: `[length(field('${field}[*]'))]`, greater: 0 }, { field, exists: true }] };
}

/** Every check of a resource type, grouped by the api-versions they hold for. */
function typeCondition(type: string, all: PropertyModel): Record<string, unknown> {
  const rows = all.types[type] ?? [];
  // Open enums: a value any api-version lists is accepted at every api-version.
  const openValues = new Map<string, string[]>();
  for (const r of rows) if (r.type === 'enum' && r.open) openValues.set(r.path, [...new Set([...(openValues.get(r.path) ?? []), ...(r.values ?? [])])].sort());
  // The same check from several rows (an open enum whose listed values changed between api-versions)
  // holds for all their api-versions.
  const byCondition = new Map<string, { condition: Record<string, unknown>; apiVersions: Set<string> }>();
  const oldest = all.apiVersions[0] as string;
  for (const row of rows) {
    let values = row.type === 'enum' ? (row.open ? openValues.get(row.path) : row.values) : undefined;
    if (values && row.path === 'identity.type') values = [...values, IDENTITY_WITHOUT_SPACE];
    for (const condition of checksOf(type, row, all, values)) {
      const key = JSON.stringify(condition);
      const entry = byCondition.get(key) ?? { condition, apiVersions: new Set<string>() };
      for (const v of row.apiVersions ?? all.apiVersions) entry.apiVersions.add(v);
      byCondition.set(key, entry);
    }
  }
  const checks: Check[] = [...byCondition.values()].map(({ condition, apiVersions }) => {
    const ranges = rangesOf([...apiVersions], all);
    // Whether a property is required or read-only is not extrapolated to api-versions older than the
    // model: they changed (2018-06-01 had publishingProfile.source where storageProfile is now).
    const first = ranges[0];
    if (NOT_EXTRAPOLATED.has(condition.messageId as string) && first && first.from === null) ranges[0] = { ...first, from: oldest };
    return { condition, ranges };
  });
  const groups = new Map<string, Check[]>();
  for (const c of checks) {
    const key = JSON.stringify(c.ranges);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const members: Record<string, unknown>[] = [];
  for (const group of groups.values()) {
    const guard = apiVersionGuard((group[0] as Check).ranges);
    const conditions = group.map((c) => c.condition);
    if (!guard) members.push(...conditions);
    else members.push({ allOf: [guard, conditions.length === 1 ? conditions[0] : { anyOf: conditions }] });
  }
  return { allOf: [{ field: 'type', equals: type }, { anyOf: members }] };
}

const TYPES = [
  'Microsoft.Compute/galleries',
  'Microsoft.Compute/galleries/images',
  'Microsoft.Compute/galleries/images/versions',
  'Microsoft.Compute/galleries/applications',
  'Microsoft.Compute/galleries/applications/versions',
];

export default defineRule({
  code: 'SIG006',
  name: 'property-schema',
  meta: {
    title: 'Gallery resource properties must match the API schema',
    severity: 'error',
    resourceTypes: TYPES,
    summary:
      'The properties of galleries, image definitions, image versions, VM applications and application versions have the type, the enum value and the required members of the API model of their api-version, and leave out the read-only sharing groups.',
    fix: 'Write each property with the type the API expects (a 32-bit integer, true or false, an object, an array, a string), use one of the listed values for enums, add the missing required properties, and share a gallery with the share action (az sig share add) instead of sharingProfile.groups.',
    azureErrors: [
      'argument --<property>: invalid int value: <value>',
      "Can not bind parameter <property>. Can not convert the value <value> to type 'System.Int32'.",
      "Can not bind parameter <property>. Can not convert the value <value> to type 'System.DateTime'.",
      "Cannot bind parameter <property>. Cannot convert value <value> to type <propertyType>. Unable to match the identifier name <value> to a valid enumerator name. Specify one of the following enumerator names and try again: <choice1>, <choice2>, ...",
    ],
  },
  messages: {
    type: '{path} is "{value}", not {expected}',
    elementType: '{path} is "{value}", not {expected}',
    enum: '{path} is "{value}", not one of {values}',
    required: 'Required property {path} is missing',
    readOnly: '{path} is read-only: Azure shares a gallery through its share action (az sig share add), not through the gallery resource',
    date: '{path} is {value}, not a date; write it as an ISO 8601 string such as "2027-12-31"',
  },
  condition: () => {
    const all = model();
    return { anyOf: TYPES.map((type) => typeCondition(type, all)) };
  },
  notice: (resource: Resource) => {
    const apiVersion = resource.apiVersion;
    if (typeof apiVersion !== 'string') return undefined;
    const all = model();
    if (all.apiVersions.includes(apiVersion)) return undefined;
    const nearest = modelFor(apiVersion, all);
    const older = nearest === all.apiVersions[0] && apiVersion < nearest ? ' (required and read-only properties are not checked: they changed in older api-versions)' : '';
    return `api-version ${apiVersion} is not in the property model; it is checked against ${nearest}, the nearest known api-version${older}`;
  },
});
