/**
 * The one place that hides credentials of a database URL before anything is printed or stored in a
 * report. Errs on the side of hiding: a URL it cannot make sense of loses everything between the
 * scheme and its last `@`.
 */

const HIDDEN = '***';

/**
 * `password=…`, `sslpassword=…` (query parameters and libpq keyword/value strings, quoted or not)
 * and `PGPASSWORD=…` (an environment assignment echoed in a command line).
 */
const PASSWORD_PARAM = /(^|[^A-Za-z0-9_])((?:pg|ssl)?password)(\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s&#]*)/gi;

/** Hides the password of the userinfo and every password parameter of a connection string. */
export function redactUrl(url: string): string {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url)?.[0];
  // Without `scheme://` there is no telling where a credential sits (`user:secret@host`): hide it all.
  if (!scheme && /^[^\s=@]*:[^\s]*@/.test(url)) return '<database URL>';
  let out = url;
  if (scheme) {
    const rest = url.slice(scheme.length);
    const userinfoEnd = lastUserinfoAt(rest);
    if (userinfoEnd >= 0) {
      const userinfo = rest.slice(0, userinfoEnd);
      const colon = userinfo.indexOf(':');
      // Keep the user name (it helps to know which role was used); hide all the rest.
      const shown = colon >= 0 ? `${userinfo.slice(0, colon)}:${HIDDEN}` : userinfo;
      out = scheme + shown + rest.slice(userinfoEnd);
    }
  }
  return out.replace(PASSWORD_PARAM, (_m, before: string, key: string, eq: string) => `${before}${key}${eq}${HIDDEN}`);
}

/**
 * Where the userinfo ends: the last `@` of the authority. An unencoded `@`, `/` or `?` in a password
 * is common in hand-written URLs, so the last `@` before the query wins, and with no `@` before
 * the query, the last `@` at all (a `?` inside the password).
 */
function lastUserinfoAt(rest: string): number {
  const q = rest.indexOf('?');
  if (q >= 0) {
    const beforeQuery = rest.lastIndexOf('@', q);
    if (beforeQuery >= 0) return beforeQuery;
  }
  return rest.lastIndexOf('@');
}

/** The secret strings of a URL as they may appear in an error message: raw and percent-decoded. */
export function secretsOf(url: string): string[] {
  const out = new Set<string>();
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url)?.[0];
  if (scheme) {
    const rest = url.slice(scheme.length);
    const at = lastUserinfoAt(rest);
    const colon = at >= 0 ? rest.slice(0, at).indexOf(':') : -1;
    if (colon >= 0) out.add(rest.slice(colon + 1, at));
  }
  for (const m of url.matchAll(PASSWORD_PARAM)) out.add(m[4].replace(/^'|'$/g, ''));
  for (const s of [...out]) {
    try {
      out.add(decodeURIComponent(s));
    } catch {
      /* not percent-encoded */
    }
  }
  // Very short secrets would hide ordinary words of a message; the URL forms are still hidden.
  return [...out].filter((s) => s.length >= 3);
}

/** Hides a URL's credentials inside any text (an error message that may echo the URL or the password). */
export function redactText(text: string, url: string | undefined): string {
  let out = text;
  if (url) {
    out = out.split(url).join(redactUrl(url));
    for (const secret of secretsOf(url)) out = out.split(secret).join(HIDDEN);
  }
  return out.replace(/\b(postgres(?:ql)?:\/\/\S+)/g, (u) => redactUrl(u)).replace(PASSWORD_PARAM, (_m, before: string, key: string, eq: string) => `${before}${key}${eq}${HIDDEN}`);
}
