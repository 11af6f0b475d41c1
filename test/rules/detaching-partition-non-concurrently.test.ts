import { sameBatch, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/detaching-partition-non-concurrently.js';

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
      files: sameBatch('CREATE TABLE "events" ("at" date) PARTITION BY RANGE ("at");', DETACH),
      description: 'table created by an earlier file of the same batch',
    },
  ],
  reject: [
    {
      sql: DETACH,
      expect: {
        message: messages.detach({ partition: '"events_2024"', parent: '"events"' }),
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
      expect: { message: messages.detach({ partition: '"app"."events_2024"', parent: '"app"."events"' }), line: 1, column: 45, endLine: 1, endColumn: 64, severity: 'warning' },
    },
  ],
});
