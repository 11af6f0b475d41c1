import { UsageError } from '../errors.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from './exit-codes.js';
import { oneOf } from './flags.js';
import { formatResult } from './report.js';
import { MigrationReader } from '../app/migration-reader.js';
import type { Io } from './io.js';
import { databaseUrlOrFail, foldersFor, STATUS_FORMATS, type DatabaseFlags } from './status-command.js';

export interface DriftFlags extends DatabaseFlags {
  snapshot?: boolean;
}

/**
 * `drizzle-migration-lint drift`: the schema the applied migrations build against the database
 * (read-only), or, without a database (or with --snapshot), every migration against drizzle-kit's
 * last snapshot plus snapshot prevId collisions. Exit 0 when they agree, 1 on drift, 2 on errors.
 */
export async function runDrift(paths: string[], flags: DriftFlags, io: Io): Promise<number> {
  const format = oneOf('--format', flags.format, STATUS_FORMATS) ?? 'text';
  const cwd = process.cwd();
  const folders = await foldersFor(paths, flags, cwd);
  const { displayPath } = await import('../migrations/display-path.js');
  const shown = (p: string) => displayPath(p, cwd);
  const report = await import('../drift/drift-report.js');
  const { resolveDatabaseUrl } = await import('../db/database-url.js');
  const useDatabase = !flags.snapshot && (flags.databaseUrl || resolveDatabaseUrl(undefined, cwd));
  const runs: import('../drift/drift-report.js').DriftRun[] = [];

  if (useDatabase) {
    const url = await databaseUrlOrFail(flags, cwd, 'drift');
    const { connectReadOnly } = await import('../db/read-only-session.js');
    const { driftAgainstDatabase } = await import('../drift/drift-database.js');
    const { redactUrl } = await import('../db/redact.js');
    const session = await connectReadOnly(url, { application: 'drizzle-migration-lint drift' });
    try {
      runs.push(await driftAgainstDatabase(session, folders, shown, redactUrl(url)));
    } finally {
      await session.close();
    }
  } else {
    const { replayCounted } = await import('../drift/replay.js');
    const { readSnapshots, compareWithSnapshot, lastSnapshot } = await import('../drift/snapshot.js');
    const { prevIdCollisions } = await import('../migrations/snapshot-lineage.js');
    for (const folder of folders) {
      const snapshots = readSnapshots(folder, shown);
      const snapshot = lastSnapshot(snapshots);
      if (!snapshot) throw new UsageError(`${shown(folder.dir)}: no drizzle-kit snapshot (meta/NNNN_snapshot.json or <migration>/snapshot.json) to compare with; pass --database-url to compare with a database`);
      const { model, statements } = await replayCounted(folder.files.filter((f) => !folder.journal || folder.journal.entries.some((e) => e.tag === f.tag)), shown);
      runs.push({ other: 'snapshot', against: snapshot.path, items: compareWithSnapshot(model, snapshot), unmanaged: [], collisions: prevIdCollisions(snapshots), anchor: snapshot.path, statements });
    }
  }

  if (format === 'json') {
    const out = runs.map((r) => report.driftJson(r, cwd));
    io.out(JSON.stringify(out.length === 1 ? out[0] : out, null, 2) + '\n');
  } else {
    const merged = runs.map((r) => report.driftFindings(r, cwd));
    const result = {
      version: 1 as const,
      results: merged.flatMap((r) => r.results),
      summary: {
        files: merged.reduce((n, r) => n + r.summary.files, 0),
        statements: merged.reduce((n, r) => n + r.summary.statements, 0),
        errors: merged.reduce((n, r) => n + r.summary.errors, 0),
        warnings: 0,
        suppressed: 0,
      },
    };
    // A clean text run says so in the summary line alone (the lint report would count 0 files).
    if (format !== 'text' || result.results.length) io.out(await formatResult(result, format, { color: flags.color }, new MigrationReader({ cwd })));
    if (format === 'text') for (const r of runs) io.out(report.driftSummary(r, cwd));
  }
  return runs.some((r) => r.items.length || r.collisions.length) ? EXIT_FINDINGS : EXIT_CLEAN;
}
