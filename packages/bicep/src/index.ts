export type * from './ast.js';
export { BicepDocument } from './document.js';
export { loadBicep, isBicepFile, targetScopeOf, type BicepLoadOptions } from './load.js';
export { BicepTemplate, type BicepTemplateInput, type FileLoader } from './template.js';
export { parseBicep } from './parser.js';
