import { describe, expect, it } from 'vitest';
import type { VerifyResult as LintResult } from '../../src/verify/types.js';
import { formatTraces, summariseProblems } from '../../src/reporters/verify-trace.js';
import { verifyProject } from '../../src/verify/verify-project.js';
import { tempMigrations } from './temp-project.js';

async function verify(files: Record<string, string>, pending: string[], runner: 'drizzle' | 'per-file' | 'none' = 'drizzle'): Promise<LintResult> {
  const p = tempMigrations(files);
  try {
    return (await verifyProject({ paths: pending.map((f) => p.path(f)), config: { runner } })).result;
  } finally {
    p.remove();
  }
}

const traceOf = (result: LintResult, file: string) => result.results.find((r) => r.filePath.endsWith(file))!.trace!;
const failures = (result: LintResult) => result.results.flatMap((r) => r.messages).filter((m) => m.ruleId === 'migration-fails');
const plain = { red: (s: string) => s, dim: (s: string) => s, bold: (s: string) => s, underline: (s: string) => s };

describe('verify on PGlite does what drizzle-kit migrate does', () => {
  it('the COMMIT; … CONCURRENTLY …; BEGIN; escape hatch runs as drizzle runs it: no migration-fails', async () => {
    const result = await verify(
      {
        '0000_t.sql': 'CREATE TABLE t (id int);',
        '0001_cic.sql': 'COMMIT;\n--> statement-breakpoint\nCREATE INDEX CONCURRENTLY t_id_idx ON t (id);\n--> statement-breakpoint\nBEGIN;\n--> statement-breakpoint\nALTER TABLE t ADD COLUMN x int;',
      },
      ['0001_cic.sql'],
    );
    expect(failures(result)).toEqual([]);
    const trace = traceOf(result, '0001_cic.sql');
    expect(trace.map((t) => t.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(trace.map((t) => t.note)).toEqual([
      "ends drizzle's transaction early, as drizzle-kit migrate runs it: what follows up to BEGIN runs outside the batch",
      "ran outside the batch's transaction (after the COMMIT at 1:1), as drizzle-kit migrate runs it: its locks end with it",
      'starts a new transaction for the rest of the batch, as drizzle-kit migrate runs it',
      undefined,
    ]);
    expect(trace[1].observed!.error).toBeUndefined();
  }, 240_000);

  it('an enum created, extended and used in one batch succeeds (a savepoint per statement made it fail with 55P04)', async () => {
    const result = await verify(
      { '0000_enum.sql': "CREATE TYPE mood AS ENUM ('a');\n--> statement-breakpoint\nALTER TYPE mood ADD VALUE 'b';\n--> statement-breakpoint\nCREATE TABLE x (m mood DEFAULT 'b');" },
      ['0000_enum.sql'],
    );
    expect(traceOf(result, '0000_enum.sql').map((t) => t.status)).toEqual(['ok', 'ok', 'ok']);
    expect(failures(result)).toEqual([]);
  }, 240_000);

  it('a history file with a temporary table ON COMMIT DROP is replayed in one transaction, as drizzle runs it', async () => {
    const result = await verify(
      {
        '0000_tmp.sql': 'CREATE TEMP TABLE staging (id int) ON COMMIT DROP;\n--> statement-breakpoint\nINSERT INTO staging VALUES (1);\n--> statement-breakpoint\nCREATE TABLE t AS SELECT * FROM staging;',
        '0001_next.sql': 'ALTER TABLE t ADD COLUMN x int;',
      },
      ['0001_next.sql'],
    );
    expect(result.verify!.historyProblems).toEqual([]);
    expect(traceOf(result, '0001_next.sql')[0].status).toBe('ok');
  }, 240_000);

  it('under --runner per-file the footer says how the files ran, not "one transaction"', async () => {
    const result = await verify({ '0000_t.sql': 'CREATE TABLE t (id int);' }, ['0000_t.sql'], 'per-file');
    const text = formatTraces(result, plain);
    expect(text).toContain('Ran on PGlite');
    expect(text).toMatch(/: each pending file in its own transaction \(--runner per-file\), in a throwaway database\.\n/);
    expect(text).not.toContain('one transaction as drizzle-kit migrate does');
  }, 240_000);
});

describe('summariseProblems', () => {
  it('one line per cause, counted, with where it first happened', () => {
    expect(
      summariseProblems([
        'history drizzle/0001_a.sql:3:1: 0A000 extension "postgis" is not available',
        'history drizzle/0001_a.sql:5:1: 42704 type "geometry" does not exist',
        'history drizzle/0002_b.sql:1:1: 42704 type "geometry" does not exist',
        'history drizzle/0003_c.sql:2:1: 42704 type "geometry" does not exist',
        'the failed batch re-applied drizzle/0004_d.sql:1:1: 42804 column "b" cannot be cast automatically to type integer',
      ]),
    ).toEqual([
      'Could not apply 1 history statement: 0A000 extension "postgis" is not available (at drizzle/0001_a.sql:3:1)',
      'Could not apply 3 history statements: 42704 type "geometry" does not exist (first at drizzle/0001_a.sql:5:1)',
      'Could not re-apply 1 statement of the failed batch: 42804 column "b" cannot be cast automatically to type integer (at drizzle/0004_d.sql:1:1)',
    ]);
  });
});

describe('verify on PGlite is bounded', () => {
  it('a statement that loops forever ends at --statement-timeout with a finding, and nothing after it runs', async () => {
    const p = tempMigrations({ '0000_loop.sql': 'DO $$ BEGIN LOOP END LOOP; END $$;', '0001_next.sql': 'CREATE TABLE t (id int);' });
    try {
      const { result } = await verifyProject({ paths: [p.path('0000_loop.sql'), p.path('0001_next.sql')], statementTimeoutMs: 3_000 });
      const loop = traceOf(result, '0000_loop.sql')[0];
      // Stopped at the timeout (PGlite start-up, which varies with the machine's load, is not counted).
      expect(loop.observed!.durationMs).toBeGreaterThanOrEqual(3_000);
      expect(loop.observed!.durationMs).toBeLessThan(30_000);
      expect(loop.status).toBe('failed');
      expect(loop.observed!.error!.code).toBe('57014');
      expect(loop.note).toBe('ran longer than --statement-timeout: PGlite was stopped, and nothing after it was run');
      const next = traceOf(result, '0001_next.sql')[0];
      expect([next.status, next.note]).toEqual(['not-run', 'not run: PGlite was stopped when a statement ran past --statement-timeout']);
      expect(failures(result).map((m) => m.line)).toEqual([1]);
    } finally {
      p.remove();
    }
  }, 240_000);
});
