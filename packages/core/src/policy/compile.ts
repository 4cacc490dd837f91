import { Unknown } from '../unknown.js';
import { type Value, type ValueObject, isObject, getKey, findKey, defineKey } from '../value.js';
import type { JsonPath } from '../source.js';
import { Budget, LimitError } from '../limits.js';
import type { Expr } from '../expression/ast.js';
import { compileExpression } from '../expression/compile.js';
import { parseExpression, isExpression, unescapeLiteral } from '../expression/parse.js';
import {
  Evaluator, Lambda, TemplateFunctionError, UnsupportedFunctionError, foldConstants, type FunctionDef, type Scope,
} from '../expression/evaluate.js';
import { LIBRARY } from '../functions/library.js';
import { fn, fail, str } from '../functions/util.js';
import { type AliasTable, type PathStep, defaultAliases, conventionalAlias } from './aliases.js';
import { type Item, type Selection, select, fieldFunctionValue } from './fields.js';
import { type OperatorName, type Truth, applyOperator, operatorName } from './operators.js';
import { isForbiddenInPolicy, clockFunctions } from './functions.js';
import { subscriptionObject, resourceGroupObject } from '../deployment.js';
import {
  type EvaluationInput, type Evidence, type Outcome, type Verdict, type BranchReport, PolicyCompileError,
} from './types.js';

export interface CompileOptions {
  readonly aliases?: AliasTable;
  /**
   * Accept aliases missing from the table by their conventional path. Only for third-party
   * definitions (the built-in conformance corpus); sigil's own rules must use known aliases.
   */
  readonly lenientAliases?: boolean;
  /**
   * Compiled for the linter, which reports true outcomes only; verdicts, and the evidence and reports
   * of true outcomes, are the same. Two things differ. The members of an `allOf` after the first are
   * compiled when first reached: a linter reaches few of them (a type test or an `exists` guard comes
   * first and is false on most resources), so it skips compiling most of a large generated condition;
   * mistakes in a member not yet reached are not reported, and `counts`, `aliasesUsed` and
   * `functionsUsed` only cover what was compiled. And a false outcome carries no evidence where no
   * `not` can turn it into a true one (an `anyOf` of hundreds of checks does not collect the evidence
   * of each false one). For evaluating a condition an eager compile has checked (a rule's
   * `compiled`), never for checking one.
   */
  readonly linting?: boolean;
}

/** Keys sigil adds to a condition to choose a rule message; stripped from generated policies. */
export const ANNOTATION_KEYS: readonly string[] = ['messageId', 'messageData'];

type Binding =
  | { readonly kind: 'field'; readonly steps: readonly PathStep[]; readonly item: Item; readonly alias: string }
  | { readonly kind: 'value'; readonly name: string; readonly value: Value };

/** The scope of a policy evaluation: the state is reachable from the functions it resolves. */
interface PolicyScope extends Scope {
  readonly state: State;
}

const stateOf = (ctx: { scope: Scope }): State => (ctx.scope as PolicyScope).state;

/** Policy-only functions. Static: each call finds the evaluation it belongs to through its scope. */
const CONTEXT_FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(
  [
    fn('field', 1, 1, (a, c) => {
      const s = stateOf(c);
      const name = str('field', a, 0);
      const { selection } = s.compiled.resolveField(name, s, true);
      s.record(name, selection);
      return fieldFunctionValue(selection);
    }),
    fn('current', 0, 1, (a, c) => stateOf(c).current(a.length ? str('current', a, 0) : undefined)),
    fn('parameters', 1, 1, (a, c) => stateOf(c).parameter(str('parameters', a, 0))),
    fn('requestContext', 0, 0, (_a, c) => ({
      apiVersion: stateOf(c).input.resource.apiVersion,
      identity: new Unknown('the caller identity is known only when Azure evaluates a request'),
    })),
    fn('policy', 0, 0, () => {
      const u = new Unknown('the policy assignment is known only in Azure');
      return { assignmentId: u, definitionId: u, setDefinitionId: u, definitionReferenceId: u };
    }),
    fn('subscription', 0, 0, (_a, c) => subscriptionObject(stateOf(c).input.resource.scope)),
    fn('resourceGroup', 0, 0, (_a, c) => resourceGroupObject(stateOf(c).input.resource.scope)),
    ...clockFunctions((c) => stateOf(c).input.now),
  ].map((f) => [f.name.toLowerCase(), f]),
);

class State {
  readonly bindings: Binding[] = [];
  /** Field selections outside any count: conditions read the same field several times. */
  readonly fields = new Map<string, { selection: Selection; steps: readonly PathStep[] }>();
  /** Where `field()` and `current()` record what they read, while a value expression is evaluated. */
  sink: Evidence[] | undefined;
  readonly scope: PolicyScope;
  /** Charges the budget for field selection steps (one function for every field read). */
  readonly charge: (n: number) => void;
  private parameters: Map<string, Value> | undefined;

  constructor(
    readonly input: EvaluationInput,
    readonly budget: Budget,
    readonly compiled: CompiledCondition,
  ) {
    this.scope = { budget, state: this, resolve };
    this.charge = (n) => budget.charge(n);
  }

  parameter(name: string): Value {
    if (!this.parameters) {
      this.parameters = new Map();
      for (const [k, v] of Object.entries(this.input.parameters ?? {})) this.parameters.set(k.toLowerCase(), v);
    }
    const v = this.parameters.get(name.toLowerCase());
    if (v === undefined) throw new TemplateFunctionError(`parameters(): the policy has no parameter "${name}"`);
    return v;
  }

  record(field: string, selection: Selection): void {
    if (!this.sink) return;
    if (selection.kind === 'single') this.sink.push({ field, path: selection.item.path, value: selection.item.value });
    else if (selection.kind === 'collection') this.sink.push({ field, path: selection.arrayPath, value: selection.items.map((i) => i.value as Value) });
  }

  current(name: string | undefined): Value {
    if (this.bindings.length === 0) fail('current', 'can only be used inside a count "where" condition');
    if (name === undefined) {
      const b = this.bindings[this.bindings.length - 1] as Binding;
      if (b.kind === 'value') return b.value;
      this.sink?.push({ field: b.alias, path: b.item.path, value: b.item.value });
      return b.item.value ?? null;
    }
    for (let i = this.bindings.length - 1; i >= 0; i--) {
      const b = this.bindings[i] as Binding;
      if (b.kind === 'value' && b.name === name.toLowerCase()) return b.value;
    }
    const { selection } = this.compiled.resolveField(name, this, false);
    this.record(name, selection);
    if (selection.kind === 'unknown') return selection.unknown;
    if (selection.kind === 'single') return selection.item.value ?? null;
    return selection.items.map((i) => i.value as Value);
  }
}

/** The functions of a policy rule are fixed: compiled expressions bind them once (see checkCalls). */
function staticFunction(name: string): FunctionDef | undefined {
  const lower = name.toLowerCase();
  return isForbiddenInPolicy(lower) ? undefined : (CONTEXT_FUNCTIONS.get(lower) ?? LIBRARY.get(lower));
}

function resolve(namespace: string | undefined, name: string): FunctionDef | undefined {
  if (namespace !== undefined) return undefined;
  const lower = name.toLowerCase();
  if (isForbiddenInPolicy(lower)) {
    throw new UnsupportedFunctionError(`the function "${name}" is not allowed in a policy rule`);
  }
  return CONTEXT_FUNCTIONS.get(lower) ?? LIBRARY.get(lower);
}

type Node = (s: State) => Outcome;

const TRUE: Verdict = 'true';

/** A false outcome whose evidence cannot matter (see CompileOptions.linting): one shared object. */
const FALSE: Outcome = Object.freeze({ verdict: 'false', evidence: Object.freeze([]) as readonly Evidence[] });

function outcome(verdict: Verdict, evidence: readonly Evidence[] = [], reason?: string): Outcome {
  return reason === undefined ? { verdict, evidence } : { verdict, evidence, reason };
}

function fromTruth(t: Truth, evidence: readonly Evidence[]): Outcome {
  if (t instanceof Unknown) return outcome('unknown', evidence, t.reason);
  return outcome(t ? 'true' : 'false', evidence);
}

/** Turns exceptions from expression evaluation into outcomes: function errors fail the evaluation. */
function guard(node: Node): Node {
  return (s) => {
    try {
      return node(s);
    } catch (e) {
      if (e instanceof TemplateFunctionError) return outcome('error', [], e.message);
      if (e instanceof UnsupportedFunctionError || e instanceof LimitError) return outcome('unknown', [], e.message);
      throw e;
    }
  };
}

/** A field as written in a condition, resolved once at compile time when it is not an expression. */
type FieldRef =
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'alias'; readonly name: string }
  | { readonly kind: 'dynamic'; readonly expr: Expr; readonly text: string };

const BUILTIN_FIELDS = new Set(['type', 'name', 'fullname', 'kind', 'location', 'id', 'tags']);

function isBuiltinField(name: string): boolean {
  const lower = name.toLowerCase();
  return BUILTIN_FIELDS.has(lower) || lower.startsWith('tags.') || lower.startsWith('tags[') || lower.startsWith('identity.');
}

/** `East US 2` and `eastus2` are the same location for Azure Policy. */
export function normalizeLocation(v: Value | undefined): Value | undefined {
  return typeof v === 'string' ? v.replace(/\s+/g, '').toLowerCase() : v;
}

/** Normalized lists by identity: a rule's region list (a parameter) is the same array on every resource. */
const normalizedLists = new WeakMap<readonly Value[], Value[]>();

/** A `location` condition's operand, normalized like the field: a string, or the strings of a list. */
function normalizeLocations(v: Value): Value {
  if (!Array.isArray(v)) return normalizeLocation(v) as Value;
  let list = normalizedLists.get(v);
  if (!list) normalizedLists.set(v, (list = v.map((x) => normalizeLocation(x) as Value)));
  return list;
}

/** A compiled policy condition (the `if` of a policy rule). Evaluate it against many resources. */
export class CompiledCondition {
  private readonly root: Node;
  private readonly aliases: AliasTable;
  private readonly lenient: boolean;
  private readonly linting: boolean;
  /** Field count expressions per array alias, and value counts: Azure's compile-time limits. */
  readonly counts = { field: new Map<string, number>(), value: 0 };
  /** Every alias and function the condition uses (for the generator's checks). */
  readonly aliasesUsed = new Set<string>();
  readonly functionsUsed = new Set<string>();

  constructor(readonly json: unknown, options: CompileOptions = {}) {
    this.aliases = options.aliases ?? defaultAliases();
    this.lenient = options.lenientAliases ?? false;
    this.linting = options.linting ?? false;
    this.root = this.node(json, [], 0, !this.linting);
  }

  evaluate(input: EvaluationInput, budget = new Budget()): Outcome {
    return this.root(new State(input, budget, this));
  }

  // ---- compilation -------------------------------------------------------------------------

  /** `falseEvidence`: whether the evidence of a false outcome can matter (always, unless linting). */
  private node(json: unknown, path: JsonPath, countDepth: number, falseEvidence: boolean): Node {
    if (!isObject(json as Value)) throw new PolicyCompileError('a condition must be an object', path);
    const entries = new Map<string, [string, unknown]>();
    for (const [k, v] of Object.entries(json as Record<string, unknown>)) entries.set(k.toLowerCase(), [k, v]);
    const messageId = entries.get('messageid')?.[1];
    const messageData = entries.get('messagedata')?.[1];
    entries.delete('messageid');
    entries.delete('messagedata');
    if (messageId !== undefined && typeof messageId !== 'string') throw new PolicyCompileError('messageId must be a string', path);
    if (messageData !== undefined && !isObject(messageData as Value)) throw new PolicyCompileError('messageData must be an object', path);
    const inner = this.logical(entries, path, countDepth, falseEvidence) ?? this.leaf(entries, path, countDepth, falseEvidence);
    if (messageId === undefined) return inner;
    // messageData values may be expressions (`[current('lun')]`), evaluated where the branch holds:
    // inside a count's `where`, for the member being counted.
    const data = messageData === undefined
      ? undefined
      : Object.entries(messageData as Record<string, unknown>).map(([k, v]) => [k, this.operand(v, [...path, 'messageData', k], countDepth)] as const);
    return (s) => {
      const o = inner(s);
      if (o.verdict !== TRUE || (o.reports && o.reports.length > 0)) return o;
      const report: BranchReport = { messageId, evidence: o.evidence, ...(data ? { messageData: evaluateData(data, s) } : {}) };
      return { ...o, reports: [report] };
    };
  }

  private logical(entries: Map<string, [string, unknown]>, path: JsonPath, countDepth: number, falseEvidence: boolean): Node | undefined {
    for (const op of ['allof', 'anyof', 'not'] as const) {
      const entry = entries.get(op);
      if (!entry) continue;
      if (entries.size !== 1) throw new PolicyCompileError(`"${entry[0]}" cannot be combined with other keys`, path);
      if (op === 'not') {
        // A false member is a true `not`, whose evidence is reported.
        const inner = this.node(entry[1], [...path, entry[0]], countDepth, true);
        return (s) => {
          const o = inner(s);
          const flipped: Verdict = o.verdict === 'true' ? 'false' : o.verdict === 'false' ? 'true' : o.verdict;
          return outcome(flipped, o.evidence, o.reason);
        };
      }
      if (!Array.isArray(entry[1]) || entry[1].length === 0) {
        throw new PolicyCompileError(`"${entry[0]}" needs a non-empty array of conditions`, path);
      }
      const compile = (c: unknown, i: number) => this.node(c, [...path, entry[0], i], countDepth, falseEvidence);
      if (op === 'anyof') return anyOf(entry[1].map(compile), entry[1].map(hasAnnotation), falseEvidence);
      if (!this.linting) return allOf(entry[1].map(compile));
      // Each later member replaces itself with its compiled node when first reached.
      const members: unknown[] = entry[1];
      const children: Node[] = members.map((c, i) =>
        i === 0 ? compile(c, i) : (s: State) => (children[i] = compile(c, i))(s),
      );
      const all = allOf(children);
      const guardField = countDepth === 0 && !falseEvidence ? existsGuard(members[0]) : undefined;
      if (guardField === undefined) return all;
      // `allOf: [{ field: F, exists: true }, ...]` (SIG006 has hundreds, and most resources leave
      // most of their fields out): false without evaluating anything when F is certainly absent.
      return (s) => (this.certainlyAbsent(guardField, s) ? FALSE : all(s));
    }
    return undefined;
  }

  private leaf(entries: Map<string, [string, unknown]>, path: JsonPath, countDepth: number, falseEvidence: boolean): Node {
    const left = ['field', 'value', 'count'].filter((k) => entries.has(k));
    if (entries.has('source')) throw new PolicyCompileError('"source" conditions are no longer supported by Azure Policy', path);
    if (left.length !== 1) throw new PolicyCompileError('a condition needs exactly one of "field", "value" or "count"', path);
    const [leftKey, leftJson] = entries.get(left[0] as string) as [string, unknown];
    entries.delete(left[0] as string);
    if (entries.size !== 1) {
      throw new PolicyCompileError(`a condition needs exactly one operator, found ${entries.size === 0 ? 'none' : [...entries.values()].map((e) => e[0]).join(', ')}`, path);
    }
    const [opKey, operandJson] = [...entries.values()][0] as [string, unknown];
    const op = operatorName(opKey);
    if (!op) throw new PolicyCompileError(`"${opKey}" is not a condition operator`, path);
    const operand = this.operand(operandJson, [...path, opKey], countDepth);
    switch (left[0]) {
      case 'field':
        return guard(this.fieldCondition(leftJson, op, operand, [...path, leftKey], countDepth, falseEvidence));
      case 'value':
        return guard(this.valueCondition(leftJson, op, operand, [...path, leftKey], countDepth));
      default:
        return guard(this.countCondition(leftJson, op, operand, [...path, leftKey], countDepth));
    }
  }

  /** Compiles a JSON operand; strings that are expressions are evaluated at run time. */
  private operand(json: unknown, path: JsonPath, countDepth: number): (s: State) => Value {
    if (!hasExpression(json)) {
      if (json === undefined) throw new PolicyCompileError('missing value', path);
      const constant = unescapeAll(json) as Value;
      return () => constant;
    }
    if (typeof json === 'string') {
      if (!isExpression(json)) {
        const literal = unescapeLiteral(json);
        return () => literal;
      }
      const compiled = compileExpression(this.expression(json, path, countDepth), staticFunction);
      return (s) => {
        const v = compiled(s.scope);
        if (v instanceof Lambda) throw new TemplateFunctionError('an expression cannot evaluate to a lambda');
        return v;
      };
    }
    if (Array.isArray(json)) {
      const items = json.map((x, i) => this.operand(x, [...path, i], countDepth));
      return (s) => items.map((f) => f(s));
    }
    if (isObject(json as Value)) {
      const members = Object.entries(json as Record<string, unknown>).map(([k, v]) => [k, this.operand(v, [...path, k], countDepth)] as const);
      return (s) => {
        const out: ValueObject = {};
        for (const [k, f] of members) defineKey(out, k, f(s));
        return out;
      };
    }
    if (json === undefined) throw new PolicyCompileError('missing value', path);
    const literal = json as Value;
    return () => literal;
  }

  private expression(text: string, path: JsonPath, countDepth: number): Expr {
    let expr: Expr;
    try {
      expr = parseExpression(text.slice(1, -1));
    } catch (e) {
      throw new PolicyCompileError((e as Error).message, path);
    }
    this.checkCalls(expr, path, countDepth);
    // Library functions are pure: fold what does not depend on the resource (the character lists of
    // the naming rules), so it is computed once, not per resource.
    return foldConstants(expr, (n) => LIBRARY.get(n.toLowerCase()), new Budget());
  }

  private checkCalls(expr: Expr, path: JsonPath, countDepth: number): void {
    switch (expr.kind) {
      case 'property':
        return this.checkCalls(expr.target, path, countDepth);
      case 'index':
        this.checkCalls(expr.target, path, countDepth);
        return this.checkCalls(expr.index, path, countDepth);
      case 'call': {
        if (expr.namespace) throw new PolicyCompileError(`user-defined functions ("${expr.namespace}.${expr.name}") are not allowed in a policy rule`, path);
        const lower = expr.name.toLowerCase();
        if (isForbiddenInPolicy(lower)) throw new PolicyCompileError(`the function "${expr.name}" is not allowed in a policy rule`, path);
        const known = LIBRARY.has(lower) || CONTEXT_FUNCTIONS.has(lower);
        if (!known) throw new PolicyCompileError(`unknown function "${expr.name}"`, path);
        if (lower === 'current' && countDepth === 0) throw new PolicyCompileError('current() can only be used inside a count "where" condition', path);
        if (lower === 'field' && expr.args[0]?.kind === 'string') this.checkField(expr.args[0].value, path);
        this.functionsUsed.add(lower);
        for (const a of expr.args) this.checkCalls(a, path, countDepth);
        return;
      }
      default:
        return;
    }
  }

  private checkField(name: string, path: JsonPath): void {
    if (isBuiltinField(name)) return;
    if (this.aliases.has(name)) {
      this.aliasesUsed.add(this.aliases.any(name)?.alias ?? name);
      return;
    }
    if (this.lenient && conventionalAlias(name)) return;
    throw new PolicyCompileError(`"${name}" is not a known policy alias or field`, path);
  }

  private fieldRef(json: unknown, path: JsonPath, countDepth: number): FieldRef {
    if (typeof json !== 'string') throw new PolicyCompileError('"field" must be a string', path);
    if (isExpression(json)) return { kind: 'dynamic', expr: this.expression(json, path, countDepth), text: json };
    this.checkField(json, path);
    return isBuiltinField(json) ? { kind: 'builtin', name: json } : { kind: 'alias', name: json };
  }

  private fieldCondition(json: unknown, op: OperatorName, operand: (s: State) => Value, path: JsonPath, countDepth: number, falseEvidence: boolean): Node {
    const ref = this.fieldRef(json, path, countDepth);
    const isType = ref.kind === 'builtin' && ref.name.toLowerCase() === 'type';
    const staticLocation = ref.kind !== 'dynamic' && ref.name.toLowerCase() === 'location';
    const evidenceOf = (name: string, item: Item): Evidence[] => (isType ? [] : [{ field: name, path: item.path, value: item.value }]);
    return (s) => {
      const name = ref.kind === 'dynamic' ? this.dynamicFieldName(ref, s) : ref.name;
      const { selection } = this.resolveField(name, s, false);
      if (selection.kind === 'unknown') return outcome('unknown', [], selection.unknown.reason);
      // The location field compares normalized on both sides: `East US 2` in the condition matches a
      // resource in `eastus2`.
      const location = ref.kind === 'dynamic' ? name.toLowerCase() === 'location' : staticLocation;
      const b = location ? normalizeLocations(checked(operand(s))) : checked(operand(s));
      if (selection.kind === 'single') {
        const t = applyOperator(op, selection.item.value, b, s.budget);
        return t === false && !falseEvidence ? FALSE : fromTruth(t, evidenceOf(name, selection.item));
      }
      // `[*]`: every member must satisfy the operator; an empty collection satisfies it vacuously.
      const falses: Evidence[] = [];
      let pending: Unknown | undefined;
      for (const item of selection.items) {
        s.budget.charge();
        const t = applyOperator(op, item.value, b, s.budget);
        if (t === false) falses.push(...evidenceOf(name, item));
        else if (t instanceof Unknown) pending ??= t;
      }
      if (falses.length > 0) return falseEvidence ? outcome('false', falses) : FALSE;
      if (pending) return outcome('unknown', [], pending.reason);
      const all = selection.items.length > 0 ? selection.items.flatMap((item) => evidenceOf(name, item)) : [{ field: name, path: selection.arrayPath, value: undefined }];
      return outcome('true', all);
    };
  }

  /**
   * Whether a field (an alias without `[*]`, read outside any count) is absent on the resource, so that
   * `exists: true` on it is false: the walk `selectOne` makes, without building a selection, and
   * charging the budget as it does. Any doubt (an unknown on the way, an error, a spent budget, a field
   * already read) says "not certain", and the condition is evaluated as written.
   */
  private certainlyAbsent(name: string, s: State): boolean {
    if (s.fields.has(name)) return false;
    try {
      const steps = this.fieldPath(name, s.input.resource.type);
      if (steps === 'builtin') return false;
      if (steps === 'none') return true; // another type's alias: selects nothing
      let value: Value | undefined = s.input.resource.body;
      for (const step of steps) {
        if (!('key' in step) || value instanceof Unknown) return false;
        if (!isObject(value)) {
          value = undefined;
          break;
        }
        const k = findKey(value, step.key);
        value = k === undefined ? undefined : value[k];
        if (value === undefined) break;
      }
      if (value !== undefined && value !== null) return false;
      s.budget.charge(steps.length);
      return true;
    } catch {
      return false;
    }
  }

  private dynamicFieldName(ref: Extract<FieldRef, { kind: 'dynamic' }>, s: State): string {
    const v = new Evaluator(s.scope).evaluate(ref.expr);
    if (v instanceof Unknown) throw new UnsupportedFunctionError(`the field name ${ref.text} is not known`);
    if (typeof v !== 'string') throw new TemplateFunctionError(`the field expression ${ref.text} must return a string`);
    if (!isBuiltinField(v) && !this.aliases.has(v) && !(this.lenient && conventionalAlias(v))) {
      throw new TemplateFunctionError(`"${v}" is not a known policy alias or field`);
    }
    return v;
  }

  private valueCondition(json: unknown, op: OperatorName, operand: (s: State) => Value, path: JsonPath, countDepth: number): Node {
    const left = this.operand(json, path, countDepth);
    return (s) => {
      const { value, evidence } = reading(s, left);
      const b = checked(operand(s));
      return fromTruth(applyOperator(op, value, b, s.budget), evidence);
    };
  }

  private countCondition(json: unknown, op: OperatorName, operand: (s: State) => Value, path: JsonPath, countDepth: number): Node {
    if (!isObject(json as Value)) throw new PolicyCompileError('"count" must be an object', path);
    const spec = new Map(Object.entries(json as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), [k, v] as const]));
    const where = spec.get('where');
    // Only the members for which `where` holds give evidence.
    const whereNode = where ? this.node(where[1], [...path, where[0]], countDepth + 1, !this.linting) : undefined;
    const nameEntry = spec.get('name');
    for (const [k, [orig]] of spec) {
      if (!['field', 'value', 'where', 'name'].includes(k)) throw new PolicyCompileError(`"${orig}" is not a count property`, path);
    }
    const fieldEntry = spec.get('field');
    const valueEntry = spec.get('value');
    if (!!fieldEntry === !!valueEntry) throw new PolicyCompileError('"count" needs exactly one of "field" or "value"', path);

    if (fieldEntry) {
      const ref = this.fieldRef(fieldEntry[1], [...path, fieldEntry[0]], countDepth);
      if (ref.kind !== 'alias' || !ref.name.endsWith('[*]')) throw new PolicyCompileError('a field count needs an array alias ending in [*]', path);
      const arrayAlias = ref.name.replace(/\[\*\]$/, '').toLowerCase();
      this.counts.field.set(arrayAlias, (this.counts.field.get(arrayAlias) ?? 0) + 1);
      return (s) => {
        const { selection, steps } = this.resolveField(ref.name, s, false);
        if (selection.kind === 'unknown') return outcome('unknown', [], selection.unknown.reason);
        const items = selection.kind === 'collection' ? selection.items : [];
        const arrayEvidence: Evidence = { field: ref.name, path: selection.kind === 'collection' ? selection.arrayPath : [], value: undefined };
        return this.tally(s, items.map((item) => ({
          binding: { kind: 'field' as const, steps, item, alias: ref.name },
          evidence: { field: ref.name, path: item.path, value: item.value },
        })), whereNode, op, operand, [arrayEvidence]);
      };
    }

    if (nameEntry && (typeof nameEntry[1] !== 'string' || !/^[A-Za-z0-9]+$/.test(nameEntry[1]))) {
      throw new PolicyCompileError('a count "name" must be letters and digits', path);
    }
    const name = typeof nameEntry?.[1] === 'string' ? nameEntry[1].toLowerCase() : 'default';
    const values = this.operand((valueEntry as readonly [string, unknown])[1], [...path, (valueEntry as readonly [string, unknown])[0]], countDepth);
    this.counts.value++;
    return (s) => {
      const { value: arr, evidence: sink } = reading(s, values);
      if (arr instanceof Unknown) return outcome('unknown', [], arr.reason);
      if (!Array.isArray(arr)) return outcome('error', [], 'a value count needs an array');
      if (arr.length > 100) return outcome('error', [], `a value count iterates over ${arr.length} members; Azure Policy allows 100`);
      return this.tally(s, arr.map((value) => ({ binding: { kind: 'value' as const, name, value } })), whereNode, op, operand, sink);
    };
  }

  /** Counts the members for which `where` holds, with unknowns as a range, and applies the operator. */
  private tally(
    s: State,
    members: readonly { binding: Binding; evidence?: Evidence }[],
    where: Node | undefined,
    op: OperatorName,
    operand: (s: State) => Value,
    baseEvidence: readonly Evidence[],
  ): Outcome {
    let sure = 0;
    let maybe = 0;
    const matched: Evidence[] = [];
    // Annotated branches inside `where` report once per member they hold for.
    const reports: BranchReport[] = [];
    let unknownReason: string | undefined;
    for (const m of members) {
      s.budget.charge();
      let verdict: Verdict = 'true';
      let evidence: readonly Evidence[] = [];
      if (where) {
        s.bindings.push(m.binding);
        try {
          const o = where(s);
          verdict = o.verdict;
          evidence = o.evidence;
          if (o.verdict === 'error') return o;
          if (o.verdict === 'unknown') unknownReason ??= o.reason;
          if (o.verdict === 'true' && o.reports) reports.push(...o.reports);
        } finally {
          s.bindings.pop();
        }
      }
      if (verdict === 'true') {
        sure++;
        matched.push(...(m.evidence ? [m.evidence] : evidence));
      } else if (verdict === 'unknown') {
        maybe++;
      }
    }
    const b = checked(operand(s));
    const first = applyOperator(op, sure, b);
    if (first instanceof Unknown) return outcome('unknown', [], first.reason);
    if (maybe > 1000) return outcome('unknown', [], unknownReason);
    for (let n = sure + 1; n <= sure + maybe; n++) {
      if (applyOperator(op, n, b) !== first) return outcome('unknown', [], unknownReason);
    }
    const result = outcome(first ? 'true' : 'false', matched.length > 0 ? matched : baseEvidence);
    return first && reports.length > 0 ? { ...result, reports } : result;
  }

  // ---- field resolution ----------------------------------------------------------------------

  /**
   * Resolves a field for the resource under evaluation, honouring count bindings: inside a count over
   * `A[*]`, every alias under `A[*]` sees only the current member. `asFunction` gives `field()`'s view,
   * where a bound `[*]` alias is a one-element array.
   */
  resolveField(name: string, s: State, asFunction: boolean): { selection: Selection; steps: readonly PathStep[] } {
    if (s.bindings.length > 0) return this.selectField(name, s, asFunction);
    let cached = s.fields.get(name);
    if (!cached) s.fields.set(name, (cached = this.selectField(name, s, asFunction)));
    return cached;
  }

  /** How a field name reads on a resource type: a built-in field, a path, or nothing (another type's alias). */
  private fieldPath(name: string, type: string): readonly PathStep[] | 'builtin' | 'none' {
    let forType = this.fieldPaths.get(type);
    if (!forType) this.fieldPaths.set(type, (forType = new Map()));
    let path = forType.get(name);
    if (path !== undefined) return path;
    if (isBuiltinField(name)) path = 'builtin';
    else {
      const entry = this.aliases.resolve(name, type);
      if (entry) path = entry.path;
      else if (this.aliases.has(name)) path = 'none';
      else {
        const conventional = this.lenient ? conventionalAlias(name) : undefined;
        if (!conventional) throw new TemplateFunctionError(`"${name}" is not a known policy alias`);
        path = conventional.resourceType.toLowerCase() === type.toLowerCase() ? conventional.path : 'none';
      }
    }
    forType.set(name, path);
    return path;
  }

  /** Resource type -> field name -> how it reads (see fieldPath). */
  private readonly fieldPaths = new Map<string, Map<string, readonly PathStep[] | 'builtin' | 'none'>>();

  private selectField(name: string, s: State, asFunction: boolean): { selection: Selection; steps: readonly PathStep[] } {
    const resource = s.input.resource;
    const charge = s.charge;
    const steps = this.fieldPath(name, resource.type);
    if (steps === 'builtin') return { selection: builtinField(name, resource), steps: [] };
    if (steps === 'none') {
      // A known alias of another resource type: nothing is selected.
      return {
        selection: name.includes('[*]') ? { kind: 'collection', items: [], arrayPath: [] } : { kind: 'single', item: { value: undefined, path: [] } },
        steps: [],
      };
    }
    for (let i = s.bindings.length - 1; i >= 0; i--) {
      const b = s.bindings[i] as Binding;
      if (b.kind !== 'field' || !isPrefix(b.steps, steps)) continue;
      const rest = steps.slice(b.steps.length);
      const selection = select(b.item, rest, charge);
      if (asFunction && selection.kind === 'single' && rest.every((st) => !('wildcard' in st))) {
        const v = selection.item.value;
        return { selection: { kind: 'collection', items: v === undefined ? [] : [selection.item], arrayPath: selection.item.path }, steps };
      }
      return { selection, steps };
    }
    return { selection: select({ value: resource.body, path: [] }, steps, charge), steps };
  }
}

/** The field of a condition `{ field: F, exists: true }` (F an alias without `[*]`), else undefined. */
function existsGuard(json: unknown): string | undefined {
  if (!isObject(json as Value)) return undefined;
  const entries = Object.entries(json as Record<string, unknown>);
  if (entries.length !== 2) return undefined;
  let field: unknown;
  let exists: unknown;
  for (const [k, v] of entries) {
    const lower = k.toLowerCase();
    if (lower === 'field') field = v;
    else if (lower === 'exists') exists = v;
  }
  if (typeof field !== 'string' || exists !== true || isExpression(field) || isBuiltinField(field) || field.includes('[*]')) return undefined;
  return field;
}

/** Whether a JSON operand contains an expression string anywhere (else it is a constant). */
function hasExpression(json: unknown): boolean {
  if (typeof json === 'string') return isExpression(json);
  if (Array.isArray(json)) return json.some(hasExpression);
  if (json !== null && typeof json === 'object') return Object.values(json).some(hasExpression);
  return false;
}

/** A constant operand as the policy engine reads it: `[[` escapes removed from its strings. */
function unescapeAll(json: unknown): unknown {
  if (typeof json === 'string') return unescapeLiteral(json);
  if (Array.isArray(json)) return json.map(unescapeAll);
  if (json !== null && typeof json === 'object') {
    const out: ValueObject = {};
    for (const [k, v] of Object.entries(json)) defineKey(out, k, unescapeAll(v) as Value);
    return out;
  }
  return json;
}

function isPrefix(prefix: readonly PathStep[], steps: readonly PathStep[]): boolean {
  if (prefix.length > steps.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const p = prefix[i] as PathStep;
    const q = steps[i] as PathStep;
    if ('wildcard' in p) {
      if (!('wildcard' in q)) return false;
    } else if (!('key' in q) || (p.key !== q.key && p.key.toLowerCase() !== q.key.toLowerCase())) return false;
  }
  return true;
}

function builtinField(name: string, resource: EvaluationInput['resource']): Selection {
  const lower = name.toLowerCase();
  const single = (value: Value | undefined, path: JsonPath): Selection => ({ kind: 'single', item: { value, path } });
  // The body is evaluated lazily: `type` and `name` do not need it.
  switch (lower) {
    case 'type':
      return single(resource.type, ['type']);
    case 'name':
      return single(resource.name, ['name']);
    case 'fullname':
      return single(resource.fullName, ['name']);
    case 'id':
      return single(resource.id, []);
    case 'kind':
      return bodyMember(resource.body, 'kind', (v) => v);
    case 'location':
      return bodyMember(resource.body, 'location', normalizeLocation);
    case 'tags':
      return bodyMember(resource.body, 'tags', (v) => v);
  }
  const body = resource.body;
  if (lower.startsWith('identity.')) {
    const steps = name.slice('identity.'.length).split('.').map((key) => ({ key }));
    return select({ value: body, path: [] }, [{ key: 'identity' }, ...steps], () => undefined);
  }
  const tag = tagName(name);
  const tags = getKey(body, 'tags');
  if (tags instanceof Unknown) return { kind: 'unknown', unknown: tags, path: ['tags'] };
  const tagsKey = findKey(body, 'tags') ?? 'tags';
  if (!isObject(tags)) return single(undefined, [tagsKey, tag]);
  const key = findKey(tags, tag);
  return single(key === undefined ? undefined : tags[key], [tagsKey, key ?? tag]);
}

/**
 * A top-level member of the body. The evidence path spells keys as the body does (`Location`,
 * `tags.ENV` for a tag written `env`), as alias paths do: source locations are found by exact key.
 */
function bodyMember(body: ValueObject, key: string, map: (v: Value | undefined) => Value | undefined): Selection {
  const k = findKey(body, key);
  return { kind: 'single', item: { value: map(k === undefined ? undefined : body[k]), path: [k ?? key] } };
}

/** `tags.x`, `tags[x]`, `tags['x']`, `tags['''quoted''']` -> the tag name. */
function tagName(field: string): string {
  const rest = field.slice(4);
  if (rest.startsWith('.')) return rest.slice(1);
  const inner = rest.slice(1, -1);
  if (inner.startsWith("'") && inner.endsWith("'") && inner.length >= 2) return inner.slice(1, -1).replace(/''/g, "'");
  return inner;
}

/**
 * The value an operator compares with must not be null: Azure Policy fails the evaluation (an
 * implicit deny) rather than comparing with an empty string, so a condition must guard it (`coalesce`).
 */
function checked(operand: Value): Value {
  if (operand === null) throw new TemplateFunctionError('the value to compare with is null (guard it with coalesce())');
  return operand;
}

/** Evaluates a branch's messageData; a value that cannot be computed is left out of the message. */
function evaluateData(data: readonly (readonly [string, (s: State) => Value])[], s: State): Record<string, Value> {
  const out: Record<string, Value> = {};
  const outer = s.sink;
  s.sink = undefined; // what a message quotes is not evidence
  try {
    for (const [key, evaluate] of data) {
      try {
        defineKey(out, key, evaluate(s));
      } catch (e) {
        if (!(e instanceof TemplateFunctionError || e instanceof UnsupportedFunctionError || e instanceof LimitError)) throw e;
      }
    }
  } finally {
    s.sink = outer;
  }
  return out;
}

/** Evaluates an expression operand, collecting the fields it reads (`field()`, `current()`) as evidence. */
function reading(s: State, evaluate: (s: State) => Value): { value: Value; evidence: Evidence[] } {
  const outer = s.sink;
  const evidence: Evidence[] = [];
  s.sink = evidence;
  try {
    return { value: evaluate(s), evidence };
  } finally {
    s.sink = outer;
  }
}

function allOf(children: readonly Node[]): Node {
  return (s) => {
    // Allocated on the first true child: most conditions stop at a first false one, on every resource.
    let evidence: Evidence[] | undefined;
    let reports: BranchReport[] | undefined;
    let pending: Outcome | undefined;
    for (const child of children) {
      const o = child(s);
      // A false outcome carries nothing but its evidence (no reason, no reports).
      if (o.verdict === 'false') return o;
      // Azure stops at the first false condition; an error after an unknown might never be reached.
      if (o.verdict === 'error') return pending ? outcome('unknown', [], pending.reason) : o;
      if (o.verdict === 'unknown') pending ??= o;
      else {
        evidence ??= [];
        for (const e of o.evidence) evidence.push(e);
        if (o.reports && o.reports.length > 0) (reports ??= []).push(...o.reports);
      }
    }
    if (pending) return outcome('unknown', [], pending.reason);
    return { verdict: 'true', evidence: evidence ?? [], ...(reports ? { reports } : {}) };
  };
}

/** Whether a condition carries a `messageId` annotation anywhere (so it can produce reports). */
function hasAnnotation(json: unknown): boolean {
  if (json === null || typeof json !== 'object') return false;
  if (Array.isArray(json)) return json.some(hasAnnotation);
  return Object.entries(json).some(([k, v]) => k.toLowerCase() === 'messageid' || hasAnnotation(v));
}

function anyOf(children: readonly Node[], annotated: readonly boolean[], falseEvidence: boolean): Node {
  // Whether an annotated member follows member i: then a true member i is not the end (see withOtherReports).
  const annotatedAfter = children.map((_, i) => annotated.some((a, j) => a && j > i));
  return (s) => {
    let pending: Outcome | undefined;
    let evidence: Evidence[] | undefined;
    for (let i = 0; i < children.length; i++) {
      const o = (children[i] as Node)(s);
      if (o.verdict === 'true') return annotatedAfter[i] ? withOtherReports(o, children.slice(i + 1), s) : o;
      if (o.verdict === 'error') return pending ? outcome('unknown', [], pending.reason) : o;
      if (o.verdict === 'unknown') pending ??= o;
      else if (falseEvidence && o.evidence.length > 0) {
        evidence ??= [];
        for (const e of o.evidence) evidence.push(e);
      }
    }
    if (pending) return outcome('unknown', [], pending.reason);
    return falseEvidence ? outcome('false', evidence) : FALSE;
  };
}

/**
 * After the first true member of an `anyOf` decided the verdict, the remaining annotated members are
 * still evaluated for their reports, so a resource with several problems gets them all at once. Azure
 * would not evaluate them: their errors and unknowns are ignored, and the verdict stays as decided.
 * This holds also when the first true member has no annotation of its own, so that the reports do not
 * depend on the order of the members.
 */
function withOtherReports(first: Outcome, rest: readonly Node[], s: State): Outcome {
  const own = first.reports ?? [];
  const reports = [...own];
  for (const node of rest) {
    const o = node(s);
    if (o.verdict === 'true') reports.push(...(o.reports ?? []));
  }
  return reports.length === own.length ? first : { ...first, reports };
}

export function compileCondition(json: unknown, options?: CompileOptions): CompiledCondition {
  return new CompiledCondition(json, options);
}

/**
 * Removes sigil's message annotations from the condition nodes (not from operand values), giving the
 * condition Azure Policy receives.
 */
export function stripAnnotations(condition: unknown): unknown {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return condition;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(condition)) {
    const lower = k.toLowerCase();
    if (ANNOTATION_KEYS.some((a) => a.toLowerCase() === lower)) continue;
    if (lower === 'allof' || lower === 'anyof') out[k] = Array.isArray(v) ? v.map(stripAnnotations) : v;
    else if (lower === 'not') out[k] = stripAnnotations(v);
    else if (lower === 'count' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([ck, cv]) => [ck, ck.toLowerCase() === 'where' ? stripAnnotations(cv) : cv]));
    } else out[k] = v;
  }
  return out;
}
