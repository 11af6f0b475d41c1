import { testRule } from '../helpers/test-rule.js';

const DETACH = 'ALTER TABLE "events" DETACH PARTITION "events_2024";';

testRule('detaching-partition-non-concurrently', {
  accept: [
    { sql: 'ALTER TABLE "events" DETACH PARTITION "events_2024" CONCURRENTLY;' },
    { sql: DETACH, config: { postgresVersion: 13 }, description: 'PG 13 has no CONCURRENTLY form' },
    {
      sql: 'CREATE TABLE "events" ("at" date) PARTITION BY RANGE ("at");\n--> statement-breakpoint\n' + DETACH,
      description: 'table created earlier in the same file',
    },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE "events" ("at" date) PARTITION BY RANGE ("at");', batch: 1 },
        { path: 'drizzle/0001_b.sql', text: DETACH, batch: 1 },
      ],
      description: 'table created by an earlier file of the same batch',
    },
  ],
  reject: [
    {
      sql: DETACH,
      expect: {
        message:
          'Detaching "events_2024" from "events" without CONCURRENTLY takes ACCESS EXCLUSIVE on both: every query on "events", reads included, waits until the migration\'s transaction ends.',
        line: 1,
        column: 39,
        endLine: 1,
        endColumn: 52,
        severity: 'warning',
      },
    },
    {
      sql: 'ALTER TABLE "app"."events" DETACH PARTITION "app"."events_2024";',
      config: { postgresVersion: 14 },
      expect: { message: /^Detaching "app"\."events_2024" from "app"\."events"/, line: 1, column: 45, endLine: 1, endColumn: 64, severity: 'warning' },
    },
  ],
});
