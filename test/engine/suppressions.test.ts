import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/app/lint-project.js';
import type { FileConfig } from '../../src/config/schema.js';
import { onlyRules } from '../helpers/only-rules.js';

const RULES_UNDER_TEST = onlyRules('dropping-table', 'dropping-column', 'changing-column-type', 'creating-index-non-concurrently', 'unused-suppression');

async function lint(text: string, config?: FileConfig) {
  const result = await lintTexts([{ path: 'drizzle/0001_x.sql', text }], { config: { ...config, rules: { ...RULES_UNDER_TEST, ...config?.rules } } });
  const messages = result.results[0].messages.map((m) => ({ rule: m.ruleId, line: m.line, column: m.column, suppressed: m.suppressed, message: m.message }));
  return { summary: result.summary, messages };
}

const brief = (ms: Awaited<ReturnType<typeof lint>>['messages']) => ms.map((m) => `${m.line}:${m.column} ${m.rule}${m.suppressed ? ' (suppressed)' : ''}`);

describe('disable-next-statement', () => {
  it('covers the next statement only, and keeps the finding with suppressed: true', async () => {
    const r = await lint(
      '-- migration-lint-disable-next-statement dropping-table -- archived in 2024, nothing reads it\nDROP TABLE "old_a";\n--> statement-breakpoint\nDROP TABLE "old_b";',
    );
    expect(brief(r.messages)).toEqual(['2:1 dropping-table (suppressed)', '4:1 dropping-table']);
    expect(r.summary).toMatchObject({ errors: 1, warnings: 0, suppressed: 1 });
  });

  it('takes several ids separated by commas', async () => {
    const r = await lint(
      '-- migration-lint-disable-next-statement dropping-column,changing-column-type -- cleanup after the v42 release\nALTER TABLE "u" DROP COLUMN "a", ALTER COLUMN "b" SET DATA TYPE bigint;\nDROP TABLE "x";',
    );
    expect(r.messages.map((m) => `${m.line} ${m.rule}${m.suppressed ? ' (suppressed)' : ''}`)).toEqual([
      '2 dropping-column (suppressed)',
      '2 changing-column-type (suppressed)',
      '3 dropping-table',
    ]);
    expect(r.summary).toMatchObject({ errors: 1, suppressed: 2 });
  });

  it('does not silence other rules on the same statement', async () => {
    const r = await lint('-- migration-lint-disable-next-statement dropping-table -- gone\nALTER TABLE "u" DROP COLUMN "a";');
    expect(brief(r.messages)).toEqual(['1:1 unused-suppression', '2:1 dropping-column']);
    expect(r.messages[0].message).toMatch(/"dropping-table" matched no finding/);
  });

  it('covers the statements inside the DO body that follows', async () => {
    const r = await lint(
      [
        '-- migration-lint-disable-next-statement creating-index-non-concurrently -- table has 40 rows',
        'DO $$ BEGIN',
        ' CREATE INDEX "i" ON "t" ("c");',
        'EXCEPTION',
        ' WHEN duplicate_table THEN null;',
        'END $$;',
        '--> statement-breakpoint',
        'CREATE INDEX "j" ON "t" ("d");',
      ].join('\n'),
    );
    expect(brief(r.messages)).toEqual(['3:2 creating-index-non-concurrently (suppressed)', '8:1 creating-index-non-concurrently']);
  });

  it('applies across comments and blank lines, with CRLF', async () => {
    const r = await lint('-- migration-lint-disable-next-statement dropping-table -- ok\r\n\r\n-- another comment\r\nDROP TABLE "a";\r\n');
    expect(brief(r.messages)).toEqual(['4:1 dropping-table (suppressed)']);
  });

  it('is only a directive when the comment starts its line', async () => {
    const r = await lint("DROP TABLE \"a\"; -- migration-lint-disable-next-statement dropping-table -- no\nSELECT '-- migration-lint-disable-file dropping-table -- no';");
    expect(brief(r.messages)).toEqual(['1:1 dropping-table']);
  });
});

describe('disable-file', () => {
  it('covers every statement of the file', async () => {
    const r = await lint('DROP TABLE "a";\n-- migration-lint-disable-file dropping-table, dropping-column -- decommissioning the module\nDROP TABLE "b";\nALTER TABLE "c" DROP COLUMN "d";');
    expect(brief(r.messages)).toEqual(['1:1 dropping-table (suppressed)', '3:1 dropping-table (suppressed)', '4:1 dropping-column (suppressed)']);
    expect(r.summary).toMatchObject({ errors: 0, warnings: 0, suppressed: 3 });
  });
});

describe('unused-suppression', () => {
  it('reports a suppression that matches nothing', async () => {
    const r = await lint('-- migration-lint-disable-next-statement dropping-table -- old\nSELECT 1;');
    expect(r.messages).toEqual([
      {
        rule: 'unused-suppression',
        line: 1,
        column: 1,
        suppressed: false,
        message: 'migration-lint-disable-next-statement for "dropping-table" matched no finding; remove it.',
      },
    ]);
  });

  it('reports an unknown rule id and a directive with no id', async () => {
    const r = await lint('SELECT 1;\n  -- migration-lint-disable-file no-such-rule -- typo\n-- migration-lint-disable-next-statement -- nothing named\nSELECT 2;');
    expect(r.messages.map((m) => [m.line, m.column, m.message])).toEqual([
      [2, 3, 'migration-lint-disable-file names unknown rule "no-such-rule".'],
      [3, 1, 'migration-lint-disable-next-statement names no rule; list the rule ids it should silence.'],
    ]);
  });

  it('requires a reason by default, and not with requireSuppressionReason: false', async () => {
    const text = '-- migration-lint-disable-next-statement dropping-table\nDROP TABLE "a";';
    const r = await lint(text);
    expect(brief(r.messages)).toEqual(['1:1 unused-suppression', '2:1 dropping-table (suppressed)']);
    expect(r.messages[0].message).toBe('migration-lint-disable-next-statement has no reason; say why after the rule ids.');
    expect(r.summary).toMatchObject({ errors: 0, warnings: 1, suppressed: 1 });
    const lax = await lint(text, { requireSuppressionReason: false });
    expect(brief(lax.messages)).toEqual(['2:1 dropping-table (suppressed)']);
    // An empty reason is no reason.
    expect(brief((await lint('-- migration-lint-disable-next-statement dropping-table --   \nDROP TABLE "a";')).messages)).toEqual([
      '1:1 unused-suppression',
      '2:1 dropping-table (suppressed)',
    ]);
  });

  it('says nothing about a suppression of a rule that is turned off', async () => {
    const r = await lint('-- migration-lint-disable-next-statement dropping-table -- fine\nDROP TABLE "a";', { rules: { 'dropping-table': 'off' } });
    expect(r.messages).toEqual([]);
  });

  it('can itself be turned off', async () => {
    const r = await lint('-- migration-lint-disable-next-statement dropping-table\nSELECT 1;', { rules: { 'unused-suppression': 'off' } });
    expect(r.messages).toEqual([]);
  });
});

describe("squawk's ignore comments (for teams moving from squawk)", () => {
  it('silence the rules that stand for the squawk names, and are never findings themselves', async () => {
    const r = await lint(
      [
        '-- squawk-ignore ban-drop-column',
        'ALTER TABLE "u" DROP COLUMN "a";',
        '--> statement-breakpoint',
        'ALTER TABLE "u" DROP COLUMN "b";',
        '--> statement-breakpoint',
        '-- squawk-ignore require-concurrent-index-creation, prefer-robust-stmts -- small table',
        'CREATE INDEX "u_c" ON "u" ("c");',
        '--> statement-breakpoint',
        '-- squawk-ignore ban-drop-table',
        'SELECT 1;',
      ].join('\n'),
    );
    // No reason, a squawk name with no equivalent here, one that matches nothing: no finding of their own.
    expect(brief(r.messages)).toEqual(['2:1 dropping-column (suppressed)', '4:1 dropping-column', '7:1 creating-index-non-concurrently (suppressed)']);
  });

  it('squawk-ignore-file with names covers the file; without names it silences nothing', async () => {
    const file = await lint('-- squawk-ignore-file ban-drop-column\nALTER TABLE "u" DROP COLUMN "a";\n--> statement-breakpoint\nALTER TABLE "u" DROP COLUMN "b";');
    expect(brief(file.messages)).toEqual(['2:1 dropping-column (suppressed)', '4:1 dropping-column (suppressed)']);
    const blanket = await lint('-- squawk-ignore-file\nALTER TABLE "u" DROP COLUMN "a";\n--> statement-breakpoint\n-- squawk-ignore\nDROP TABLE "t";');
    expect(brief(blanket.messages)).toEqual(['2:1 dropping-column', '5:1 dropping-table']);
  });
});
