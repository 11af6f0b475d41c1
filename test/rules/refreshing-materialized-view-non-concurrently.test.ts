import { testRule } from '../helpers/test-rule.js';

const MV = 'CREATE MATERIALIZED VIEW "stats" AS SELECT 1 AS "n";';

testRule('refreshing-materialized-view-non-concurrently', {
  accept: [
    { sql: 'REFRESH MATERIALIZED VIEW CONCURRENTLY "stats";' },
    { sql: 'REFRESH MATERIALIZED VIEW "stats" WITH NO DATA;' },
    { sql: `${MV}\n--> statement-breakpoint\nREFRESH MATERIALIZED VIEW "stats";`, description: 'view created earlier in the same file' },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: MV, batch: 1 },
        { path: 'drizzle/0001_b.sql', text: 'REFRESH MATERIALIZED VIEW "stats";', batch: 1 },
      ],
      description: 'view created by an earlier file of the same batch',
    },
  ],
  reject: [
    {
      sql: 'REFRESH MATERIALIZED VIEW "analytics"."stats";',
      expect: {
        message:
          'REFRESH MATERIALIZED VIEW "analytics"."stats" without CONCURRENTLY takes ACCESS EXCLUSIVE on the view: every query that reads it waits until the view\'s query has run again and the migration\'s transaction ends.',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 46,
        severity: 'warning',
      },
    },
    {
      files: [
        { path: 'drizzle/0000_a.sql', text: MV, batch: 0 },
        { path: 'drizzle/0001_b.sql', text: 'DO $$ BEGIN\n  REFRESH MATERIALIZED VIEW "stats";\nEND $$;', batch: 1 },
      ],
      description: 'earlier batch, inside a DO block',
      expect: { file: 'drizzle/0001_b.sql', message: /^REFRESH MATERIALIZED VIEW "stats"/, line: 2, column: 3, endLine: 2, endColumn: 36, severity: 'warning' },
    },
  ],
});
