import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.js';
import { journal, tempProject } from '../helpers/temp-project.js';
import { ESCAPE_NOTE } from '../../src/fix/render.js';
import { unifiedDiff } from '../../src/fix/diff.js';

const base = 'CREATE TABLE "t" ("id" bigint PRIMARY KEY, "a" int);';
const project = (pending: string) =>
  tempProject({
    'drizzle/0000_base.sql': base,
    'drizzle/0001_next.sql': pending,
    'drizzle/meta/_journal.json': journal(['0000_base', '0001_next']),
  });

const fixedIndex = [
  ESCAPE_NOTE,
  "SET lock_timeout = '5s';",
  '--> statement-breakpoint',
  'COMMIT;',
  '--> statement-breakpoint',
  'DO $$ BEGIN',
  "  IF EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 't_a_idx' AND n.nspname = current_schema() AND NOT i.indisvalid) THEN",
  '    EXECUTE \'DROP INDEX "t_a_idx"\';',
  '  END IF;',
  'END $$;',
  '--> statement-breakpoint',
  'CREATE INDEX CONCURRENTLY IF NOT EXISTS "t_a_idx" ON "t" ("a");',
  '--> statement-breakpoint',
  'BEGIN;',
  '',
].join('\n');

describe('drizzle-migration-lint fix', () => {
  it('prints the plan and the diff, exits 1 and writes nothing', async () => {
    const dir = project('CREATE INDEX "t_a_idx" ON "t" ("a");\n');
    const run = await runMain(['fix', '--baseline', '0000_base'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('drizzle/0001_next.sql:1  [creating-index-non-concurrently] CREATE INDEX "t_a_idx" CONCURRENTLY, outside the batch transaction, re-runnable\n');
    expect(run.stdout).toContain('    resolves missing-lock-timeout at drizzle/0001_next.sql:1:1\n');
    expect(run.stdout).toContain(unifiedDiff('drizzle/0001_next.sql', 'drizzle/0001_next.sql', 'CREATE INDEX "t_a_idx" ON "t" ("a");\n', fixedIndex));
    expect(run.stdout).toContain('--- a/drizzle/0001_next.sql\n+++ b/drizzle/0001_next.sql\n@@ -1,1 +1,14 @@\n-CREATE INDEX "t_a_idx" ON "t" ("a");\n+-- migration-lint-disable-file');
    expect(readFileSync(join(dir, 'drizzle/0001_next.sql'), 'utf8')).toBe('CREATE INDEX "t_a_idx" ON "t" ("a");\n');
  });

  it('--write applies the plan; a second run has nothing to fix (exit 0)', async () => {
    const dir = project('CREATE INDEX "t_a_idx" ON "t" ("a");\n');
    const run = await runMain(['fix', '--baseline', '0000_base', '--write'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'drizzle/0001_next.sql'), 'utf8')).toBe(fixedIndex);
    expect(readFileSync(join(dir, 'drizzle/0000_base.sql'), 'utf8')).toBe(base);
    const again = await runMain(['fix', '--baseline', '0000_base'], { cwd: dir });
    expect(again).toEqual({ code: 0, stdout: 'Nothing to fix in 1 pending migration.\n', stderr: '' });
    const lint = await runMain(['lint', '--baseline', '0000_base', '--format', 'json'], { cwd: dir });
    expect(lint.code).toBe(0);
  });

  it('--format json describes steps, resolved findings, files and what needs the user', async () => {
    const dir = project('CREATE INDEX "t_a_idx" ON "t" ("a");\n--> statement-breakpoint\nALTER TABLE "t" RENAME COLUMN "a" TO "b";\n');
    const run = await runMain(['fix', '--baseline', '0000_base', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const plan = JSON.parse(run.stdout);
    expect(plan.written).toBe(false);
    expect(plan.pending).toEqual(['drizzle/0001_next.sql']);
    expect(plan.steps.map((s: { recipe: string; line: number }) => [s.recipe, s.line])).toEqual([
      ['missing-lock-timeout', 1],
      ['creating-index-non-concurrently', 1],
    ]);
    expect(plan.steps[1].resolves).toEqual([
      expect.objectContaining({ ruleId: 'creating-index-non-concurrently', filePath: 'drizzle/0001_next.sql', line: 1, column: 1, endLine: 1, endColumn: 36 }),
    ]);
    expect(plan.steps[1].chunks.map((c: { mode: string }) => c.mode)).toEqual(['autocommit', 'autocommit']);
    expect(plan.files).toHaveLength(1);
    expect(plan.files[0].path).toBe('drizzle/0001_next.sql');
    expect(plan.needsUser.map((n: { finding: { ruleId: string; line: number } }) => [n.finding.ruleId, n.finding.line])).toEqual([['renaming-column', 3]]);
    expect(plan.needsUser[0].plan.map((d: { title: string }) => d.title)).toEqual([
      'deploy 1 (expand): add the new column; the app writes both',
      'deploy 2: backfill in batches (outside the migration, or a migration of its own)',
      'deploy 3: switch reads to the new column',
      'deploy 4 (contract): drop the old column once no running version reads or writes it',
    ]);
    expect(plan.needsUser[0].plan[0].sql).toEqual(['ALTER TABLE "t" ADD COLUMN "b" integer;']);
    expect(plan.problems).toEqual([]);
  });

  it('nothing is written when a step cannot be planned (exit 2, one line naming the file)', async () => {
    const pending = 'INSERT INTO "t" ("id", "a") VALUES (1, 1);\n--> statement-breakpoint\nCREATE INDEX "t_a_idx" ON "t" ("a");\n';
    const dir = project(pending);
    const run = await runMain(['fix', '--baseline', '0000_base', '--write'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'drizzle-migration-lint: drizzle/0001_next.sql:1: this Insert statement runs before a COMMIT that fix adds and has no re-runnable form: if a later statement fails, a re-run repeats it. Move it into a migration of its own, or the statement fix rewrites into a later one; nothing written\n',
    );
    expect(readFileSync(join(dir, 'drizzle/0001_next.sql'), 'utf8')).toBe(pending);
    expect(readdirSync(join(dir, 'drizzle')).sort()).toEqual(['0000_base.sql', '0001_next.sql', 'meta']);
  });

  it('without --since or --baseline it needs the files named, and touches only those', async () => {
    const dir = project('CREATE INDEX "t_a_idx" ON "t" ("a");\n');
    const none = await runMain(['fix'], { cwd: dir });
    expect(none).toEqual({
      code: 2,
      stdout: '',
      stderr: 'drizzle-migration-lint: fix rewrites only pending migrations: say which with --since <git-ref> or --baseline <tag>, or name the migration files to fix\n',
    });
    const named = await runMain(['fix', 'drizzle/0001_next.sql', '--write'], { cwd: dir });
    expect(named.code).toBe(0);
    expect(readFileSync(join(dir, 'drizzle/0001_next.sql'), 'utf8')).toBe(fixedIndex);
    expect(readFileSync(join(dir, 'drizzle/0000_base.sql'), 'utf8')).toBe(base);
  });

  it('never touches an applied migration', async () => {
    const dir = tempProject({
      'drizzle/0000_base.sql': base,
      'drizzle/0001_old.sql': 'CREATE INDEX "t_a_idx" ON "t" ("a");\n',
      'drizzle/0002_next.sql': 'ALTER TABLE "t" ADD COLUMN "c" int;\n',
      'drizzle/meta/_journal.json': journal(['0000_base', '0001_old', '0002_next']),
    });
    const run = await runMain(['fix', '--baseline', '0001_old', '--write'], { cwd: dir });
    expect(readFileSync(join(dir, 'drizzle/0001_old.sql'), 'utf8')).toBe('CREATE INDEX "t_a_idx" ON "t" ("a");\n');
    expect(readFileSync(join(dir, 'drizzle/0002_next.sql'), 'utf8')).toBe("SET lock_timeout = '5s';\n--> statement-breakpoint\nALTER TABLE \"t\" ADD COLUMN \"c\" int;\n");
    expect(run.code).toBe(0);
  });
});
