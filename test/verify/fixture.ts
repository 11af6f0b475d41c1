import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { StatementTrace, VerifyFileResult, VerifyResult } from '../../src/verify/types.js';

/** A copy of the fixture of ../shared/reference/postgres-locks.md ("Method"): mood, p, t with 5 indexes, empty_t. */
export const FIXTURE_DIR = resolve('test/fixtures/verify-locks/drizzle');

/** Every migration after 0000_setup.sql (which is then history), or the ones whose names start with `prefixes`. */
export function pendingFiles(...prefixes: string[]): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.sql') && !f.startsWith('0000') && (!prefixes.length || prefixes.some((p) => f.startsWith(p))))
    .sort()
    .map((f) => join(FIXTURE_DIR, f));
}

export function fileOf(result: VerifyResult, prefix: string): VerifyFileResult {
  const f = result.results.find((r) => r.filePath.split('/').pop()!.startsWith(prefix));
  if (!f) throw new Error(`no result for ${prefix}`);
  return f;
}

export function traceOf(result: VerifyResult, prefix: string, index = 0): StatementTrace {
  const t = fileOf(result, prefix).trace?.[index];
  if (!t) throw new Error(`no trace for ${prefix}#${index}`);
  return t;
}

/**
 * The reference's way of writing one case: `t: ACCESS EXCLUSIVE; 6 indexes: ACCESS EXCLUSIVE`
 * (tables by name, indexes counted per mode; type locks left out, as in its "locks" column).
 */
export function lockSummary(t: StatementTrace): string {
  const locks = t.observed?.locks ?? [];
  const parts = locks.filter((l) => l.kind === 'table').map((l) => `${l.relation}: ${l.mode}`).sort();
  const indexModes = new Map<string, number>();
  for (const l of locks.filter((l) => l.kind === 'index')) indexModes.set(l.mode, (indexModes.get(l.mode) ?? 0) + 1);
  for (const [mode, n] of [...indexModes].sort()) parts.push(`${n} ${n === 1 ? 'index' : 'indexes'}: ${mode}`);
  return parts.join('; ') || 'none';
}

export function typeLocks(t: StatementTrace): string[] {
  return (t.observed?.locks ?? []).filter((l) => l.kind === 'type').map((l) => `${l.relation}: ${l.mode}`);
}
