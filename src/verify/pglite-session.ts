import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Extensions } from '@electric-sql/pglite';
import type { Session } from './database.js';

/** Extensions PGlite ships as contrib modules (the module is named like the extension, `-` → `_`). */
async function loadContrib(name: string): Promise<unknown | undefined> {
  const module = name.toLowerCase().replace(/-/g, '_');
  if (!/^[a-z0-9_]+$/.test(module)) return undefined;
  try {
    const m = (await import(`@electric-sql/pglite/contrib/${module}`)) as Record<string, unknown>;
    return m[module];
  } catch {
    return undefined;
  }
}

export interface PgliteStart {
  session: Session;
  /** Extensions the migrations create that PGlite does not ship. */
  missing: string[];
}

/**
 * Starts one in-memory PGlite with the contrib extensions the migrations create. PGlite is imported
 * here only, so `lint` never pays for loading it.
 */
export async function startPglite(extensions: string[]): Promise<PgliteStart> {
  const { PGlite } = await import('@electric-sql/pglite');
  const loaded: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const name of extensions) {
    if (name === 'plpgsql') continue;
    const ext = await loadContrib(name);
    if (ext) loaded[name.replace(/-/g, '_')] = ext;
    else missing.push(name);
  }
  const db = await PGlite.create({ extensions: loaded as Extensions });
  const version = (await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
  const session: Session = {
    engine: `PGlite (PostgreSQL ${version}, embedded in WASM)`,
    serverVersion: version,
    mayCommit: true,
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    close: () => db.close(),
  };
  return { session, missing };
}

/** A PGlite session in a worker that verify terminated at the timeout: it answers nothing any more. */
export const PGLITE_STOPPED = 'PGlite was stopped';

/**
 * The worker's module: beside this one (dist/verify/), or under verify/ beside the CLI bundle
 * (dist/cli.cjs); from the sources (tests) the .ts file, run through tsx.
 */
function workerModule(): URL | string | undefined {
  for (const rel of ['./pglite-worker.js', './verify/pglite-worker.js']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  const ts = new URL('./pglite-worker.ts', import.meta.url);
  if (!existsSync(fileURLToPath(ts))) return undefined;
  // From the sources (tests): the worker registers tsx's loader, then imports the .ts module.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ts.href)}); })`;
}

/**
 * PGlite in a worker thread, so that a statement that runs longer than `statementTimeoutMs` ends
 * with 57014 instead of a hang: the worker is terminated, and the session then does nothing (`lost`).
 * Without the worker module (an unusual install) PGlite runs on this thread, unbounded.
 */
export async function startPgliteWorker(extensions: string[], statementTimeoutMs: number): Promise<PgliteStart & { lost: () => boolean }> {
  const module = workerModule();
  if (!module) {
    const start = await startPglite(extensions);
    return { ...start, lost: () => false };
  }
  const worker = new Worker(module, { workerData: { extensions }, eval: typeof module === 'string' });
  const ready = await new Promise<{ engine: string; serverVersion: string; missing: string[] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  let lost = false;
  let next = 0;
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }>();
  worker.on('message', (m: { id: number; rows?: unknown[]; error?: Record<string, unknown> }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(Object.assign(new Error(String(m.error.message)), m.error));
    else p.resolve(m.rows ?? []);
  });
  worker.on('error', () => undefined);
  const call = (op: 'exec' | 'query' | 'close', sql?: string, params?: unknown[]) => {
    if (lost) return Promise.resolve([] as unknown[]);
    const id = next++;
    return new Promise<unknown[]>((resolve, reject) => {
      const timer = op === 'close' ? undefined : setTimeout(() => {
        lost = true;
        pending.delete(id);
        void worker.terminate();
        reject(Object.assign(new Error(`canceling statement due to statement timeout (${PGLITE_STOPPED} after --statement-timeout)`), { code: '57014' }));
      }, statementTimeoutMs);
      pending.set(id, {
        resolve: (rows) => (clearTimeout(timer), resolve(rows)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      worker.postMessage({ id, op, sql, params });
    });
  };
  const session: Session = {
    engine: ready.engine,
    serverVersion: ready.serverVersion,
    mayCommit: true,
    exec: async (sql) => {
      await call('exec', sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await call('query', sql, params)) as T[],
    close: async () => {
      if (!lost) await call('close').catch(() => undefined);
      await worker.terminate();
    },
    lost: () => lost,
  };
  return { session, missing: ready.missing, lost: () => lost };
}
