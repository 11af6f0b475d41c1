// Runs PGlite's pg_dump (PostgreSQL 18, compiled to WASM, npm @electric-sql/pglite-tools) against a
// real server. Its libpq reads and writes through two synchronous callbacks meant for an in-process
// PGlite; here every write is posted to the parent thread, which owns the socket, and the callback
// blocks (Atomics.wait) until the parent has put the server's whole answer into shared memory.
import { parentPort, workerData } from 'node:worker_threads';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';

const control = new Int32Array(workerData.control); // [ready, length, more]
const data = new Uint8Array(workerData.data);

const server = {
  // pgDump reads and restores search_path around the dump on a PGlite; the server session is its own.
  query: async () => ({ rows: [{ search_path: 'public' }] }),
  exec: async () => {},
  execProtocolRawStream(bytes, { onRawData }) {
    Atomics.store(control, 0, 0);
    parentPort.postMessage({ write: Uint8Array.from(bytes) });
    for (;;) {
      Atomics.wait(control, 0, 0);
      const length = Atomics.load(control, 1);
      if (length > 0) onRawData(data.slice(0, length));
      if (!Atomics.load(control, 2)) return;
      Atomics.store(control, 0, 0);
      parentPort.postMessage({ next: true });
    }
  },
};

try {
  const file = await pgDump({ pg: server, args: workerData.args });
  parentPort.postMessage({ dump: await file.text() });
} catch (e) {
  parentPort.postMessage({ error: e instanceof Error ? e.message : String(e) });
}
