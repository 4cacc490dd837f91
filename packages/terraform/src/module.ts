import {
  Unknown, LimitError, isObject, scopeUnknown, defineKey, memberOrigin, setOrigin, setMemberOrigin,
  type Budget, type JsonPath, type ResourceGraph, type SourceRef, type Value, type ValueObject,
} from '@sigil/core';
import type { ModuleConfig, ResourceDeclaration } from './config.js';
import { Evaluator, markInstance, type EvalContext } from './evaluate.js';
import { TerraformEvalError, adopt, asBool, asNumber } from './values.js';
import { isTemplate, parseTemplate, TerraformSyntaxError, type Expr } from './syntax.js';
import { idOf, type TerraformInstance } from './resource.js';

/** A variable's value given from outside the module (a tfvars file), with where it is written. */
export interface SuppliedVariable {
  readonly value: Value;
  readonly ref: SourceRef;
}

export interface ModuleRunInput {
  readonly config: ModuleConfig;
  /** Values of the tfvars files, already merged in Terraform's order (later files win). */
  readonly tfvars: ReadonlyMap<string, SuppliedVariable>;
  readonly graph: ResourceGraph;
  readonly budget: Budget;
  /** The default azurerm provider's subscription where the configuration does not write it (`.sigil.yaml` `deployments:`). */
  readonly declaredSubscription?: string;
}

/** Arguments of a resource body that are Terraform's, not the provider's. */
const META_ARGUMENTS = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection', 'timeouts', 'dynamic', '//']);

type Expansion = { kind: 'single' } | { kind: 'count'; count: number | Unknown } | { kind: 'for_each'; entries: [string, Value, SourceRef | undefined][] | Unknown };

interface InstanceScope {
  readonly each?: { key: Value; value: Value; valueRef?: SourceRef | undefined };
  readonly countIndex?: Value;
}

interface Loop {
  readonly symbols: ReadonlyMap<string, Value>;
  readonly refs: ReadonlyMap<string, SourceRef>;
}

const NO_LOOP: Loop = { symbols: new Map(), refs: new Map() };

/**
 * One evaluation of a module with one set of variable values: variables, locals, `count` /
 * `for_each` expansion and resource references, as `terraform plan` would evaluate them before
 * asking the provider. What only apply can tell (computed attributes, data sources, module outputs)
 * is Unknown.
 */
export class ModuleRun {
  private readonly variableCache = new Map<string, Value>();
  private readonly localCache = new Map<string, Value | 'evaluating'>();
  private readonly instanceCache = new Map<ResourceDeclaration, TerraformInstance[] | 'evaluating'>();
  private readonly parsed = new Map<string, Expr | TerraformSyntaxError>();
  private nesting = 0;
  /** Provider subscriptions by alias (`''` for the default azurerm provider). */
  private readonly subscriptions = new Map<string, string | Unknown | undefined>();

  constructor(private readonly input: ModuleRunInput) {}

  /** Every instance of every resource of the module. */
  instances(): TerraformInstance[] {
    return this.input.config.resources.flatMap((decl) => this.instancesOf(decl));
  }

  /** Every instance of every data source of the module: resources that exist already. */
  dataInstances(): TerraformInstance[] {
    return this.input.config.dataSources.flatMap((decl) => this.instancesOf(decl));
  }

  // ---- variables and locals --------------------------------------------------------------------

  variable(name: string): Value {
    const cached = this.variableCache.get(name);
    if (cached !== undefined) return cached;
    const decl = this.input.config.variables.get(name);
    if (!decl) throw new TerraformEvalError(`var.${name} is not declared`);
    let value: Value;
    const supplied = this.input.tfvars.get(name);
    if (decl.value.sensitive === true) {
      value = new Unknown(`var.${name} is sensitive; sigil does not read its value`, { file: decl.file, path: decl.path });
    } else if (supplied) {
      value = convertToType(supplied.value, decl.value.type);
    } else if (Object.prototype.hasOwnProperty.call(decl.value, 'default')) {
      value = convertToType(adopt(structuredClone(decl.value.default as Value), { file: decl.file, path: [...decl.path, 'default'] }), decl.value.type);
    } else {
      value = new Unknown(`var.${name} has no value (no default, and no tfvars file sets it)`, { file: decl.file, path: decl.path });
    }
    this.variableCache.set(name, value);
    return value;
  }

  variableRef(name: string): SourceRef | undefined {
    const supplied = this.input.tfvars.get(name);
    if (supplied) return supplied.ref;
    const decl = this.input.config.variables.get(name);
    if (!decl || !Object.prototype.hasOwnProperty.call(decl.value, 'default')) return undefined;
    return { file: decl.file, path: [...decl.path, 'default'] };
  }

  local(name: string): Value {
    const cached = this.localCache.get(name);
    if (cached === 'evaluating') throw new TerraformEvalError(`local.${name} refers to itself`);
    if (cached !== undefined) return cached;
    const decl = this.input.config.locals.get(name);
    if (!decl) throw new TerraformEvalError(`local.${name} is not declared`);
    this.localCache.set(name, 'evaluating');
    try {
      const value = this.nest(() => this.evaluateJson(decl.value, decl.file, decl.path, {}, NO_LOOP, 0));
      this.localCache.set(name, value);
      return value;
    } catch (e) {
      this.localCache.delete(name);
      throw e;
    }
  }

  localRef(name: string): SourceRef | undefined {
    const decl = this.input.config.locals.get(name);
    return decl ? { file: decl.file, path: decl.path } : undefined;
  }

  /** Locals, variables and referenced resources evaluated inside one another are bounded by the depth limit. */
  private nest<T>(f: () => T): T {
    this.nesting++;
    try {
      this.input.budget.checkDepth(this.nesting);
      return f();
    } finally {
      this.nesting--;
    }
  }

  /**
   * `subscription_id` of the azurerm provider block a resource uses (its `provider` meta-argument, else
   * the default block), when it is written. An aliased provider without one is Unknown: it may be
   * another subscription than the default provider's.
   */
  private subscriptionId(decl: ResourceDeclaration): string | Unknown | undefined {
    const raw = decl.value.provider;
    let alias = '';
    if (raw !== undefined) {
      // `"provider": "azurerm.dr"` (also written `"${azurerm.dr}"`).
      const m = typeof raw === 'string' ? /^(?:\$\{\s*)?azurerm(?:\.([A-Za-z0-9_-]+))?(?:\s*\})?$/.exec(raw.trim()) : null;
      if (!m) return new Unknown('the provider of the resource is not one sigil reads', { file: decl.file, path: [...decl.path, 'provider'] });
      alias = m[1] ?? '';
    }
    if (this.subscriptions.has(alias)) return this.subscriptions.get(alias);
    const provider = this.input.config.providers.get(alias);
    const written = provider?.value.subscription_id;
    let value: string | Unknown | undefined;
    if (provider && written !== undefined) {
      const v = this.evaluateJson(written, provider.file, [...provider.path, 'subscription_id'], {}, NO_LOOP, 0);
      value = typeof v === 'string' || v instanceof Unknown ? v : undefined;
    }
    // Not written: the default provider's subscription, one identity for the whole run of the module
    // (so ids built in it link); an aliased provider without one may be another subscription.
    // The user may declare it for the module's folder.
    if (value === undefined) {
      value = alias !== ''
        ? new Unknown(`provider azurerm.${alias} does not write its subscription_id`, { file: decl.file, path: [...decl.path, 'provider'] })
        : this.input.declaredSubscription ?? scopeUnknown('the subscription of the azurerm provider is known only at apply');
    }
    this.subscriptions.set(alias, value);
    return value;
  }

  // ---- resources ------------------------------------------------------------------------------

  private instancesOf(decl: ResourceDeclaration): TerraformInstance[] {
    const cached = this.instanceCache.get(decl);
    if (cached === 'evaluating') throw new TerraformEvalError(`${decl.type}.${decl.name} refers to itself`);
    if (cached) return cached;
    this.instanceCache.set(decl, 'evaluating');
    try {
      const out = this.nest(() => this.expand(decl));
      this.instanceCache.set(decl, out);
      return out;
    } catch (e) {
      this.instanceCache.delete(decl);
      throw e;
    }
  }

  private expand(decl: ResourceDeclaration): TerraformInstance[] {
    const base = `${decl.data ? 'data.' : ''}${decl.type}.${decl.name}`;
    const expansion = this.expansionOf(decl);
    const instance = (address: string, scope: InstanceScope): TerraformInstance => ({
      type: decl.type,
      address,
      ...(decl.data ? { existing: true } : {}),
      attributes: this.resourceBody(decl, scope),
      declaration: { file: decl.file, path: decl.path },
      subscriptionId: this.subscriptionId(decl),
    });
    switch (expansion.kind) {
      case 'single':
        return [instance(base, {})];
      case 'count': {
        const n = expansion.count;
        if (n instanceof Unknown) return [instance(`${base}[*]`, { countIndex: new Unknown(`count.index of ${base} (${n.reason})`) })];
        return Array.from({ length: n }, (_, i) => instance(`${base}[${i}]`, { countIndex: i }));
      }
      case 'for_each': {
        const entries = expansion.entries;
        if (entries instanceof Unknown) {
          const u = new Unknown(`each of ${base} (${entries.reason})`);
          return [instance(`${base}[*]`, { each: { key: u, value: u } })];
        }
        return entries.map(([key, value, valueRef]) => instance(`${base}[${JSON.stringify(key)}]`, { each: { key, value, valueRef } }));
      }
    }
  }

  private expansionOf(decl: ResourceDeclaration): Expansion {
    const limit = this.input.budget.limits.copyCount;
    if (decl.value.count !== undefined) {
      const count = this.evaluateJson(decl.value.count, decl.file, [...decl.path, 'count'], {}, NO_LOOP, 0);
      if (count instanceof Unknown) return { kind: 'count', count };
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
        this.note(decl.file, [...decl.path, 'count'], `count must be a whole number, not ${JSON.stringify(count)}`);
        return { kind: 'count', count: new Unknown('the count is invalid') };
      }
      if (count > limit) {
        this.note(decl.file, [...decl.path, 'count'], `a count of ${count} is more than the ${limit} instances sigil expands; one representative instance is checked`);
        return { kind: 'count', count: new Unknown(`a count of ${count} is not expanded`) };
      }
      return { kind: 'count', count };
    }
    if (decl.value.for_each !== undefined) {
      const path = [...decl.path, 'for_each'];
      const collection = this.evaluateJson(decl.value.for_each, decl.file, path, {}, NO_LOOP, 0);
      const entries = this.forEachEntries(collection, decl.file, path);
      if (!(entries instanceof Unknown) && entries.length > limit) {
        this.note(decl.file, path, `for_each over ${entries.length} elements is more than the ${limit} instances sigil expands; one representative instance is checked`);
        return { kind: 'for_each', entries: new Unknown('for_each is not expanded') };
      }
      return { kind: 'for_each', entries };
    }
    return { kind: 'single' };
  }

  /** The (key, value) pairs of a for_each collection: a map, or a set of strings. */
  private forEachEntries(collection: Value, file: string, path: JsonPath): [string, Value, SourceRef | undefined][] | Unknown {
    if (collection instanceof Unknown) return collection;
    if (isObject(collection)) {
      return Object.keys(collection).sort().map((k) => [k, collection[k] as Value, memberRef(collection, k)]);
    }
    if (Array.isArray(collection)) {
      if (collection.some((v) => v instanceof Unknown)) return new Unknown('a for_each element is known only after apply');
      if (collection.every((v) => typeof v === 'string')) {
        return [...new Set(collection as string[])].sort().map((k) => [k, k, memberRef(collection, collection.indexOf(k))]);
      }
    }
    this.note(file, path, 'for_each must be a map or a set of strings');
    return new Unknown('for_each is not a map or a set of strings');
  }

  /** The resource's arguments, evaluated; `dynamic` blocks expanded into the blocks they generate. */
  private resourceBody(decl: ResourceDeclaration, scope: InstanceScope): ValueObject {
    const out: ValueObject = {};
    setOrigin(out, { file: decl.file, path: decl.path });
    this.evaluateMembers(decl.value, decl.file, decl.path, scope, NO_LOOP, out, 0, decl.type === 'azapi_resource');
    return out;
  }

  private evaluateMembers(source: ValueObject, file: string, path: JsonPath, scope: InstanceScope, loop: Loop, out: ValueObject, depth: number, azapi = false): void {
    for (const key of Object.keys(source)) {
      if (META_ARGUMENTS.has(key) && depth === 0) continue;
      if (key === '//' || (key === 'dynamic' && depth > 0)) continue;
      const raw = source[key] as Value;
      const memberPath = [...path, key];
      const value = azapi && key === 'body' ? this.azapiBody(raw, file, memberPath, scope, loop) : this.evaluateJson(raw, file, memberPath, scope, loop, depth + 1);
      defineKey(out, key, value);
      this.recordRef(out, key, raw, file, memberPath, scope, loop);
    }
    const dynamic = source.dynamic;
    if (dynamic !== undefined) this.expandDynamic(dynamic, file, [...path, 'dynamic'], scope, loop, out, depth);
  }

  /**
   * `body = jsonencode({...})` is the same ARM body as `body = {...}`: its object is evaluated
   * directly, so that one unknown value inside leaves the rest of the body known.
   */
  private azapiBody(raw: Value, file: string, path: JsonPath, scope: InstanceScope, loop: Loop): Value {
    if (typeof raw === 'string' && isTemplate(raw)) {
      const expr = this.parse(raw);
      if (expr && expr.kind === 'call' && expr.name === 'jsonencode' && expr.args.length === 1) {
        return this.evaluateExpr(expr.args[0] as Expr, file, path, scope, loop);
      }
    }
    const value = this.evaluateJson(raw, file, path, scope, loop, 1);
    if (typeof value === 'string') {
      try {
        return adopt(JSON.parse(value) as Value, { file, path });
      } catch {
        this.note(file, path, 'the azapi body is a string that is not JSON');
        return new Unknown('the azapi body is not JSON', { file, path });
      }
    }
    return value;
  }

  private expandDynamic(dynamic: Value, file: string, path: JsonPath, scope: InstanceScope, loop: Loop, out: ValueObject, depth: number): void {
    const each = (v: Value, p: JsonPath, f: (obj: ValueObject, p: JsonPath) => void): void => {
      if (Array.isArray(v)) v.forEach((x, i) => each(x, [...p, i], f));
      else if (isObject(v)) f(v, p);
    };
    each(dynamic, path, (byName, namesPath) => {
      for (const blockName of Object.keys(byName)) {
        each(byName[blockName] as Value, [...namesPath, blockName], (spec, specPath) => {
          const generated = this.dynamicBlocks(blockName, spec, file, specPath, scope, loop, depth);
          const existing = out[blockName];
          if (generated instanceof Unknown || existing instanceof Unknown) {
            defineKey(out, blockName, generated instanceof Unknown ? generated : (existing as Unknown));
            return;
          }
          const list: Value[] = Array.isArray(existing) ? existing : existing === undefined ? [] : [existing];
          setOrigin(list, { file, path: specPath });
          list.push(...generated);
          defineKey(out, blockName, list);
        });
      }
    });
  }

  private dynamicBlocks(blockName: string, spec: ValueObject, file: string, path: JsonPath, scope: InstanceScope, loop: Loop, depth: number): Value[] | Unknown {
    const collection = this.evaluateJson(spec.for_each ?? null, file, [...path, 'for_each'], scope, loop, depth + 1);
    if (collection instanceof Unknown) return collection;
    const iterator = typeof spec.iterator === 'string' ? spec.iterator : blockName;
    const entries: [Value, Value, SourceRef | undefined][] = Array.isArray(collection)
      ? collection.map((v, i) => [i, v, memberRef(collection, i)])
      : isObject(collection) ? Object.keys(collection).sort().map((k) => [k, collection[k] as Value, memberRef(collection, k)]) : [];
    if (!Array.isArray(collection) && !isObject(collection)) {
      this.note(file, [...path, 'for_each'], `the for_each of dynamic "${blockName}" must be a collection`);
      return new Unknown('the dynamic block for_each is not a collection');
    }
    if (entries.length > this.input.budget.limits.copyCount) {
      this.note(file, path, `dynamic "${blockName}" generates ${entries.length} blocks, more than the ${this.input.budget.limits.copyCount} sigil expands`);
      return new Unknown('the dynamic block is not expanded');
    }
    const content = isObject(spec.content) ? spec.content : {};
    const contentPath = [...path, 'content'];
    return entries.map(([key, value, ref]) => {
      const symbols = new Map(loop.symbols);
      symbols.set(iterator, { key, value });
      const refs = new Map(loop.refs);
      if (ref) refs.set(`${iterator}.value`, ref);
      const block: ValueObject = {};
      setOrigin(block, { file, path: contentPath });
      this.evaluateMembers(content, file, contentPath, scope, { symbols, refs }, block, depth + 1);
      return block;
    });
  }

  /** Evaluates a JSON value of the configuration: strings are templates; containers keep their provenance. */
  private evaluateJson(raw: Value, file: string, path: JsonPath, scope: InstanceScope, loop: Loop, depth: number): Value {
    try {
      this.input.budget.charge();
      this.input.budget.checkDepth(depth);
    } catch (e) {
      if (e instanceof LimitError) return this.limitReached(file, path, e);
      throw e;
    }
    if (typeof raw === 'string') {
      if (!isTemplate(raw)) return raw;
      const expr = this.parse(raw);
      return expr ? this.evaluateExpr(expr, file, path, scope, loop) : new Unknown('invalid expression', { file, path });
    }
    if (Array.isArray(raw)) {
      const out: Value[] = [];
      setOrigin(out, { file, path });
      raw.forEach((item, i) => {
        out.push(this.evaluateJson(item, file, [...path, i], scope, loop, depth + 1));
        this.recordRef(out, i, item, file, [...path, i], scope, loop);
      });
      return out;
    }
    if (isObject(raw)) {
      const out: ValueObject = {};
      setOrigin(out, { file, path });
      this.evaluateMembers(raw, file, path, scope, loop, out, depth + 1);
      return out;
    }
    return raw;
  }

  private parse(raw: string): Expr | undefined {
    let expr = this.parsed.get(raw);
    if (expr === undefined) {
      try {
        expr = parseTemplate(raw);
      } catch (e) {
        if (!(e instanceof TerraformSyntaxError)) throw e;
        expr = e;
      }
      this.parsed.set(raw, expr);
    }
    // A syntax error is reported by checkSyntax when the file is read; the value is unknown.
    return expr instanceof TerraformSyntaxError ? undefined : expr;
  }

  private context(file: string, path: JsonPath, scope: InstanceScope): EvalContext {
    const origin = { file, path };
    return {
      budget: this.input.budget,
      origin,
      variable: (n) => this.variable(n),
      variableRef: (n) => this.variableRef(n),
      local: (n) => this.local(n),
      localRef: (n) => this.localRef(n),
      ...(scope.each ? { each: scope.each } : {}),
      ...(scope.countIndex !== undefined ? { countIndex: scope.countIndex } : {}),
      resource: (type, name) => this.resourceValue(type, name),
      notice: (reason) => this.note(file, path, `${reason}; the value is treated as unknown`),
    };
  }

  private evaluateExpr(expr: Expr, file: string, path: JsonPath, scope: InstanceScope, loop: Loop): Value {
    try {
      return new Evaluator(this.context(file, path, scope), loop.symbols, 0, loop.refs).evaluate(expr);
    } catch (e) {
      if (e instanceof TerraformEvalError) {
        this.note(file, path, `this expression fails: ${e.message}`);
        return new Unknown(e.message, { file, path });
      }
      if (e instanceof LimitError) return this.limitReached(file, path, e);
      const message = e instanceof Error ? e.message : String(e);
      this.note(file, path, `this expression could not be evaluated (internal error: ${message})`);
      return new Unknown(`internal error: ${message}`, { file, path });
    }
  }

  /** A member written as `${var.x}`, `${local.y[0]}` or `${each.value.z}`: its value was written elsewhere. */
  private recordRef(container: object, key: string | number, raw: Value, file: string, path: JsonPath, scope: InstanceScope, loop: Loop): void {
    if (typeof raw !== 'string' || !isTemplate(raw)) return;
    setMemberOrigin(container, key, () => {
      const expr = this.parse(raw);
      if (!expr) return undefined;
      try {
        return new Evaluator(this.context(file, path, scope), loop.symbols, 0, loop.refs).refOf(expr) ?? { file, path };
      } catch {
        return { file, path };
      }
    });
  }

  /** `type.name` in an expression: the resource's configured arguments, and its id when sigil can build it. */
  private resourceValue(type: string, name: string): Value | undefined {
    const decl = this.input.config.resources.find((r) => r.type === type && r.name === name);
    if (!decl) return undefined;
    if (this.instanceCache.get(decl) === 'evaluating') return new Unknown(`${type}.${name} refers to itself`);
    const instances = this.instancesOf(decl);
    const asValue = (i: TerraformInstance): ValueObject => {
      const obj: ValueObject = { ...i.attributes };
      if (!Object.prototype.hasOwnProperty.call(obj, 'id')) defineKey(obj, 'id', idOf(i));
      return markInstance(obj, i.address);
    };
    if (decl.value.count !== undefined) {
      const only = instances[0];
      if (instances.length === 1 && only?.address.endsWith('[*]')) return new Unknown(`the instances of ${type}.${name} are known only after apply`);
      return instances.map(asValue);
    }
    if (decl.value.for_each !== undefined) {
      const only = instances[0];
      if (instances.length === 1 && only?.address.endsWith('[*]')) return new Unknown(`the instances of ${type}.${name} are known only after apply`);
      const out: ValueObject = {};
      for (const i of instances) defineKey(out, JSON.parse(i.address.slice(`${type}.${name}[`.length, -1)) as string, asValue(i));
      return out;
    }
    const first = instances[0];
    return first ? asValue(first) : null;
  }

  private note(file: string, path: JsonPath, message: string): void {
    this.input.graph.diagnose({ severity: 'note', file, ref: { file, path }, message });
  }

  private readonly reportedLimits = new Set<string>();

  private limitReached(file: string, path: JsonPath, e: LimitError): Unknown {
    if (!this.reportedLimits.has(e.message)) {
      this.reportedLimits.add(e.message);
      this.note(file, path, `evaluation stopped: ${e.message}`);
    }
    return new Unknown(e.message, { file, path });
  }
}

/** Where a collection's member was written (a tfvars line, a default), for `each.value`. */
function memberRef(container: object, key: string | number): SourceRef | undefined {
  return memberOrigin(container, key).value;
}

/** Converts a variable's value to its declared primitive type, as Terraform does for tfvars strings. */
function convertToType(value: Value, type: Value | undefined): Value {
  if (typeof type !== 'string' || value instanceof Unknown || value === null) return value;
  const t = type.replace(/^\$\{(.*)\}$/s, '$1').trim();
  try {
    if (t === 'number' && typeof value === 'string') return asNumber(value);
    if (t === 'bool' && typeof value === 'string') return asBool(value);
    if (t === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  } catch {
    return value;
  }
  return value;
}
