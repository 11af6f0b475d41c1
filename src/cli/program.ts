import { Command, CommanderError, Help, Option } from 'commander';
import { topLevelHelp } from './help.js';
import { UsageError } from '../errors.js';
import { EXIT_USAGE } from './exit-codes.js';
import { runLint, FORMATS } from './lint-command.js';
import type { LintFlags } from './flags.js';
import type { Io } from './io.js';
import { formatRuleList } from './rules-command.js';
import { explainRule } from './explain-command.js';
import { runInit } from './init-command.js';
import { runVerify, type VerifyFlags } from './verify-command.js';
import { runFix, type FixFlags } from './fix-command.js';
import { runStatus, STATUS_FORMATS } from './status-command.js';
import { runDrift } from './drift-command.js';
import { runDown, DOWN_FORMATS, type DownFlags } from './down-command.js';
import { VERSION } from '../version.js';

export type { Io };

// No default value in the option: commander would print "(default: [])" in --help.
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('drizzle-migration-lint');
  program
    .description('Lint PostgreSQL migrations (first of all drizzle-kit output) for locks, rewrites, failures and data loss.')
    .version(VERSION, '-v, --version')
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      // Same one-line shape as every other usage error.
      outputError: (message, write) => write(`drizzle-migration-lint: ${message.replace(/^error: /, '')}`),
    })
    .exitOverride()
    .showSuggestionAfterError(true);

  const lint = program
    .command('lint', { isDefault: true })
    .description('lint migration files (the default command)')
    .argument('[paths...]', 'migration files, folders or globs (default: the config\'s dir, else ./drizzle)')
    .addOption(new Option('-f, --format <format>', 'output format (default: github inside GitHub Actions, else text)').choices([...FORMATS]))
    .option('-c, --config <path>', 'use this config file instead of searching for .migrationlintrc*')
    .option('--dir <folder>', "migrations folder (default: drizzle.config's out, else ./drizzle)")
    .option('--since <git-ref>', 'lint only migrations absent at this ref, as one pending batch (pre-commit: --since HEAD)')
    .option('--baseline <tag>', 'treat this migration and every earlier one as applied; lint the rest as one pending batch')
    .option('--rule <id=severity>', 'set a rule to off, warn or error (repeatable)', collect)
    .option('--preset <name>', 'recommended (default), strict or all')
    .option('--runner <runner>', 'how migrations run: drizzle (one transaction per batch, default), per-file or none')
    .option('--pg-version <major>', 'PostgreSQL major version of the target database (default 15)')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .option('--max-file-size <megabytes>', 'a migration file larger than this is an input error, not read (default 50)')
    .option('--no-cache', 'replay every earlier migration instead of reusing the replay kept in node_modules/.cache')
    .option('-q, --quiet', 'report errors only')
    .option('--color', 'force colour output')
    .option('--no-color', 'no colour, even on a terminal')
    // integrations: report file, editors, diagnostics
    .option('-o, --output-file <path>', 'write the report to this file; the text report still goes to the terminal')
    .option('--stdin', 'lint the migration text on standard input (editors); needs --stdin-filename')
    .option('--stdin-filename <path>', 'the migration file the stdin text is (its folder is replayed as history)')
    .option('--verbose', 'print the config file, folders, batches and timings on stderr')
    .action(async (paths: string[], flags: LintFlags) => {
      setExit(await runLint(paths, flags, io));
    });

  // verify takes every option of lint (so options added to lint reach it too), plus its own.
  const verify = program
    .command('verify')
    .description('run the pending migrations on a real Postgres (embedded PGlite, or --database-url) and report what each statement locks, rewrites and scans, or why it fails')
    .argument('[paths...]', 'migration files or folders, as for lint; the files named (or all under a named folder) are pending, earlier migrations are history');
  // Except lint's report-file, stdin and --verbose options: verify has its own --verbose and reads files.
  const LINT_ONLY = new Set(['--output-file', '--stdin', '--stdin-filename', '--verbose']);
  for (const option of lint.options) if (!LINT_ONLY.has(option.long ?? '')) verify.addOption(option);
  verify
    .option('--database-url <url>', 'verify on this server instead of PGlite: takes real locks, always rolled back; use a scratch database or a branch')
    .option('--statement-timeout <duration>', 'cancel a statement that runs longer (default 60s; PGlite is stopped there)')
    .option('--lock-timeout <duration>', 'with --database-url: give up waiting for a lock another session holds (default 5s)')
    .option('--verbose', 'print start-up time, limits, timings and memory on stderr')
    .action(async (paths: string[], flags: VerifyFlags) => {
      setExit(await runVerify(paths, flags, io));
    });

  const fix = program
    .command('fix')
    .description('rewrite risky pending migrations into the safe sequence drizzle-kit migrate runs: prints the plan and diff; --write applies it')
    .argument('[paths...]', 'migration files or folders, as for lint; only pending migrations (--since/--baseline), or the files named, are changed');
  for (const option of lint.options) if (!LINT_ONLY.has(option.long ?? '') && option.long !== '--format') fix.addOption(option);
  fix
    .addOption(new Option('-f, --format <format>', 'plan format').choices(['text', 'json']))
    .option('--write', 'apply the plan: every file or none')
    .option(
      '--follow-up',
      'move what must commit on its own (VALIDATE, concurrent index builds, backfills) into a new migration after the pending ones, with its journal entry and snapshot, to apply in a later deploy: the pending migration keeps all-or-nothing rollback',
    )
    .action(async (paths: string[], flags: FixFlags) => {
      setExit(await runFix(paths, flags, io));
    });

  /** status and drift: the same folders, database and report options. `extra` comes before --dir, as help lists it. */
  const databaseCommand = (name: string, description: string, extra: (c: Command) => Command = (c) => c) =>
    extra(
      program
        .command(name)
        .description(description)
        .argument('[paths...]', "migrations folders (default: drizzle.config's out, else ./drizzle)")
        .option('--database-url <url>', "the database (default: MIGRATION_LINT_DATABASE_URL, else drizzle.config's dbCredentials.url when a literal)"),
    )
      .option('--dir <folder>', 'migrations folder')
      .addOption(new Option('-f, --format <format>', 'output format').choices([...STATUS_FORMATS]))
      .option('--no-color', 'no colour');

  databaseCommand('status', 'list each migration as applied, pending, will be skipped (0.x `when` order), edited after applying, applied but missing here, or not in the journal (read-only)')
    .addHelpText('after', '\nExit codes: 0 every migration applied, 1 something pending, skipped, edited, missing or outside the journal, 2 an error.\nRead-only: one READ ONLY transaction, 10 s connect and 30 s statement timeouts; Ctrl-C cancels and exits 130.')
    .action(async (paths: string[], flags) => setExit(await runStatus(paths, flags, io)));

  databaseCommand('drift', 'compare the schema the migrations build with the database (--database-url, read-only), or without a database with drizzle-kit\'s last snapshot', (c) =>
    c.option('--snapshot', 'compare with the last drizzle-kit snapshot even when a database URL is configured'),
  )
    .addHelpText('after', '\nExit codes: 0 no difference, 1 a difference or a snapshot prevId collision, 2 an error.')
    .action(async (paths: string[], flags) => setExit(await runDrift(paths, flags, io)));

  program
    .command('down')
    .description('write the SQL that reverses migrations (default: the pending batch, else the last one), saying plainly what it cannot bring back')
    .argument('[tags...]', 'migrations to reverse, by tag or file name (default: the --since/--baseline batch, else the last migration)')
    .addOption(new Option('-f, --format <format>', 'text prints the SQL; the others report what cannot be reversed, as lint does').choices([...DOWN_FORMATS]))
    .option('--out <file>', 'write the SQL to this file (not into the migrations folder, not over a file)')
    .option('--force', 'with --out: replace an existing file')
    .option('--into-migrations-folder', 'with --out: allow writing inside the migrations folder')
    .option('-c, --config <path>', 'use this config file instead of searching for .migrationlintrc*')
    .option('--dir <folder>', "migrations folder (default: drizzle.config's out, else ./drizzle)")
    .option('--since <git-ref>', 'reverse the migrations absent at this ref (the pending batch)')
    .option('--baseline <tag>', 'reverse every migration after this one')
    .action(async (tags: string[], flags: DownFlags) => {
      setExit(await runDown(tags, flags, io));
    });

  program
    .command('rules')
    .description('list every rule with its category, default severity and description')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((flags: { format: string }) => io.out(formatRuleList(flags.format)));

  program
    .command('init')
    .description('write a starter .migrationlintrc.json for the drizzle-kit project in this folder (carrying over a .squawk.toml)')
    .action(() => setExit(runInit(process.cwd(), io)));

  program
    .command('explain')
    .description("print a rule's documentation: what it catches, why, and the safe recipe")
    .argument('<rule>', 'rule id')
    .action((id: string) => io.out(explainRule(id)));

  // Set after the subcommands exist, so that they keep commander's own help layout.
  program.configureHelp({
    formatHelp: (cmd, helper) => (cmd === program ? topLevelHelp(program, lint, helper) : Help.prototype.formatHelp.call(helper, cmd, helper)),
  });
  return program;
}

/** Runs the CLI; returns the exit code. User errors become one line on stderr and exit 2. */
export async function main(argv: string[], io: Io): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return e.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      io.err(`drizzle-migration-lint: ${e.message}\n`);
      return EXIT_USAGE;
    }
    const err = e as Error;
    io.err(`drizzle-migration-lint: internal error: ${err?.message ?? String(e)}\nPlease report this with the migration that caused it.\n`);
    if (process.env.DEBUG) io.err(`${err?.stack}\n`);
    return EXIT_USAGE;
  }
}
