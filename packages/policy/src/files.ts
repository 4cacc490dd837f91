import type { PolicyModel } from './model.js';
import { plainFiles, epacFiles } from './emit/plain.js';
import { armFiles } from './emit/arm.js';
import { bicepFiles } from './emit/bicep.js';
import { terraformFiles } from './emit/terraform.js';

/** Every output file (relative path with `/` -> content), all from the one model. */
export function policyFiles(model: PolicyModel): Map<string, string> {
  const files = new Map<string, string>();
  for (const part of [plainFiles(model), armFiles(model), bicepFiles(model), terraformFiles(model), epacFiles(model)]) {
    for (const [path, content] of part) files.set(path, content);
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
