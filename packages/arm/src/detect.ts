import { isObject, getKey, type Value, type DeploymentScope } from '@sigil/core';

export type ArmKind = 'template' | 'parameters';

/**
 * Recognises ARM JSON by content: a deployment template or a parameters file. Anything else (package
 * manifests, other JSON) is not ours and is skipped.
 */
export function classifyArm(value: Value | undefined): ArmKind | undefined {
  if (!isObject(value)) return undefined;
  const schema = getKey(value, '$schema');
  if (typeof schema === 'string') {
    const s = schema.toLowerCase();
    if (/deploymenttemplate\.json/.test(s)) return 'template';
    if (/deploymentparameters\.json/.test(s)) return 'parameters';
    return undefined;
  }
  const resources = getKey(value, 'resources');
  if ((Array.isArray(resources) || isObject(resources)) && getKey(value, 'contentVersion') !== undefined) return 'template';
  if (isObject(getKey(value, 'parameters')) && getKey(value, 'contentVersion') !== undefined && resources === undefined) return 'parameters';
  return undefined;
}

/** A quick look at raw text, for files that do not parse: does it try to be an ARM file? */
export function looksLikeArm(text: string): boolean {
  return /deployment(Template|Parameters)\.json/i.test(text.slice(0, 4096));
}

/** The deployment scope a template's `$schema` targets. */
export function targetScope(template: Value): DeploymentScope['level'] {
  const schema = isObject(template) ? getKey(template, '$schema') : undefined;
  const s = typeof schema === 'string' ? schema.toLowerCase() : '';
  if (s.includes('subscriptiondeploymenttemplate')) return 'subscription';
  if (s.includes('managementgroupdeploymenttemplate')) return 'managementGroup';
  if (s.includes('tenantdeploymenttemplate')) return 'tenant';
  return 'resourceGroup';
}
