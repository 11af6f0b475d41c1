/**
 * PGlite in a worker thread. PGlite runs its WASM on the thread that calls it and ignores
 * statement_timeout (measured: `SET statement_timeout = '300ms'; SELECT pg_sleep(3)` took 3.0 s, a
 * `DO $$ BEGIN LOOP END LOOP; END $$` never returned), so the only way to stop a statement that
 * loops or sleeps is to terminate the thread it runs on.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startPglite } from './pglite-session.js';

interface Request {
  id: number;
  op: 'exec' | 'query' | 'close';
  sql?: string;
  params?: unknown[];
}

const port = parentPort!;
const { session, missing } = await startPglite((workerData as { extensions: string[] }).extensions);
port.postMessage({ ready: true, engine: session.engine, serverVersion: session.serverVersion, missing });
port.on('message', (m: Request) => {
  void (async () => {
    try {
      if (m.op === 'exec') await session.exec(m.sql!);
      const rows = m.op === 'query' ? await session.query(m.sql!, m.params) : [];
      if (m.op === 'close') await session.close();
      port.postMessage({ id: m.id, rows });
    } catch (e) {
      const err = e as Error & Record<string, unknown>;
      port.postMessage({ id: m.id, error: { message: err.message, code: err.code, detail: err.detail, hint: err.hint, position: err.position } });
    }
  })();
});
