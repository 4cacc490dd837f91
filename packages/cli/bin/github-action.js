#!/usr/bin/env node
// The GitHub Action's lint step (see action.yml): inputs in SIGIL_* variables, outputs to $GITHUB_OUTPUT.
// It always exits 0 once the outputs are written, so that the SARIF upload runs; the action's last
// step fails the job with the lint's exit code.
import { githubAction } from '../dist/src/github-action.js';
import { processIo } from '../dist/src/main.js';

await githubAction(processIo());
