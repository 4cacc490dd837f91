export { loadTerraform, isTerraformFileName, isTerraformConfigName, isTfvarsName, type TerraformLoadOptions, type TerraformInput } from './load.js';
export { MAPPINGS, parseAzapiType, isBlock, armPathOf, type ResourceMapping, type Target, type AttributeTarget, type BlockTarget, type Conversion } from './mapping.js';
export { isPlan, looksLikePlan } from './plan.js';
export { parseTemplate, parseExpression, TerraformSyntaxError, type Expr } from './syntax.js';
export { Evaluator, type EvalContext } from './evaluate.js';
export { TerraformEvalError } from './values.js';
