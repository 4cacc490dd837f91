import {
  Unknown, Evaluator, Lambda, LIBRARY, renderValue, Budget, LimitError, Resource, TemplateFunctionError, UnsupportedFunctionError, UnknownFunctionError,
  ExpressionSyntaxError, isExpression, unescapeLiteral, parseExpression, isObject, getKey, findKey, defineKey,
  setOrigin, setMemberOrigin, memberOrigin, joinParts, lastSegment, armTypeOf, pathText, defineFunction,
  type Value, type ValueObject, type JsonPath, type SourceRef, type Scope, type FunctionDef,
  type DeploymentScope, type ResourceGraph, type Arg, type Expr,
} from '@sigil/core';
import { templateFunctions, listFunction, type TemplateHost, type TemplateScope, type Loops } from './functions.js';
import type { JsonDocument } from './document.js';

/** A parameter value given from outside the template (parameters file, `--parameters`, a nested deployment). */
export interface SuppliedParameter {
  readonly value: Value;
  readonly ref?: SourceRef;
}

export interface TemplateInput {
  readonly doc: JsonDocument;
  /** The template object and where it sits in the document (`[]`, or a nested deployment's template). */
  readonly template: ValueObject;
  readonly path: JsonPath;
  readonly parameters: ReadonlyMap<string, SuppliedParameter>;
  readonly scope: DeploymentScope;
  readonly graph: ResourceGraph;
  readonly budget: Budget;
  /** Nested deployment depth (0 for the file's template). */
  readonly depth: number;
  /** Loads a template by relative path, for `templateLink.relativePath`. */
  readonly loadLinked?: (relativePath: string, from: SourceRef) => { doc: JsonDocument; template: ValueObject } | undefined;
  /** Counts resources over the whole file, nested deployments included. */
  readonly counter: { resources: number };
  /**
   * For a nested template evaluated in the outer scope (the ARM default): the template whose
   * parameters, variables and functions its expressions see.
   */
  readonly outer?: Template;
}


interface ResourceParent {
  readonly type: string;
  readonly fullName: () => string | Unknown;
  readonly loops: Loops;
}

/** Limit messages already reported, per evaluation budget (one per template evaluation). */
const REPORTED_LIMITS = new WeakMap<Budget, Set<string>>();

const SECURE_TYPES = new Set(['securestring', 'secureobject']);
const BODY_EXCLUDED = new Set(['copy', 'condition', 'dependson', 'resources', 'comments', 'existing', 'scope', 'import']);

/**
 * One ARM template being evaluated: its parameters, variables and user functions, and the resources
 * it expands to. Values that depend on deployment (parameters without value, reference(), the
 * resource group...) come out as Unknown; nothing is guessed.
 */
export class Template {
  private readonly parameterDecls: ValueObject;
  private readonly variableDecls: ValueObject;
  private readonly parameterCache = new Map<string, Value>();
  private readonly variableCache = new Map<string, Value | 'evaluating'>();
  private readonly userFunctions = new Map<string, { decl: ValueObject; path: JsonPath }>();
  private readonly contextFunctions: Map<string, FunctionDef>;
  private udfDepth = 0;
  /** Parameter defaults and variables being evaluated inside one another (see `nest`). */
  private valueNesting = 0;

  constructor(private readonly input: TemplateInput) {
    const t = input.template;
    this.parameterDecls = objectMember(t, 'parameters');
    this.variableDecls = objectMember(t, 'variables');
    const functions = getKey(t, 'functions');
    if (Array.isArray(functions)) {
      functions.forEach((ns, i) => {
        if (!isObject(ns)) return;
        const namespace = getKey(ns, 'namespace');
        const membersKey = findKey(ns, 'members');
        const members = membersKey === undefined ? undefined : ns[membersKey];
        if (typeof namespace !== 'string' || !isObject(members)) return;
        for (const [name, decl] of Object.entries(members)) {
          if (isObject(decl)) {
            this.userFunctions.set(`${namespace}.${name}`.toLowerCase(), {
              decl,
              path: [...input.path, 'functions', i, membersKey as string, name],
            });
          }
        }
      });
    }
    this.contextFunctions = templateFunctions(this.host());
  }

  get scope(): DeploymentScope {
    return this.input.scope;
  }

  // ---- names and values -----------------------------------------------------------------------

  private ref(path: JsonPath): SourceRef {
    return { file: this.input.doc.file, path };
  }

  private note(path: JsonPath, message: string): void {
    this.input.graph.diagnose({ severity: 'note', file: this.input.doc.file, ref: this.ref(path), message });
  }

  private error(path: JsonPath, message: string): void {
    this.input.graph.diagnose({ severity: 'error', file: this.input.doc.file, ref: this.ref(path), message });
  }

  parameter(name: string): Value {
    if (this.input.outer) return this.input.outer.parameter(name);
    const key = name.toLowerCase();
    const cached = this.parameterCache.get(key);
    if (cached !== undefined) return cached;
    const declKey = findKey(this.parameterDecls, name);
    if (declKey === undefined) throw new TemplateFunctionError(`parameters(): the template has no parameter "${name}"`);
    const decl = this.parameterDecls[declKey];
    const declPath = [...this.input.path, 'parameters', declKey];
    const type = isObject(decl) ? getKey(decl, 'type') : undefined;
    let value: Value;
    if (typeof type === 'string' && SECURE_TYPES.has(type.toLowerCase())) {
      value = new Unknown(`"${declKey}" is a secure parameter; sigil does not read its value`, this.ref(declPath));
    } else {
      const supplied = this.input.parameters.get(key);
      const defaultKey = isObject(decl) ? findKey(decl, 'defaultValue') : undefined;
      if (supplied) {
        value = supplied.value;
      } else if (defaultKey !== undefined && isObject(decl)) {
        this.parameterCache.set(key, new Unknown(`the default of "${declKey}" refers to itself`));
        try {
          value = this.nest(() => this.evaluateJson(decl[defaultKey], [...declPath, defaultKey], new Map(), false, 0));
        } catch (e) {
          this.parameterCache.delete(key);
          throw e;
        }
      } else {
        value = new Unknown(`parameter "${declKey}" has no value (no default, and none supplied)`, this.ref(declPath));
      }
    }
    this.parameterCache.set(key, value);
    return value;
  }

  variable(name: string): Value {
    if (this.input.outer) return this.input.outer.variable(name);
    const key = name.toLowerCase();
    const cached = this.variableCache.get(key);
    if (cached === 'evaluating') throw new TemplateFunctionError(`variables(): "${name}" depends on itself`);
    if (cached !== undefined) return cached;
    this.variableCache.set(key, 'evaluating');
    try {
      const value = this.nest(() => this.computeVariable(name));
      this.variableCache.set(key, value);
      return value;
    } catch (e) {
      this.variableCache.delete(key);
      throw e;
    }
  }

  /**
   * Evaluates a parameter default or a variable that another one refers to. Each such reference
   * nests the evaluation on the stack: a chain of ~700 variables (`v1 = variables('v0')`...) overflowed
   * it, so the chain is bounded by the depth limit, as nested values are.
   */
  private nest<T>(evaluate: () => T): T {
    this.valueNesting++;
    try {
      this.input.budget.checkDepth(this.valueNesting);
      return evaluate();
    } finally {
      this.valueNesting--;
    }
  }

  private computeVariable(name: string): Value {
    const declKey = findKey(this.variableDecls, name);
    const base = [...this.input.path, 'variables'];
    if (declKey !== undefined && declKey.toLowerCase() !== 'copy') {
      return this.evaluateJson(this.variableDecls[declKey], [...base, declKey], new Map(), true, 0);
    }
    // A variable produced by the top-level `copy` array of the variables section.
    const copyKey = findKey(this.variableDecls, 'copy');
    const loops = copyKey === undefined ? undefined : this.variableDecls[copyKey];
    if (Array.isArray(loops)) {
      for (let i = 0; i < loops.length; i++) {
        const spec = loops[i];
        if (isObject(spec) && typeof getKey(spec, 'name') === 'string' && (getKey(spec, 'name') as string).toLowerCase() === name.toLowerCase()) {
          return this.copyArray(spec, [...base, copyKey as string, i], new Map(), 0);
        }
      }
    }
    throw new TemplateFunctionError(`variables(): the template has no variable "${name}"`);
  }

  private host(): TemplateHost {
    return {
      scope: this.input.scope,
      parameter: (n) => this.parameter(n),
      variable: (n) => this.variable(n),
      userFunction: (ns, n) => this.userFunction(ns, n),
    };
  }

  /** The names an expression sees, with the copy loops in effect. */
  private scopeFor(loops: Loops, path: JsonPath): TemplateScope {
    return { budget: this.input.budget, origin: this.ref(path), loops, resolve: this.resolveName };
  }

  /** Name resolution shared by every scope of this template (copyIndex() reads the scope's loops). */
  private readonly resolveName = (namespace: string | undefined, name: string): FunctionDef | undefined => {
    if (namespace !== undefined) return this.userFunction(namespace, name);
    const lower = name.toLowerCase();
    return this.contextFunctions.get(lower) ?? LIBRARY.get(lower) ?? listFunction(name);
  };

  private userFunction(namespace: string, name: string): FunctionDef | undefined {
    if (this.input.outer) return this.input.outer.userFunction(namespace, name);
    const entry = this.userFunctions.get(`${namespace}.${name}`.toLowerCase());
    if (!entry) return undefined;
    const params = getKey(entry.decl, 'parameters');
    const paramNames = Array.isArray(params) ? params.map((p) => (isObject(p) ? String(getKey(p, 'name') ?? '') : '')) : [];
    const output = getKey(entry.decl, 'output');
    const outputKey = isObject(output) ? findKey(output, 'value') : undefined;
    return defineFunction(`${namespace}.${name}`, paramNames.length, paramNames.length, (args: Arg[]) => {
      if (!isObject(output) || outputKey === undefined) throw new TemplateFunctionError(`${namespace}.${name}(): the function has no output value`);
      if (++this.udfDepth > 32) throw new TemplateFunctionError(`${namespace}.${name}(): user functions nested too deeply`);
      try {
        const bound = new Map(paramNames.map((p, i) => [p.toLowerCase(), args[i] as Value]));
        const scope: Scope = {
          budget: this.input.budget,
          resolve: (ns, n) => {
            if (ns !== undefined) return this.userFunction(ns, n);
            if (n.toLowerCase() === 'parameters') {
              return defineFunction('parameters', 1, 1, (a) => {
                const v = bound.get(String(a[0]).toLowerCase());
                if (v === undefined) throw new TemplateFunctionError(`parameters(): the function has no parameter "${String(a[0])}"`);
                return v;
              });
            }
            return LIBRARY.get(n.toLowerCase()) ?? this.contextFunctions.get(n.toLowerCase());
          },
        };
        const body = output[outputKey];
        if (typeof body !== 'string' || !isExpression(body)) return body ?? null;
        const v = new Evaluator(scope).evaluate(parseExpression(body.slice(1, -1)));
        if (v instanceof Lambda) throw new TemplateFunctionError('a user function cannot return a lambda');
        return v;
      } finally {
        this.udfDepth--;
      }
    }, { unknowns: 'custom' });
  }

  /**
   * Evaluates a JSON value of the template: expression strings are evaluated, objects and arrays are
   * rebuilt with their provenance recorded, and `copy` arrays inside objects (property iteration)
   * are expanded when `propertyCopy` is set. Evaluation problems become Unknowns and notes.
   */
  evaluateJson(json: Value | undefined, path: JsonPath, loops: Loops, propertyCopy: boolean, depth: number): Value {
    if (json === undefined) return null;
    try {
      this.input.budget.checkDepth(depth);
      this.input.budget.charge();
    } catch (e) {
      if (e instanceof LimitError) return this.limitReached(path, e);
      throw e;
    }
    if (typeof json === 'string') return this.evaluateString(json, path, loops);
    if (Array.isArray(json)) {
      const out: Value[] = [];
      setOrigin(out, this.ref(path));
      for (let i = 0; i < json.length; i++) {
        const item = json[i] as Value;
        out.push(isLiteral(item) ? this.literal(item) : this.evaluateJson(item, [...path, i], loops, propertyCopy, depth + 1));
        this.recordPassThrough(out, i, item, loops);
      }
      return out;
    }
    if (isObject(json)) {
      const out: ValueObject = {};
      setOrigin(out, this.ref(path));
      for (const key of Object.keys(json)) {
        const child = json[key] as Value;
        if (propertyCopy && key.toLowerCase() === 'copy' && Array.isArray(child) && child.every(isCopySpec)) {
          child.forEach((spec, j) => {
            const name = getKey(spec as ValueObject, 'name') as string;
            const specPath = [...path, key, j];
            defineKey(out, name, this.copyArray(spec as ValueObject, specPath, loops, depth + 1));
            setMemberOrigin(out, name, this.ref(specPath));
          });
          continue;
        }
        if (isExpression(key)) {
          // ARM evaluates property names written as expressions (Bicep emits them for interpolated keys).
          const name = this.evaluateString(key, [...path, key], loops);
          if (name instanceof Unknown) return new Unknown(`a property name is known only at deployment (${name.reason})`, this.ref([...path, key]));
          if (typeof name !== 'string') {
            this.note([...path, key], 'a property name expression must give a string');
            continue;
          }
          defineKey(out, name, isLiteral(child) ? this.literal(child) : this.evaluateJson(child, [...path, key], loops, propertyCopy, depth + 1));
          setMemberOrigin(out, name, this.ref([...path, key]));
          continue;
        }
        if (key.startsWith('[[')) {
          // An escaped name: `[[x]` is the literal `[x]`.
          const name = unescapeLiteral(key);
          defineKey(out, name, isLiteral(child) ? this.literal(child) : this.evaluateJson(child, [...path, key], loops, propertyCopy, depth + 1));
          setMemberOrigin(out, name, this.ref([...path, key]));
          continue;
        }
        defineKey(out, key, isLiteral(child) ? this.literal(child) : this.evaluateJson(child, [...path, key], loops, propertyCopy, depth + 1));
        this.recordPassThrough(out, key, child, loops);
      }
      return out;
    }
    return json;
  }

  /** A number, boolean, null or non-expression string: no path, no evaluation, one budget step. */
  private literal(v: Value): Value {
    this.input.budget.charge();
    return typeof v === 'string' ? unescapeLiteral(v) : v;
  }

  /**
   * When a member is written as `[parameters('x')]`, `[variables('x')]` or a member/index chain on them,
   * its value was written elsewhere (the parameters file, the default, the variable): remember where,
   * so a finding on it points at the text to change. Strings cannot carry provenance themselves.
   */
  private recordPassThrough(container: object, key: string | number, json: Value | undefined, loops: Loops): void {
    // Found only when a finding points here: most members are never reported.
    if (typeof json === 'string' && isExpression(json)) setMemberOrigin(container, key, () => this.passThroughOf(json, loops));
  }

  private passThroughOf(json: Value | undefined, loops: Loops): SourceRef | undefined {
    if (typeof json !== 'string' || !isExpression(json)) return undefined;
    try {
      return this.passThroughRef(parseExpression(json.slice(1, -1)), loops);
    } catch {
      return undefined;
    }
  }

  private passThroughRef(expr: Expr, loops: Loops): SourceRef | undefined {
    if (expr.kind === 'call') {
      const arg = expr.args[0];
      if (expr.namespace !== undefined || expr.args.length !== 1 || arg?.kind !== 'string') return undefined;
      const name = expr.name.toLowerCase();
      if (name === 'parameters') return this.parameterRef(arg.value);
      if (name === 'variables') return this.variableRef(arg.value);
      return undefined;
    }
    if (expr.kind !== 'property' && expr.kind !== 'index') return undefined;
    const base = this.passThroughRef(expr.target, loops);
    if (!base) return undefined;
    const container = new Evaluator(this.scopeFor(loops, base.path ?? [])).evaluate(expr.target);
    const key = expr.kind === 'property' ? expr.name : new Evaluator(this.scopeFor(loops, base.path ?? [])).evaluate(expr.index);
    if (typeof key !== 'string' && typeof key !== 'number') return undefined;
    if (container === null || typeof container !== 'object' || container instanceof Unknown || container instanceof Lambda) return undefined;
    const k = typeof key === 'string' && isObject(container) ? findKey(container, key) ?? key : key;
    const { value } = memberOrigin(container, k);
    return value ?? (base.path ? { file: base.file, path: [...base.path, k] } : undefined);
  }

  /**
   * Names are usually built (`concat(parameters('gallery'), '/', parameters('version'))`) while rules
   * look at the last segment. When one argument of the `concat`/`format` produces that segment whole
   * and passes a parameter or variable through, a finding on the name points at that value.
   */
  private recordNameSegment(container: object, key: string, json: Value | undefined, loops: Loops): void {
    if (typeof json !== 'string' || !isExpression(json)) return;
    setMemberOrigin(container, key, () => this.nameSegmentRef(container, key, json, loops) ?? this.passThroughOf(json, loops));
  }

  private nameSegmentRef(container: object, key: string, json: string, loops: Loops): SourceRef | undefined {
    const name = getKey(container as ValueObject, key);
    if (typeof name !== 'string' && !(name instanceof Unknown)) return undefined;
    const last = lastSegment(name);
    if (typeof last !== 'string' || last === '') return undefined;
    try {
      const expr = parseExpression(json.slice(1, -1));
      if (expr.kind !== 'call' || expr.namespace !== undefined) return undefined;
      const fn = expr.name.toLowerCase();
      if (fn !== 'concat' && fn !== 'format') return undefined;
      const scope = this.scopeFor(loops, []);
      const matches = (fn === 'format' ? expr.args.slice(1) : expr.args).filter((arg) => {
        const v = new Evaluator(scope).evaluate(arg);
        return typeof v === 'string' && v === last && v !== '';
      });
      return matches.length === 1 ? this.passThroughRef(matches[0] as Expr, loops) : undefined;
    } catch {
      return undefined; // a name that cannot be traced keeps pointing at its expression
    }
  }

  /** Where a parameter's value is written: the parameters file, else the default. */
  private parameterRef(name: string): SourceRef | undefined {
    if (this.input.outer) return this.input.outer.parameterRef(name);
    const supplied = this.input.parameters.get(name.toLowerCase());
    if (supplied) return supplied.ref;
    const declKey = findKey(this.parameterDecls, name);
    const decl = declKey === undefined ? undefined : this.parameterDecls[declKey];
    const defaultKey = isObject(decl) ? findKey(decl, 'defaultValue') : undefined;
    if (defaultKey === undefined) return undefined;
    return this.ref([...this.input.path, 'parameters', declKey as string, defaultKey]);
  }

  private variableRef(name: string): SourceRef | undefined {
    if (this.input.outer) return this.input.outer.variableRef(name);
    const declKey = findKey(this.variableDecls, name);
    return declKey === undefined ? undefined : this.ref([...this.input.path, 'variables', declKey]);
  }

  /** `{ name, count, input }`: an array of `count` evaluations of `input`, with copyIndex(name). */
  private copyArray(spec: ValueObject, path: JsonPath, loops: Loops, depth: number): Value {
    const name = String(getKey(spec, 'name'));
    const countKey = findKey(spec, 'count');
    const count = this.evaluateJson(countKey === undefined ? null : spec[countKey], [...path, countKey ?? 'count'], loops, false, depth + 1);
    const inputKey = findKey(spec, 'input');
    if (count instanceof Unknown) return new Unknown(`the count of copy loop "${name}" is not known: ${count.reason}`, this.ref(path));
    const n = this.checkCount(count, name, path);
    if (n instanceof Unknown) return n;
    const out: Value[] = [];
    setOrigin(out, this.ref(path));
    const inputPath = [...path, inputKey ?? 'input'];
    for (let i = 0; i < n; i++) {
      const inner = new Map(loops);
      inner.set(name.toLowerCase(), i);
      out.push(this.evaluateJson(inputKey === undefined ? null : spec[inputKey], inputPath, inner, true, depth + 1));
      setMemberOrigin(out, i, this.ref(inputPath));
    }
    return out;
  }

  private checkCount(count: Value, name: string, path: JsonPath): number | Unknown {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      this.note(path, `copy loop "${name}": the count ${quoted(count)} is not a non-negative integer`);
      return new Unknown(`the count of copy loop "${name}" is invalid`);
    }
    if (count > this.input.budget.limits.copyCount) {
      this.note(path, `copy loop "${name}": a count of ${count} is more than the ${this.input.budget.limits.copyCount} ARM allows; not expanded`);
      return new Unknown(`copy loop "${name}" has ${count} copies, more than ARM allows, and is not expanded`);
    }
    return count;
  }

  private evaluateString(s: string, path: JsonPath, loops: Loops): Value {
    if (!isExpression(s)) return unescapeLiteral(s);
    try {
      const v = new Evaluator(this.scopeFor(loops, path)).evaluate(parseExpression(s.slice(1, -1)));
      if (v instanceof Lambda) throw new TemplateFunctionError('an expression cannot evaluate to a lambda');
      return v;
    } catch (e) {
      if (e instanceof ExpressionSyntaxError) {
        this.error(path, `invalid template expression: ${e.message}`);
        return new Unknown('invalid expression', this.ref(path));
      }
      if (e instanceof TemplateFunctionError) {
        this.note(path, `this expression fails: ${e.message}`);
        return new Unknown(e.message, this.ref(path));
      }
      if (e instanceof UnknownFunctionError) {
        // ARM would reject the template; but the name may be a function newer than sigil: a note.
        this.note(path, e.message);
        return new Unknown(e.message, this.ref(path));
      }
      if (e instanceof UnsupportedFunctionError) return new Unknown(e.message, this.ref(path));
      if (e instanceof LimitError) return this.limitReached(path, e);
      // Anything else is a defect of a library function (core's format() throws a TypeError on an
      // array holding an unknown) or a stack overflow: it must not stop the lint of every other file.
      const message = e instanceof Error ? e.message : String(e);
      this.note(path, `this expression could not be evaluated (internal error: ${message})`);
      return new Unknown(`internal error: ${message}`, this.ref(path));
    }
  }

  private limitReached(path: JsonPath, e: LimitError): Unknown {
    // Each limit message is reported once per template evaluation (the Unknown still carries it):
    // once the step budget is spent, every later expression stops with the same message, and one
    // note at the first place says it, not one per remaining variable and resource.
    let reported = REPORTED_LIMITS.get(this.input.budget);
    if (!reported) REPORTED_LIMITS.set(this.input.budget, (reported = new Set()));
    if (!reported.has(e.message)) {
      reported.add(e.message);
      this.note(path, `evaluation stopped: ${e.message}`);
    }
    return new Unknown(e.message, this.ref(path));
  }

  // ---- resources ------------------------------------------------------------------------------

  /** Adds the template's resources (with copies, children and nested deployments) to the graph. */
  expand(): void {
    const resourcesKey = findKey(this.input.template, 'resources');
    if (resourcesKey === undefined) return;
    this.expandList(this.input.template[resourcesKey], [...this.input.path, resourcesKey], undefined, new Map());
  }

  private expandList(list: Value | undefined, path: JsonPath, parent: ResourceParent | undefined, loops: Loops): void {
    if (Array.isArray(list)) {
      list.forEach((decl, i) => this.expandDeclaration(decl, [...path, i], undefined, parent, loops));
    } else if (isObject(list)) {
      // languageVersion 2.0: resources keyed by symbolic name.
      for (const symbol of Object.keys(list)) this.expandDeclaration(list[symbol], [...path, symbol], symbol, parent, loops);
    } else if (list !== undefined && list !== null) {
      this.error(path, '"resources" must be an array (or an object of symbolic names)');
    }
  }

  private expandDeclaration(decl: Value | undefined, path: JsonPath, symbol: string | undefined, parent: ResourceParent | undefined, outer: Loops): void {
    if (!isObject(decl)) {
      this.error(path, 'a resource declaration must be an object');
      return;
    }
    const copy = getKey(decl, 'copy');
    if (copy === undefined) {
      this.expandInstance(decl, path, symbol, parent, outer, undefined);
      return;
    }
    if (!isObject(copy)) {
      this.error([...path, findKey(decl, 'copy') as string], '"copy" must be an object with "name" and "count"');
      return;
    }
    const copyKey = findKey(decl, 'copy') as string;
    const name = String(getKey(copy, 'name') ?? '');
    const countKey = findKey(copy, 'count');
    const count = this.evaluateJson(countKey === undefined ? null : copy[countKey], [...path, copyKey, countKey ?? 'count'], outer, false, 0);
    const n = count instanceof Unknown ? count : this.checkCount(count, name, [...path, copyKey]);
    if (n instanceof Unknown) {
      // One representative instance whose copyIndex() is unknown: what does not depend on the index
      // is still checked; what does stays unknown.
      const loops = new Map(outer);
      const index = new Unknown(`the index of copy loop "${name}" (${n.reason})`);
      loops.set('', index);
      loops.set(name.toLowerCase(), index);
      this.expandInstance(decl, path, symbol, parent, loops, '*');
      return;
    }
    for (let i = 0; i < n; i++) {
      const loops = new Map(outer);
      loops.set('', i);
      loops.set(name.toLowerCase(), i);
      this.expandInstance(decl, path, symbol, parent, loops, i);
    }
  }

  private expandInstance(
    decl: ValueObject,
    path: JsonPath,
    symbol: string | undefined,
    parent: ResourceParent | undefined,
    loops: Loops,
    copyIndex: number | '*' | undefined,
  ): void {
    if (++this.input.counter.resources > this.input.budget.limits.resources) {
      if (this.input.counter.resources === this.input.budget.limits.resources + 1) {
        this.note(path, `more than ${this.input.budget.limits.resources} resources; the rest are not checked`);
      }
      return;
    }
    const member = (key: string) => {
      const k = findKey(decl, key);
      return { key: k ?? key, value: k === undefined ? undefined : decl[k] };
    };
    const ev = (key: string) => {
      const m = member(key);
      return m.value === undefined ? undefined : this.evaluateJson(m.value, [...path, m.key], loops, false, 0);
    };
    const rawType = ev('type');
    if (typeof rawType !== 'string') {
      if (rawType instanceof Unknown) this.note(path, `a resource type is not known (${rawType.reason}); the resource is not checked`);
      else this.error(path, 'a resource declaration needs a "type" string');
      return;
    }
    const nested = parent !== undefined && !rawType.includes('/');
    const type = nested ? `${parent.type}/${rawType}` : rawType;
    // The name is evaluated when something reads it: resources of types no rule looks at never are.
    let fullNameValue: string | Unknown | undefined;
    const fullName = (): string | Unknown => {
      if (fullNameValue !== undefined) return fullNameValue;
      const rawName = ev('name');
      const name: string | Unknown = typeof rawName === 'string' || rawName instanceof Unknown ? rawName : new Unknown('the resource has no name');
      fullNameValue = nested ? joinParts([parent.fullName(), '/', name]) : name;
      return fullNameValue;
    };
    const condition = ev('condition');
    const existing = ev('existing') === true;
    const label = (symbol ?? pathText(path.slice(this.input.path.length))) + (copyIndex === undefined ? '' : `[${copyIndex}]`);
    const resource = new Resource({
      type,
      apiVersion: () => {
        const apiVersion = ev('apiVersion');
        return typeof apiVersion === 'string' || apiVersion instanceof Unknown ? apiVersion : new Unknown('no apiVersion');
      },
      fullName,
      scope: this.input.scope,
      condition: condition === undefined ? true : typeof condition === 'boolean' || condition instanceof Unknown ? condition : conditionValue(condition),
      existing,
      dependsOn: () => {
        const dependsOn = ev('dependsOn');
        return Array.isArray(dependsOn) ? dependsOn : [];
      },
      declaration: this.ref(path),
      frontend: 'arm',
      label,
      body: () => this.body(decl, path, loops, fullName(), type),
    });
    this.input.graph.add(resource);

    // A condition does not cascade to child resources (ARM deploys them on their own conditions), but
    // a deployment that does not run deploys nothing.
    const childLoops = new Map(loops);
    const children = member('resources');
    if (children.value !== undefined) {
      this.expandList(children.value, [...path, children.key], { type, fullName, loops: childLoops }, childLoops);
    }
    if (type.toLowerCase() === 'microsoft.resources/deployments' && !existing && resource.condition !== false) {
      this.expandDeployment(decl, path, loops, label);
    }
  }

  /** The ARM request body of a resource: every member but the template-only ones. */
  private body(decl: ValueObject, path: JsonPath, loops: Loops, fullName: string | Unknown, type: string): ValueObject {
    const out: ValueObject = {};
    setOrigin(out, this.ref(path));
    const isDeployment = type.toLowerCase() === 'microsoft.resources/deployments';
    for (const key of Object.keys(decl)) {
      if (BODY_EXCLUDED.has(key.toLowerCase())) continue;
      const isProperties = key.toLowerCase() === 'properties';
      if (isProperties && isDeployment) {
        // The nested template is evaluated in its own scope, as resources of their own (expandDeployment).
        defineKey(out, key, new Unknown('the properties of a deployment are evaluated as its nested resources', this.ref([...path, key])));
        continue;
      }
      defineKey(out, key, this.evaluateJson(decl[key], [...path, key], loops, isProperties, 1));
      this.recordPassThrough(out, key, decl[key], loops);
      if (key.toLowerCase() === 'name') this.recordNameSegment(out, key, decl[key], loops);
    }
    if (findKey(out, 'name') === undefined) defineKey(out, 'name', fullName);
    return out;
  }

  // ---- nested deployments ---------------------------------------------------------------------

  private expandDeployment(decl: ValueObject, path: JsonPath, loops: Loops, label: string): void {
    const propsKey = findKey(decl, 'properties');
    const props = propsKey === undefined ? undefined : decl[propsKey];
    if (!isObject(props)) return;
    const propsPath = [...path, propsKey as string];
    if (this.input.depth + 1 > this.input.budget.limits.deploymentDepth) {
      this.note(path, `nested deployments deeper than ${this.input.budget.limits.deploymentDepth} levels are not followed`);
      return;
    }
    const ev = (key: string): Value | undefined => {
      const k = findKey(decl, key);
      return k === undefined ? undefined : this.evaluateJson(decl[k], [...path, k], loops, false, 0);
    };
    const scope = this.nestedScope(ev('subscriptionId'), ev('resourceGroup'), ev('scope'));

    const options = getKey(props, 'expressionEvaluationOptions');
    const evalScope = isObject(options) ? getKey(options, 'scope') : undefined;
    const inner = typeof evalScope === 'string' && evalScope.toLowerCase() === 'inner';
    const templateKey = findKey(props, 'template');
    const linkKey = findKey(props, 'templateLink');

    let doc = this.input.doc;
    let template: Value | undefined;
    let templatePath: JsonPath;
    let linked = false;
    if (templateKey !== undefined) {
      template = props[templateKey];
      templatePath = [...propsPath, templateKey];
    } else if (linkKey !== undefined) {
      const link = this.evaluateJson(props[linkKey], [...propsPath, linkKey], loops, false, 0);
      const relative = isObject(link) ? getKey(link, 'relativePath') : undefined;
      const loaded = typeof relative === 'string' && this.input.loadLinked ? this.input.loadLinked(relative, this.ref(path)) : undefined;
      if (!loaded) {
        this.note(path, `the linked template of deployment ${label} is not available locally; its resources are not checked`);
        return;
      }
      doc = loaded.doc;
      template = loaded.template;
      templatePath = [];
      linked = true;
    } else {
      return;
    }
    if (!isObject(template)) {
      if (template !== undefined) this.note(path, `the template of deployment ${label} is not an object`);
      return;
    }

    if (inner || linked) {
      const supplied = new Map<string, SuppliedParameter>();
      const paramsKey = findKey(props, 'parameters');
      const params = paramsKey === undefined ? undefined : props[paramsKey];
      if (isObject(params)) {
        for (const name of Object.keys(params)) {
          const p = params[name];
          const pPath = [...propsPath, paramsKey as string, name];
          if (!isObject(p)) continue;
          const valueKey = findKey(p, 'value');
          const value = valueKey !== undefined
            ? this.evaluateJson(p[valueKey], [...pPath, valueKey], loops, false, 0)
            : new Unknown(`parameter "${name}" of deployment ${label} comes from a Key Vault reference`, this.ref(pPath));
          // A value that passes an outer parameter through is written where that parameter is.
          const passed = valueKey === undefined ? undefined : this.passThroughOf(p[valueKey], loops);
          supplied.set(name.toLowerCase(), { value, ref: passed ?? this.ref([...pPath, valueKey ?? name]) });
        }
      }
      const { outer: _outer, ...base } = this.input;
      new Template({ ...base, doc, template, path: templatePath, parameters: supplied, scope, depth: this.input.depth + 1 }).expand();
      return;
    }
    // Outer scope: the nested template's expressions see this template's parameters and variables.
    const resourcesKey = findKey(template, 'resources');
    if (resourcesKey === undefined) return;
    const nested = new Template({ ...this.input, template, path: templatePath, scope, depth: this.input.depth + 1, outer: this.input.outer ?? this });
    nested.expandList(template[resourcesKey], [...templatePath, resourcesKey], undefined, loops);
  }

  private nestedScope(subscriptionId: Value | undefined, resourceGroup: Value | undefined, scopeValue: Value | undefined): DeploymentScope {
    const current = this.input.scope;
    const asPart = (v: Value | undefined) => (typeof v === 'string' || v instanceof Unknown ? v : undefined);
    const sub = asPart(subscriptionId);
    const rg = asPart(resourceGroup);
    if (scopeValue !== undefined) return scopeOf(scopeValue);
    if (rg !== undefined) {
      return { level: 'resourceGroup', resourceGroup: rg, ...(sub !== undefined ? { subscriptionId: sub } : current.subscriptionId !== undefined ? { subscriptionId: current.subscriptionId } : {}) };
    }
    if (sub !== undefined) {
      // A subscription given without a resource group targets the subscription (from a subscription or
      // higher scope), or keeps the current resource group name in the other subscription.
      return current.level === 'resourceGroup'
        ? { level: 'resourceGroup', subscriptionId: sub, ...(current.resourceGroup !== undefined ? { resourceGroup: current.resourceGroup } : {}) }
        : { level: 'subscription', subscriptionId: sub };
    }
    return current;
  }
}

/**
 * The target of a deployment's `scope` property: `/` is the tenant, `.../managementGroups/<name>` a
 * management group, `/subscriptions/<id>[/resourceGroups/<name>]` a subscription or resource group.
 */
function scopeOf(value: Value): DeploymentScope {
  if (typeof value !== 'string') return { level: 'managementGroup', managementGroup: new Unknown('the target of a scoped deployment is known only at deployment') };
  const s = value.trim();
  if (s === '/' || s === '') return { level: 'tenant' };
  const mg = /(?:^|\/)Microsoft\.Management\/managementGroups\/([^/]+)\/?$/i.exec(s);
  if (mg) return { level: 'managementGroup', managementGroup: mg[1] as string };
  const rg = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/?$/i.exec(s);
  if (rg) return { level: 'resourceGroup', subscriptionId: rg[1] as string, resourceGroup: rg[2] as string };
  const sub = /^\/subscriptions\/([^/]+)\/?$/i.exec(s);
  if (sub) return { level: 'subscription', subscriptionId: sub[1] as string };
  return { level: 'managementGroup', managementGroup: new Unknown(`the scope "${renderValue(s)}" is not one sigil recognises`) };
}

/** A value for a note: strings in quotes, everything shortened and escaped. */
function quoted(v: Value): string {
  return typeof v === 'string' ? `"${renderValue(v)}"` : renderValue(v);
}

/** A JSON value with nothing to evaluate inside: not a container, not an expression. */
function isLiteral(v: Value): boolean {
  return v === null || typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && !isExpression(v));
}

function objectMember(obj: ValueObject, key: string): ValueObject {
  const v = getKey(obj, key);
  return isObject(v) ? v : {};
}

function isCopySpec(v: Value): boolean {
  return isObject(v) && typeof getKey(v, 'name') === 'string' && getKey(v, 'input') !== undefined;
}

function conditionValue(v: Value): boolean | Unknown {
  if (typeof v === 'string') {
    if (v.toLowerCase() === 'true') return true;
    if (v.toLowerCase() === 'false') return false;
  }
  return new Unknown(`the condition ${quoted(v)} is not a boolean (${armTypeOf(v)})`);
}

