import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildSarif, formatSarif } from '../../src/reporters/sarif.js';
import { RULES } from '../../src/rules/index.js';
import { lintTexts } from '../../src/app/lint-project.js';
import { sampleResult } from '../helpers/sample-result.js';
import { REPO } from '../helpers/cli-process.js';

// The OASIS SARIF 2.1.0 schema (rtm.5, draft-04) as Microsoft's sarif-js-sdk ships it.
const require = createRequire(import.meta.url);
const schemaPath = join(dirname(require.resolve('@microsoft/jest-sarif')), 'schemas', 'sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;

function validator() {
  // unicodeRegExp off: the published schema's language pattern has a stray ']' that only the u flag rejects.
  const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  return ajv.compile(schema);
}

describe('sarif reporter', () => {
  it('validates against the SARIF 2.1.0 JSON schema', async () => {
    const validate = validator();
    const log = JSON.parse(formatSarif(await sampleResult(), { cwd: '/work/project' }));
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('validates when there is nothing to report', async () => {
    const validate = validator();
    const clean = await lintTexts([{ path: 'drizzle/0000_init.sql', text: 'CREATE TABLE "t" ("id" int);\n' }]);
    const log = JSON.parse(formatSarif(clean, { cwd: '/tmp' }));
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
  });

  it('the schema check is real: a broken log is rejected', async () => {
    const validate = validator();
    const log = buildSarif(await sampleResult(), { cwd: '/tmp' }) as unknown as { runs: { results: { level: string }[] }[] };
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('describes every rule with help text and a docs URI, results point into it', async () => {
    const log = buildSarif(await sampleResult(), { cwd: '/work/project' });
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('drizzle-migration-lint');
    expect(driver.rules!.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const r of driver.rules!) {
      // No `repository` in package.json: the page shipped inside the package (test/reporters/docs-links.test.ts).
      const page = pathToFileURL(join(REPO, 'docs', 'rules', `${r.id}.md`)).href;
      expect(r.helpUri).toBe(page);
      expect(existsSync(fileURLToPath(r.helpUri!))).toBe(true);
      expect(r.help!.text).toContain(page);
      expect(r.shortDescription!.text.length).toBeGreaterThan(10);
    }
    const notNull = driver.rules!.find((r) => r.id === 'adding-not-null-column')!;
    expect(notNull.help!.markdown).toContain('## Safe alternative');
    for (const res of log.runs[0].results!) expect(driver.rules![res.ruleIndex!].id).toBe(res.ruleId);
  });

  it('resolves artifact URIs against the checkout root when one is given', async () => {
    const log = buildSarif(await sampleResult(), { cwd: '/repo/packages/db', root: '/repo' });
    expect(log.runs[0].originalUriBaseIds!['%SRCROOT%'].uri).toBe('file:///repo/');
    expect(log.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!.uri).toBe('packages/db/drizzle/0001_add%20tz%2C100%25.sql');
    expect(validator()(JSON.parse(JSON.stringify(log)))).toBe(true);
  });

  it('maps positions, paths, severities and suppressions', async () => {
    const log = buildSarif(await sampleResult(), { cwd: '/work/project' });
    const run = log.runs[0];
    expect(run.originalUriBaseIds!['%SRCROOT%'].uri).toBe('file:///work/project/');
    const results = run.results!;
    const notNull = results.find((r) => r.ruleId === 'adding-not-null-column')!;
    expect(notNull.level).toBe('error');
    expect(notNull.message.text).toMatch(/^Adding NOT NULL column "timezone".*\n.*DEFAULT/s);
    const loc = notNull.locations![0].physicalLocation!;
    expect(loc.artifactLocation).toEqual({ uri: 'drizzle/0001_add%20tz%2C100%25.sql', uriBaseId: '%SRCROOT%' });
    expect(loc.region).toMatchObject({ startLine: 1, startColumn: 32, endLine: 1, endColumn: 56 });
    expect(loc.region!.snippet!.text).toBe('ALTER TABLE "users" ADD COLUMN "timezone" text NOT NULL');
    const indexes = results.filter((r) => r.ruleId === 'creating-index-non-concurrently');
    expect(indexes.map((r) => [r.locations![0].physicalLocation!.region!.startLine, r.suppressions?.[0]?.kind])).toEqual([
      [4, 'inSource'],
      [6, undefined],
    ]);
    const prints = results.map((r) => r.partialFingerprints!['drizzleMigrationLint/v1']);
    expect(new Set(prints).size).toBe(prints.length);
  });
});
