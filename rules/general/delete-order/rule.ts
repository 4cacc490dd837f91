import { changedValue, defineRule, remains, subject, type ResourceChange, type ResourceGraph, type Report, type Resource } from '@sigil/core';
import { DIFF_RULE_POLICY, nameList, quoted } from '../../lib/change.js';

const GALLERY = 'Microsoft.Compute/galleries';
const IMAGE = 'Microsoft.Compute/galleries/images';

const PARENTS: readonly { readonly type: string; readonly kind: string; readonly children: string }[] = [
  { type: GALLERY, kind: 'gallery', children: 'image definitions' },
  { type: IMAGE, kind: 'image definition', children: 'image versions' },
];

/** Why a replace happens, in words: the first ForceNew property whose old and new values are known. */
function replaceCause(change: ResourceChange): string {
  const { before, after } = change;
  if (before && after) {
    for (const path of [...(change.replacePaths ?? []), ...after.replaceOn]) {
      const diff = changedValue(before, after, path);
      if (diff) return ` because ${path.filter((s) => s !== 'properties').join('.')} changes from ${quoted(diff.before)} to ${quoted(diff.after)}`;
    }
  }
  return '';
}

/** Where a replace is caused: the changed ForceNew property of the resource after the change. */
function replacePath(change: ResourceChange) {
  const { before, after } = change;
  if (!before || !after) return undefined;
  return [...(change.replacePaths ?? []), ...after.replaceOn].find((path) => changedValue(before, after, path) !== undefined);
}

/**
 * The resource a finding is shown on: the resource after the change, or for a delete the state before
 * it when that state is in a file of the run (a plan, a what-if result), else the first nested
 * resource that stays (a resource removed from the files at `--base` is in no file the user has).
 */
function shownOn(graph: ResourceGraph, change: ResourceChange, stays: readonly ResourceChange[]): Resource | undefined {
  if (change.after) return change.after;
  if (change.before && graph.document(change.before.file)) return change.before;
  return stays.map((c) => c.after).find((r) => r !== undefined);
}

export default defineRule({
  code: 'SIG005',
  name: 'delete-order',
  meta: {
    title: 'A gallery or image definition cannot be deleted while it has nested resources',
    severity: 'error',
    resourceTypes: [GALLERY, IMAGE],
    summary:
      'A change deletes or replaces a gallery that still has image definitions, or an image definition that still has image versions (Terraform replaces a definition when an immutable attribute changes), which Azure refuses; found from a Terraform plan, an ARM what-if result or Terraform files at a git base revision.',
    fix: 'Delete the nested resources first (image versions, then image definitions, then the gallery), in the same change or before it. When Terraform replaces an image definition because an immutable attribute changes, create a new image definition under another name and move the versions to it instead, or delete the definition\'s versions first.',
    azureErrors: ['Can not delete resource before nested resources are deleted.'],
    policy: DIFF_RULE_POLICY,
  },
  messages: {
    deleted: 'The {kind} "{fullName}" is deleted while it still has {children} {names}; Azure does not delete a resource before its nested resources',
    replaced: 'Terraform replaces the {kind} "{fullName}"{cause}, but it still has {children} {names}: the delete fails; create a new {kind} under another name, or delete its {children} first',
  },
  *check({ graph }) {
    for (const { type, kind, children } of PARENTS) {
      for (const change of graph.changes.ofType(type)) {
        if (change.action !== 'delete' && change.action !== 'replace') continue;
        const stays = graph.changes.childrenOf(change).filter(remains);
        if (stays.length === 0) continue;
        const resource = shownOn(graph, change, stays);
        if (!resource) continue;
        const names = nameList(stays.map((c) => String(subject(c).fullName)));
        const fullName = String(subject(change).fullName);
        const base = { kind, children, names, fullName };
        if (change.action === 'delete') {
          yield { resource, messageId: 'deleted', data: base } satisfies Report<'deleted' | 'replaced'>;
          continue;
        }
        const path = replacePath(change);
        yield { resource, ...(path ? { path } : {}), messageId: 'replaced', data: { ...base, cause: replaceCause(change) } };
      }
    }
  },
});
