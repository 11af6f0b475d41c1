import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintProject } from '../../src/app/lint-project.js';
import { formatResult } from '../../src/cli/report.js';

describe('code frames', () => {
  const root = mkdtempSync(join(tmpdir(), 'dml-frames-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("come from the run's working folder, not the process's", async () => {
    mkdirSync(join(root, 'drizzle'));
    writeFileSync(join(root, 'drizzle', '0000_a.sql'), 'CREATE INDEX "idx_a" ON "users" ("email");\n');
    expect(process.cwd()).not.toBe(root);
    const run = await lintProject({ cwd: root, paths: ['drizzle'], config: { cache: false } });
    expect(run.result.results.map((r) => r.filePath)).toEqual(['drizzle/0000_a.sql']);
    const text = await formatResult(run.result, 'text', { color: false }, run.reader);
    // Read against process.cwd(), drizzle/0000_a.sql does not exist and the frame was left out.
    expect(text).toContain('  1 | CREATE INDEX "idx_a" ON "users" ("email");\n');
  });
});
