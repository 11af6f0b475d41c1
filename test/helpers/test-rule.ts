import { describe, expect, it } from 'vitest';
import { lintTexts, type SourceText } from '../../src/engine/lint.js';
import type { FileConfig } from '../../src/config/schema.js';
import { findRule } from '../../src/rules/index.js';

export interface Expected {
  message: string | RegExp;
  line: number;
  column: number;
  /** Checked when given (the `msgs` helper makes them required). */
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
          const want = Array.isArray(c.expect) ? c.expect : [c.expect];
          const firstFile = sourcesOf(c)[0].path;
          expect(got.map((m) => ({ file: m.file, line: m.line, column: m.column, severity: m.severity }))).toEqual(
            want.map((w) => ({ file: w.file ?? firstFile, line: w.line, column: w.column, severity: w.severity ?? findRule(ruleId)!.defaultSeverity })),
          );
          got.forEach((m, i) => {
            if (want[i].endLine !== undefined) expect({ endLine: m.endLine, endColumn: m.endColumn }).toEqual({ endLine: want[i].endLine, endColumn: want[i].endColumn });
            const w = want[i].message;
            if (typeof w === 'string') expect(m.message).toBe(w);
            else expect(m.message).toMatch(w);
          });
        });
      }
    });
  });
}
