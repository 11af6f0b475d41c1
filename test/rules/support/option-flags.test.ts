import { describe, expect, it } from 'vitest';
import { optionEnabled } from '../../../src/sql/option-flags.js';
import { nodeAs, type Node } from '../../../src/sql/ast.js';
import { parseMigration } from '../../../src/sql/parse-file.js';
import { loadParser } from '../../../src/sql/parser.js';
import { findingsOf } from '../../helpers/test-rule.js';

describe('optionEnabled', async () => {
  await loadParser();
  const optionsOf = (sql: string): Node[] | undefined => {
    const node = parseMigration('x.sql', sql).statements[0].node;
    return (nodeAs(node, 'VacuumStmt')?.options ?? nodeAs(node, 'ReindexStmt')?.params) as Node[] | undefined;
  };
  for (const [sql, name, on] of [
    ['VACUUM FULL t', 'full', true],
    ['VACUUM (FULL) t', 'full', true],
    ['VACUUM (FULL true) t', 'full', true],
    ['VACUUM (FULL on) t', 'full', true],
    ['VACUUM (FULL 1) t', 'full', true],
    ['VACUUM (FULL false) t', 'full', false],
    ['VACUUM (FULL off) t', 'full', false],
    ['VACUUM (FULL 0) t', 'full', false],
    ['VACUUM t', 'full', false],
    ['REINDEX (CONCURRENTLY) TABLE t', 'concurrently', true],
    ['REINDEX (CONCURRENTLY false) TABLE t', 'concurrently', false],
    ['REINDEX TABLE CONCURRENTLY t', 'concurrently', true],
  ] as const) {
    it(`${sql}: ${name} ${on ? 'on' : 'off'}`, () => expect(optionEnabled(optionsOf(sql), name)).toBe(on));
  }

  it('rules agree: VACUUM (FULL false) rewrites nothing and REINDEX (CONCURRENTLY false) is not concurrent', async () => {
    expect(await findingsOf('rewriting-table', { sql: 'VACUUM (FULL false) "t";', config: { runner: 'none' } })).toEqual([]);
    expect((await findingsOf('rewriting-table', { sql: 'VACUUM (FULL) "t";', config: { runner: 'none' } })).length).toBe(1);
    expect((await findingsOf('reindexing-non-concurrently', { sql: 'REINDEX (CONCURRENTLY false) TABLE "t";' })).length).toBe(1);
    expect(await findingsOf('concurrently-in-transaction', { sql: 'REINDEX (CONCURRENTLY false) TABLE "t";' })).toEqual([]);
    expect((await findingsOf('concurrently-in-transaction', { sql: 'REINDEX (CONCURRENTLY) TABLE "t";' })).length).toBe(1);
  });
});
