import {
  Unknown, Resource, Lambda, LimitError, TemplateFunctionError, LIBRARY, joinParts, isObject, findKey, getKey, defineKey, setOrigin,
  setMemberOrigin, setMemberSlot, memberOrigin,
  boundedDependencies, type Budget, type Dependency, type DeploymentScope, type FunctionDef, type ResourceGraph, type SourceRef, type Value, type ValueObject,
} from '@sigil/core';
import { templateFunctions, type SuppliedParameter } from '@sigil/arm';
import type {
  Declaration, Expression, ModuleDeclaration, Node, ObjectExpression, ResourceDeclaration, FunctionDeclaration,
} from './ast.js';
import type { BicepDocument } from './document.js';
import { ExpressionEvaluator, UndefinedNameError, isEvaluationError, type EvaluationHost, type Locals, type Local } from './evaluate.js';
import { bicepFunctions, scopeOfValue, namedScope } from './functions.js';
import { SymbolReferences, type DependencyTarget, type NameMeaning } from './dependencies.js';

/** What a file evaluation needs from the loader: other files, by path relative to the one that names them. */
export interface FileLoader {
  /** A Bicep file (module or import target), parsed; undefined when it cannot be read. */
  bicep(path: string, from: string): BicepDocument | undefined;
  /** An ARM JSON module: expands its resources into the graph with the given parameters and scope. */
  armModule(path: string, from: string, parameters: ReadonlyMap<string, SuppliedParameter>, scope: DeploymentScope, depth: number): boolean;
  /** A file's text for the load*Content functions; undefined when it cannot be read. */
  text(path: string, from: string): string | undefined;
}

export interface BicepTemplateInput {
  readonly doc: BicepDocument;
  /** Parameter values by name (Bicep names are case-sensitive). */
  readonly parameters: ReadonlyMap<string, SuppliedParameter>;
  readonly scope: DeploymentScope;
  readonly graph: ResourceGraph;
  readonly budget: Budget;
  readonly loader: FileLoader;
  /** Module depth (0 for a file linted directly). */
  readonly depth: number;
  /** The files of the module chain, to refuse cycles. */
  readonly chain: readonly string[];
  readonly counter: { resources: number };
  /**
   * The run this evaluation belongs to (the entry file's evaluation, shared by its modules): its
   * resources order each other through their dependencies. A new one when absent.
   */
  readonly run?: object;
  /** What a module's resources wait for: the module's own dependencies, and its caller's. */
  readonly inherited?: () => readonly Dependency[];
}

type Symbol =
  | { readonly kind: 'param'; readonly decl: Extract<Declaration, { kind: 'param' }> }
  | { readonly kind: 'var'; readonly decl: Extract<Declaration, { kind: 'var' }> }
  | { readonly kind: 'resource'; readonly decl: ResourceDeclaration }
  | { readonly kind: 'module'; readonly decl: ModuleDeclaration }
  | { readonly kind: 'func'; readonly decl: FunctionDeclaration }
  | { readonly kind: 'import'; readonly value: () => Value | Lambda; readonly origin: () => SourceRef | undefined };

const EVALUATING = Symbol('evaluating');
const BODY_EXCLUDED = new Set(['parent', 'scope', 'dependson']);

/**
 * One evaluation of a Bicep file with its parameter values: parameters, variables, functions and
 * imports resolve lazily by name; resources (with nested children, `parent:`, loops and conditions)
 * and modules (recursively) are added to the graph in ARM shape.
 */
export class BicepTemplate implements EvaluationHost {
  depth = 0;
  private readonly symbols = new Map<string, Symbol>();
  private readonly values = new Map<string, Value | Lambda | typeof EVALUATING>();
  private readonly origins = new Map<string, SourceRef | undefined>();
  private readonly evaluator: ExpressionEvaluator;
  private readonly functions: Map<string, FunctionDef>;
  private readonly armFunctions: Map<string, FunctionDef>;
  private readonly importedNamespaces = new Map<string, BicepTemplate>();
  /** The resources each declaration expanded to (nested declarations included), in declaration order. */
  private readonly created = new Map<ResourceDeclaration, Resource[]>();
  /** The resources each module declaration deployed (its modules' included). */
  private readonly moduleResources = new Map<ModuleDeclaration, Resource[]>();
  private readonly run: object;
  private readonly references: SymbolReferences;
  private readonly dependencyCache = new Map<DependencyTarget, readonly Dependency[] | 'visiting'>();
  /** How deep `dependencies` passes through declarations without resources of their own. */
  private dependencyDepth = 0;

  constructor(private readonly input: BicepTemplateInput) {
    this.run = input.run ?? {};
    this.references = new SymbolReferences(
      (name) => this.meaning(name),
      input.doc.declarations.filter((d): d is ResourceDeclaration => d.kind === 'resource'),
      input.budget.limits.depth,
    );
    this.evaluator = new ExpressionEvaluator(this);
    this.armFunctions = templateFunctions({
      scope: input.scope,
      parameter: () => {
        throw new LimitError('parameters() is not a Bicep function');
      },
      variable: () => {
        throw new LimitError('variables() is not a Bicep function');
      },
      userFunction: () => undefined,
    });
    this.functions = bicepFunctions({
      scope: input.scope,
      text: (path) => input.loader.text(path, input.doc.file),
      origin: (node) => this.ref(node),
    });
    for (const decl of input.doc.declarations) this.declare(decl);
  }

  get file(): string {
    return this.input.doc.file;
  }

  get budget(): Budget {
    return this.input.budget;
  }

  private ref(node: Node): SourceRef {
    return { file: this.file, range: { start: node.start, end: node.end } };
  }

  private note(node: Node, message: string): void {
    this.input.graph.diagnose({ severity: 'note', file: this.file, ref: this.ref(node), message });
  }

  private error(node: Node, message: string): void {
    this.input.graph.diagnose({ severity: 'error', file: this.file, ref: this.ref(node), message });
  }

  private declare(decl: Declaration): void {
    switch (decl.kind) {
      case 'param':
      case 'var':
        this.symbols.set(decl.name.name, { kind: decl.kind, decl } as Symbol);
        break;
      case 'resource':
        this.symbols.set(decl.name.name, { kind: 'resource', decl });
        break;
      case 'module':
        this.symbols.set(decl.name.name, { kind: 'module', decl });
        break;
      case 'func':
        this.symbols.set(decl.name.name, { kind: 'func', decl });
        break;
      case 'import':
        this.declareImport(decl);
        break;
      default:
        break;
    }
  }

  /** `import { a, b as c } from 'x.bicep'` and `import * as ns from 'x.bicep'`: values and functions of another file. */
  private declareImport(decl: Extract<Declaration, { kind: 'import' }>): void {
    const from = decl.from;
    if (!from || from.kind !== 'string') return;
    const target = from.value;
    const isLocal = !/^(br|ts)[:/]/i.test(target);
    const load = (): BicepTemplate | undefined => {
      if (!isLocal) return undefined;
      const doc = this.input.loader.bicep(target, this.file);
      if (!doc || this.input.chain.includes(doc.file)) return undefined;
      return new BicepTemplate({ ...this.input, doc, parameters: new Map(), depth: this.input.depth + 1, chain: [...this.input.chain, doc.file] });
    };
    let loaded: BicepTemplate | undefined | null = null;
    const source = () => (loaded === null ? (loaded = load()) : loaded);
    const unknown = (name: string) => new Unknown(isLocal ? `"${name}" is imported from ${target}, which could not be read` : `"${name}" is imported from the registry (${target})`, this.ref(from));
    if (decl.wildcardAlias) {
      const alias = decl.wildcardAlias.name;
      this.symbols.set(alias, {
        kind: 'import',
        value: () => {
          const t = source();
          if (!t) return unknown(alias);
          this.importedNamespaces.set(alias, t);
          return t.exports();
        },
        origin: () => undefined,
      });
      return;
    }
    for (const item of decl.items ?? []) {
      const original = item.name.kind === 'identifier' ? item.name.name : item.name.value;
      const local = item.alias?.name ?? original;
      this.symbols.set(local, {
        kind: 'import',
        value: () => source()?.symbol(original) ?? unknown(original),
        origin: () => source()?.symbolOrigin(original),
      });
    }
  }

  /** The exported variables of this file as an object (for `import * as ns`). */
  private exports(): ValueObject {
    const out: ValueObject = {};
    for (const [name, s] of this.symbols) {
      if (s.kind !== 'var') continue;
      const v = this.symbol(name);
      if (v !== undefined && !(v instanceof Lambda)) defineKey(out, name, v);
    }
    return out;
  }

  // ---- names ----------------------------------------------------------------------------------

  symbol(name: string): Value | Lambda | undefined {
    const cached = this.values.get(name);
    if (cached === EVALUATING) throw new LimitError(`"${name}" refers to itself`);
    if (cached !== undefined) return cached;
    const s = this.symbols.get(name);
    if (!s) return undefined;
    this.values.set(name, EVALUATING);
    let v: Value | Lambda;
    try {
      v = this.compute(name, s);
    } catch (e) {
      this.values.delete(name);
      throw e;
    }
    this.values.set(name, v);
    return v;
  }

  private compute(name: string, s: Symbol): Value | Lambda {
    switch (s.kind) {
      case 'param': {
        // A secure value is never read: it must not reach a message (and ARM hides it as well).
        if (s.decl.decorators.some((d) => d.call.name.name === 'secure')) {
          return new Unknown(`"${name}" is a secure parameter; sigil does not read its value`, this.ref(s.decl.name));
        }
        // ARM parameters files are matched without case, as ARM does.
        const supplied = this.input.parameters.get(name) ?? this.input.parameters.get(name.toLowerCase());
        if (supplied) {
          this.origins.set(name, supplied.ref);
          return supplied.value;
        }
        const value = s.decl.value;
        if (!value) return new Unknown(`parameter "${name}" has no value`, this.ref(s.decl.name));
        this.origins.set(name, this.evaluator.originOf(value, undefined));
        return this.guarded(value, undefined);
      }
      case 'var':
        this.origins.set(name, this.evaluator.originOf(s.decl.value, undefined));
        return this.guarded(s.decl.value, undefined);
      case 'resource':
        return this.resourceReference(s.decl);
      case 'module':
        return moduleReference(s.decl, (e) => this.guarded(e, undefined));
      case 'func': {
        const decl = s.decl;
        return new Lambda(decl.parameters.map((p) => p.name.name), (args) => this.callUserFunction(decl, args), { budget: this.budget, resolve: () => undefined });
      }
      case 'import':
        return s.value();
    }
  }

  symbolOrigin(name: string): SourceRef | undefined {
    if (!this.origins.has(name)) {
      try {
        this.symbol(name);
      } catch {
        return undefined;
      }
    }
    return this.origins.get(name);
  }

  /** A user function: its body sees its parameters and the file's other functions, never variables. */
  private callUserFunction(decl: FunctionDeclaration, args: readonly Value[]): Value {
    const locals = new Map<string, Local>();
    decl.parameters.forEach((p, i) => locals.set(p.name.name, { value: args[i] ?? null }));
    return this.evaluator.evaluate(decl.body, locals);
  }

  callable(namespace: string | undefined, name: string): FunctionDef | undefined {
    if (namespace !== undefined && namespace !== 'sys' && namespace !== 'az') {
      const imported = this.importedNamespace(namespace);
      return imported?.callable(undefined, name);
    }
    if (namespace === undefined) {
      const s = this.symbols.get(name);
      if (s?.kind === 'func' || (s?.kind === 'import')) {
        return {
          name,
          minArgs: 0,
          maxArgs: Infinity,
          unknowns: 'custom',
          call: (args) => {
            const f = this.symbol(name);
            if (!(f instanceof Lambda) || typeof f.body !== 'function') return new Unknown(`"${name}" is not a function sigil can call`);
            return f.body(args as Value[]);
          },
        };
      }
    }
    const key = name.toLowerCase();
    return this.functions.get(key) ?? this.armFunctions.get(key) ?? LIBRARY.get(key);
  }

  private importedNamespace(alias: string): BicepTemplate | undefined {
    if (!this.importedNamespaces.has(alias) && this.symbols.get(alias)?.kind === 'import') {
      try {
        this.symbol(alias);
      } catch {
        return undefined;
      }
    }
    return this.importedNamespaces.get(alias);
  }

  instanceCall(name: string, node: Node): Value {
    return new Unknown(`${name}() on a resource is known only at deployment`, this.ref(node));
  }

  /** Evaluates an expression; a failure becomes an Unknown and a note (the deployment would fail, not a rule). */
  guarded(expr: Expression, locals: Locals): Value {
    try {
      return this.evaluator.evaluate(expr, locals);
    } catch (e) {
      if (e instanceof LimitError) {
        this.note(expr, `evaluation stopped: ${e.message}`);
        return new Unknown(e.message, this.ref(expr));
      }
      if (isEvaluationError(e)) {
        if (e instanceof UndefinedNameError) this.error(expr, e.message);
        else this.note(expr, `this expression fails: ${e.message}`);
        return new Unknown(e.message, this.ref(expr));
      }
      const message = e instanceof Error ? e.message : String(e);
      this.note(expr, `this expression could not be evaluated (internal error: ${message})`);
      return new Unknown(`internal error: ${message}`, this.ref(expr));
    }
  }

  // ---- resources --------------------------------------------------------------------------------

  /** Adds the file's resources and modules (and theirs) to the graph. */
  expand(): void {
    for (const decl of this.input.doc.declarations) {
      if (decl.kind === 'resource') this.ensureResources(decl);
      else if (decl.kind === 'module') this.expandModule(decl);
    }
  }

  /**
   * Expands a top-level resource declaration once, when the file is expanded or earlier when another
   * declaration refers to it (its id or name in a variable, a module parameter, a `parent:`).
   */
  private ensureResources(decl: ResourceDeclaration): Resource[] {
    let list = this.created.get(decl);
    if (!list) {
      this.created.set(decl, (list = []));
      this.expandResource(decl, undefined, undefined);
    }
    return list;
  }

  /** The instances a resource or module body declares: each with its loop locals, object and condition. */
  private instances(body: Expression, outer: Locals): { locals: Locals; object: ObjectExpression | undefined; condition: boolean | Unknown; index: number | '*' | undefined }[] {
    const conditional = (b: Expression, locals: Locals, index: number | '*' | undefined) => {
      if (b.kind !== 'if') return { locals, object: b.kind === 'object' ? b : undefined, condition: true as boolean | Unknown, index };
      const c = this.guarded(b.condition, locals);
      const condition = typeof c === 'boolean' || c instanceof Unknown ? c : new Unknown('the condition is not a bool', this.ref(b.condition));
      return { locals, object: b.body.kind === 'object' ? b.body : undefined, condition, index };
    };
    if (body.kind !== 'for') return [conditional(body, outer, undefined)];
    let iterations: Map<string, Local>[] | Unknown;
    try {
      iterations = this.evaluator.iterations(body, outer);
    } catch (e) {
      iterations = isEvaluationError(e) ? new Unknown(e.message, this.ref(body.iterable)) : new Unknown('the loop cannot be evaluated', this.ref(body.iterable));
      if (isEvaluationError(e)) this.note(body.iterable, `this loop fails: ${e.message}`);
    }
    if (iterations instanceof Unknown) {
      // One representative instance whose item and index are unknown: what does not depend on them is still checked.
      const inner = new Map(outer ?? []);
      if (body.item) inner.set(body.item.name, { value: new Unknown(`the loop item (${iterations.reason})`) });
      if (body.index) inner.set(body.index.name, { value: new Unknown(`the loop index (${iterations.reason})`) });
      return [conditional(body.body, inner, '*')];
    }
    return iterations.map((locals, i) => conditional(body.body, locals, i));
  }

  private expandResource(decl: ResourceDeclaration, parent: { type: string; fullName: () => string | Unknown; symbol: string; resource: Resource } | undefined, outer: Locals): void {
    const typeString = decl.typeString.kind === 'string' ? decl.typeString.value : undefined;
    if (typeString === undefined) {
      this.error(decl.typeString, 'a resource type must be a string without interpolation');
      return;
    }
    const at = typeString.lastIndexOf('@');
    // `'az:Microsoft.X/y@v'` names the Azure extension explicitly; other extensions keep their prefix.
    const declaredType = (at < 0 ? typeString : typeString.slice(0, at)).replace(/^az:/i, '');
    const apiVersion = at < 0 ? new Unknown('the resource type has no api-version') : typeString.slice(at + 1);
    const nested = parent !== undefined && !declaredType.includes('/');
    const type = nested ? `${parent.type}/${declaredType}` : declaredType;

    for (const instance of this.instances(decl.body, outer)) {
      const object = instance.object;
      if (!object) continue;
      if (++this.input.counter.resources > this.budget.limits.resources) {
        if (this.input.counter.resources === this.budget.limits.resources + 1) this.note(decl, `more than ${this.budget.limits.resources} resources; the rest are not checked`);
        return;
      }
      const locals = instance.locals;
      if (!this.membersKnown(object, locals)) {
        this.note(object, `the members of ${decl.name.name} are known only at deployment; it is not checked`);
        continue;
      }
      const member = (key: string) => object.members.find((m) => m.kind === 'property' && m.key.kind === 'identifier' && m.key.name === key) as Extract<ObjectExpression['members'][number], { kind: 'property' }> | undefined;
      let fullNameValue: string | Unknown | undefined;
      const fullName = (): string | Unknown => {
        if (fullNameValue !== undefined) return fullNameValue;
        fullNameValue = new Unknown('the name refers to itself');
        const nameMember = member('name');
        const raw = nameMember ? this.guarded(nameMember.value, locals) : new Unknown('the resource has no name', this.ref(decl));
        const name = typeof raw === 'string' || raw instanceof Unknown ? raw : new Unknown('the name is not a string');
        const parentMember = member('parent');
        if (nested) fullNameValue = joinParts([parent.fullName(), '/', name]);
        else if (parentMember) fullNameValue = joinParts([this.parentName(parentMember.value, locals), '/', name]);
        else fullNameValue = name;
        return fullNameValue;
      };
      const label = decl.name.name + (instance.index === undefined ? '' : `[${instance.index}]`);
      // `scope: resourceGroup('sub', 'rg')` (an existing resource elsewhere) places the resource there;
      // a resource as scope (extension resources such as locks) keeps the file's deployment scope.
      const scopeMember = member('scope');
      const scope = (scopeMember && namedScope(this.guarded(scopeMember.value, locals))) ?? this.input.scope;
      const resource = new Resource({
        type: nested ? type : this.typeWithParent(type, member('parent')?.value, locals),
        apiVersion,
        fullName,
        scope,
        condition: instance.condition,
        existing: decl.existing,
        // What the compiler writes into dependsOn: the resources the declaration refers to (its
        // explicit `dependsOn:` included), the resource it is nested in, and for a module's
        // resources what the module waits for.
        dependsOn: () => boundedDependencies(new Set([
          ...(parent ? (parent.resource.existing ? parent.resource.dependsOn : [parent.resource]) : []),
          ...this.dependencies(decl),
          ...(this.input.inherited?.() ?? []),
        ]), decl.name.name),
        run: this.run,
        declaration: this.ref(decl),
        frontend: 'bicep',
        label,
        body: () => this.body(object, locals, fullName),
      });
      this.input.graph.add(resource);
      const list = this.created.get(decl);
      if (list) list.push(resource);
      else this.created.set(decl, [resource]);
      const context = { type: resource.type, fullName, symbol: decl.name.name, resource };
      for (const m of object.members) {
        if (m.kind === 'resource') this.expandResource(m, context, locals);
      }
    }
  }

  /** A child declared with `parent: gallery` and a relative type (`'images@...'`) takes its parent's type as prefix. */
  private typeWithParent(type: string, parentExpr: Expression | undefined, locals: Locals): string {
    if (type.includes('/') || !parentExpr) return type;
    const parentValue = this.guarded(parentExpr, locals);
    const parentType = isObject(parentValue) ? getKey(parentValue, 'type') : undefined;
    return typeof parentType === 'string' ? `${parentType}/${type}` : type;
  }

  private parentName(expr: Expression, locals: Locals): string | Unknown {
    const v = this.guarded(expr, locals);
    if (v instanceof Unknown) return v;
    const info = isObject(v) ? REFERENCES.get(v) : undefined;
    return info ? info.fullName : new Unknown('the parent is not a resource', this.ref(expr));
  }

  /**
   * The ARM request body: the declared members without the Bicep-only ones (`parent`, `scope`,
   * `dependsOn`), each evaluated on its own so that one failing value leaves the others known.
   */
  private body(object: ObjectExpression, locals: Locals, fullName: () => string | Unknown): ValueObject {
    const out: ValueObject = {};
    setOrigin(out, this.ref(object));
    for (const m of object.members) {
      if (m.kind === 'resource') continue;
      if (m.kind === 'spread') {
        const spread = this.guarded(m.expression, locals);
        if (!isObject(spread)) continue;
        for (const key of Object.keys(spread)) {
          if (BODY_EXCLUDED.has(key.toLowerCase())) continue;
          defineKey(out, key, spread[key] as Value);
          const origin = memberOrigin(spread, key).value;
          if (origin) setMemberOrigin(out, key, origin);
        }
        continue;
      }
      const key = m.key.kind === 'identifier' ? m.key.name : this.guarded(m.key, locals);
      if (typeof key !== 'string' || BODY_EXCLUDED.has(key.toLowerCase())) continue;
      const value = m.value;
      defineKey(out, key, this.guarded(value, locals));
      setMemberSlot(out, key, this.ref(value));
      setMemberOrigin(out, key, () => this.evaluator.originOf(value, locals));
    }
    if (findKey(out, 'name') === undefined) defineKey(out, 'name', fullName());
    return out;
  }

  /**
   * Whether the body's member names are all known: a spread of an unknown object or a computed key
   * known only at deployment could add any member, so no member can be said to be missing.
   */
  private membersKnown(object: ObjectExpression, locals: Locals): boolean {
    for (const m of object.members) {
      if (m.kind === 'spread' && !isObject(this.guarded(m.expression, locals))) return false;
      if (m.kind === 'property' && m.key.kind === 'interpolated' && typeof this.guarded(m.key, locals) !== 'string') return false;
    }
    return true;
  }

  /** What a resource's symbolic name evaluates to: what is known before deployment (id, name, type, api-version). */
  private resourceReference(decl: ResourceDeclaration): Value {
    const instances = this.ensureResources(decl).filter((r) => r.declaration.range?.start === decl.start);
    return this.referenceOf(decl, instances);
  }

  /** The references of a declaration's instances: an array for a loop, else the one resource's. */
  private referenceOf(decl: ResourceDeclaration, instances: readonly Resource[]): Value {
    const reference = (r: Resource): ValueObject => {
      const ref: ValueObject = {
        id: r.id,
        name: r.name,
        type: r.type,
        apiVersion: r.apiVersion,
        properties: new Unknown(`the properties of ${decl.name.name} are known only at deployment`),
        location: new Unknown(`the location of ${decl.name.name} is read from the deployed resource`),
      };
      REFERENCES.set(ref, { fullName: r.fullName, declaration: decl });
      return ref;
    };
    if (decl.body.kind === 'for') return instances.map(reference);
    const first = instances[0];
    return first ? reference(first) : new Unknown(`resource ${decl.name.name} is not deployed`, this.ref(decl.name));
  }

  childResource(parent: Value, name: string): Value {
    if (parent instanceof Unknown) return parent;
    const info = isObject(parent) ? REFERENCES.get(parent) : undefined;
    if (!info) throw new TemplateFunctionError(`"::${name}" needs a resource on its left`);
    const child = bodyObject(info.declaration.body)?.members.find((m): m is ResourceDeclaration => m.kind === 'resource' && m.name.name === name);
    if (!child) throw new TemplateFunctionError(`resource ${info.declaration.name.name} declares no nested resource "${name}"`);
    const instances = (this.created.get(child) ?? []).filter((r) => {
      const full = r.fullName;
      return typeof full !== 'string' || typeof info.fullName !== 'string' || full.toLowerCase().startsWith(`${info.fullName.toLowerCase()}/`);
    });
    return this.referenceOf(child, instances);
  }

  // ---- modules ----------------------------------------------------------------------------------

  private expandModule(decl: ModuleDeclaration): void {
    if (decl.path.kind !== 'string') {
      this.error(decl.path, 'a module path must be a string without interpolation');
      return;
    }
    const path = decl.path.value;
    if (/^(br|ts)[:/]/i.test(path)) {
      this.note(decl.path, `registry module ${path} is not available locally; its resources are not checked`);
      return;
    }
    if (this.input.depth + 1 > this.budget.limits.deploymentDepth) {
      this.note(decl, `modules nested deeper than ${this.budget.limits.deploymentDepth} levels are not followed`);
      return;
    }
    const isJson = /\.jsonc?$/i.test(path);
    const doc = isJson ? undefined : this.input.loader.bicep(path, this.file);
    if (!isJson && !doc) {
      this.error(decl.path, `the module file ${path} cannot be read`);
      return;
    }
    if (doc && this.input.chain.includes(doc.file)) {
      this.error(decl.path, `module cycle: ${[...this.input.chain, doc.file].join(' -> ')}`);
      return;
    }
    for (const instance of this.instances(decl.body, undefined)) {
      if (!instance.object || instance.condition === false) continue;
      const member = (key: string) => instance.object?.members.find((m) => m.kind === 'property' && m.key.kind === 'identifier' && m.key.name === key) as Extract<ObjectExpression['members'][number], { kind: 'property' }> | undefined;
      const parameters = this.moduleParameters(member('params')?.value, instance.locals);
      const scopeMember = member('scope');
      const scope = scopeMember ? scopeOfValue(this.guarded(scopeMember.value, instance.locals), this.input.scope) : this.input.scope;
      const deployed = this.moduleResources.get(decl) ?? [];
      this.moduleResources.set(decl, deployed);
      if (doc) {
        const inherited = () => [...this.dependencies(decl), ...(this.input.inherited?.() ?? [])];
        const module = new BicepTemplate({ ...this.input, doc, parameters, scope, depth: this.input.depth + 1, chain: [...this.input.chain, doc.file], run: this.run, inherited });
        module.expand();
        deployed.push(...module.deployedResources());
        continue;
      }
      const before = this.input.graph.resources.length;
      if (!this.input.loader.armModule(path, this.file, parameters, scope, this.input.depth + 1)) {
        this.error(decl.path, `the module file ${path} cannot be read as an ARM template`);
        return;
      }
      deployed.push(...this.input.graph.resources.slice(before));
    }
  }

  /** Every resource this evaluation added to the graph, its modules' included. */
  private deployedResources(): Resource[] {
    return [...[...this.created.values()].flat(), ...[...this.moduleResources.values()].flat()];
  }

  // ---- dependencies -----------------------------------------------------------------------------

  private meaning(name: string): NameMeaning {
    const s = this.symbols.get(name);
    if (s?.kind === 'var') return { kind: 'var', value: s.decl.value };
    if (s?.kind === 'resource' || s?.kind === 'module') return { kind: 'target', decl: s.decl };
    return undefined;
  }

  /**
   * The resources a resource or module declaration waits for directly: those of every declaration it
   * refers to (a module's: all it deploys). A declaration with no resource of its own in the graph (a
   * module, an `existing` resource, which gets no `dependsOn` entry, one not expanded) passes on what
   * it waits for instead; the resources' own dependencies are theirs (SIG003 follows them).
   */
  private dependencies(decl: DependencyTarget): readonly Dependency[] {
    const cached = this.dependencyCache.get(decl);
    // A cycle of references is a compile error; it adds nothing more.
    if (cached === 'visiting') return [];
    if (cached) return cached;
    const targets = this.dependencyDepth < this.budget.limits.depth ? this.references.of(decl) : undefined;
    if (!targets) {
      const unknown = [new Unknown(`the references of ${decl.name.name} nest too deep to follow`, this.ref(decl.name))];
      this.dependencyCache.set(decl, unknown);
      return unknown;
    }
    this.dependencyCache.set(decl, 'visiting');
    this.dependencyDepth++;
    const out = new Set<Dependency>();
    try {
      for (const target of targets) {
        if (target === decl) continue;
        const own = (target.kind === 'module' ? this.moduleResources.get(target) : this.created.get(target)) ?? [];
        const deployed = target.kind === 'resource' && target.existing ? [] : own;
        for (const r of deployed) out.add(r);
        if (target.kind === 'module' || deployed.length === 0) for (const d of this.dependencies(target)) out.add(d);
      }
    } finally {
      this.dependencyDepth--;
    }
    const list = boundedDependencies(out, decl.name.name);
    this.dependencyCache.set(decl, list);
    return list;
  }


  /** A module's `params`: each value remembers where it was written (here, or further up when passed through). */
  private moduleParameters(params: Expression | undefined, locals: Locals): Map<string, SuppliedParameter> {
    const out = new Map<string, SuppliedParameter>();
    if (!params) return out;
    if (params.kind !== 'object') {
      const v = this.guarded(params, locals);
      if (isObject(v)) for (const k of Object.keys(v)) out.set(k, { value: v[k] as Value });
      return out;
    }
    for (const m of params.members) {
      if (m.kind !== 'property') continue;
      const key = m.key.kind === 'identifier' ? m.key.name : m.key.kind === 'string' ? m.key.value : undefined;
      if (key === undefined) continue;
      const ref = this.evaluator.originOf(m.value, locals);
      out.set(key, { value: this.guarded(m.value, locals), ...(ref ? { ref } : {}) });
    }
    return out;
  }
}

/** What a resource reference value stands for: `parent:` needs the full name, `::` the declaration. */
const REFERENCES = new WeakMap<object, { readonly fullName: string | Unknown; readonly declaration: ResourceDeclaration }>();

/** The object of a resource body (`{...}`, `if (...) {...}`, `[for ...: {...}]`). */
function bodyObject(body: Expression): ObjectExpression | undefined {
  let b = body;
  if (b.kind === 'for') b = b.body;
  if (b.kind === 'if') b = b.body;
  return b.kind === 'object' ? b : undefined;
}

function moduleReference(decl: ModuleDeclaration, evaluate: (e: Expression) => Value): Value {
  const body = decl.body.kind === 'object' ? decl.body : undefined;
  const nameMember = body?.members.find((m) => m.kind === 'property' && m.key.kind === 'identifier' && m.key.name === 'name');
  const name = nameMember && nameMember.kind === 'property' ? evaluate(nameMember.value) : new Unknown('the deployment name is generated by Bicep');
  return { name, outputs: new Unknown(`the outputs of module ${decl.name.name} are known only at deployment`) };
}

