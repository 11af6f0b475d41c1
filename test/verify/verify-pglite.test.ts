import { beforeAll, describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../src/verify/types.js';
import { verifyProject } from '../../src/verify/verify-project.js';
import { fileOf, lockSummary, pendingFiles, traceOf, typeLocks } from './fixture.js';

// Expected figures: ../shared/reference/postgres-locks.md, PG18 / PGlite column (PGlite is PG 18.6).
describe('verify on PGlite: the reference cases', () => {
  let result: VerifyResult;
  beforeAll(async () => {
    ({ result } = await verifyProject({ paths: pendingFiles(), config: { runner: 'drizzle' } }));
  }, 120_000);

  it('add_col_default_const: catalog-only change, ACCESS EXCLUSIVE, no rewrite, no scan', () => {
    const t = traceOf(result, '0001');
    expect(t.status).toBe('ok');
    expect(lockSummary(t)).toBe('t: ACCESS EXCLUSIVE');
    expect(t.observed!.rewritten).toEqual([]);
    expect(t.observed!.scanned).toEqual([]);
  });

  it('add_col_default_gen_random_uuid: rewrites t and its 6 indexes', () => {
    const t = traceOf(result, '0002');
    expect(lockSummary(t)).toBe('t: ACCESS EXCLUSIVE; 6 indexes: ACCESS EXCLUSIVE');
    expect(t.observed!.rewritten).toEqual(['t', 't_a_idx', 't_b_idx', 't_c_idx', 't_d_idx', 't_e_idx', 't_pkey']);
    expect(t.observed!.scanned).toEqual(['t']);
  });

  it('type_int_to_bigint: rewrite, the recreated index on the column counted too', () => {
    const t = traceOf(result, '0003');
    expect(lockSummary(t)).toBe('t: ACCESS EXCLUSIVE; 6 indexes: ACCESS EXCLUSIVE');
    expect(t.observed!.rewritten).toHaveLength(7);
    expect(t.observed!.scanned).toEqual(['t']);
  });

  it('type_varchar10_to_varchar20: index recreated with its storage kept, no rewrite, no scan', () => {
    const t = traceOf(result, '0004');
    expect(lockSummary(t)).toBe('t: ACCESS EXCLUSIVE; 1 index: ACCESS EXCLUSIVE');
    expect(t.observed!.locks.find((l) => l.kind === 'index')?.relation).toBe('t_c_idx');
    expect(t.observed!.rewritten).toEqual([]);
    expect(t.observed!.scanned).toEqual([]);
  });

  it('type_numeric_10_2_to_12_4: rewrite', () => {
    const t = traceOf(result, '0005');
    expect(lockSummary(t)).toBe('t: ACCESS EXCLUSIVE; 6 indexes: ACCESS EXCLUSIVE');
    expect(t.observed!.rewritten).toContain('t');
  });

  it('create_index: SHARE on t, scans t, no rewrite', () => {
    const t = traceOf(result, '0006');
    expect(lockSummary(t)).toBe('t: SHARE');
    expect(t.observed!.rewritten).toEqual([]);
    expect(t.observed!.scanned).toEqual(['t']);
  });

  it('add_check (validated): ACCESS EXCLUSIVE and a scan of t', () => {
    const t = traceOf(result, '0007');
    expect(lockSummary(t)).toBe('t: ACCESS EXCLUSIVE');
    expect(t.observed!.scanned).toEqual(['t']);
    expect(t.observed!.rewritten).toEqual([]);
  });

  it('add_fk_not_valid: SHARE ROW EXCLUSIVE on both tables, no scan (PGlite: ACCESS SHARE on p_pkey)', () => {
    const t = traceOf(result, '0008');
    expect(lockSummary(t)).toBe('p: SHARE ROW EXCLUSIVE; t: SHARE ROW EXCLUSIVE; 1 index: ACCESS SHARE');
    expect(t.observed!.scanned).toEqual([]);
  });

  it('validate_fk: SHARE UPDATE EXCLUSIVE on t, ROW SHARE on p, scans both', () => {
    const t = traceOf(result, '0009');
    // 7 indexes in the reference (t's 6 + p_pkey); t_f_idx from 0006 makes 8 here.
    expect(lockSummary(t)).toBe('p: ROW SHARE; t: SHARE UPDATE EXCLUSIVE; 8 indexes: ACCESS SHARE');
    expect(t.observed!.scanned).toEqual(['p', 't']);
  });

  it('add_col_notnull_nodefault_nonempty: fails with 23502 on the filled table; the rest of the batch is not run', () => {
    const file = fileOf(result, '0010');
    expect(file.trace!.map((t) => t.status)).toEqual(['failed', 'not-run']);
    expect(file.trace![0].observed!.error).toMatchObject({ code: '23502', message: 'column "z" of relation "t" contains null values' });
    const fails = file.messages.filter((m) => m.ruleId === 'migration-fails');
    expect(fails).toHaveLength(1);
    expect(fails[0]).toMatchObject({ severity: 'error', line: 1, column: 1 });
    expect(fails[0].message).toMatch(/ERROR 23502: column "z" of relation "t" contains null values\. .*remaining 1 statement of its transaction could not be observed/);
  });

  it('the static finding of the same statement is verified by the run', () => {
    const m = fileOf(result, '0010').messages.find((x) => x.ruleId === 'adding-not-null-column')!;
    expect(m.verified).toBe(true);
    expect(m.observed?.error?.code).toBe('23502');
  });

  it('a cast with no USING fails with 42804 and the hint Postgres gives', () => {
    const fails = fileOf(result, '0011').messages.filter((m) => m.ruleId === 'migration-fails');
    expect(fails).toHaveLength(1);
    expect(fails[0].message).toContain('ERROR 42804: column "b" cannot be cast automatically to type integer');
    expect(fails[0].hint).toMatch(/USING b::integer/);
  });

  it('alter_type_add_value_then_use_same_txn: the ADD VALUE takes EXCLUSIVE on the type; using it fails with 55P04, located on the value', () => {
    const add = traceOf(result, '0012', 0);
    expect(add.status).toBe('ok');
    expect(typeLocks(add)).toEqual(['mood: EXCLUSIVE']);
    expect(lockSummary(add)).toBe('none');
    const use = traceOf(result, '0012', 1);
    expect(use.status).toBe('failed');
    expect(use.observed!.error!.code).toBe('55P04');
    const fail = fileOf(result, '0012').messages.find((m) => m.ruleId === 'migration-fails')!;
    expect({ line: fail.line, column: fail.column }).toEqual({ line: 2, column: 22 });
  });

  it('after a failed batch, the next batch still runs and is observed', () => {
    const t = traceOf(result, '0013');
    expect(t.status).toBe('ok');
    expect(typeLocks(t)).toEqual(['mood: EXCLUSIVE']);
  });

  it('CREATE INDEX CONCURRENTLY fails under the drizzle runner (25001)', () => {
    const t = traceOf(result, '0014');
    expect(t.status).toBe('failed');
    expect(t.observed!.error!.code).toBe('25001');
  });

  it('static findings whose claim the run contradicts get a note', () => {
    const m = fileOf(result, '0004').messages.find((x) => x.ruleId === 'changing-column-type');
    // The rule may stay silent on a widening; when it speaks of a rewrite, the run says there was none.
    if (m && /rewrit/.test(m.message) && !/\bno rewrite\b/.test(m.message)) expect(m.verifyNote).toMatch(/no rewrite/);
    const bigint = fileOf(result, '0003').messages.find((x) => x.ruleId === 'changing-column-type')!;
    expect(bigint.verified).toBe(true);
  });

  it('reports the engine, the sample rows and nothing it could not reproduce', () => {
    expect(result.verify).toMatchObject({ serverVersion: expect.stringMatching(/^18\./), missingExtensions: [], unfilledTables: [] });
    // After a failed batch the rest is re-applied on emptied tables, outside a transaction, so that
    // later batches see its schema; only the cast still fails there.
    expect(result.verify!.historyProblems).toEqual([
      expect.stringMatching(/^the failed batch re-applied .*0011_cast_without_using\.sql:1:1: 42804 column "b" cannot be cast automatically/),
    ]);
    expect(result.verify!.engine).toMatch(/^PGlite/);
    expect(result.verify!.filledTables).toBe(3);
    expect(result.summary.errors).toBeGreaterThanOrEqual(4);
  });
});

describe('verify on PGlite with runner none', () => {
  it('runs CONCURRENTLY outside a transaction and commits each statement, so a new enum value is usable', async () => {
    const { result } = await verifyProject({ paths: pendingFiles('0012', '0014'), config: { runner: 'none' } });
    expect(traceOf(result, '0012', 1).status).toBe('ok');
    const cic = traceOf(result, '0014');
    expect(cic.status).toBe('ok');
    expect(cic.note).toMatch(/ran outside a transaction \(25001 inside one\)/);
    expect(result.results.flatMap((r) => r.messages).filter((m) => m.ruleId === 'migration-fails')).toEqual([]);
  }, 120_000);
});
