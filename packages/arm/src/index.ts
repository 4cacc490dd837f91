export { JsonDocument, decodeText, type JsonProblem } from './document.js';
export { classifyArm, looksLikeArm, targetScope, type ArmKind } from './detect.js';
export { Template, type TemplateInput, type SuppliedParameter } from './template.js';
export { templateFunctions, type TemplateHost } from './functions.js';
export { loadArm, readText, readHead, parametersOf, InputError, SHARED_SCOPE_NOTE, type ArmLoadOptions, type LoadedFile, type ParameterSource } from './load.js';
export { loadWhatIf, isWhatIf, looksLikeWhatIf } from './what-if.js';
