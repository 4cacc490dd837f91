import { Unknown, joinParts, splitParts } from './unknown.js';
import { type Value, type ValueObject, isObject, getKey } from './value.js';
import { type SourceRef, type SourceDocument, type Span, type JsonPath, memberOrigin, originOf } from './source.js';
import { ChangeSet } from './change.js';
import { idKey, parentKey, typeOfKey } from './resource-id.js';

/** Where a resource is deployed. Parts that are known only at deployment are Unknown. */
export interface DeploymentScope {
  readonly level: 'resourceGroup' | 'subscription' | 'managementGroup' | 'tenant';
  readonly subscriptionId?: string | Unknown;
  readonly resourceGroup?: string | Unknown;
  readonly managementGroup?: string | Unknown;
}

export type Frontend = 'arm' | 'bicep' | 'terraform';

/**
 * One `dependsOn` entry: as written in an ARM template (a resource id, a name, a symbolic name, an
 * Unknown), or the resource itself where the frontend resolved the dependency (Bicep symbol
 * references, Terraform references and `depends_on`).
 */
export type Dependency = Value | Resource;

/**
 * The most dependencies a frontend records for one resource. Past it the list is one Unknown (any
 * resource may be among them): a template where every resource waits for thousands of others must
 * not make the graph grow with the square of its size.
 */
export const MAX_DEPENDENCIES = 10_000;

/** A resource's dependencies, or one Unknown entry when there are more than `MAX_DEPENDENCIES`. */
export function boundedDependencies(dependencies: ReadonlySet<Dependency> | readonly Dependency[], what: string): readonly Dependency[] {
  const list = [...dependencies];
  return list.length > MAX_DEPENDENCIES ? [new Unknown(`${what} waits for more than ${MAX_DEPENDENCIES} resources; they are not listed`)] : list;
}

/** A value, or a function that computes it on first use. */
export type Lazy<T> = T | (() => T);

export interface ResourceInit {
  readonly type: string;
  /** Lazy: a resource no rule looks at never needs its api-version or name evaluated. */
  readonly apiVersion: Lazy<string | Unknown>;
  /** The full name (`gallery/image/1.0.0`). */
  readonly fullName: Lazy<string | Unknown>;
  readonly scope: DeploymentScope;
  readonly condition: boolean | Unknown;
  readonly existing: boolean;
  /**
   * The resources this one waits for, evaluated on first use (most rules never look at them):
   * ARM's `dependsOn` entries as written, or the resources a Bicep or Terraform declaration refers
   * to. An Unknown entry is a dependency the frontend cannot resolve (it may be any resource).
   */
  readonly dependsOn: () => readonly Dependency[];
  /**
   * The run of the deploying tool that creates the resource (a Bicep entry file with its modules, a
   * Terraform module with one set of variables): Resource entries of `dependsOn` are resources of
   * the same run. Absent where dependencies are matched by name (ARM templates).
   */
  readonly run?: object;
  /** Where the resource is declared (its object in the file). */
  readonly declaration: SourceRef;
  readonly frontend: Frontend;
  /** A readable handle for messages: symbolic name, Terraform address, or `resources[3]`. */
  readonly label: string;
  /** Evaluates the ARM request body (`name`, `location`, `properties`...). Called at most once. */
  readonly body: () => ValueObject;
  /**
   * Body paths whose change makes the deploying tool replace the resource rather than update it
   * (Terraform's ForceNew arguments). None for ARM and Bicep, which update in place.
   */
  readonly replaceOn?: readonly JsonPath[];
}

/**
 * A resource in ARM shape, whatever format declared it. The body is evaluated lazily: resources no
 * rule looks at are never evaluated beyond their type and name.
 */
export class Resource {
  readonly type: string;
  readonly scope: DeploymentScope;
  readonly condition: boolean | Unknown;
  readonly existing: boolean;
  readonly declaration: SourceRef;
  readonly frontend: Frontend;
  readonly label: string;
  readonly replaceOn: readonly JsonPath[];
  readonly run: object | undefined;
  private lazyApiVersion: Lazy<string | Unknown>;
  private lazyFullName: Lazy<string | Unknown>;
  private cachedName: string | Unknown | undefined;
  private readonly evaluateBody: () => ValueObject;
  private cachedBody: ValueObject | undefined;
  private readonly evaluateDependsOn: () => readonly Dependency[];
  private cachedDependsOn: readonly Dependency[] | undefined;

  constructor(init: ResourceInit) {
    this.type = init.type;
    this.lazyApiVersion = init.apiVersion;
    this.lazyFullName = init.fullName;
    this.scope = init.scope;
    this.condition = init.condition;
    this.existing = init.existing;
    this.evaluateDependsOn = init.dependsOn;
    this.declaration = init.declaration;
    this.frontend = init.frontend;
    this.label = init.label;
    this.evaluateBody = init.body;
    this.replaceOn = init.replaceOn ?? [];
    this.run = init.run;
  }

  get file(): string {
    return this.declaration.file;
  }

  get apiVersion(): string | Unknown {
    if (typeof this.lazyApiVersion === 'function') this.lazyApiVersion = this.lazyApiVersion();
    return this.lazyApiVersion;
  }

  /** The full name (`gallery/image/1.0.0`), partial when parts are known only at deployment. */
  get fullName(): string | Unknown {
    if (typeof this.lazyFullName === 'function') this.lazyFullName = this.lazyFullName();
    return this.lazyFullName;
  }

  /** The last segment of the full name, as Azure Policy's `name` field. */
  get name(): string | Unknown {
    this.cachedName ??= lastSegment(this.fullName);
    return this.cachedName;
  }

  get body(): ValueObject {
    this.cachedBody ??= this.evaluateBody();
    return this.cachedBody;
  }

  get dependsOn(): readonly Dependency[] {
    this.cachedDependsOn ??= this.evaluateDependsOn();
    return this.cachedDependsOn;
  }

  /** Whether the resource is deployed: not `existing`, and its condition is not known to be false. */
  get deployed(): boolean {
    return !this.existing && this.condition !== false;
  }

  /** The resource id, partial when the scope or name is known only at deployment. */
  get id(): string | Unknown {
    return resourceId(this.scope, this.type, this.fullName);
  }

  /** The value at a path of the body (case-insensitive keys), undefined when absent. */
  get(path: JsonPath): Value | undefined {
    let v: Value | undefined = this.body;
    for (const step of path) {
      if (v instanceof Unknown) return v;
      if (typeof step === 'number') v = Array.isArray(v) ? v[step] : undefined;
      else v = isObject(v) ? getKey(v, step) : undefined;
      if (v === undefined) return undefined;
    }
    return v;
  }

  /**
   * Where the value at `path` was written. `primary` is the most specific place (a parameter file
   * line, a variable element); `declared` is the place inside this resource's declaration that holds
   * it, when the two differ.
   */
  locate(path: JsonPath): { primary: SourceRef; declared: SourceRef } {
    let container: Value | undefined = this.body;
    let primary: SourceRef = originOf(this.body) ?? this.declaration;
    let declared = primary;
    for (const step of path) {
      if (container === null || typeof container !== 'object' || container instanceof Unknown) break;
      const { slot, value } = memberOrigin(container, step);
      if (value) primary = value;
      for (const ref of [slot, value]) {
        if (ref && ref.file === this.declaration.file && isInside(ref, this.declaration)) declared = ref;
      }
      container = Array.isArray(container)
        ? typeof step === 'number' ? container[step] : undefined
        : typeof step === 'string' ? getKey(container as ValueObject, step) : undefined;
    }
    return { primary, declared };
  }
}

function isInside(ref: SourceRef, outer: SourceRef): boolean {
  if (ref.range && outer.range) return ref.range.start >= outer.range.start && ref.range.end <= outer.range.end;
  if (!ref.path || !outer.path) return false;
  return outer.path.every((step, i) => ref.path?.[i] === step);
}

/** The last `/`-segment of a full name; Unknown when it is not known. */
export function lastSegment(fullName: string | Unknown): string | Unknown {
  if (typeof fullName === 'string') return fullName.slice(fullName.lastIndexOf('/') + 1);
  const segments = splitParts(fullName, '/');
  if (!segments) return fullName;
  const last = segments[segments.length - 1] as string | Unknown;
  return last;
}

/** `/subscriptions/{s}/resourceGroups/{g}/providers/{ns}/{t1}/{n1}/{t2}/{n2}`, partial when parts are unknown. */
export function resourceId(scope: DeploymentScope, type: string, fullName: string | Unknown): string | Unknown {
  const [namespace, ...typeSegments] = type.split('/');
  const names = splitParts(fullName, '/');
  const parts: (string | Unknown)[] = [];
  if (scope.level === 'managementGroup') {
    parts.push('/providers/Microsoft.Management/managementGroups/', scope.managementGroup ?? new Unknown('management group'));
  } else if (scope.level !== 'tenant') {
    parts.push('/subscriptions/', scope.subscriptionId ?? new Unknown('subscription is known only at deployment'));
    if (scope.level === 'resourceGroup') {
      parts.push('/resourceGroups/', scope.resourceGroup ?? new Unknown('resource group is known only at deployment'));
    }
  }
  parts.push(`/providers/${namespace ?? ''}`);
  if (!names || names.length !== typeSegments.length || names.some((n) => n instanceof Unknown)) {
    // The name segments cannot be paired with the type segments: keep the id wholly partial.
    parts.push('/', new Unknown('resource name is known only at deployment'));
    return joinParts(parts);
  }
  typeSegments.forEach((t, i) => parts.push(`/${t}/`, names[i] as string));
  return joinParts(parts);
}

export type Severity = 'error' | 'warning' | 'note';

/**
 * A problem with the input rather than a rule finding: a file that cannot be parsed (error: exit
 * code 2), or something sigil could not evaluate (note: reported, never a finding).
 */
export interface Diagnostic {
  readonly severity: Severity;
  readonly file: string;
  readonly message: string;
  readonly ref?: SourceRef;
  readonly span?: Span;
}

/** Declared children of one type by their parent's id key; `someUnkeyed`: a resource of the type has no known id. */
interface ChildIndex {
  readonly byParent: Map<string, { readonly children: Resource[]; someUncertain: boolean }>;
  someUnkeyed: boolean;
}

/** All resources of one lint run, across files and formats, with the documents that declared them. */
export class ResourceGraph {
  readonly resources: Resource[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** Resources before and after the change, for diff rules (plan, what-if, `--base`). */
  readonly changes = new ChangeSet();
  private readonly documents = new Map<string, SourceDocument>();

  addDocument(doc: SourceDocument): void {
    this.documents.set(doc.file, doc);
  }

  document(file: string): SourceDocument | undefined {
    return this.documents.get(file);
  }

  /** The files of every document read in this run, in the order they were read. */
  documentFiles(): string[] {
    return [...this.documents.keys()];
  }

  add(resource: Resource): void {
    this.resources.push(resource);
  }

  private readonly diagnosed = new Set<string>();

  /** Records a diagnostic once: the same expression evaluated twice reports its problem once. */
  diagnose(d: Diagnostic): void {
    const key = `${d.severity}\0${d.file}\0${JSON.stringify(d.ref?.path ?? null)}\0${d.ref?.range?.start ?? ''}\0${d.span?.start.offset ?? ''}\0${d.message}`;
    if (this.diagnosed.has(key)) return;
    this.diagnosed.add(key);
    this.diagnostics.push(d);
  }

  /** Resolves a source reference to a span, when its document is known. */
  span(ref: SourceRef): Span | undefined {
    if (ref.span) return ref.span;
    if (ref.range) return this.documents.get(ref.file)?.spanOf?.(ref.range);
    if (!ref.path) return undefined;
    return this.documents.get(ref.file)?.locate(ref.path);
  }

  private typeIndex: Map<string, Resource[]> | undefined;
  private indexedCount = 0;

  /** The resources of a type (case-insensitive), from an index built once per graph state. */
  ofType(type: string): readonly Resource[] {
    if (!this.typeIndex || this.indexedCount !== this.resources.length) {
      this.typeIndex = new Map();
      for (const r of this.resources) {
        const key = r.type.toLowerCase();
        const list = this.typeIndex.get(key);
        if (list) list.push(r);
        else this.typeIndex.set(key, [r]);
      }
      this.indexedCount = this.resources.length;
    }
    return this.typeIndex.get(type.toLowerCase()) ?? [];
  }

  /** Per type (lower case): the resources of that type by id key, built on first use per graph state. */
  private idIndex = new Map<string, Map<string, Resource[]>>();
  /** Per child type (lower case): the declared children by their parent's id key (see `childrenOf`). */
  private childIndex = new Map<string, ChildIndex>();
  private idIndexedCount = 0;
  /** Each resource's id key, computed once (null: its id has none). */
  private readonly keys = new WeakMap<Resource, string | null>();

  private keyOf(r: Resource): string | undefined {
    let key = this.keys.get(r);
    if (key === undefined) {
      key = idKey(r.id) ?? null;
      this.keys.set(r, key);
    }
    return key ?? undefined;
  }

  /** Drops the link indexes when resources were added since they were built. */
  private freshIndexes(): void {
    if (this.idIndexedCount === this.resources.length) return;
    this.idIndex = new Map();
    this.childIndex = new Map();
    this.idIndexedCount = this.resources.length;
  }

  /**
   * The resources of one type by id key (see `idKey`). Only the type an id names is indexed, so that
   * linking never evaluates the names of resources of other types; resources whose id has no key
   * (a name known only at deployment) are left out.
   */
  private byIdKey(type: string): Map<string, Resource[]> {
    this.freshIndexes();
    let index = this.idIndex.get(type);
    if (!index) {
      index = new Map();
      for (const r of this.ofType(type)) {
        if (r.condition === false) continue;
        const key = this.keyOf(r);
        if (key === undefined) continue;
        const list = index.get(key);
        if (list) list.push(r);
        else index.set(key, [r]);
      }
      this.idIndex.set(type, index);
    }
    return index;
  }

  /**
   * The resource an id names, when the deployment declares it: ids compare ignoring case and trailing
   * `/`, and a part known only at deployment matches only the same deployment's scope (see
   * `deploymentScope`). Undefined when the id has another unknown part, when nothing declared has this
   * id, or when two deployed declarations have it (which one Azure would use is not known). A resource
   * the deployment deploys is preferred to an `existing` declaration of it.
   */
  byId(id: Value | undefined): Resource | undefined {
    const key = idKey(id);
    const type = key === undefined ? undefined : typeOfKey(key);
    if (key === undefined || type === undefined) return undefined;
    const candidates = this.byIdKey(type).get(key) ?? [];
    const deployed = candidates.filter((r) => !r.existing);
    if (deployed.length > 0) return deployed.length === 1 ? deployed[0] : undefined;
    return candidates[0];
  }

  /** The declared parent of a resource (the image definition of a version), found as `byId` finds it. */
  parentOf(resource: Resource): Resource | undefined {
    const key = this.keyOf(resource);
    const parent = key === undefined ? undefined : parentKey(key);
    // A key is its own key: it can be looked up as an id.
    return parent === undefined ? undefined : this.byId(parent);
  }

  /**
   * The declared children of a type under a resource (`versions` of an image definition). `complete`
   * is false when a resource of that type could be a child without sigil knowing it (its id is not
   * known) or may not be deployed (its condition is known only at deployment).
   */
  childrenOf(parent: Resource, childType: string): { readonly children: readonly Resource[]; readonly complete: boolean } {
    const key = this.keyOf(parent);
    if (key === undefined) return { children: [], complete: false };
    const index = this.childIndexOf(childType);
    const entry = index.byParent.get(key);
    return { children: entry?.children ?? [], complete: !index.someUnkeyed && !(entry?.someUncertain ?? false) };
  }

  /** The children of a type grouped by parent key, built once per graph state. */
  private childIndexOf(childType: string): ChildIndex {
    this.freshIndexes();
    const type = childType.toLowerCase();
    let index = this.childIndex.get(type);
    if (index) return index;
    index = { byParent: new Map(), someUnkeyed: false };
    for (const r of this.ofType(type)) {
      if (r.condition === false || r.existing) continue;
      const own = this.keyOf(r);
      if (own === undefined) {
        // Its id is not known: it could be a child of any parent.
        index.someUnkeyed = true;
        continue;
      }
      const parentOfIt = parentKey(own);
      if (parentOfIt === undefined) continue;
      let entry = index.byParent.get(parentOfIt);
      if (!entry) index.byParent.set(parentOfIt, (entry = { children: [], someUncertain: false }));
      if (r.condition === true) entry.children.push(r);
      else entry.someUncertain = true;
    }
    this.childIndex.set(type, index);
    return index;
  }

}
