import { beforeAll, describe, expect, it } from 'vitest';
import { lintFolder } from '../../src/linter/lint-folder.js';
import type { MigrationFolder } from '../../src/migrations/types.js';
import { loadParser } from '../../src/sql/parser.js';
import { parseMigration } from '../../src/sql/parse-file.js';
import { perScope } from '../../src/rules/support/per-scope.js';
import type { Fix, Rule, RuleOptions } from '../../src/rules/types.js';

beforeAll(() => loadParser());

const OPTIONS: RuleOptions = { runner: 'drizzle', postgresVersion: 15, lockTimeoutSetByRunner: false };

/** Runs rules over in-memory files (no disk): paths are /m/<name>, texts given, batches as listed. */
function run(rules: Rule[], files: { name: string; text: string; batch: number }[]) {
  const texts = new Map(files.map((f) => [`/m/${f.name}`, f.text]));
  const folder: MigrationFolder = {
    dir: '/m',
    layout: 'plain',
    files: files.map((f) => ({ path: `/m/${f.name}`, tag: f.name.replace(/\.sql$/, ''), batch: f.batch, report: true })),
  };
  return lintFolder(folder, {
    rules,
    severities: new Map(rules.map((r) => [r.id, 'warning' as const])),
    options: OPTIONS,
    requireSuppressionReason: false,
    cwd: '/m',
    // The core reads nothing: it is handed each file parsed.
    parse: (file, filePath) => parseMigration(filePath, texts.get(file.path)!),
    docsUrl: (ruleId) => `docs/rules/${ruleId}.md`,
  }).files;
}

const meta = { category: 'style', recommended: false, defaultSeverity: 'warning', description: 'test rule', messages: {} } as const;

describe('rule state from create()', () => {
  // Counts statements per session, per file and per transaction, and reports the counts at each statement.
  const counting: Rule = {
    ...meta,
    id: 'counting',
    create() {
      let inSession = 0;
      const inFile = perScope<string, { n: number }>(() => ({ n: 0 }));
      const inTransaction = perScope<number, { n: number }>(() => ({ n: 0 }));
      return {
        check(ctx) {
          inSession++;
          const f = ++inFile(ctx.filePath).n;
          const t = ++inTransaction(ctx.transaction.id).n;
          ctx.report({ message: `session ${inSession} file ${f} transaction ${t}` });
        },
      };
    },
  };

  it('is fresh per session (batch), per file and per transaction', () => {
    const files = run(
      [counting],
      [
        { name: '0000_a.sql', text: 'SELECT 1;\n--> statement-breakpoint\nSELECT 2;', batch: 1 },
        { name: '0001_b.sql', text: 'SELECT 3;\n--> statement-breakpoint\nCOMMIT;\n--> statement-breakpoint\nSELECT 4;', batch: 1 },
        { name: '0002_c.sql', text: 'SELECT 5;', batch: 2 },
      ],
    );
    expect(files.map((f) => [f.filePath, f.messages.map((m) => m.message)])).toEqual([
      ['0000_a.sql', ['session 1 file 1 transaction 1', 'session 2 file 2 transaction 2']],
      // COMMIT ends the batch's transaction: the statements after it run in autocommit, one transaction each.
      ['0001_b.sql', ['session 3 file 1 transaction 3', 'session 4 file 2 transaction 4', 'session 5 file 3 transaction 1']],
      ['0002_c.sql', ['session 1 file 1 transaction 1']],
    ]);
  });
});

describe('fixes on findings', () => {
  const fix: Fix = {
    description: 'Replace SELECT 1 with SELECT 2',
    edits: [{ line: 1, column: 8, endLine: 1, endColumn: 9, text: '2' }],
    newMigrations: [{ after: '0000_a.sql', name: 'second_step', text: 'SELECT 3;' }],
  };
  const fixing: Rule = { ...meta, id: 'fixing', check: (ctx) => ctx.report({ message: 'with a fix', fixes: [fix] }) };
  const plain: Rule = { ...meta, id: 'plain', check: (ctx) => ctx.report({ message: 'without', fixes: [] }) };

  it('carries a rule’s fixes into the result, and leaves the field out when there are none', () => {
    const [file] = run([fixing, plain], [{ name: '0000_a.sql', text: 'SELECT 1;', batch: 1 }]);
    const byRule = new Map(file.messages.map((m) => [m.ruleId, m]));
    expect(byRule.get('fixing')!.fixes).toEqual([fix]);
    expect('fixes' in byRule.get('plain')!).toBe(false);
    expect(Object.keys(byRule.get('plain')!)).toEqual(['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'statement', 'suppressed', 'docsUrl']);
  });
});
