import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/db/redact.js';

describe('redactUrl', () => {
  it('hides the password in the authority and in password= parameters, keeps the rest', () => {
    expect(redactUrl('postgres://app:s3cr%40t@db.example.com:5432/prod?sslmode=require')).toBe('postgres://app:***@db.example.com:5432/prod?sslmode=require');
    expect(redactUrl('postgresql://app@h/db?password=s3cret&sslpassword=k')).toBe('postgresql://app@h/db?password=***&sslpassword=***');
    expect(redactUrl('postgres://postgres@%2Ftmp%2Fpg:5400/postgres')).toBe('postgres://postgres@%2Ftmp%2Fpg:5400/postgres');
  });

  it('hides a string it cannot parse whole', () => {
    expect(redactUrl('app:s3cret@host/db')).toBe('<database URL>');
  });
});
