// A quoted identifier may hold any character, newlines and ESC included. Printed as is, one holding
// "\n::error …" becomes a GitHub workflow command in a job log, and ESC sequences rewrite a terminal.
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/app/lint-project.js';
import { FORMATS, formatReport } from '../../src/reporters/index.js';
import { neutralizeControls } from '../../src/reporters/control-characters.js';

const HOSTILE = 'a\n::error file=x::pwned\r\u001b[2J\u202e';
const SQL = `DROP TABLE "${HOSTILE}";\n`;

async function report(format: (typeof FORMATS)[number]) {
  const result = await lintTexts([{ path: 'drizzle/0001_x.sql', text: SQL }], { rules: { 'missing-lock-timeout': 'off' } });
  const lines = SQL.split('\n');
  return formatReport(format, result, { color: false, cwd: process.cwd(), sourceLine: (_f, n) => lines[n - 1] });
}

describe('control characters in reports', () => {
  it('are shown as escapes', () => {
    expect(neutralizeControls('a\nb\rc\u001bd\te\u202ef\u0085')).toBe('a\\nb\\rc\\u001bd\te\\u202ef\\u0085');
  });

  it('the text report: no line is a workflow command, the identifier is shown escaped', async () => {
    const out = await report('text');
    expect(out).not.toMatch(/^\s*::/m);
    expect(out).not.toMatch(/[\r\u001b\u202e]/);
    const shown = '"a\\n::error file=x::pwned\\r\\u001b[2J\\u202e"';
    expect(out.split('\n')[1]).toBe(
      `drizzle/0001_x.sql:1:1  error  Dropping table ${shown} deletes all of its rows for good, and running app versions that still query it start failing.  dropping-table`,
    );
    // The code frame shows the statement's first line, escaped too.
    expect(out.split('\n')[2]).toBe('  1 | DROP TABLE "a');
  });

  for (const format of ['markdown', 'github', 'gitlab', 'sarif', 'json'] as const) {
    it(`${format}: the only workflow commands are its own annotations`, async () => {
      const out = await report(format);
      const commands = out.split('\n').filter((l) => /^\s*::/.test(l));
      expect(commands.every((l) => l.startsWith('::error file=drizzle/0001_x.sql,line=1,col=1,'))).toBe(true);
      expect(commands).toHaveLength(format === 'github' ? 1 : 0);
      // JSON formats keep the text exactly (JSON escapes C0 controls); the others show escapes.
      expect(out).not.toMatch(/[\r\u001b]/);
      if (format === 'markdown') expect(out).not.toMatch(/\u202e/);
    });
  }
});
