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
