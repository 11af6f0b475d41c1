import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildCodeQuality, formatGitlab } from '../../src/reporters/gitlab.js';
import { lintTexts } from '../../src/app/lint-project.js';
import { ruleDocsUrl } from '../../src/app/docs-links.js';
import { sampleResult, SAMPLE_RULES } from '../helpers/sample-result.js';

/**
 * GitLab's Code Quality report format (docs.gitlab.com, ci/testing/code_quality): a JSON array of
 * issues, each with description, check_name, a unique fingerprint, a severity from its five levels
 * and a location whose path is relative to the repository root (no ./) with lines.begin.
 */
const codeQualitySchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      type: { const: 'issue' },
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      categories: { type: 'array', items: { type: 'string' } },
      content: { type: 'object', required: ['body'], properties: { body: { type: 'string' } } },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: {
          path: { type: 'string', pattern: '^(?!\\./|/)' },
          lines: {
            type: 'object',
            required: ['begin'],
            properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } },
          },
        },
      },
    },
  },
};

describe('gitlab reporter', () => {
  it('writes a valid Code Quality report', async () => {
    const validate = new Ajv({ allErrors: true }).compile(codeQualitySchema);
    const report = JSON.parse(formatGitlab(await sampleResult()));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.map((i: { check_name: string; location: { lines: { begin: number } } }) => [i.check_name, i.location.lines.begin])).toEqual([
      ['adding-not-null-column', 1],
      ['creating-index-non-concurrently', 6],
    ]);
    expect(report[0]).toMatchObject({ severity: 'major', location: { path: 'drizzle/0001_add tz,100%.sql' } });
    expect(report[0].content.body).toMatch(/DEFAULT[\s\S]*See /);
    expect(report[0].content.body.endsWith(`See ${ruleDocsUrl('adding-not-null-column')}`)).toBe(true);
  });

  it('keeps fingerprints stable when lines move and unique for repeated findings', async () => {
    const alter = 'ALTER TABLE "users" ADD COLUMN "a" text NOT NULL;\n--> statement-breakpoint\nALTER TABLE "users" ADD COLUMN "a" text NOT NULL;\n';
    const history = { path: 'drizzle/0000_init.sql', text: 'CREATE TABLE "users" ("id" int);\n' };
    const before = buildCodeQuality(await lintTexts([history, { path: 'drizzle/0001_x.sql', text: alter }], { rules: SAMPLE_RULES }));
    const after = buildCodeQuality(await lintTexts([history, { path: 'drizzle/0001_x.sql', text: `-- a comment\n\n${alter}` }], { rules: SAMPLE_RULES }));
    expect(before).toHaveLength(2);
    expect(new Set(before.map((i) => i.fingerprint)).size).toBe(2);
    expect(after.map((i) => i.location.lines.begin)).toEqual(before.map((i) => i.location.lines.begin + 2));
    expect(after.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));
    const renamed = buildCodeQuality(await lintTexts([history, { path: 'drizzle/0001_y.sql', text: alter }], { rules: SAMPLE_RULES }));
    expect(renamed[0].fingerprint).not.toBe(before[0].fingerprint);
  });

  it('gives paths from the repository root (CI_PROJECT_DIR) in a monorepo package', async () => {
    const [first] = buildCodeQuality(await sampleResult(), { cwd: '/builds/app/packages/db', root: '/builds/app' });
    expect(first.location.path).toBe('packages/db/drizzle/0001_add tz,100%.sql');
  });

  it('is an empty array for a clean run', async () => {
    const clean = await lintTexts([{ path: 'drizzle/0000_init.sql', text: 'CREATE TABLE "t" ("id" int);\n' }]);
    expect(formatGitlab(clean)).toBe('[]\n');
  });
});
