#!/usr/bin/env node
// The `sigil` command of the repository package itself, for installers that install the repository
// (pre-commit's `language: node` packs the root and installs the tarball globally). It runs the CLI's
// own executable, bundled into that tarball; in a development checkout `npx sigil` runs it directly.
import '@sigil/cli/bin/sigil.js';
