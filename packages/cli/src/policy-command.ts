import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { escapeControl } from '@sigil/core';
import { builtinRules } from '@sigil/rules';
import { builtinPolicyModel, policyFiles, writePolicyFiles, PolicyBuildError } from '@sigil/policy';
import { ConfigError, findConfig, loadConfig } from './config.js';
import { policyBuildConfig, type PolicyBuildConfig } from './policy-config.js';
import { UsageError } from './discover.js';

export const POLICY_HELP = `Usage: sigil policy build --out <dir> [options]

Writes an Azure Policy definition for every rule Azure Policy can express, the initiative that
groups them, an example assignment with a non-compliance message per rule, and the files that
deploy them:
  definitions/   plain definition JSON ({ name, properties }), one file per rule
  az/            --rules and --params files and create-definitions.sh (az policy definition create)
  arm/           ARM templates: management-group.json, subscription.json
  bicep/         Bicep files: management-group.bicep, subscription.bicep
  terraform/     Terraform JSON modules: management-group/, subscription/
  epac/          an Enterprise Policy as Code Definitions/ folder

Options:
  -o, --out <dir>        the output directory (created if missing; files of a previous build are
                         overwritten, others are left: build into an empty directory)
  -c, --config <file>    the configuration, as for lint: its data sets (regions...) and rule options
                         become the parameters' defaults, its severities the default effects, its
                         custom rules definitions of their own; rules it turns off are left out
                         (default: .sigil.yaml in the working directory or a parent)

Exit codes: 0 written, 2 usage, configuration or output errors.`;

/** `sigil policy build`. Returns the exit code. */
export function policyCommand(argv: readonly string[], io: { stdout: (t: string) => void; stderr: (t: string) => void; cwd: string }): number {
  const [sub, ...rest] = argv;
  if (sub !== 'build') throw new UsageError(sub === undefined ? 'usage: sigil policy build --out <dir>' : `unknown policy command "${sub}"; run "sigil policy --help"`);
  let values: { out?: string | undefined; config?: string | undefined };
  try {
    const parsed = parseArgs({ args: [...rest], strict: true, allowPositionals: false, options: { out: { type: 'string', short: 'o' }, config: { type: 'string', short: 'c' } } });
    values = parsed.values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.out === undefined || values.out === '') throw new UsageError('sigil policy build needs --out <dir>');
  const out = resolve(io.cwd, values.out);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`--out ${values.out} is a file, not a directory`);

  const configFile = values.config !== undefined ? resolve(io.cwd, values.config) : findConfig(io.cwd);
  let config: PolicyBuildConfig | undefined;
  if (configFile !== undefined) {
    try {
      config = policyBuildConfig(loadConfig(configFile, builtinRules), io.cwd);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      io.stderr(`${escapeControl(relative(io.cwd, e.file) || e.file)}:${e.line}:${e.column}: error: ${escapeControl(e.message)}\n`);
      return 2;
    }
  }

  let built;
  try {
    built = builtinPolicyModel(config ? { rules: config.rules, custom: config.custom, overrides: config.overrides, severity: config.severity } : {});
  } catch (e) {
    if (!(e instanceof PolicyBuildError)) throw e;
    // A custom rule's problems carry its file and line, and the user's texts: escaped line by line.
    io.stderr(`sigil: ${e.message.split('\n').map(escapeControl).join('\n')}\n`);
    return 2;
  }
  const files = policyFiles(built.model);
  try {
    writePolicyFiles(out, files);
  } catch (e) {
    throw new UsageError(`cannot write ${values.out}: ${(e as Error).message}`);
  }
  const { model } = built;
  io.stdout(
    `sigil: wrote ${model.definitions.length} policy definitions, the initiative and its deployment files (${files.size} files) to ${relative(io.cwd, out) || '.'}\n` +
      model.skipped.map((s) => `  ${s.code} has no policy definition: ${s.reason}\n`).join('') +
      (config?.off ?? []).map((code) => `  ${code} is turned off in ${escapeControl(relative(io.cwd, configFile as string) || (configFile as string))}: no policy definition, not in the initiative\n`).join(''),
  );
  if (built.changed.length > 0 && config === undefined) {
    // Only a development build can differ from the committed lock; the versions were still bumped.
    io.stderr(`sigil: the policy version lock is out of date for ${built.changed.join(', ')} (run "npm run generate")\n`);
  }
  return 0;
}
