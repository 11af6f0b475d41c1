import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintTexts, type SourceText } from '../../src/app/lint-project.js';
import type { FileConfig } from '../../src/config/schema.js';
import { findRule } from '../../src/rules/index.js';

export interface Expected {
  /**
   * The exact text, built with the rule module's `messages` (`messages.x({ … })`). A RegExp is left
   * only for the rules whose texts helper `verdicts` converts (issue 13); do not add new ones.
   */
  message: string | RegExp;
  line: number;
  column: number;
  /** Where the finding ends (exclusive, 1-based like `column`); every converted rule's test pins it. */
  endLine?: number;
  endColumn?: number;
  /** Defaults to the first file of the case. */
  file?: string;
  severity?: 'error' | 'warning';
}

export interface Case {
  /** A single migration (drizzle/0001_test.sql), or several files in run order. */
  sql?: string;
  files?: SourceText[];
  config?: FileConfig;
  description?: string;
}

export interface RejectCase extends Case {
  /** Exactly these findings of the rule, in order (line, then column). */
  expect: Expected | Expected[];
}

export interface RuleTable {
  accept: Case[];
  reject: RejectCase[];
}

/** Path of the n-th migration of a hand-built folder: drizzle/0000_a.sql, drizzle/0001_b.sql, … */
export const migrationPath = (n: number) => `drizzle/${String(n).padStart(4, '0')}_${String.fromCharCode(97 + n)}.sql`;

/**
 * A folder whose first migration is history (applied in an earlier deploy: batch 0) and whose other
 * migrations are pending together (batch 1). Findings in the first pending migration are at
 * `migrationPath(1)`.
 */
export function afterHistory(history: string, ...pending: string[]): SourceText[] {
  return [history, ...pending].map((text, i) => ({ path: migrationPath(i), text, batch: i === 0 ? 0 : 1 }));
}

/** A folder whose migrations are all pending together (one batch: the first creates what the others use). */
export function sameBatch(...texts: string[]): SourceText[] {
  return texts.map((text, i) => ({ path: migrationPath(i), text, batch: 1 }));
}

function sourcesOf(c: Case): SourceText[] {
  if (c.files) return c.files;
  if (c.sql !== undefined) return [{ path: 'drizzle/0001_test.sql', text: c.sql }];
  throw new Error('case needs sql or files');
}

/** The unsuppressed findings of one rule (switched on at its default severity) for a case. */
export async function findingsOf(ruleId: string, c: Case) {
  const rule = findRule(ruleId);
  if (!rule) throw new Error(`unknown rule ${ruleId}`);
  const setting = rule.defaultSeverity === 'error' ? 'error' : 'warn';
  const result = await lintTexts(sourcesOf(c), { config: c.config, rules: { ...c.config?.rules, [ruleId]: c.config?.rules?.[ruleId] ?? setting } });
  return result.results.flatMap((r) =>
    r.messages.filter((m) => m.ruleId === ruleId && !m.suppressed).map((m) => ({ ...m, file: r.filePath })),
  );
}

const title = (c: Case) => c.description ?? (c.sql ?? c.files!.map((f) => f.text).join(' ⏎ ')).replace(/\s+/g, ' ').slice(0, 100);

/** Appends a reject case's findings to $RECORD_FINDINGS (JSON lines), for filling in expectations. */
function recordFindings(ruleId: string, index: number, got: { line: number; column: number; endLine: number; endColumn: number; message: string }[]): void {
  const rows = got.map(({ line, column, endLine, endColumn, message }) => ({ line, column, endLine, endColumn, message }));
  appendFileSync(process.env.RECORD_FINDINGS!, JSON.stringify({ ruleId, index, rows }) + '\n');
}

/** ESLint/stylelint-style table: every accept case has no finding, every reject case exactly the expected ones. */
export function testRule(ruleId: string, table: RuleTable): void {
  describe(ruleId, () => {
    describe('accept', () => {
      for (const c of table.accept) {
        it(title(c), async () => {
          expect(await findingsOf(ruleId, c)).toEqual([]);
        });
      }
    });
    describe('reject', () => {
      for (const c of table.reject) {
        it(title(c), async () => {
          const got = await findingsOf(ruleId, c);
          if (process.env.RECORD_FINDINGS) recordFindings(ruleId, table.reject.indexOf(c), got);
          const want = Array.isArray(c.expect) ? c.expect : [c.expect];
          const firstFile = sourcesOf(c)[0].path;
          expect(
            got.map((m, i) => ({
              file: m.file,
              line: m.line,
              column: m.column,
              ...(want[i]?.endLine !== undefined ? { endLine: m.endLine } : {}),
              ...(want[i]?.endColumn !== undefined ? { endColumn: m.endColumn } : {}),
              severity: m.severity,
            })),
          ).toEqual(
            want.map((w) => ({
              file: w.file ?? firstFile,
              line: w.line,
              column: w.column,
              ...(w.endLine !== undefined ? { endLine: w.endLine } : {}),
              ...(w.endColumn !== undefined ? { endColumn: w.endColumn } : {}),
              severity: w.severity ?? findRule(ruleId)!.defaultSeverity,
            })),
          );
          got.forEach((m, i) => {
            const w = want[i].message;
            if (typeof w === 'string') expect(m.message).toBe(w);
            else expect(m.message).toMatch(w);
          });
        });
      }
    });
  });
}
