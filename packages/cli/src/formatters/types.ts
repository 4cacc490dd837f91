import type { Finding, Diagnostic, ResourceGraph, Rule } from '@sigil/core';

export interface FormatInput {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  readonly graph: ResourceGraph;
  readonly rules: readonly Rule[];
  /** Paths in results are relative to this directory (SARIF's %SRCROOT%). */
  readonly root: string;
  readonly color: boolean;
  readonly verbose: boolean;
  readonly toolVersion: string;
  /** Where a rule's documentation lives (`rules/<folder>/README.md`), by code. */
  readonly docsUrl: (code: string) => string | undefined;
}

export type Formatter = (input: FormatInput) => string;
