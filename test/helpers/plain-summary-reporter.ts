import type { Reporter } from 'vitest/reporters';

type Task = { type: string; mode?: string; result?: { state?: string }; tasks?: Task[] };

/**
 * Prints one plain closing line, `tests: N passed, N failed, N skipped`, that any CI log reader
 * understands (vitest's own summary is formatted for people). It uses onFinished because the
 * default reporter prints its summary there: this line comes after it.
 */
export default class PlainSummaryReporter implements Reporter {
  onFinished(files: Task[] = [], errors: unknown[] = []): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const visit = (t: Task) => {
      if (t.type === 'test') {
        const state = t.result?.state;
        if (state === 'pass') passed++;
        else if (state === 'fail') failed++;
        else skipped++;
      }
      t.tasks?.forEach(visit);
    };
    for (const f of files) {
      visit(f);
      // A file that fails to load has no tests but must not read as a pass.
      if (f.result?.state === 'fail' && !f.tasks?.length) failed++;
    }
    failed += errors.length;
    process.stdout.write(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
