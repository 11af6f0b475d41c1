import { UsageError } from '../errors.js';
import { PRESETS, RUNNERS, SETTINGS, type FileConfig } from './schema.js';

/** Builds the schema on first use: zod costs start-up time, and most runs have no config file. */
async function configSchema() {
  const { z } = await import('zod');
  return z
    .object({
      $schema: z.string().optional(),
      preset: z.enum(PRESETS).optional(),
      rules: z.record(z.string(), z.enum(SETTINGS)).optional(),
      runner: z.enum(RUNNERS).optional(),
      postgresVersion: z.number().int().min(10).max(19).optional(),
      lockTimeoutSetByRunner: z.boolean().optional(),
      requireSuppressionReason: z.boolean().optional(),
      cache: z.boolean().optional(),
      maxFileSize: z.number().positive().optional(),
      dir: z.string().min(1).optional(),
      since: z.string().min(1).optional(),
      baseline: z.string().min(1).optional(),
    })
    .strict();
}

// Keeps the schema and the FileConfig type in step: this fails to compile when they differ.
type Parsed = import('zod').infer<Awaited<ReturnType<typeof configSchema>>>;
const sameKeys: [Required<Parsed>, Required<FileConfig>] extends [Required<FileConfig>, Required<Parsed>] ? true : never = true;
void sameKeys;

/** Checks a config object; the error names the file, the key and what is allowed. */
export async function validateConfig(raw: unknown, filepath: string): Promise<FileConfig> {
  const schema = await configSchema();
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue.path.join('.') || '(root)';
  let detail = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const allowed = Object.keys(schema.shape).filter((k) => k !== '$schema');
    detail = `unknown key "${issue.keys.join('", "')}"; allowed keys: ${allowed.join(', ')}`;
    return fail(filepath, issue.path.length ? key : issue.keys[0], detail);
  }
  if (issue.code === 'invalid_enum_value') detail = `"${String((issue as { received?: unknown }).received)}" is not allowed; use one of ${issue.options.map((o) => `"${String(o)}"`).join(', ')}`;
  return fail(filepath, key, detail);
}

function fail(filepath: string, key: string, detail: string): never {
  throw new UsageError(`${filepath}: ${key}: ${detail}`);
}
