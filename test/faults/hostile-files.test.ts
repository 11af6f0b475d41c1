// Hostile inputs: files that would hang a reader or exhaust its memory (FIFOs, devices, sockets,
// huge files), Git LFS pointers, journals built to overflow a recursive reader, journal tags that are
// paths. Each is one line on stderr naming the path, exit 2, and the other files are still linted.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultProjects } from '../helpers/fault-project.js';
import { CLI, expectWellBehaved, parseJsonOutput, runCli } from '../helpers/cli-process.js';
import { messages as journalMessages } from '../../src/rules/journal-file-mismatch.js';

const { project, root } = faultProjects('dml-hostile-');

/** Bounded: a reader that blocks on a FIFO or reads /dev/zero would hit this timeout. */
function lint(cwd: string, args: string[] = ['drizzle']) {
  const run = runCli(['--format', 'json', ...args], { cwd, timeoutMs: 30_000 });
  expectWellBehaved(run);
  return run;
}

function expectOthersLinted(stdout: string): void {
  const out = parseJsonOutput(stdout);
  const drop = out.results.find((r) => r.filePath === 'drizzle/0001_drop.sql');
  expect(drop?.messages.map((m) => m.ruleId)).toContain('dropping-column');
}

const PREFIX = 'drizzle-migration-lint: ';

describe('files that are not regular files', () => {
  it('a FIFO in the migrations folder is refused without waiting for a writer', () => {
    const dir = project('fifo', (d) => execFileSync('mkfifo', [join(d, 'drizzle', '0002_pipe.sql')]));
    const run = lint(dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${PREFIX}drizzle/0002_pipe.sql: not a regular file (a FIFO)\n`);
    expectOthersLinted(run.stdout);
  });

  it('a FIFO named on the command line', () => {
    const dir = project('fifo-arg', (d) => execFileSync('mkfifo', [join(d, 'drizzle', '0002_pipe.sql')]));
    const run = lint(dir, ['drizzle/0002_pipe.sql']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${PREFIX}drizzle/0002_pipe.sql: not a regular file (a FIFO)\n`);
  });

  it('a symbolic link to /dev/zero is refused, not read forever', () => {
    const dir = project('dev-zero', (d) => symlinkSync('/dev/zero', join(d, 'drizzle', '0002_zero.sql')));
    const run = lint(dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${PREFIX}drizzle/0002_zero.sql: not a regular file (a character device)\n`);
    expectOthersLinted(run.stdout);
  });

  it('a socket', async () => {
    const dir = project('socket');
    const server = createServer();
    await new Promise<void>((done) => server.listen(join(dir, 'drizzle', '0002_sock.sql'), done));
    try {
      const run = lint(dir);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`${PREFIX}drizzle/0002_sock.sql: not a regular file (a socket)\n`);
      expectOthersLinted(run.stdout);
    } finally {
      server.close();
    }
  });

  it('a file over --max-file-size, and over the config maxFileSize', () => {
    const dir = project('huge', (d) => writeFileSync(join(d, 'drizzle', '0002_huge.sql'), 'SELECT 1;\n'.padEnd(2 * 1024 * 1024, ' ')));
    const run = lint(dir, ['drizzle', '--max-file-size', '1']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${PREFIX}drizzle/0002_huge.sql: 2097152 bytes, over the size limit of 1 MB (--max-file-size, or maxFileSize in the config)\n`);
    expectOthersLinted(run.stdout);
    writeFileSync(join(dir, '.migrationlintrc.json'), '{ "maxFileSize": 1 }');
    expect(lint(dir).stderr).toBe(run.stderr);
    // Under the default limit (50 MB) the file is linted.
    rmSync(join(dir, '.migrationlintrc.json'));
    expect(lint(dir).status).toBe(1);
  });

  it('--max-file-size must be a whole number of megabytes', () => {
    const run = runCli(['--max-file-size', '0', 'drizzle'], { cwd: project('huge-flag') });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${PREFIX}--max-file-size 0: must be at least 1 (megabytes)\n`);
  });
});

const LFS_CONTENT = 'ALTER TABLE "users" ADD COLUMN "name" text;\n';
const lfsPointer = (content: string) =>
  `version https://git-lfs.github.com/spec/v1\noid sha256:${createHash('sha256').update(content).digest('hex')}\nsize ${Buffer.byteLength(content)}\n`;

describe('Git LFS pointers', () => {
  it('a migration that is an LFS pointer is one error, not a parse error', () => {
    const dir = project('lfs', (d) => writeFileSync(join(d, 'drizzle', '0002_lfs.sql'), lfsPointer(LFS_CONTENT)));
    const run = lint(dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `${PREFIX}drizzle/0002_lfs.sql: a Git LFS pointer, not the file: its content was never fetched (run git lfs pull, or set lfs: true in actions/checkout)\n`,
    );
    const out = parseJsonOutput(run.stdout);
    expect(out.results.flatMap((r) => r.messages.map((m) => m.ruleId))).not.toContain('unparsable-sql');
    expectOthersLinted(run.stdout);
  });

  it('--since: a migration committed as an LFS pointer and fetched since is not "modified"', () => {
    const dir = project('lfs-since', (d) => writeFileSync(join(d, 'drizzle', '0002_lfs.sql'), lfsPointer(LFS_CONTENT)));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
    // What git lfs pull leaves in the working tree (no git-lfs here: the smudged content by hand).
    writeFileSync(join(dir, 'drizzle', '0002_lfs.sql'), LFS_CONTENT);
    const run = lint(dir, ['drizzle', '--since', 'HEAD']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // A real edit of the fetched content is still one.
    writeFileSync(join(dir, 'drizzle', '0002_lfs.sql'), LFS_CONTENT + 'DROP TABLE "users";\n');
    const edited = parseJsonOutput(lint(dir, ['drizzle', '--since', 'HEAD']).stdout);
    expect(edited.results.find((r) => r.filePath === 'drizzle/0002_lfs.sql')?.messages.map((m) => m.ruleId)).toEqual(['applied-migration-modified']);
  });
});

describe('journals', () => {
  it('a journal nested 10,000 levels deep is an error, not a stack overflow', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const journal = `{"dialect":"postgresql","entries":[{"idx":0,"when":1,"tag":"0000_init","breakpoints":true,"x":${deep}},{"idx":1,"when":2,"tag":"0009_gone","breakpoints":true}]}`;
    const dir = project('deep-journal', (d) => writeFileSync(join(d, 'drizzle', 'meta', '_journal.json'), journal));
    const run = lint(dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${PREFIX}drizzle/meta/_journal.json: not a drizzle-kit journal (nested more than 64 levels deep)\n`);
    expectOthersLinted(run.stdout);
  });

  it('a journal that cannot be read (a folder) is an error and a finding, not "no journal"', () => {
    const dir = project('journal-dir', (d) => mkdirSync(join(d, 'drizzle', 'meta', '_journal.json')));
    const run = lint(dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${PREFIX}drizzle/meta/_journal.json: unreadable: not a regular file (a folder)\n`);
    const out = parseJsonOutput(run.stdout);
    expect(out.results.find((r) => r.filePath === 'drizzle/meta/_journal.json')?.messages.map((m) => m.ruleId)).toEqual(['journal-file-mismatch']);
  });

  it('meta/ that is a file is an error, not "no journal"', () => {
    const dir = project('meta-file', (d) => {
      rmSync(join(d, 'drizzle', 'meta'), { recursive: true });
      writeFileSync(join(d, 'drizzle', 'meta'), '');
    });
    const run = lint(dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${PREFIX}drizzle/meta/_journal.json: unreadable: cannot read file (ENOTDIR)\n`);
  });

  it('tags that are paths are reported as such, not as missing files', () => {
    const tags = ['../outside/0001_x', '/etc/passwd', 'sub\\0002_y', '..'];
    const journal = JSON.stringify({
      version: '7',
      dialect: 'postgresql',
      entries: [
        { idx: 0, version: '7', when: 1, tag: '0000_init', breakpoints: true },
        { idx: 1, version: '7', when: 2, tag: '0001_drop', breakpoints: true },
        ...tags.map((tag, i) => ({ idx: i + 2, version: '7', when: i + 3, tag, breakpoints: true })),
      ],
    });
    const dir = project('path-tags', (d) => writeFileSync(join(d, 'drizzle', 'meta', '_journal.json'), journal));
    const run = runCli(['--format', 'json', 'drizzle', '--rule', 'journal-out-of-order=off', '--rule', 'journal-duplicate-index=off'], { cwd: dir });
    expectWellBehaved(run);
    expect(run.status).toBe(1);
    const out = JSON.parse(run.stdout) as { results: { filePath: string; messages: { ruleId: string; message: string; hint: string; line: number; column: number; endColumn: number }[] }[] };
    const found = out.results.find((r) => r.filePath === 'drizzle/meta/_journal.json')!.messages;
    expect(found.map((m) => [m.ruleId, m.message, m.hint])).toEqual(
      tags.map((tag) => ['journal-file-mismatch', journalMessages.tagNotFileName({ tag }), journalMessages.tagNotFileNameHint()]),
    );
    // Each points at its tag's value.
    const at = journal.indexOf(JSON.stringify(tags[0]));
    expect(found[0]).toMatchObject({ line: 1, column: at + 1, endColumn: at + 1 + JSON.stringify(tags[0]).length });
  });
});

describe('drizzle.config.ts whose out is not certain', () => {
  it('an environment fallback is an error asking for --dir, not a run over ./drizzle that passes', () => {
    const dir = project('config-env-fallback', (d) => {
      writeFileSync(join(d, 'drizzle.config.ts'), `export default { dialect: 'postgresql', out: process.env.MIGRATIONS ?? './drizzle' };\n`);
      // Where the migrations really are (MIGRATIONS=db in CI): a failing one.
      mkdirSync(join(d, 'db'));
      writeFileSync(join(d, 'db', '0000_bad.sql'), 'ALTER TABLE "users" ADD COLUMN "x" int NOT NULL;\n');
    });
    const run = runCli([], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `${PREFIX}drizzle.config.ts: "out" is not a plain string, so it cannot be read without running the file; pass the migrations folder with --dir (or set "dir" in .migrationlintrc)\n`,
    );
    expect(runCli(['--dir', 'db'], { cwd: dir }).status).toBe(1);
  });
});

describe('-o, --output-file', () => {
  it('never writes through a symbolic link, dangling or not', () => {
    const dir = project('output-links', (d) => {
      writeFileSync(join(d, 'precious.txt'), 'keep me\n');
      symlinkSync(join(d, 'precious.txt'), join(d, 'report.json'));
      symlinkSync(join(d, 'created-by-link.txt'), join(d, 'dangling.json'));
    });
    for (const target of ['report.json', 'dangling.json']) {
      const run = runCli(['drizzle', '--format', 'json', '-o', target], { cwd: dir });
      expect(run.status, target).toBe(2);
      expect(run.stderr).toBe(`${PREFIX}--output-file ${target}: refusing to write a report through a symbolic link\n`);
    }
    expect(readFileSync(join(dir, 'precious.txt'), 'utf8')).toBe('keep me\n');
    expect(existsSync(join(dir, 'created-by-link.txt'))).toBe(false);
  });

  it('never creates a file in a migrations folder, even one this run did not read', () => {
    const dir = project('output-other-folder', (d) => {
      mkdirSync(join(d, 'other', 'meta'), { recursive: true });
      writeFileSync(join(d, 'other', 'meta', '_journal.json'), '{"entries":[]}');
    });
    for (const [target, folder] of [
      ['other/report.json', 'other'],
      ['other/meta/report.json', 'other'],
      ['other/new/report.json', 'other'],
    ]) {
      const run = runCli(['drizzle/0001_drop.sql', '--format', 'json', '-o', target], { cwd: dir });
      expect(run.status, target).toBe(2);
      expect(run.stderr).toBe(`${PREFIX}--output-file ${target}: refusing to write a report into the migrations folder ${folder}\n`);
    }
    expect(readdirSync(join(dir, 'other'))).toEqual(['meta']);
    expect(readdirSync(join(dir, 'other', 'meta'))).toEqual(['_journal.json']);
    // Elsewhere it writes.
    expect(runCli(['drizzle', '--format', 'json', '-o', 'reports/lint.json'], { cwd: dir }).status).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'lint.json'), 'utf8')).summary.errors).toBe(1);
  });
});

describe('remaining internal errors are one line naming the option or file', () => {
  it('--database-url that is not a URL, not postgres, or names a missing sslrootcert', () => {
    const dir = project('database-url');
    for (const [url, line] of [
      ['not a url', '--database-url: not a valid URL; expected postgres://user:password@host:port/database'],
      ['postgres://u:secret@[::1/db', '--database-url: not a valid URL; expected postgres://user:password@host:port/database'],
      ['mysql://u:secret@h/db', '--database-url: the scheme is mysql; expected postgres://user:password@host:port/database'],
      ['postgres://u:secret@127.0.0.1:1/db?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem', '--database-url: sslrootcert /nonexistent/ca.pem: cannot read (ENOENT)'],
    ]) {
      const run = runCli(['verify', 'drizzle', '--database-url', url], { cwd: dir });
      expect(run.stderr, url).toBe(`${PREFIX}${line}\n`);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
    }
  });

  // As root every folder can be listed: the CLI runs as `nobody` (setpriv) on a folder of mode 0711.
  const setpriv = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '-e', '0']).status === 0;
  if (!setpriv) console.log('unlistable-folder test skipped: cannot run as nobody with setpriv');
  it.skipIf(!setpriv)('a migrations folder that cannot be listed', () => {
    const dir = project('unlistable');
    chmodSync(root(), 0o755);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'drizzle'), 0o711);
    const asNobody = (args: string[]) =>
      spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const file = asNobody(['drizzle/0001_drop.sql']);
    expect(file.stderr).toBe(`${PREFIX}drizzle: cannot list the migrations folder (EACCES)\n`);
    expect(file.status).toBe(2);
    const folder = asNobody(['drizzle']);
    expect(folder.stderr).toBe(`${PREFIX}drizzle: cannot read folder (EACCES)\n`);
    expect(folder.status).toBe(2);
  });
});
