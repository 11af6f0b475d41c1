import { afterHistory, sameBatch, testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/refreshing-materialized-view-non-concurrently.js';

const MV = 'CREATE MATERIALIZED VIEW "stats" AS SELECT 1 AS "n";';

testRule('refreshing-materialized-view-non-concurrently', {
  accept: [
    { sql: 'REFRESH MATERIALIZED VIEW CONCURRENTLY "stats";' },
    { sql: 'REFRESH MATERIALIZED VIEW "stats" WITH NO DATA;' },
    { sql: `${MV}\n--> statement-breakpoint\nREFRESH MATERIALIZED VIEW "stats";`, description: 'view created earlier in the same file' },
    {
      files: sameBatch(MV, 'REFRESH MATERIALIZED VIEW "stats";'),
      description: 'view created by an earlier file of the same batch',
    },
  ],
  reject: [
    {
      sql: 'REFRESH MATERIALIZED VIEW "analytics"."stats";',
      expect: {
        message: messages.refresh({ view: '"analytics"."stats"' }),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 46,
        severity: 'warning',
      },
    },
    {
      files: afterHistory(MV, 'DO $$ BEGIN\n  REFRESH MATERIALIZED VIEW "stats";\nEND $$;'),
      description: 'earlier batch, inside a DO block',
      expect: { file: 'drizzle/0001_b.sql', message: messages.refresh({ view: '"stats"' }), line: 2, column: 3, endLine: 2, endColumn: 36, severity: 'warning' },
    },
  ],
});
