import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintProject } from '../../src/app/lint-project.js';
import { findRule } from '../../src/rules/index.js';
import { REPO } from '../helpers/run-cli.js';

const CORPUS = join(REPO, '../shared/corpus/drizzle-pg');
const present = existsSync(CORPUS);

describe.skipIf(!present)('bootstrap migrations of the corpus', () => {
  it('the first migration of every folder (tables created with their indexes and FKs) has no locking finding', async () => {
    const { result, folders } = await lintProject({ paths: [CORPUS], cwd: REPO, config: { preset: 'all' } });
    expect(folders.length).toBeGreaterThan(50);
    const firsts = new Set(folders.map((f) => relative(REPO, f.files[0].path)));
    const locking = result.results
      .filter((r) => firsts.has(r.filePath))
      .flatMap((r) => r.messages.filter((m) => findRule(m.ruleId)?.category === 'locking').map((m) => `${r.filePath}:${m.line} ${m.ruleId}`));
    // The only ones left are right: each is about a table that no migration of that folder creates.
    expect(locking).toEqual([
      // FK to Supabase's auth.users, which exists before any migration: SHARE ROW EXCLUSIVE on it.
      '../shared/corpus/drizzle-pg/J3012B__swift-ai-voice-assistant/supabase/migrations/0000_elite_arclight.sql:7 missing-lock-timeout',
      // FK to "core"."user", created by another migrations folder of the project.
      '../shared/corpus/drizzle-pg/Tubee01__sveltekit-drizzle-migration/drizzle/workspace-migrations/0000_next_kronos.sql:36 missing-lock-timeout',
      // The folder's 0000 file is gone (the journal still lists it): 0001 drops "posts", which 0000 made.
      '../shared/corpus/drizzle-pg/WUNISTUDIOS__nextstorefront/server/migrations/0001_huge_elektra.sql:25 missing-lock-timeout',
      '../shared/corpus/drizzle-pg/WUNISTUDIOS__nextstorefront/server/migrations/0001_huge_elektra.sql:26 holding-exclusive-lock',
      // FK to Supabase's auth.users again.
      '../shared/corpus/drizzle-pg/onlook-dev__onlook/apps/backend/supabase/migrations/0000_same_human_robot.sql:88 missing-lock-timeout',
    ]);
  }, 120_000);
});
