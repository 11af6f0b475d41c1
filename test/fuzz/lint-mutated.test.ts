// Mutated corpus migrations through the lint pipeline in process: it must never throw, and every
// finding must point at a real line of the file.
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/app/lint-project.js';
import { CORPUS } from '../helpers/cli-process.js';
import { corpusSample, fuzzRuns, fuzzSeed, mutatedFile } from './mutations.js';

const decoder = new TextDecoder(); // replaces invalid UTF-8 as readFileSync(…, 'utf8') does

describe.skipIf(!existsSync(CORPUS))('fuzz: mutated corpus files, in process', () => {
  const files = corpusSample(CORPUS, 25);

  it('lints every mutation without throwing; findings stay inside the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(fc.constantFrom(...files), { nil: undefined }), mutatedFile(files), async (history, bytes) => {
        const text = decoder.decode(bytes);
        const sources = [
          ...(history ? [{ path: 'drizzle/0000_history.sql', text: decoder.decode(history), report: false }] : []),
          { path: 'drizzle/0001_fuzz.sql', text },
        ];
        const result = await lintTexts(sources, { config: { preset: 'all' } });
        const lines = text.replace(/^\uFEFF/, '').split('\n').length;
        for (const file of result.results) {
          expect(file.filePath).toBe('drizzle/0001_fuzz.sql');
          for (const m of file.messages) {
            expect(m.line).toBeGreaterThanOrEqual(1);
            expect(m.line).toBeLessThanOrEqual(lines);
            expect(m.column).toBeGreaterThanOrEqual(1);
            expect(m.endLine).toBeGreaterThanOrEqual(m.line);
            expect(m.message).not.toBe('');
          }
        }
      }),
      { seed: fuzzSeed, numRuns: fuzzRuns(300) },
    );
  });
});
