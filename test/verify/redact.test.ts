import { describe, expect, it } from 'vitest';
import { redactText, redactUrl } from '../../src/db/redact.js';

describe('redactUrl', () => {
  it.each([
    ['postgres://me:secret@db.example.com:5432/app', 'postgres://me:***@db.example.com:5432/app'],
    ['postgresql://me@db/app', 'postgresql://me@db/app'],
    ['postgres://db/app', 'postgres://db/app'],
    // Empty user name, password only.
    ['postgres://:secret@db/app', 'postgres://:***@db/app'],
    // An unencoded @, / or ? in the password: the last @ of the authority ends the userinfo.
    ['postgres://me:p@ss@w0rd@db/app', 'postgres://me:***@db/app'],
    ['postgres://me:pa/ss@db/app', 'postgres://me:***@db/app'],
    ['postgres://me:pa?ss@db/app', 'postgres://me:***@db/app'],
    ['postgres://me:p%40ss@db/app?sslmode=require', 'postgres://me:***@db/app?sslmode=require'],
    // Password parameters, anywhere in the query, any case.
    ['postgres://me@db/app?password=secret', 'postgres://me@db/app?password=***'],
    ['postgres://me@db/app?sslmode=verify-full&sslpassword=keypass&application_name=x', 'postgres://me@db/app?sslmode=verify-full&sslpassword=***&application_name=x'],
    ['postgres://me@db/app?PASSWORD=secret#frag', 'postgres://me@db/app?PASSWORD=***#frag'],
    // A query parameter holding an @ does not make the host a password.
    ['postgres://me@db/app?options=a@b', 'postgres://me@db/app?options=a@b'],
    // libpq keyword/value strings and environment echoes.
    ["host=db user=me password='se cret' dbname=app", 'host=db user=me password=*** dbname=app'],
    ['PGPASSWORD=secret psql postgres://me@db/app', 'PGPASSWORD=*** psql postgres://me@db/app'],
  ])('%s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});

describe('redactText', () => {
  it('hides the password of the URL in any message, raw and percent-decoded', () => {
    const url = 'postgres://me:p%40ss-word@db/app';
    expect(redactText(`cannot connect to ${url}: auth failed for p@ss-word and p%40ss-word`, url)).toBe(
      'cannot connect to postgres://me:***@db/app: auth failed for *** and ***',
    );
  });

  it('hides any postgres URL and password parameter even without knowing the URL', () => {
    expect(redactText('see postgres://u:x@h/d and sslpassword=abc', undefined)).toBe('see postgres://u:***@h/d and sslpassword=***');
  });
});
