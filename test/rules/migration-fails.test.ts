import { afterAll, describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers/test-rule.js';
import { verifyProject } from '../../src/verify/verify-project.js';
import { tempMigrations } from '../verify/temp-project.js';

// Static linting never reports it, even for SQL that will fail: only `verify` runs the SQL.
describe('migration-fails (lint)', () => {
  for (const sql of ['ALTER TABLE "users" ADD COLUMN "age" integer NOT NULL;', 'CREATE INDEX CONCURRENTLY "i" ON "t" ("a");']) {
    it(sql, async () => expect(await findingsOf('migration-fails', { sql })).toEqual([]));
  }
});

const HISTORY = 'CREATE TABLE "users" ("id" serial PRIMARY KEY, "email" text NOT NULL, "name" text);';

interface VerifyReject {
  description: string;
  sql: string;
  expect: { message: RegExp; line: number; column: number }[];
}

const reject: VerifyReject[] = [
  {
    description: 'NOT NULL column without default on a table with a row',
    sql: 'ALTER TABLE "users" ADD COLUMN "age" integer NOT NULL;',
    expect: [{ message: /^Fails on PGlite .*: ERROR 23502: column "age" of relation "users" contains null values\. The whole batch is rolled back\.$/, line: 1, column: 1 }],
  },
  {
    description: 'a unique index over duplicates, after a statement that succeeded; the rest is not observed',
    sql: [
      'INSERT INTO "users" ("email") SELECT "email" FROM "users";',
      'CREATE UNIQUE INDEX "users_email_idx" ON "users" ("email");',
      'ALTER TABLE "users" ADD COLUMN "x" integer;',
    ].join('--> statement-breakpoint\n'),
    expect: [{ message: /ERROR 23505: could not create unique index "users_email_idx" \(Key \(email\)=\(1\) is duplicated\.\)\. The whole batch is rolled back\. The remaining 1 statement of its transaction could not be observed\.$/, line: 2, column: 1 }],
  },
  {
    description: 'an error position inside the statement moves the finding there (CRLF file)',
    sql: 'ALTER TABLE "users" ADD COLUMN "c" integer;--> statement-breakpoint\r\nUPDATE "users" SET "c" = \'abc\';',
    expect: [{ message: /ERROR 22P02: invalid input syntax for type integer: "abc"/, line: 2, column: 26 }],
  },
];

describe('migration-fails (verify)', () => {
  for (const c of reject) {
    it(c.description, async () => {
      const project = tempMigrations({ '0000_init.sql': HISTORY, '0001_change.sql': c.sql });
      try {
        const { result } = await verifyProject({ paths: [project.path('0001_change.sql')] });
        const got = result.results.flatMap((r) => r.messages).filter((m) => m.ruleId === 'migration-fails');
        expect(got.map((m) => ({ line: m.line, column: m.column, severity: m.severity }))).toEqual(c.expect.map((e) => ({ line: e.line, column: e.column, severity: 'error' })));
        got.forEach((m, i) => expect(m.message).toMatch(c.expect[i].message));
      } finally {
        project.remove();
      }
    }, 120_000);
  }

  const off = tempMigrations({ '0000_init.sql': HISTORY, '0001_change.sql': reject[0].sql });
  afterAll(() => off.remove());
  it('is silenced when the rule is off', async () => {
    const { result } = await verifyProject({ paths: [off.path('0001_change.sql')], rules: { 'migration-fails': 'off' } });
    expect(result.results.flatMap((r) => r.messages).filter((m) => m.ruleId === 'migration-fails')).toEqual([]);
    expect(result.results[0].trace![0].status).toBe('failed');
  }, 120_000);

  it('is silenced by a suppression comment on the statement, and stays countable', async () => {
    const project = tempMigrations({
      '0000_init.sql': HISTORY,
      '0001_change.sql': `-- migration-lint-disable-next-statement migration-fails, adding-not-null-column -- users is empty everywhere\n${reject[0].sql}`,
    });
    try {
      const { result } = await verifyProject({ paths: [project.path('0001_change.sql')] });
      const got = result.results.flatMap((r) => r.messages).filter((m) => m.ruleId !== 'missing-lock-timeout');
      expect(got.map((m) => `${m.ruleId}:${m.line}:${m.column}:${m.suppressed}`)).toEqual(['migration-fails:2:1:true', 'adding-not-null-column:2:32:true']);
      expect(result.summary.errors).toBe(0);
      expect(result.summary.suppressed).toBe(2);
    } finally {
      project.remove();
    }
  }, 120_000);
});
