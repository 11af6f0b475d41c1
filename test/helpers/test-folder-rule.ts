import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileConfig } from '../../src/config/schema.js';
import { lintProject } from '../../src/app/lint-project.js';
import { findRule } from '../../src/rules/index.js';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures');

export interface FolderCase {
  /** A folder under test/fixtures/, used as the working folder. */
  fixture: string;
  /** Paths as given on the command line (default: none, so discovery decides). */
  paths?: string[];
  config?: FileConfig;
  description?: string;
}

export interface FolderExpected {
  /** Relative to the fixture folder, with forward slashes. */
  file: string;
  line: number;
  column: number;
  /** Where the finding ends (exclusive, 1-based like `column`). */
  endLine?: number;
  endColumn?: number;
  /** The exact text, built with the rule module's `messages`; a RegExp only for rules not converted yet. */
  message: string | RegExp;
}

export interface FolderRejectCase extends FolderCase {
  expect: FolderExpected[];
}

/** The unsuppressed findings of one rule for a fixture project, sorted by file, line, column. */
export async function folderFindings(ruleId: string, c: FolderCase, cwd = resolve(FIXTURES, c.fixture)) {
  const rule = findRule(ruleId);
  if (!rule) throw new Error(`unknown rule ${ruleId}`);
  const { result } = await lintProject({
    cwd,
    paths: c.paths,
    config: c.config,
    rules: { [ruleId]: rule.defaultSeverity === 'error' ? 'error' : 'warn' },
  });
  return result.results
    .flatMap((r) => r.messages.filter((m) => m.ruleId === ruleId && !m.suppressed).map((m) => ({ ...m, file: r.filePath })))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

/** Accept/reject tables for project-level rules, run on fixture folders as the CLI would. */
export function testFolderRule(ruleId: string, table: { accept: FolderCase[]; reject: FolderRejectCase[] }): void {
  const title = (c: FolderCase) => c.description ?? `${c.fixture}${c.paths ? ` ${c.paths.join(' ')}` : ''}`;
  describe(ruleId, () => {
    describe('accept', () => {
      for (const c of table.accept) it(title(c), async () => expect(await folderFindings(ruleId, c)).toEqual([]));
    });
    describe('reject', () => {
      for (const c of table.reject) {
        it(title(c), async () => {
          const got = await folderFindings(ruleId, c);
          const end = (w: FolderExpected | undefined, m: { endLine: number; endColumn: number }) =>
            w?.endLine !== undefined ? { endLine: m.endLine, endColumn: m.endColumn } : {};
          expect(got.map((m, i) => ({ file: m.file, line: m.line, column: m.column, ...end(c.expect[i], m) }))).toEqual(
            c.expect.map((w) => ({ file: w.file, line: w.line, column: w.column, ...end(w, { endLine: w.endLine!, endColumn: w.endColumn! }) })),
          );
          got.forEach((m, i) => {
            const w = c.expect[i].message;
            if (typeof w === 'string') expect(m.message).toBe(w);
            else expect(m.message).toMatch(w);
          });
        });
      }
    });
  });
}
