import { Unknown, findUnknown, setOrigin, type SourceRef, type Value } from '@sigil/core';

/** An expression that Terraform itself would reject (wrong type, missing attribute...). */
export class TerraformEvalError extends Error {
  override readonly name = 'TerraformEvalError';
}

/** A primitive in a string template, as Terraform writes it. */
export function templateString(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) throw new TerraformEvalError('a null value cannot be used in a string template');
  throw new TerraformEvalError('a list or object cannot be used in a string template');
}

export function asBool(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new TerraformEvalError('a bool is required');
}

export function asNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw new TerraformEvalError('a number is required');
}

/** True when `v` holds an Unknown anywhere inside. */
export function hasUnknown(v: Value): boolean {
  return findUnknown(v) !== undefined;
}

/** Records provenance on a literal JSON value's containers, so findings can point into its file. */
export function adopt(value: Value, ref: SourceRef, depth = 0): Value {
  if (value === null || typeof value !== 'object' || value instanceof Unknown) return value;
  if (depth > 64) return new Unknown('the value is nested more than 64 levels deep', ref);
  setOrigin(value, ref);
  const path = ref.path ?? [];
  if (Array.isArray(value)) value.forEach((item, i) => (value[i] = adopt(item, { file: ref.file, path: [...path, i] }, depth + 1)));
  else for (const k of Object.keys(value)) value[k] = adopt(value[k] as Value, { file: ref.file, path: [...path, k] }, depth + 1);
  return value;
}
