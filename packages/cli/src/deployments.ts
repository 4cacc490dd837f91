import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type { Node as YamlNode, Pair } from 'yaml';
import type * as Minimatch from 'minimatch';
import type { DeclaredScope, ScopeDeclarations } from '@sigil/core';
import { ConfigError, yamlLib, type YamlFile } from './config.js';

const requireCjs = createRequire(import.meta.url);

/** One `deployments:` entry: the files it covers and where they are deployed. */
export interface DeploymentDeclaration extends DeclaredScope {
  /** Globs relative to the configuration's folder. */
  readonly files: readonly string[];
  /** Where the entry is written (for the error that names two entries covering one file). */
  readonly line: number;
  readonly column: number;
}

export const DEPLOYMENT_KEYS = ['files', 'subscription', 'resourceGroup'];
export const SUBSCRIPTION_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
// Azure's resource group names are 1-90 characters, not ending with `.`; Unicode letters are allowed, so
// only what would break a resource id (a `/`, spaces, URL delimiters) is refused here.
export const RESOURCE_GROUP = /^[^/\\\s?#%]{0,89}[^/\\\s?#%.]$/;

/** Reads `deployments:`, a list of `{ files, subscription, resourceGroup? }`; errors name the YAML line. */
export function readDeployments(y: YamlFile, pair: Pair): DeploymentDeclaration[] {
  const yaml = yamlLib();
  const list = pair.value as YamlNode | null;
  if (!yaml.isSeq(list)) y.fail(list ?? pair, 'deployments must be a list of { files, subscription, resourceGroup }');
  return (list as { items: unknown[] }).items.map((item, i) => {
    const where = `deployments[${i}]`;
    let files: string[] | undefined;
    let subscriptionId: string | undefined;
    let resourceGroup: string | undefined;
    for (const entry of y.pairs(item, where, pair)) {
      const key = y.key(entry);
      const value = entry.value as YamlNode | null;
      if (key === 'files') {
        files = y.strings(value, `${where}.files`, entry);
        if (files.length === 0) y.fail(value ?? entry, `${where}.files must name at least one glob`);
      } else if (key === 'subscription') {
        const v = y.value(value);
        if (typeof v !== 'string' || !SUBSCRIPTION_ID.test(v)) y.fail(value ?? entry, `${where}.subscription must be a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000), not ${JSON.stringify(v)}`);
        subscriptionId = v as string;
      } else if (key === 'resourceGroup') {
        const v = y.value(value);
        if (typeof v !== 'string' || !RESOURCE_GROUP.test(v)) y.fail(value ?? entry, `${where}.resourceGroup must be a resource group name (1-90 characters without / \\ ? # % or spaces, not ending with .), not ${JSON.stringify(v)}`);
        resourceGroup = v as string;
      } else {
        y.fail(entry, `unknown key "${key}" in ${where} (expected ${DEPLOYMENT_KEYS.join(', ')})`);
      }
    }
    if (!files) y.fail(item as YamlNode, `${where} must have files (globs relative to the configuration's folder)`);
    if (!subscriptionId) y.fail(item as YamlNode, `${where} must have subscription (the subscription id the files are deployed to)`);
    const { line, column } = y.position(item as YamlNode);
    return { files: files as string[], subscriptionId: subscriptionId as string, ...(resourceGroup !== undefined ? { resourceGroup } : {}), line, column };
  });
}

/** The entries whose globs match a file (an absolute path), relative to the configuration's folder. */
function matching(configFile: string, deployments: readonly DeploymentDeclaration[], file: string): DeploymentDeclaration[] {
  const rel = relative(dirname(configFile), file);
  if (rel.startsWith('..') || isAbsolute(rel)) return [];
  const path = rel.split(sep).join('/');
  const { minimatch } = requireCjs('minimatch') as typeof Minimatch;
  return deployments.filter((d) => d.files.some((g) => minimatch(path, g, { dot: true })));
}

/**
 * The frontends' view of `deployments:`: a file's declared scope. A file two entries match has none
 * (never a guess); `checkDeployments` makes that an error for the files of the run.
 */
export function scopeDeclarations(configFile: string, deployments: readonly DeploymentDeclaration[]): ScopeDeclarations | undefined {
  if (deployments.length === 0) return undefined;
  const cache = new Map<string, DeclaredScope | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      const found = matching(configFile, deployments, file);
      cache.set(file, found.length === 1 ? (found[0] as DeploymentDeclaration) : undefined);
    }
    return cache.get(file);
  };
}

/** A file of the run that two `deployments:` entries match is a configuration error at the second entry. */
export function checkDeployments(configFile: string, deployments: readonly DeploymentDeclaration[], files: readonly { readonly path: string }[], cwd: string): void {
  if (deployments.length < 2) return;
  for (const f of files) {
    const found = matching(configFile, deployments, resolve(cwd, f.path));
    if (found.length < 2) continue;
    const [first, second] = found as [DeploymentDeclaration, DeploymentDeclaration];
    throw new ConfigError(configFile, second.line, second.column, `"${f.path}" is matched by this deployments entry and by the one at line ${first.line}: a file is deployed to one place per run (lint each environment with its own configuration)`);
  }
}
