export const PRESETS = ['recommended', 'strict', 'all'] as const;
export const RUNNERS = ['drizzle', 'per-file', 'none'] as const;
export const SETTINGS = ['off', 'warn', 'error'] as const;

export interface Config {
  preset: (typeof PRESETS)[number];
  rules: Record<string, (typeof SETTINGS)[number]>;
  runner: (typeof RUNNERS)[number];
  postgresVersion: number;
  lockTimeoutSetByRunner: boolean;
  requireSuppressionReason: boolean;
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
