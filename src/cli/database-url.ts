import { statSync } from 'node:fs';
import { UsageError } from '../errors.js';

/** Query parameters of a connection URL that name files node-postgres reads when it connects. */
const FILE_PARAMETERS = ['sslrootcert', 'sslcert', 'sslkey'];

/**
 * Checks `--database-url` before anything connects, so that a typo is one line naming the option
 * (node-postgres reports a URL it cannot parse as "Invalid URL", and a missing certificate as an
 * ENOENT from deep inside the connection). The URL itself is never printed: it may hold a password.
 */
export function checkDatabaseUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError('--database-url: not a valid URL; expected postgres://user:password@host:port/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UsageError(`--database-url: the scheme is ${parsed.protocol.replace(/:$/, '')}; expected postgres://user:password@host:port/database`);
  }
  for (const name of FILE_PARAMETERS) {
    const file = parsed.searchParams.get(name);
    if (!file) continue;
    let problem: string | undefined;
    try {
      if (!statSync(file).isFile()) problem = 'not a file';
    } catch (e) {
      problem = `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
    }
    if (problem) throw new UsageError(`--database-url: ${name} ${file}: ${problem}`);
  }
}
