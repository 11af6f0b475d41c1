import { describe, expect, it } from 'vitest';
import { checkDatabaseUrl } from '../../src/db/database-url.js';
import { connectReadOnly } from '../../src/db/read-only-session.js';
import { connectServer } from '../../src/verify/server-session.js';

/** One check of a database URL (src/db/database-url.ts): the commands run it early, every connection runs it too. */
describe('checkDatabaseUrl', () => {
  const scheme = '--database-url: the scheme is mysql; expected postgres://user:password@host:port/database';
  it('is what both connections run: the same line, the URL never echoed', async () => {
    expect(() => checkDatabaseUrl('mysql://u:secret@h/db')).toThrow(scheme);
    await expect(connectReadOnly('mysql://u:secret@h/db', { application: 'test' })).rejects.toThrow(scheme);
    await expect(connectServer('mysql://u:secret@h/db')).rejects.toThrow(scheme);
    await expect(connectServer('postgres://u:secret@h/db?sslrootcert=/nonexistent/ca.pem')).rejects.toThrow('--database-url: sslrootcert /nonexistent/ca.pem: cannot read (ENOENT)');
  });
});
