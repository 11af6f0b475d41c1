import type { Location } from '../sql/source-file.js';

/** What a drizzle-kit snapshot says about its place in the history: its `id` and its parents' ids. */
export interface SnapshotLink {
  /** Absolute path of the snapshot file. */
  path: string;
  id?: string;
  /** 0.x `prevId` (one); 1.0 `prevIds`. */
  prevIds: string[];
}

/** A snapshot file that could not be read as JSON: why, and where (for a syntax error). */
export interface UnreadableSnapshot {
  path: string;
  problem: string;
  at?: Location;
}

export type SnapshotRead = SnapshotLink | UnreadableSnapshot;

export const isUnreadable = (s: SnapshotRead): s is UnreadableSnapshot => 'problem' in s;

/**
 * Snapshots that share a parent: two branches each generated a migration from the same snapshot, and
 * both were kept after the merge. drizzle-kit 0.x `check` rejects the folder for it ("… are pointing
 * to a parent snapshot … which is a collision"), and `generate` refuses to run. The paths keep the
 * order of `snapshots`.
 */
export function prevIdCollisions(snapshots: readonly SnapshotLink[]): { prevId: string; paths: string[] }[] {
  const byPrev = new Map<string, string[]>();
  for (const s of snapshots) for (const p of new Set(s.prevIds)) byPrev.set(p, [...(byPrev.get(p) ?? []), s.path]);
  return [...byPrev].filter(([, paths]) => paths.length > 1).map(([prevId, paths]) => ({ prevId, paths }));
}

/** The number prefix of a 0.x snapshot's name (`0007` of `meta/0007_snapshot.json`): its migration's. */
export function snapshotPrefix(path: string): string | undefined {
  return /(?:^|[\\/])(\d+)_snapshot\.json$/.exec(path)?.[1];
}
