import { z } from 'zod';

export const PRESETS = ['recommended', 'strict', 'all'] as const;
export const RUNNERS = ['drizzle', 'per-file', 'none'] as const;
export const SETTINGS = ['off', 'warn', 'error'] as const;

/** Every option a config file may set. Defaults live in DEFAULTS, not here, so that merging is explicit. */
export const configSchema = z
  .object({
    $schema: z.string().optional(),
    preset: z.enum(PRESETS).optional(),
    rules: z.record(z.string(), z.enum(SETTINGS)).optional(),
    runner: z.enum(RUNNERS).optional(),
    postgresVersion: z.number().int().min(10).max(19).optional(),
    lockTimeoutSetByRunner: z.boolean().optional(),
    requireSuppressionReason: z.boolean().optional(),
    dir: z.string().min(1).optional(),
    since: z.string().min(1).optional(),
    baseline: z.string().min(1).optional(),
  })
  .strict();

export type FileConfig = z.infer<typeof configSchema>;

export interface Config {
  preset: (typeof PRESETS)[number];
  rules: Record<string, (typeof SETTINGS)[number]>;
  runner: (typeof RUNNERS)[number];
  postgresVersion: number;
  lockTimeoutSetByRunner: boolean;
  requireSuppressionReason: boolean;
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
};
