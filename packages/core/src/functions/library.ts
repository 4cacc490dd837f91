import type { FunctionDef } from '../expression/evaluate.js';
import { stringFunctions } from './string.js';
import { collectionFunctions } from './collection.js';
import { logicFunctions } from './logic.js';
import { numericFunctions } from './numeric.js';
import { dateFunctions } from './date.js';
import { lambdaFunctions } from './lambda.js';

/**
 * The template functions shared by ARM templates, Bicep and policy `value` expressions. Context
 * functions (parameters, variables, copyIndex, resourceId, field, current...) are added by each user.
 * Keys are lower case: ARM function names are case-insensitive.
 */
export const LIBRARY: ReadonlyMap<string, FunctionDef> = new Map(
  [...stringFunctions, ...collectionFunctions, ...logicFunctions, ...numericFunctions, ...dateFunctions, ...lambdaFunctions].map(
    (f) => [f.name.toLowerCase(), f],
  ),
);

export function libraryFunction(name: string): FunctionDef | undefined {
  return LIBRARY.get(name.toLowerCase());
}
