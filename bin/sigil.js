#!/usr/bin/env node
// The `sigil` command of the repository package itself, for installers that install the repository
// (pre-commit's `language: node` packs the root and installs the tarball globally). It runs the CLI
// bundled into that tarball; in a development checkout `npx sigil` runs packages/cli directly.
import { main } from '@sigil/cli';

process.exitCode = await main(process.argv.slice(2));
