// Renaming a primary key, unique or exclusion constraint renames its index, and the reverse
// (2witstudios__PageSpace's drizzle-admin renames a primary key before re-creating the table under
// the old name: drift reported the new table's index missing from the model before).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayModel } from '../../src/drift/replay.js';
import { tempProject } from '../helpers/temp-project.js';

async function model(sql: string) {
  const path = join(tempProject({}), '0000.sql');
  writeFileSync(path, sql);
  return replayModel([{ path, batch: 0 }]);
}

describe('constraint and index renames go together', () => {
  it('RENAME CONSTRAINT of a primary key renames its index; the name is free for a new table', async () => {
    const m = await model(
      'CREATE TABLE log (id int CONSTRAINT log_pkey PRIMARY KEY);\nALTER TABLE log RENAME TO log_old;\nALTER TABLE log_old RENAME CONSTRAINT log_pkey TO log_old_pkey;\nCREATE TABLE log (id int CONSTRAINT log_pkey PRIMARY KEY);\nDROP TABLE log_old;\n',
    );
    expect([...m.indexes.keys()]).toEqual(['public.log_pkey']);
    expect(m.indexes.get('public.log_pkey')!.table).toBe('public.log');
  });

  it('ALTER INDEX … RENAME of a unique constraint\'s index renames the constraint', async () => {
    const m = await model('CREATE TABLE t (a int CONSTRAINT t_a_key UNIQUE);\nALTER INDEX t_a_key RENAME TO t_a_unique;\n');
    expect([...m.tables.get('public.t')!.constraints.keys()]).toEqual(['t_a_unique']);
    expect([...m.indexes.keys()]).toEqual(['public.t_a_unique']);
  });
});
