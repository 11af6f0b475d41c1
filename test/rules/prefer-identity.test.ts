import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/prefer-identity.js';

testRule('prefer-identity', {
  accept: [
    { sql: 'CREATE TABLE "t" ("id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);' },
    { sql: 'CREATE TABLE "t" ("id" integer PRIMARY KEY);' },
  ],
  reject: [
    {
      sql: 'CREATE TABLE "t" ("id" serial PRIMARY KEY);',
      expect: {
        message: messages.serialColumn({ column: '"id"', table: '"t"', type: 'integer (serial)' }),
        line: 1,
        column: 24,
        endLine: 1,
        endColumn: 43,
      },
    },
    {
      sql: '-- é\nALTER TABLE "items" ADD COLUMN "position" bigserial NOT NULL, ADD COLUMN "n" smallserial;',
      expect: [
        { message: messages.serialColumn({ column: '"position"', table: '"items"', type: 'bigint (bigserial)' }), line: 2, column: 43, endLine: 2, endColumn: 89 },
        { message: messages.serialColumn({ column: '"n"', table: '"items"', type: 'smallint (smallserial)' }), line: 2, column: 78, endLine: 2, endColumn: 89 },
      ],
    },
  ],
});
