import { testRule } from '../helpers/test-rule.js';

testRule('prefer-identity', {
  accept: [
    { sql: 'CREATE TABLE "t" ("id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);' },
    { sql: 'CREATE TABLE "t" ("id" integer PRIMARY KEY);' },
  ],
  reject: [
    {
      sql: 'CREATE TABLE "t" ("id" serial PRIMARY KEY);',
      expect: {
        message:
          '"id" of "t" is serial: its sequence is a separate object with its own grants and owner, and anyone can insert explicit ids that the sequence later collides with (23505).',
        line: 1,
        column: 24,
        endLine: 1,
        endColumn: 43,
      },
    },
    {
      sql: '-- é\nALTER TABLE "items" ADD COLUMN "position" bigserial NOT NULL, ADD COLUMN "n" smallserial;',
      expect: [
        { message: /^"position" of "items" is bigserial/, line: 2, column: 43, endLine: 2, endColumn: 89 },
        { message: /^"n" of "items" is smallserial/, line: 2, column: 78, endLine: 2, endColumn: 89 },
      ],
    },
  ],
});
