/**
 * A database URL as it may be shown: the password (in the authority or as a `password=` query
 * parameter) replaced by `***`. Anything that does not parse as a URL is hidden whole, since we
 * cannot tell where a credential would be in it.
 */
export function redactUrl(url: string): string {
  // Without `scheme://` the URL parser reads `user:secret@host` as a scheme and a path: hide it all.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return '<database URL>';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '<database URL>';
  }
  if (u.password) u.password = '***';
  for (const key of [...u.searchParams.keys()]) if (/^(password|sslpassword|pass)$/i.test(key)) u.searchParams.set(key, '***');
  // URL serialises "***" percent-encoded in the query; show it plainly.
  return u.toString().replace(/%2A%2A%2A/g, '***');
}
