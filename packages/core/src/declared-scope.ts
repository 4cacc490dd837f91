import type { DeploymentScope } from './graph.js';
import { deploymentScope } from './resource-id.js';

/**
 * Where the user says a template is deployed (`.sigil.yaml` `deployments:`): a plain template's
 * subscription and resource group are otherwise known only at deployment.
 */
export interface DeclaredScope {
  readonly subscriptionId: string;
  /** Absent when only the subscription is declared. */
  readonly resourceGroup?: string;
}

/** The declared scope of a file (an absolute path: a template or a parameters file); undefined when none is. */
export type ScopeDeclarations = (file: string) => DeclaredScope | undefined;

/**
 * The scope of a root deployment: the declared parts as strings, the others scope identities. Only
 * the parts the template's level has are taken: a `targetScope = 'subscription'` template takes the
 * subscription and ignores a declared resource group (one `files` glob may match templates of both
 * levels); management group and tenant templates take nothing.
 */
export function rootDeploymentScope(level: DeploymentScope['level'], declared: DeclaredScope | undefined): DeploymentScope {
  const scope = deploymentScope(level);
  if (!declared) return scope;
  if (level === 'subscription') return { level, subscriptionId: declared.subscriptionId };
  if (level === 'resourceGroup') return { level, subscriptionId: declared.subscriptionId, resourceGroup: declared.resourceGroup ?? (scope.resourceGroup as NonNullable<DeploymentScope['resourceGroup']>) };
  return scope;
}

/**
 * The declared scope of each run (evaluation) of one template: the one of the run's parameters file,
 * else the template's. Two runs of one template in the same declared scope would declare every
 * resource twice at the same id (a gallery in two locations, SIG004), which is a guess sigil does not
 * make: parameters files of several environments go to several places. Such runs keep scopes known
 * only at deployment, and `ambiguous` says so.
 */
export function declaredScopesOfRuns(
  template: string,
  parameterFiles: readonly (string | undefined)[],
  declarations: ScopeDeclarations | undefined,
): { readonly scopes: readonly (DeclaredScope | undefined)[]; readonly ambiguous: boolean } {
  if (!declarations) return { scopes: parameterFiles.map(() => undefined), ambiguous: false };
  const own = declarations(template);
  const scopes = parameterFiles.map((p) => (p !== undefined ? declarations(p) : undefined) ?? own);
  const key = (s: DeclaredScope) => `${s.subscriptionId}/${s.resourceGroup ?? ''}`.toLowerCase();
  const count = new Map<string, number>();
  for (const s of scopes) if (s) count.set(key(s), (count.get(key(s)) ?? 0) + 1);
  const shared = (s: DeclaredScope | undefined) => s !== undefined && (count.get(key(s)) ?? 0) > 1;
  return { scopes: scopes.map((s) => (shared(s) ? undefined : s)), ambiguous: scopes.some(shared) };
}

/**
 * The declarations without the files other linted templates use as modules or linked templates: such
 * a file is also evaluated on its own, and declaring that evaluation where its parent deploys it would
 * declare each of its resources twice at one id, with the parent's parameters and with its defaults.
 */
export function exceptModules(declarations: ScopeDeclarations | undefined, modules: ReadonlySet<string>): ScopeDeclarations | undefined {
  if (!declarations || modules.size === 0) return declarations;
  return (file) => (modules.has(file) ? undefined : declarations(file));
}
