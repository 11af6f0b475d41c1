// Arbitrary values in .migrationlintrc.json, in process: a run either lints or stops with one
// UsageError line that names the config file; nothing else is thrown.
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintProject } from '../../src/app/lint-project.js';
import { UsageError } from '../../src/errors.js';
import { tempProject } from '../helpers/temp-project.js';
import { fuzzRuns, fuzzSeed } from './mutations.js';

const KEYS = ['preset', 'rules', 'runner', 'postgresVersion', 'lockTimeoutSetByRunner', 'requireSuppressionReason', 'cache', 'dir', 'since', 'baseline'];

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('recommended', 'all', 'drizzle', 'none', 15, 9, 99, -1, 15.5, 'drizzle', '../..', 'HEAD', '0000_init', { 'dropping-column': 'off' }, { 'no-such-rule': 'warn' }, { 'dropping-column': 'maybe' }),
);

/** A config: known keys with arbitrary values, sometimes an unknown key, sometimes not an object. */
const config = fc.oneof(
  { weight: 5, arbitrary: fc.dictionary(fc.constantFrom(...KEYS, 'presets', '__proto__', 'constructor'), value, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
);

describe('fuzz: config values, in process', () => {
  it('lints, or stops with a UsageError that names the config file', async () => {
    await fc.assert(
      fc.asyncProperty(config, async (cfg) => {
        const dir = tempProject({
          'drizzle/0000_init.sql': 'CREATE TABLE "users" ("id" integer PRIMARY KEY, "email" text);',
          'drizzle/0001_drop.sql': 'ALTER TABLE "users" DROP COLUMN "email";',
        });
        writeFileSync(join(dir, '.migrationlintrc.json'), JSON.stringify(cfg));
        try {
          const run = await lintProject({ cwd: dir, paths: ['drizzle'] });
          expect(run.result.summary.files).toBe(2);
        } catch (e) {
          expect(e, String((e as Error)?.stack ?? e)).toBeInstanceOf(UsageError);
          const message = (e as Error).message;
          expect(message.split('\n')).toHaveLength(1);
          // Git refs and tags are checked against the repository, not the config file's syntax.
          if (!/^--since|^--baseline|git|baseline|since/.test(message)) expect(message).toContain('.migrationlintrc.json');
        }
      }),
      { seed: fuzzSeed, numRuns: fuzzRuns(200) },
    );
  });
});
