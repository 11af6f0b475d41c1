import { describe, expect, it } from 'vitest';
import { loadParser } from '../../src/sql/parser.js';
import { parseMigration } from '../../src/sql/parse-file.js';
import { nodeAs, type Node } from '../../src/sql/ast.js';
import { keyOfNames, qualifiedKey, quoteIdent, refOf, refOfKey, refOfNames, relationKey, showKey, showRelation, typeKey } from '../../src/sql/qualified-name.js';

describe('the qualified-name codec', () => {
  it('keys carry the schema, the default one when none was written', () => {
    expect(relationKey({ name: 'users' })).toBe('public.users');
    expect(relationKey({ schema: 'auth', name: 'users' })).toBe('auth.users');
    expect(qualifiedKey('auth', 'users')).toBe('auth.users');
    expect(keyOfNames(['users'])).toBe('public.users');
    expect(keyOfNames(['db', 'auth', 'users'])).toBe('auth.users');
  });

  it('decodes a key at its first dot, so a dot in the name survives', () => {
    expect(refOfKey('public.a.b')).toEqual({ schema: 'public', name: 'a.b' });
    expect(relationKey(refOfKey('auth.users'))).toBe('auth.users');
    expect(refOfNames([])).toBeUndefined();
    expect(refOfNames(['auth', 'users'])).toEqual({ schema: 'auth', name: 'users' });
  });

  it('shows names quoted, doubling embedded quotes, the default schema left out', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(showRelation({ name: 'users' })).toBe('"users"');
    expect(showRelation({ schema: 'public', name: 'users' })).toBe('"users"');
    expect(showRelation({ schema: 'auth', name: 'users' })).toBe('"auth"."users"');
    // showEnum (now showKey) wrote "my"mood" here: not valid SQL, and not what Postgres names it.
    expect(showKey('public.my"mood')).toBe('"my""mood"');
    expect(showKey('we"ird.role')).toBe('"we""ird"."role"');
  });

  it('reads references and type names from the parser', async () => {
    await loadParser();
    const [create] = parseMigration('x.sql', 'CREATE TABLE "Auth"."My Users" (id int);').statements;
    expect(refOf(nodeAs(create.node, 'CreateStmt')!.relation)).toEqual({ schema: 'Auth', name: 'My Users' });
    const [en] = parseMigration('y.sql', 'CREATE TYPE "mood" AS ENUM (\'a\');').statements;
    expect(typeKey(nodeAs(en.node, 'CreateEnumStmt')!.typeName as Node[])).toBe('public.mood');
    expect(typeKey([])).toBeUndefined();
  });
});
