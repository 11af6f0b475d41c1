/**
 * Lints many migration folders on two threads: the main thread takes one share, a worker the other.
 * Folders are independent (each replays only its own history) and assemble() sorts the result, so
 * the split changes nothing in the output. Parsing is most of the work and is single-threaded WASM,
 * so a second thread is the only way to use a second core.
 */
import { existsSync } from 'node:fs';
import os, { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/schema.js';
import type { MigrationFolder } from '../project/types.js';
import { PACKAGE_ROOT } from '../version.js';
import type { FileResult } from './result.js';
import type { RuleSetting } from './severities.js';

export interface FolderGroupJob {
  folders: MigrationFolder[];
  config: Config;
  cwd: string;
  ruleOverrides?: Record<string, RuleSetting>;
}

export interface FolderGroupOutcome {
  files: FileResult[];
  statements: number;
  inputErrors: string[];
}

/** Below this many migration files, starting a thread (~50–100 ms) costs more than it saves. */
const MIN_FILES = 300;

/** 1: lint on one thread; 2: use a worker even on a busy machine. Unset: a worker when a core is idle. */
export const THREADS_ENV = 'DRIZZLE_MIGRATION_LINT_THREADS';

/** The bundled worker entry; used only when this code itself runs from dist/ (not from src/ in tests). */
function workerFile(): string | undefined {
  const dist = fileURLToPath(new URL('dist/', PACKAGE_ROOT));
  const file = fileURLToPath(new URL('dist/lint-worker.js', PACKAGE_ROOT));
  return fileURLToPath(import.meta.url).startsWith(dist) && existsSync(file) ? file : undefined;
}

export interface SplitJob {
  /** The main thread's share. */
  local: MigrationFolder[];
  /** The worker's share, to lint locally if the worker fails. */
  remote: MigrationFolder[];
  /** The worker's outcome; undefined when it failed. */
  outcome: Promise<FolderGroupOutcome | undefined>;
}

/** Starts a worker on about half of the files, or returns undefined when one thread is better. */
export function splitAcrossThreads(job: FolderGroupJob): SplitJob | undefined {
  const forced = process.env[THREADS_ENV];
  // A second thread pays only with a core to run on: on a saturated machine it measured slower
  // (and it adds a second heap), so without an explicit setting it needs an idle core.
  const threads = forced ? Number(forced) : os.loadavg()[0] <= availableParallelism() - 1 ? availableParallelism() : 1;
  if (!(threads >= 2) || job.folders.length < 2) return undefined;
  const total = job.folders.reduce((n, f) => n + f.files.length, 0);
  if (total < MIN_FILES) return undefined;
  const file = workerFile();
  if (!file) return undefined;
  // Largest folders first, each to the lighter side.
  const local: MigrationFolder[] = [];
  const remote: MigrationFolder[] = [];
  let localFiles = 0;
  let remoteFiles = 0;
  for (const folder of [...job.folders].sort((a, b) => b.files.length - a.files.length || (a.dir < b.dir ? -1 : 1))) {
    if (localFiles <= remoteFiles) {
      local.push(folder);
      localFiles += folder.files.length;
    } else {
      remote.push(folder);
      remoteFiles += folder.files.length;
    }
  }
  let worker: Worker;
  try {
    worker = new Worker(file, { workerData: { ...job, folders: remote } satisfies FolderGroupJob });
  } catch {
    return undefined;
  }
  const outcome = new Promise<FolderGroupOutcome | undefined>((resolve) => {
    worker.once('message', (m: FolderGroupOutcome) => resolve(m));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  return { local, remote, outcome };
}
