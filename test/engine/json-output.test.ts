import { describe, expect, it } from 'vitest';
import { lintProject, lintTexts } from '../../src/app/lint-project.js';
import { assemble } from '../../src/linter/result.js';
import { formatJson } from '../../src/reporters/json.js';
import type { Message } from '../../src/linter/result.js';
import { onlyRules } from '../helpers/only-rules.js';

const OPTIONS = { config: { rules: onlyRules('dropping-table', 'dropping-column', 'creating-index-non-concurrently', 'unparsable-sql', 'unused-suppression') } };

const SOURCES = [
  { path: 'drizzle/0001_b.sql', text: 'CREATE TABLE "t" ("id" int, "c" int);' },
  { path: 'drizzle/0002_a.sql', text: 'DROP TABLE "x";\n--> statement-breakpoint\nALTER TABLE "t" DROP COLUMN "c";\n-- migration-lint-disable-next-statement dropping-table -- archived\nDROP TABLE "y";' },
  { path: 'drizzle/0003_c.sql', text: 'SELEC 1;\n--> statement-breakpoint\nCREATE INDEX "i" ON "t" ("id");' },
];

describe('JSON result', () => {
  it('is byte-for-byte the same on every run', async () => {
    const a = formatJson(await lintTexts(SOURCES, OPTIONS));
    const b = formatJson(await lintTexts(SOURCES, OPTIONS));
    expect(a).toBe(b);
    const project = async () => formatJson((await lintProject({ paths: ['examples/saas/drizzle'] })).result);
    expect(await project()).toBe(await project());
  });

  it('has the shape of the result model, clean files included, files sorted by path', async () => {
    const result = JSON.parse(formatJson(await lintTexts(SOURCES, OPTIONS)));
    expect(Object.keys(result)).toEqual(['version', 'results', 'summary']);
    expect(result.version).toBe(1);
    expect(result.results.map((r: { filePath: string }) => r.filePath)).toEqual(['drizzle/0001_b.sql', 'drizzle/0002_a.sql', 'drizzle/0003_c.sql']);
    expect(result.results[0].messages).toEqual([]);
    const dropped = result.results[1].messages.find((m: Message) => m.ruleId === 'dropping-table');
    expect(Object.keys(dropped)).toEqual(['ruleId', 'severity', 'message', 'hint', 'line', 'column', 'endLine', 'endColumn', 'statement', 'suppressed', 'docsUrl']);
    expect(dropped).toMatchObject({ line: 1, column: 1, endLine: 1, endColumn: 15, statement: 'DROP TABLE "x"', suppressed: false });
    expect(dropped.docsUrl).toMatch(/\/docs\/rules\/dropping-table\.md$/);
    expect(result.summary).toEqual({ files: 3, statements: 5, errors: 4, warnings: 0, suppressed: 1 });
    expect(result.results[2].messages.map((m: Message) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['1:1 unparsable-sql', '3:1 creating-index-non-concurrently']);
  });

  it('orders messages by line, column, rule id and message whatever order they were found in', () => {
    const m = (line: number, column: number, ruleId: string, message: string): Message => ({
      ruleId,
      severity: 'error',
      message,
      line,
      column,
      endLine: line,
      endColumn: column,
      suppressed: false,
      docsUrl: '',
    });
    const list = [m(2, 1, 'b', 'x'), m(1, 5, 'a', 'y'), m(1, 5, 'a', 'x'), m(1, 1, 'z', 'x'), m(1, 5, 'a', 'x')];
    const forward = assemble([{ filePath: 'f.sql', messages: [...list] }], 0);
    const backward = assemble([{ filePath: 'f.sql', messages: [...list].reverse() }], 0);
    expect(JSON.stringify(forward)).toBe(JSON.stringify(backward));
    expect(forward.results[0].messages.map((x) => `${x.line}:${x.column} ${x.ruleId} ${x.message}`)).toEqual([
      '1:1 z x',
      '1:5 a x',
      '1:5 a x',
      '1:5 a y',
      '2:1 b x',
    ]);
  });
});
