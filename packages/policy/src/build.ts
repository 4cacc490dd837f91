import { createHash } from 'node:crypto';
import type { Rule, RuleSeverity, Value } from '@sigil/core';
import type { Assignment, DefinitionReference, Initiative, PolicyDefinition, PolicyDefinitionGroup, PolicyModel, PolicyParameter } from './model.js';
import { buildDefinition, contentHash } from './definition.js';
import { checkDefinition, POLICY_LIMITS } from './checks.js';
import { SIGIL_NAMESPACE, uuidV5 } from './uuid.js';
import { nextEntry, FIRST_VERSION, type LockEntry, type VersionLock } from './versions.js';

/** The key of the initiative in the version lock. */
export const INITIATIVE_LOCK_KEY = 'initiative';

export interface BuildOptions {
  /** The committed version lock; a definition whose content changed gets the next version. */
  readonly lock: VersionLock;
  /** Rule options by rule code (from `.sigil.yaml`): they become the parameters' defaults. */
  readonly overrides?: Readonly<Record<string, Readonly<Record<string, Value>>>>;
  /** The group (resource kind) of a rule, e.g. its folder's first segment `image-version`. */
  readonly groupOf: (rule: Rule) => string;
  readonly docsUrl?: (rule: Rule) => string | undefined;
  /** Severity by rule code (from `.sigil.yaml`), over the rules' own: it chooses the default effect. */
  readonly severity?: Readonly<Record<string, RuleSeverity>>;
  /**
   * A version set outside the lock: a custom rule's, from the user's configuration. Such a rule is
   * neither read from nor written to the lock, which holds sigil's own rules.
   */
  readonly versionOf?: (rule: Rule) => string | undefined;
  /** Where a rule was written (`.sigil.yaml:12:5` for a custom rule), named in its problems. */
  readonly sourceOf?: (rule: Rule) => string | undefined;
}

export interface BuildResult {
  readonly model: PolicyModel;
  /** The lock for this model: equal to the input lock when no definition changed. */
  readonly lock: VersionLock;
  /** Lock keys whose entry changed (a condition changed without a version bump in the lock). */
  readonly changed: readonly string[];
}

/** Thrown when a rule would give a definition Azure refuses: nothing is written. */
export class PolicyBuildError extends Error {
  override readonly name = 'PolicyBuildError';
  constructor(readonly problems: readonly string[]) {
    super(`cannot generate valid policy definitions:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

const GROUPS: Readonly<Record<string, { displayName: string; description: string }>> = {
  general: { displayName: 'All gallery resources', description: 'Rules on galleries, image definitions, image versions and applications alike.' },
  gallery: { displayName: 'Galleries', description: 'Rules on Microsoft.Compute/galleries.' },
  'image-definition': { displayName: 'Image definitions', description: 'Rules on Microsoft.Compute/galleries/images.' },
  'image-version': { displayName: 'Image versions', description: 'Rules on Microsoft.Compute/galleries/images/versions.' },
  custom: { displayName: 'Custom rules', description: 'Rules of your own, from the customRules of the sigil configuration.' },
};

/** Every policy object sigil generates, from the rules that Azure Policy can express. */
export function buildPolicyModel(rules: readonly Rule[], options: BuildOptions): BuildResult {
  const lock: Record<string, LockEntry> = {};
  const changed: string[] = [];
  const definitions: { rule: Rule; definition: PolicyDefinition }[] = [];
  const problems: string[] = [];
  const skipped: { code: string; reason: string }[] = [];
  for (const rule of rules) {
    if (!rule.policy) {
      skipped.push({ code: rule.code, reason: typeof rule.meta.policy === 'object' ? rule.meta.policy.reason : 'no condition' });
      continue;
    }
    const severity = options.severity?.[rule.code];
    const docsUrl = options.docsUrl?.(rule);
    const draft = buildDefinition(rule, {
      version: FIRST_VERSION,
      ...(options.overrides ? { overrides: options.overrides } : {}),
      ...(docsUrl ? { docsUrl } : {}),
      ...(severity ? { severity } : {}),
    });
    let version = options.versionOf?.(rule);
    if (version === undefined) {
      const entry = nextEntry(options.lock[rule.code], contentHash(draft.properties), draft.properties.parameters);
      if (entry !== options.lock[rule.code]) changed.push(rule.code);
      lock[rule.code] = entry;
      version = entry.version;
    }
    const definition: PolicyDefinition = { ...draft, properties: { ...draft.properties, metadata: { ...draft.properties.metadata, version } } };
    const source = options.sourceOf?.(rule);
    problems.push(...checkDefinition(definition).problems.map((p) => (source ? `${source}: ${p}` : p)));
    definitions.push({ rule, definition });
  }
  const initiativeDraft = buildInitiative(definitions, options, '0.0.0');
  const initiativeEntry = nextEntry(
    options.lock[INITIATIVE_LOCK_KEY],
    createHash('sha256').update(JSON.stringify({ ...initiativeDraft, metadata: undefined, versions: definitions.map((d) => d.definition.properties.metadata.version) })).digest('hex').slice(0, 16),
    initiativeDraft.parameters,
  );
  if (initiativeEntry !== options.lock[INITIATIVE_LOCK_KEY]) changed.push(INITIATIVE_LOCK_KEY);
  lock[INITIATIVE_LOCK_KEY] = initiativeEntry;
  const initiative = buildInitiative(definitions, options, initiativeEntry.version);
  if (Object.keys(initiative.parameters).length > POLICY_LIMITS.parametersPerInitiative) {
    problems.push(`initiative: ${Object.keys(initiative.parameters).length} parameters; Azure allows ${POLICY_LIMITS.parametersPerInitiative}`);
  }
  const initiativeBytes = Buffer.byteLength(JSON.stringify(initiative));
  if (initiativeBytes > POLICY_LIMITS.requestBytes) problems.push(`initiative: the request body has ${initiativeBytes} bytes; Azure allows ${POLICY_LIMITS.requestBytes}`);
  if (definitions.length > POLICY_LIMITS.definitionsPerInitiative) problems.push(`initiative: ${definitions.length} definitions; Azure allows ${POLICY_LIMITS.definitionsPerInitiative}`);
  if (problems.length > 0) throw new PolicyBuildError(problems);
  return {
    model: { definitions: definitions.map((d) => d.definition), initiative, assignment: buildAssignment(definitions, options), skipped },
    lock,
    changed,
  };
}

/** The reference id of a rule's definition in the initiative: code and name, stable and readable. */
export function referenceId(rule: Rule): string {
  return `${rule.code}-${rule.name}`;
}

/**
 * The initiative's parameters pass through to its definitions: one effect per definition
 * (`SIG302_effect`), one parameter per data set shared by the rules that read it (`regions`), and
 * each other rule option as `SIG304_maxReplicaCount`.
 */
function buildInitiative(definitions: readonly { rule: Rule; definition: PolicyDefinition }[], options: BuildOptions, version: string): Initiative {
  const parameters: Record<string, PolicyParameter> = {};
  const references: DefinitionReference[] = [];
  const groups = new Map<string, PolicyDefinitionGroup>();
  for (const { rule, definition } of definitions) {
    const group = options.groupOf(rule);
    if (!groups.has(group)) {
      const known = GROUPS[group];
      groups.set(group, { name: group, category: 'Compute', displayName: known?.displayName ?? group, description: known?.description ?? `Rules of the group ${group}.` });
    }
    const passed: Record<string, string> = {};
    for (const [name, p] of Object.entries(definition.properties.parameters)) {
      const data = rule.parameters?.[name]?.data;
      const outer = data ?? `${rule.code}_${name}`;
      const existing = parameters[outer];
      if (existing && JSON.stringify(existing.defaultValue) !== JSON.stringify(p.defaultValue)) {
        throw new PolicyBuildError([`initiative: the data set "${outer}" has different defaults in ${rule.code} and another rule`]);
      }
      parameters[outer] = name === 'effect' ? { ...p, metadata: { displayName: `${rule.code} effect`, description: p.metadata.description } } : p;
      passed[name] = outer;
    }
    references.push({ policyDefinitionReferenceId: referenceId(rule), policyDefinitionName: definition.name, groupNames: [group], parameters: passed });
  }
  return {
    name: uuidV5(SIGIL_NAMESPACE, 'initiative:compute-gallery'),
    displayName: 'sigil: Azure Compute Gallery deployment guardrails',
    description: 'Refuses or audits Azure Compute Gallery resources that Azure would reject at deployment (invalid names, regions, replica counts, sources, encryption settings), with the rules of sigil.',
    metadata: { version, category: 'Compute', source: 'sigil' },
    parameters,
    groups: [...groups.values()].sort((a, b) => (a.name < b.name ? -1 : 1)),
    references,
  };
}

/**
 * The example assignment of the initiative. Azure shows a non-compliance message to the person whose
 * deployment was denied: each says what the rule found and how to fix it.
 */
function buildAssignment(definitions: readonly { rule: Rule }[], options: BuildOptions): Assignment {
  return {
    name: 'sigil-compute-gallery',
    displayName: 'sigil: Azure Compute Gallery deployment guardrails',
    description: 'Assignment of the sigil initiative. Each non-compliance message names the rule, what it found and how to fix it.',
    nonComplianceMessages: definitions.map(({ rule }) => {
      const docs = options.docsUrl?.(rule);
      return {
        policyDefinitionReferenceId: referenceId(rule),
        message: `${rule.code} ${rule.name}: ${rule.meta.title}. ${rule.meta.fix}${docs ? ` See ${docs}` : ''}`,
      };
    }),
  };
}
