import { Unknown } from './unknown.js';
import type { ValueObject } from './value.js';
import type { DeploymentScope } from './graph.js';

/**
 * `subscription()` and `resourceGroup()` as templates and policies see them: what the deployment
 * scope fixes is known, the rest is Unknown (sigil never invents a subscription or a location).
 */
export function subscriptionObject(scope: DeploymentScope): ValueObject {
  const id = scope.subscriptionId ?? new Unknown('the subscription is known only at deployment');
  return {
    subscriptionId: id,
    id: typeof id === 'string' ? `/subscriptions/${id}` : new Unknown(id.reason),
    displayName: new Unknown('the subscription name is known only at deployment'),
    tenantId: new Unknown('the tenant is known only at deployment'),
    tags: new Unknown('the subscription tags are known only at deployment'),
  };
}

export function resourceGroupObject(scope: DeploymentScope): ValueObject {
  const name = scope.resourceGroup ?? new Unknown('the resource group is known only at deployment');
  const sub = scope.subscriptionId;
  return {
    name,
    id: typeof name === 'string' && typeof sub === 'string'
      ? `/subscriptions/${sub}/resourceGroups/${name}`
      : new Unknown('the resource group id is known only at deployment'),
    location: new Unknown('the resource group location is known only at deployment'),
    type: 'Microsoft.Resources/resourceGroups',
    tags: new Unknown('the resource group tags are known only at deployment'),
    managedBy: new Unknown('known only at deployment'),
    properties: { provisioningState: 'Succeeded' },
  };
}

