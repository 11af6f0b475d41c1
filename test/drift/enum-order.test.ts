// ADD VALUE … BEFORE / AFTER: the model keeps pg_enum's order (kanbn__kan's migrations in the corpus
// reported drift on a clean database before the model honoured it).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayModel } from '../../src/drift/replay.js';
import { tempProject } from '../helpers/temp-project.js';

describe('enum values in order', () => {
  it('BEFORE, AFTER and at the end', async () => {
    const dir = tempProject({});
    const path = join(dir, '0000.sql');
    writeFileSync(
      path,
      "CREATE TYPE plan AS ENUM ('free', 'pro', 'enterprise');\nALTER TYPE plan ADD VALUE 'team' BEFORE 'pro';\nALTER TYPE plan ADD VALUE 'pro_plus' AFTER 'pro';\nALTER TYPE plan ADD VALUE 'custom';\n",
    );
    const model = await replayModel([{ path, batch: 0 }]);
    expect(model.enums.get('public.plan')!.values).toEqual(['free', 'team', 'pro', 'pro_plus', 'enterprise', 'custom']);
  });
});
