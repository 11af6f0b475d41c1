import { afterHistory, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/prefer-bigint.js';

testRule('prefer-bigint', {
  accept: [
    { sql: 'CREATE TABLE "t" ("id" bigint PRIMARY KEY, "n" integer);', description: 'bigint key; a plain integer column is fine' },
    { sql: 'CREATE TABLE "t" ("id" bigserial PRIMARY KEY);' },
    { sql: 'CREATE TABLE "t" ("id" uuid PRIMARY KEY DEFAULT gen_random_uuid());' },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "p" ("id" serial PRIMARY KEY);', batch: 0, report: false },
        { path: 'drizzle/0001_b.sql', text: 'CREATE TABLE "c" ("p_id" integer REFERENCES "p"("id"));', batch: 1 },
      ],
      description: 'integer foreign key to an integer key of an earlier batch just matches its target',
    },
    {
      files: afterHistory('CREATE TABLE "c" ("id" bigint, "p_id" integer);', 'ALTER TABLE "c" ADD CONSTRAINT "c_p_fk" FOREIGN KEY ("p_id") REFERENCES "p"("id");'),
      description: 'key added later to a column chosen in an earlier batch',
    },
  ],
  reject: [
    {
      sql: 'CREATE TABLE "accounts" (\n\t"id" serial PRIMARY KEY NOT NULL\n);',
      expect: {
        message: messages.narrowKey({ column: '"id"', table: '"accounts"', role: 'primary key', type: 'integer (serial)', limit: '2,147,483,647' }),
        line: 2,
        column: 7,
        endLine: 3,
        endColumn: 2,
      },
    },
    {
      sql: 'CREATE TABLE "tags" ("a" smallint, "b" integer, CONSTRAINT "tags_pk" PRIMARY KEY ("a", "b"));',
      description: 'composite primary key declared at table level',
      expect: [
        { message: messages.narrowKey({ column: '"a"', table: '"tags"', role: 'primary key', type: 'smallint', limit: '32,767' }), line: 1, column: 26, endLine: 1, endColumn: 93 },
        { message: messages.narrowKey({ column: '"b"', table: '"tags"', role: 'primary key', type: 'integer', limit: '2,147,483,647' }), line: 1, column: 40, endLine: 1, endColumn: 93 },
      ],
    },
    {
      sql: 'CREATE TABLE "tag" ("id" serial PRIMARY KEY);\n--> statement-breakpoint\nCREATE TABLE "post_tag" ("tag_id" integer NOT NULL);\n--> statement-breakpoint\nALTER TABLE "post_tag" ADD CONSTRAINT "post_tag_tag_id_fk" FOREIGN KEY ("tag_id") REFERENCES "tag"("id");',
      description: "drizzle-kit's separate ADD CONSTRAINT … FOREIGN KEY, both sides new",
      expect: [
        { message: messages.narrowKey({ column: '"id"', table: '"tag"', role: 'primary key', type: 'integer (serial)', limit: '2,147,483,647' }), line: 1, column: 26, endLine: 1, endColumn: 45 },
        { message: messages.narrowKey({ column: '"tag_id"', table: '"post_tag"', role: 'foreign key', type: 'integer', limit: '2,147,483,647' }), line: 5, column: 28, endLine: 5, endColumn: 105 },
      ],
    },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "t" ("id" bigint PRIMARY KEY);', batch: 0, report: false },
        { path: 'drizzle/0001_b.sql', text: 'ALTER TABLE "t" ALTER COLUMN "id" SET DATA TYPE integer;', batch: 1 },
      ],
      description: 'ALTER COLUMN TYPE of an existing key to integer',
      expect: { file: 'drizzle/0001_b.sql', message: messages.narrowKey({ column: '"id"', table: '"t"', role: 'primary key', type: 'integer', limit: '2,147,483,647' }), line: 1, column: 49, endLine: 1, endColumn: 56 },
    },
    {
      sql: 'ALTER TABLE "orders" ADD COLUMN "user_id" integer REFERENCES "users"("id");',
      description: 'ADD COLUMN with an unknown target',
      expect: { message: messages.narrowKey({ column: '"user_id"', table: '"orders"', role: 'foreign key', type: 'integer', limit: '2,147,483,647' }), line: 1, column: 43, endLine: 1, endColumn: 75 },
    },
  ],
});
