import type { LinterConfig } from '../linter/lint.js';
import { PRESETS, SETTINGS } from '../linter/severities.js';
import { RUNNERS } from '../migrations/types.js';

// The allowed values, for validation and the CLI's flags; each is defined where it is used.
export { PRESETS, RUNNERS, SETTINGS };

/** Every option: the linter core's (preset, rules, runner, …) and where the migrations are and how they are read. */
export interface Config extends LinterConfig {
  /** Keep the replayed history of each folder in node_modules/.cache between runs. */
  cache: boolean;
  /** Migration files larger than this many megabytes (MiB) are input errors, not read. */
  maxFileSize: number;
  dir?: string;
  since?: string;
  baseline?: string;
}

export const DEFAULTS: Config = {
  preset: 'recommended',
  rules: {},
  runner: 'drizzle',
  // The oldest community-supported major in 2026-11.
  postgresVersion: 15,
  lockTimeoutSetByRunner: false,
  requireSuppressionReason: true,
  cache: true,
  maxFileSize: 50,
};

/** What a config file may set: every option of Config, each optional (validated in validate.ts). */
export type FileConfig = { $schema?: string } & Partial<Config>;
