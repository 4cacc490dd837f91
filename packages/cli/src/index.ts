export { main, processIo, EXIT, type Io } from './main.js';
export { lintFiles, type LintOptions, type LintResult } from './lint.js';
export { discover, UsageError, IGNORED_DIRECTORIES, LINTED_EXTENSIONS, type InputFile } from './discover.js';
export { formatStylish, formatDiagnostics } from './formatters/stylish.js';
export { formatJson } from './formatters/json.js';
export { formatSarif } from './formatters/sarif.js';
export { fingerprint } from './formatters/location.js';
export type { FormatInput, Formatter } from './formatters/types.js';
export { loadConfig, findConfig, ruleParametersFrom, ConfigError, CONFIG_FILES, type SigilConfig } from './config.js';
