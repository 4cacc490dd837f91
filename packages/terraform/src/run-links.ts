import { Unknown, boundedDependencies, type Dependency, type Resource } from '@sigil/core';
import type { ModuleConfig, ResourceDeclaration } from './config.js';
import { ConfigReferences } from './dependencies.js';
import type { InstanceLinks, TerraformInstance } from './resource.js';

/** An instance's links, and how to record the resource made from it (so that others can depend on it). */
export interface RunLinks extends InstanceLinks {
  collect(resource: Resource): void;
}

/**
 * The links of one evaluation of a module (one `terraform apply`): one run shared by its instances,
 * and each instance's dependencies as the resources of the blocks it refers to. Terraform orders
 * blocks, not instances: an instance waits for every instance of a block it refers to. A block with
 * no resource in the graph (a type sigil does not map) passes on what it waits for instead; the
 * resources' own dependencies are theirs (SIG003 follows them). Returns a function giving the links
 * of an instance; the resources are collected as they are made, and dependencies are evaluated once
 * every instance of the run exists.
 */
export function runLinks(config: ModuleConfig, maxDepth: number): (instance: TerraformInstance) => RunLinks {
  const run = {};
  const references = new ConfigReferences(config, maxDepth);
  let depth = 0;
  const declarations = new Map(config.resources.map((d) => [declarationKey(d.file, d.path), d]));
  const resources = new Map<ResourceDeclaration, Resource[]>();
  const waits = new Map<ResourceDeclaration, readonly Dependency[] | 'visiting'>();

  /** What a block waits for directly: the resources of the blocks it refers to. */
  const dependencies = (decl: ResourceDeclaration): readonly Dependency[] => {
    const cached = waits.get(decl);
    // A cycle is an error Terraform reports; it adds nothing more.
    if (cached === 'visiting') return [];
    if (cached) return cached;
    const ref = { file: decl.file, path: decl.path };
    if (depth >= maxDepth) return [new Unknown(`the references of ${decl.type}.${decl.name} nest too deep to follow`, ref)];
    waits.set(decl, 'visiting');
    const refs = references.of(decl);
    const out = new Set<Dependency>();
    if (refs.unknown) out.add(new Unknown(`${decl.type}.${decl.name} refers to something sigil does not follow`, ref));
    depth++;
    try {
      for (const target of refs.resources) {
        if (target === decl) continue;
        const own = resources.get(target) ?? [];
        for (const r of own) out.add(r);
        if (own.length === 0) for (const d of dependencies(target)) out.add(d);
      }
    } finally {
      depth--;
    }
    const list = boundedDependencies(out, `${decl.type}.${decl.name}`);
    waits.set(decl, list);
    return list;
  };

  return (instance) => {
    const decl = declarations.get(declarationKey(instance.declaration.file, instance.declaration.path ?? []));
    return {
      run,
      dependsOn: () => (decl ? dependencies(decl) : [new Unknown('the block of the instance is not known')]),
      collect: (resource: Resource) => {
        if (!decl) return;
        const list = resources.get(decl);
        if (list) list.push(resource);
        else resources.set(decl, [resource]);
      },
    };
  };
}

function declarationKey(file: string, path: readonly (string | number)[]): string {
  return `${file}\0${JSON.stringify(path)}`;
}
