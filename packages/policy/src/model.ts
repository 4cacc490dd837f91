import type { Value } from '@sigil/core';

/** A parameter of a policy definition or initiative, as Azure stores it. */
export interface PolicyParameter {
  readonly type: string;
  readonly metadata: { readonly displayName: string; readonly description: string };
  readonly defaultValue: Value;
  readonly allowedValues?: readonly Value[];
}

export interface PolicyRuleJson {
  readonly if: unknown;
  readonly then: { readonly effect: string; readonly details?: Readonly<Record<string, unknown>> };
}

/** `Microsoft.Authorization/policyDefinitions` as `az policy definition create` and EPAC read it. */
export interface PolicyDefinition {
  readonly name: string;
  readonly properties: {
    readonly displayName: string;
    readonly policyType: 'Custom';
    readonly mode: 'All' | 'Indexed';
    readonly description: string;
    readonly metadata: DefinitionMetadata;
    readonly parameters: Readonly<Record<string, PolicyParameter>>;
    readonly policyRule: PolicyRuleJson;
  };
}

export interface DefinitionMetadata {
  readonly version: string;
  readonly category: 'Compute';
  readonly source: 'sigil';
  readonly ruleCode: string;
  readonly ruleName: string;
  readonly severity: string;
  readonly docs?: string;
}

export interface DefinitionReference {
  readonly policyDefinitionReferenceId: string;
  /** The definition's name; each format turns it into an id at its own scope. */
  readonly policyDefinitionName: string;
  readonly groupNames: readonly string[];
  /** Definition parameter -> initiative parameter it is passed from. */
  readonly parameters: Readonly<Record<string, string>>;
}

export interface PolicyDefinitionGroup {
  readonly name: string;
  readonly category: 'Compute';
  readonly displayName: string;
  readonly description: string;
}

/** The initiative (`policySetDefinitions`), with references by definition name. */
export interface Initiative {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly metadata: { readonly version: string; readonly category: 'Compute'; readonly source: 'sigil' };
  readonly parameters: Readonly<Record<string, PolicyParameter>>;
  readonly groups: readonly PolicyDefinitionGroup[];
  readonly references: readonly DefinitionReference[];
}

export interface NonComplianceMessage {
  readonly policyDefinitionReferenceId: string;
  readonly message: string;
}

/** The example assignment of the initiative. */
export interface Assignment {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly nonComplianceMessages: readonly NonComplianceMessage[];
}

/** Everything the emitters write, built once from the rules. */
export interface PolicyModel {
  readonly definitions: readonly PolicyDefinition[];
  readonly initiative: Initiative;
  readonly assignment: Assignment;
  /** Rules that get no definition, with the reason (graph rules Azure Policy cannot express). */
  readonly skipped: readonly { readonly code: string; readonly reason: string }[];
}
