import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModule, parseSync } from 'libpg-query';
import { lintProject } from '../../src/app/lint-project.js';
import { REPO } from '../helpers/run-cli.js';

/** 2,267 real drizzle-kit migrations from 51 projects, read in place (never copied into the repo). */
const CORPUS = join(REPO, '../shared/corpus/drizzle-pg');
const present = existsSync(CORPUS);
if (!present) console.warn(`corpus test skipped: ${CORPUS} is not there (it sits beside the repository in the project workspace)`);

function sqlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sqlFiles(p, out);
    else if (name.endsWith('.sql')) out.push(p);
  }
  return out;
}

describe.skipIf(!present)('corpus ../shared/corpus/drizzle-pg', () => {
  it('lints every file without a crash, and reports unparsable-sql exactly where libpg-query rejects a chunk', async () => {
    const files = sqlFiles(CORPUS);
    expect(files.length).toBe(2267);

    // Ground truth, independent of src/sql: split on the breakpoint as drizzle's migrator does and
    // ask the Postgres parser about each chunk.
    await loadModule();
    const rejected: string[] = [];
    for (const f of files) {
      readFileSync(f, 'utf8')
        .split('--> statement-breakpoint')
        .forEach((chunk, i) => {
          // The JS binding refuses an empty string before the parser sees it; Postgres runs it as an empty query.
          if (chunk.trim() === '') return;
          try {
            parseSync(chunk);
          } catch {
            rejected.push(`${f.slice(CORPUS.length + 1)}#${i}`);
          }
        });
    }
    expect(rejected).toEqual(['0xstonegm__dodgetracker/src/db/migrations/0000_nebulous_fenris.sql#0', '0xstonegm__dodgetracker/src/db/migrations/0000_nebulous_fenris.sql#23']);

    const { result } = await lintProject({ paths: [CORPUS], cwd: REPO });
    // Every migration has its entry (journal files get one too when a journal rule speaks about them).
    expect(result.results.filter((r) => r.filePath.endsWith('.sql')).length).toBe(2267);
    const unparsable = result.results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'unparsable-sql').map((m) => `${r.filePath.replace('../shared/corpus/drizzle-pg/', '')}:${m.line}:${m.column}`),
    );
    // The file is an introspection dump wrapped in /* … */ with breakpoints inside the comment:
    // the first chunk opens a comment it never closes, the second closes one it never opened.
    expect(unparsable).toEqual(['0xstonegm__dodgetracker/src/db/migrations/0000_nebulous_fenris.sql:3:1', '0xstonegm__dodgetracker/src/db/migrations/0000_nebulous_fenris.sql:103:1']);
  }, 120_000);
});
