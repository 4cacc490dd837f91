import type { Value } from './value.js';
import type { JsonPath } from './source.js';
import type { Resource, ResourceGraph } from './graph.js';
import { CompiledCondition, compileCondition } from './policy/compile.js';

export type RuleSeverity = 'error' | 'warning' | 'note';

/** A policy definition parameter, also a rule option (its default applies when the user sets none). */
export interface RuleParameter {
  readonly type: 'String' | 'Array' | 'Object' | 'Boolean' | 'Integer' | 'Float' | 'DateTime';
  readonly defaultValue: Value;
  readonly displayName: string;
  readonly description: string;
  readonly allowedValues?: readonly Value[];
  /**
   * The data set this parameter holds (`regions`, `zrsRegions`...): the config file's `data.<name>`
   * replaces it in every rule that declares it, so a team can add a region without a release.
   */
  readonly data?: string;
}

export interface RuleMeta {
  /** Short title, also the policy definition's display name. */
  readonly title: string;
  readonly severity: RuleSeverity;
  /** ARM resource types the rule looks at (full types, e.g. `Microsoft.Compute/galleries/images`). */
  readonly resourceTypes: readonly string[];
  /** One sentence: what the rule catches. The policy definition's description starts with it. */
  readonly summary: string;
  /** One paragraph: how to fix a finding. Shown in SARIF help and non-compliance messages. */
  readonly fix: string;
  /** The Azure error messages the rule prevents (quoted from the troubleshooting guide). */
  readonly azureErrors: readonly string[];
  /**
   * Whether a policy definition is generated. Condition rules default to true. A rule that Azure
   * Policy cannot express says why, in one line; the docs repeat it.
   */
  readonly policy?: true | { readonly reason: string };
}

/** A finding reported by a `check` (graph or diff rules). */
export interface Report<M extends string = string> {
  readonly resource: Resource;
  /** Body path of the offending property; the resource declaration when omitted. */
  readonly path?: JsonPath;
  readonly messageId: M;
  readonly data?: Readonly<Record<string, Value>>;
  /** Other places that make the finding (another declaration of the same resource, a parent). */
  readonly related?: readonly RelatedReport[];
}

/** A place in another resource that a graph finding points to as well. */
export interface RelatedReport {
  readonly resource: Resource;
  /** Body path in that resource; its name when omitted. */
  readonly path?: JsonPath;
  readonly message: string;
}

export interface CheckContext {
  readonly graph: ResourceGraph;
  readonly now: Date;
  readonly parameters: Readonly<Record<string, Value>>;
}

/**
 * How Azure Policy expresses a graph rule that looks at a related resource: an `AuditIfNotExists`
 * policy. The linter runs the rule's `check` over the whole deployment; the policy compiler emits
 * this. `if` selects the evaluated resources (e.g. VMs whose image is a gallery version); `details`
 * is the effect's `then.details`: the related resource (`type`, `name`, `resourceGroupName`,
 * `existenceScope`) and the `existenceCondition` it must meet, where `[field('...')]` expressions
 * read the evaluated resource.
 */
export interface ExistencePolicy {
  readonly if: unknown;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface RuleDefinition<M extends string> {
  /** Permanent code: `SIG` and three digits. Never reused, never changed. */
  readonly code: string;
  /** Permanent kebab-case name, equal to the rule's folder name. */
  readonly name: string;
  readonly meta: RuleMeta;
  /**
   * Message templates by id. `{value}` is the offending value, `{property}` the name of the offending
   * property, `{name}` the resource name; other placeholders come from `messageData` annotations.
   * When the condition has branches without a `messageId`, a `default` message is used.
   */
  readonly messages: Readonly<Record<M, string>>;
  /**
   * The Azure Policy condition (the `if` of a policy rule), with optional `messageId`/`messageData`
   * annotations on branches. The linter evaluates it; the policy compiler emits it. A function builds
   * it on first use (for conditions generated from large data, so loading the rule set stays cheap).
   */
  readonly condition?: unknown;
  readonly parameters?: Readonly<Record<string, RuleParameter>>;
  /** Code for rules Azure Policy cannot express as a condition (graph and diff rules). */
  readonly check?: (context: CheckContext) => Iterable<Report<M>>;
  /** For a graph rule Azure Policy can express through a related resource: the AuditIfNotExists form. */
  readonly existencePolicy?: ExistencePolicy;
  /**
   * Something to tell the user about a resource the rule evaluates, once per run whatever the number
   * of resources it concerns (e.g. "api-version 2023-01-01 is checked against the 2022-08-03 model").
   * Shown as a warning; never a finding.
   */
  readonly notice?: (resource: Resource) => string | undefined;
}

export interface Rule<M extends string = string> extends RuleDefinition<M> {
  /** The condition as JSON (built and compiled on first use, so loading the rule set stays cheap). */
  readonly conditionJson: unknown;
  readonly compiled: CompiledCondition | undefined;
  /**
   * The same condition compiled for the linter: members of an `allOf` are compiled when first reached
   * (see CompileOptions.linting), so a run compiles only the branches its resources reach. Evaluates
   * exactly as `compiled` does; `compiled` is what checks the condition.
   */
  readonly lintCondition: CompiledCondition | undefined;
  readonly policy: boolean;
}

const CODE = /^[A-Z][A-Z0-9]{1,9}\d{3}$/;
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Thrown for a rule that is not complete: sigil refuses to load it. */
export class RuleDefinitionError extends Error {
  override readonly name = 'RuleDefinitionError';
}

/**
 * The only way to write a rule. Checks the definition is complete (code, name, docs, messages, a
 * condition or a check) and that every `messageId` in the condition has a message.
 */
export function defineRule<M extends string>(definition: RuleDefinition<M>): Rule<M> {
  const { code, name, meta, messages, condition, check, existencePolicy } = definition;
  const fail = (why: string): never => {
    throw new RuleDefinitionError(`rule ${code || '(no code)'} ${name || ''}: ${why}`);
  };
  if (!CODE.test(code)) fail('the code must be letters followed by three digits, e.g. SIG101');
  if (!NAME.test(name)) fail('the name must be kebab-case');
  for (const key of ['title', 'summary', 'fix'] as const) {
    if (!meta[key] || !meta[key].trim()) fail(`meta.${key} is required`);
  }
  if (meta.resourceTypes.length === 0) fail('meta.resourceTypes is empty');
  if (Object.keys(messages).length === 0) fail('at least one message is required');
  if (condition === undefined && !check) fail('a rule needs a condition or a check');
  if (existencePolicy && (!check || condition !== undefined)) fail('an existencePolicy belongs to a graph rule: one with a check and no condition');
  if (condition === undefined && !existencePolicy && (meta.policy === undefined || meta.policy === true)) {
    fail('a rule without a condition must say in meta.policy why Azure Policy cannot express it');
  }
  if (existencePolicy && typeof meta.policy === 'object') fail('a rule with an existencePolicy is a policy rule: meta.policy cannot give a reason against it');
  // An empty reason is no reason: the docs and `sigil rules` would say nothing about the missing policy.
  if (typeof meta.policy === 'object' && !meta.policy.reason?.trim()) fail('meta.policy.reason must say why Azure Policy cannot express the rule');
  const checkMessages = (json: unknown) => {
    for (const id of messageIdsOf(json)) {
      if (!(id in messages)) fail(`the condition uses messageId "${id}" which has no message`);
    }
  };
  if (typeof condition !== 'function') checkMessages(condition);
  let json: unknown;
  let built = false;
  let compiled: CompiledCondition | undefined;
  let lintCondition: CompiledCondition | undefined;
  return {
    ...definition,
    policy: (condition !== undefined || existencePolicy !== undefined) && (meta.policy === undefined || meta.policy === true),
    get conditionJson() {
      if (!built) {
        json = typeof condition === 'function' ? (condition as () => unknown)() : condition;
        if (typeof condition === 'function') checkMessages(json);
        built = true;
      }
      return json;
    },
    get compiled() {
      if (condition === undefined) return undefined;
      compiled ??= compileCondition(this.conditionJson);
      return compiled;
    },
    get lintCondition() {
      if (condition === undefined) return undefined;
      // Once checked whole, the eager compile serves.
      lintCondition ??= compiled ?? compileCondition(this.conditionJson, { linting: true });
      return lintCondition;
    },
  };
}

/** Every `messageId` annotation in a condition, in order. */
export function messageIdsOf(condition: unknown): string[] {
  const ids: string[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      if (k.toLowerCase() === 'messageid' && typeof v === 'string') ids.push(v);
      else walk(v);
    }
  };
  walk(condition);
  return ids;
}

/** A named collection of rules with unique codes and names. */
export class RuleSet {
  private readonly byCode = new Map<string, Rule>();
  private readonly byName = new Map<string, Rule>();
  private readonly folders = new Map<string, string>();

  constructor(rules: readonly { rule: Rule; folder?: string }[] = []) {
    for (const { rule, folder } of rules) this.add(rule, folder);
  }

  add(rule: Rule, folder?: string): void {
    if (this.byCode.has(rule.code)) throw new RuleDefinitionError(`the code ${rule.code} is used by ${this.byCode.get(rule.code)?.name} and ${rule.name}`);
    if (this.byName.has(rule.name)) throw new RuleDefinitionError(`the name ${rule.name} is used twice`);
    this.byCode.set(rule.code, rule);
    this.byName.set(rule.name, rule);
    if (folder) this.folders.set(rule.code, folder);
  }

  get(codeOrName: string): Rule | undefined {
    return this.byCode.get(codeOrName.toUpperCase()) ?? this.byName.get(codeOrName.toLowerCase());
  }

  /** The folder of a built-in rule, relative to `rules/` (e.g. `gallery/gallery-name`). */
  folder(code: string): string | undefined {
    return this.folders.get(code);
  }

  get all(): Rule[] {
    return [...this.byCode.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
  }
}

export type { CompiledCondition };
