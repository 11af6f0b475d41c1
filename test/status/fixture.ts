import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Session } from '../../src/verify/database.js';

/** A Session over a PGlite the test drives itself (drizzle's migrator writes to it too). */
export function pgliteSession(db: PGlite): Session {
  return {
    engine: 'PGlite',
    serverVersion: '18',
    mayCommit: true,
    exec: async (sql) => void (await db.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    close: async () => undefined,
  };
}

export interface Migration {
  tag: string;
  when: number;
  sql: string;
}

/** A drizzle-kit 0.x project: drizzle.config.ts, `drizzle/NNNN_name.sql` and `meta/_journal.json`. */
export function journalProject(migrations: Migration[]): { root: string; dir: string; write: (m: Migration[]) => void; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'status-'));
  const dir = join(root, 'drizzle');
  mkdirSync(join(dir, 'meta'), { recursive: true });
  writeFileSync(join(root, 'drizzle.config.ts'), "export default { dialect: 'postgresql', out: './drizzle' };\n");
  const write = (list: Migration[]) => {
    for (const m of list) writeFileSync(join(dir, `${m.tag}.sql`), m.sql);
    const entries = list.map((m, idx) => ({ idx, version: '7', when: m.when, tag: m.tag, breakpoints: true }));
    writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries }, null, 2));
  };
  write(migrations);
  return { root, dir, write, remove: () => rmSync(root, { recursive: true, force: true }) };
}
