import { builtinRules } from '@sigil/rules';
import { builtinPolicyModel } from './builtin.js';
import { policyFiles } from './files.js';
import { json } from './emit/common.js';
import { LOCK_COMMENT, LOCK_COMMENT_KEY, type VersionLock } from './versions.js';

/** Where the snapshots live, relative to the repository root. */
export const SNAPSHOT_DIR = 'packages/policy/snapshots';
export const LOCK_PATH = 'packages/policy/versions.json';

/**
 * Rules whose deployment files are kept whole in `snapshots/formats/`: one with a data set and
 * `Indexed` mode (SIG001), one with options (SIG304), one with counts and `current()` (SIG302). The
 * deployment files of all rules repeat the definitions; the tests read them back instead.
 */
export const FORMAT_SAMPLE = ['SIG001', 'SIG302', 'SIG304'];

/**
 * The committed files derived from the rules' policies: the version lock, every definition, the
 * initiative and the assignment (EPAC form), the az script, and the deployment files of a sample.
 * `npm run generate` writes them; `--check` and the policy tests compare them.
 */
export function policySnapshot(lock: VersionLock): { files: Map<string, string>; lock: VersionLock } {
  const full = builtinPolicyModel({ lock });
  const files = new Map<string, string>();
  files.set(LOCK_PATH, json({ [LOCK_COMMENT_KEY]: LOCK_COMMENT, ...full.lock }));
  for (const [path, content] of policyFiles(full.model)) {
    if (path.startsWith('definitions/') || path.startsWith('epac/Definitions/policySetDefinitions/') || path.startsWith('epac/Definitions/policyAssignments/') || path === 'az/create-definitions.sh') {
      files.set(`${SNAPSHOT_DIR}/${path}`, content);
    }
  }
  const sample = builtinPolicyModel({ lock: full.lock, rules: FORMAT_SAMPLE.map((code) => builtinRules.get(code)).filter((r) => r !== undefined) });
  for (const [path, content] of policyFiles(sample.model)) {
    if (/^(arm|bicep|terraform)\//.test(path)) files.set(`${SNAPSHOT_DIR}/formats/${path}`, content);
  }
  return { files, lock: full.lock };
}
