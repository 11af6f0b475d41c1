import { describe, expect, it } from 'vitest';
import { checkClaims, claimsOf } from '../../src/verify/claims.js';
import type { StatementTrace, VerifyMessage } from '../../src/verify/types.js';

const message = (text: string): VerifyMessage => ({ ruleId: 'r', severity: 'error', message: text, line: 1, column: 1, endLine: 1, endColumn: 2, suppressed: false, docsUrl: '' });
const trace = (observed: StatementTrace['observed'], status: StatementTrace['status'] = 'ok'): StatementTrace => ({ line: 1, column: 1, statement: 's', status, observed });

describe('claims read from a finding', () => {
  it('reads lock modes (longest first), rewrites, scans and failures, with negations', () => {
    expect(claimsOf('takes SHARE ROW EXCLUSIVE on both tables')).toEqual({ modes: ['SHARE ROW EXCLUSIVE'] });
    expect(claimsOf('takes ACCESS EXCLUSIVE and rewrites the table')).toEqual({ modes: ['ACCESS EXCLUSIVE'], rewrite: true });
    expect(claimsOf('takes ACCESS EXCLUSIVE without a rewrite, but scans the table')).toEqual({ modes: ['ACCESS EXCLUSIVE'], rewrite: false, scan: true });
    expect(claimsOf('fails if the table has any rows (23502).')).toEqual({ modes: [], fails: { code: '23502' } });
  });

  it('reads uppercase SQL keywords as SQL, not as a negation of the claim', () => {
    expect(claimsOf('Adding CHECK constraint "c" to "t" without NOT VALID scans the whole table while holding ACCESS EXCLUSIVE.')).toEqual({
      modes: ['ACCESS EXCLUSIVE'],
      scan: true,
    });
    expect(claimsOf('SET NOT NULL on "t" scans the whole table.')).toEqual({ modes: [], scan: true });
    expect(claimsOf('No rewrite happens here.')).toEqual({ modes: [], rewrite: false });
  });

  it('leaves a claim made under a condition ("unless …") to neither side', () => {
    expect(claimsOf('takes ACCESS EXCLUSIVE and rewrites the table: writes wait, unless the session TimeZone is UTC; even then its indexes are rebuilt (a scan).')).toEqual({
      modes: ['ACCESS EXCLUSIVE'],
      scan: true,
    });
    expect(claimsOf('takes ACCESS EXCLUSIVE and, unless Postgres can keep the stored values, rewrites the whole table.')).toEqual({ modes: ['ACCESS EXCLUSIVE'] });
    expect(claimsOf('Unless it is new, nothing happens. It rewrites the table.')).toEqual({ modes: [], rewrite: true });
  });

  it('verifies a confirmed claim and notes a contradicted one', () => {
    const rewrite = { locks: [{ relation: 't', kind: 'table' as const, mode: 'ACCESS EXCLUSIVE' as const }], rewritten: ['t'], scanned: ['t'], durationMs: 1 };
    const m1 = message('takes ACCESS EXCLUSIVE and rewrites the table');
    checkClaims(m1, trace(rewrite));
    expect(m1).toMatchObject({ verified: true, observed: rewrite });
    const m2 = message('takes ACCESS EXCLUSIVE and rewrites the table');
    checkClaims(m2, trace({ ...rewrite, rewritten: [], scanned: [] }));
    expect(m2.verified).toBeUndefined();
    expect(m2.verifyNote).toBe('verify: no table or index got new storage (no rewrite).');
    const m3 = message('takes a SHARE lock');
    checkClaims(m3, trace({ ...rewrite, rewritten: [] }));
    expect(m3.verifyNote).toBe('verify: it took ACCESS EXCLUSIVE on t.');
  });

  it('a failure claim: confirmed by the same SQLSTATE, contradicted by a clean run', () => {
    const err = { locks: [], rewritten: [], scanned: [], durationMs: 1, error: { code: '23502', message: 'x' } };
    const m1 = message('fails if the table has any rows (23502).');
    checkClaims(m1, trace(err, 'failed'));
    expect(m1.verified).toBe(true);
    const m2 = message('fails if the table has any rows (23502).');
    checkClaims(m2, trace({ ...err, error: undefined }));
    expect(m2.verifyNote).toMatch(/ran without error here/);
  });

  it('says nothing about statements that did not run', () => {
    const m = message('takes ACCESS EXCLUSIVE');
    checkClaims(m, trace(undefined, 'not-run'));
    expect(m).not.toHaveProperty('verified');
    expect(m).not.toHaveProperty('observed');
  });
});
