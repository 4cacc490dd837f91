export * from './model.js';
export { uuidV5, SIGIL_NAMESPACE } from './uuid.js';
export {
  buildDefinition, definitionName, definitionParameters, definitionMode, defaultEffect, policyRule, typeCondition, contentHash, fieldsRead, parameterType,
  CONDITION_EFFECTS, EXISTENCE_EFFECTS,
} from './definition.js';
export { checkDefinition, POLICY_LIMITS, type DefinitionStats } from './checks.js';
export { buildPolicyModel, referenceId, PolicyBuildError, INITIATIVE_LOCK_KEY, type BuildOptions, type BuildResult } from './build.js';
export { nextEntry, bump, FIRST_VERSION, type VersionLock, type LockEntry } from './versions.js';
export { policyFiles } from './files.js';
export { armEscape, armTemplate } from './emit/arm.js';
export { bicepFile, bicepString, bicepValue } from './emit/bicep.js';
export { terraformConfig, terraformEscape } from './emit/terraform.js';
export { shellQuote } from './emit/plain.js';
export { SCOPES, type Scope } from './emit/common.js';
export { builtinPolicyModel, readLock, writePolicyFiles, LOCK_FILE, type CustomPolicyRule } from './builtin.js';
export { policySnapshot, SNAPSHOT_DIR, LOCK_PATH, FORMAT_SAMPLE } from './snapshots.js';
