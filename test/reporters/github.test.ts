import { describe, expect, it } from 'vitest';
import { formatGithub } from '../../src/reporters/github.js';
import type { LintResult, Message } from '../../src/linter/result.js';
import { sampleResult } from '../helpers/sample-result.js';

/**
 * How the Actions runner reads a workflow command (ActionCommand.TryParseV2 in actions/runner):
 * `::name k=v,k=v::data`; properties split on ',' then the first '=', property values unescape
 * %0D %0A %3A %2C and then %25, data unescapes %0D %0A and then %25.
 */
function parseCommand(line: string) {
  const text = line.trimStart();
  if (!text.startsWith('::')) return undefined;
  const end = text.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = text.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const pair of info.slice(space + 1).trim().split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq > 0 && eq < pair.length - 1) properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1), ['%0D', '\r'], ['%0A', '\n'], ['%3A', ':'], ['%2C', ','], ['%25', '%']);
    }
  }
  const data = unescape(text.slice(end + 2), ['%0D', '\r'], ['%0A', '\n'], ['%25', '%']);
  return { name, properties, data };
}

function unescape(s: string, ...mappings: [string, string][]): string {
  return mappings.reduce((acc, [from, to]) => acc.split(from).join(to), s);
}

function message(overrides: Partial<Message>): Message {
  return {
    ruleId: 'adding-not-null-column',
    severity: 'error',
    message: 'm',
    line: 3,
    column: 5,
    endLine: 4,
    endColumn: 9,
    suppressed: false,
    docsUrl: 'https://example.test/docs/rule.md',
    ...overrides,
  };
}

function resultOf(filePath: string, messages: Message[]): LintResult {
  return { version: 1, results: [{ filePath, messages }], summary: { files: 1, statements: 1, errors: 0, warnings: 0, suppressed: 0 } };
}

describe('github reporter', () => {
  it('writes one annotation per unsuppressed finding that the runner parses back exactly', async () => {
    const result = await sampleResult();
    const lines = formatGithub(result).trimEnd().split('\n');
    const commands = lines.map(parseCommand).filter((c) => c !== undefined);
    const expected = result.results.flatMap((f) => f.messages.filter((m) => !m.suppressed).map((m) => ({ f, m })));
    expect(commands).toHaveLength(expected.length);
    commands.forEach((c, i) => {
      const { f, m } = expected[i];
      expect(c.name).toBe(m.severity);
      expect(c.properties).toEqual({
        file: f.filePath,
        line: String(m.line),
        col: String(m.column),
        endLine: String(m.endLine),
        endColumn: String(m.endColumn),
        title: m.ruleId,
      });
      expect(c.data).toBe([m.message, m.hint, m.docsUrl].filter(Boolean).join('\n'));
    });
    expect(commands.map((c) => c.properties.file)).toContain('drizzle/0001_add tz,100%.sql');
    expect(lines.at(-1)).toMatch(/^drizzle-migration-lint: 2 errors, 0 warnings in 1 file/);
  });

  it('escapes %, CR, LF in messages and also : and , in properties', () => {
    const nasty = 'a%25b\r\nc:d,e::f %0A';
    const out = formatGithub(resultOf(`drizzle/x,line=99,title=y::z%.sql`, [message({ message: nasty, hint: 'h:1,2', severity: 'warning' })]));
    const line = out.split('\n')[0];
    expect(line).not.toMatch(/[\r]/);
    expect(line).toBe(
      '::warning file=drizzle/x%2Cline=99%2Ctitle=y%3A%3Az%25.sql,line=3,col=5,endLine=4,endColumn=9,title=adding-not-null-column::a%2525b%0D%0Ac:d,e::f %250A%0Ah:1,2%0Ahttps://example.test/docs/rule.md',
    );
    const parsed = parseCommand(line)!;
    expect(parsed.properties.file).toBe('drizzle/x,line=99,title=y::z%.sql');
    expect(parsed.properties.line).toBe('3');
    expect(parsed.data).toBe(`${nasty}\nh:1,2\nhttps://example.test/docs/rule.md`);
  });

  it('leaves suppressed findings out and, under --quiet, warnings', () => {
    const result = resultOf('drizzle/0001.sql', [message({ suppressed: true }), message({ severity: 'warning', line: 7 }), message({ line: 9 })]);
    expect(formatGithub(result).split('\n').filter((l) => l.startsWith('::')).map((l) => parseCommand(l)!.properties.line)).toEqual(['7', '9']);
    expect(formatGithub(result, { quiet: true }).split('\n').filter((l) => l.startsWith('::')).map((l) => parseCommand(l)!.name)).toEqual(['error']);
  });

  it('makes paths relative to the checkout when linting in a subfolder (monorepo package)', () => {
    const r = resultOf('drizzle/0001.sql', [message({})]);
    const line = formatGithub(r, { cwd: '/repo/packages/db', root: '/repo' }).split('\n')[0];
    expect(parseCommand(line)!.properties.file).toBe('packages/db/drizzle/0001.sql');
    expect(parseCommand(formatGithub(r, { cwd: '/repo', root: '/repo' }).split('\n')[0])!.properties.file).toBe('drizzle/0001.sql');
  });

  it('says so when there is nothing to annotate', () => {
    expect(formatGithub(resultOf('drizzle/0001.sql', []))).toBe('drizzle-migration-lint: no problems in 1 file (1 statement checked)\n');
  });
});
