import { docsPageUrl } from '../app/docs-links.js';
import { drizzleHashOfFile } from '../app/drizzle-hash.js';
/**
 * `down`: the reverse of chosen migrations (default: the pending batch, else the last migration),
 * from the schema model replayed over the whole folder, plus the row drizzle's migrator recorded for
 * each one. Discovery, reading, parsing and batches are lint's (lintProject); nothing is written here.
 */
import { basename, resolve } from 'node:path';
import { lintProject, type LintOptions } from '../app/lint-project.js';
import { assemble } from '../linter/result.js';
import type { MigrationReader } from '../app/migration-reader.js';
import { shortenStatement } from '../linter/lint-folder.js';
import type { FileResult, LintResult, Message } from '../linter/result.js';
import { UsageError } from '../errors.js';
import { displayPath } from '../migrations/display-path.js';
import type { MigrationFile, MigrationFolder } from '../migrations/types.js';
import type { ParsedFile } from '../sql/parse-file.js';
import type { Location } from '../sql/source-file.js';
import type { Note } from './diff.js';
import { messages } from './messages.js';
import { Reverser, type FileReversal } from './reverse-statement.js';

export interface DownOptions extends LintOptions {
  /** Tags (or file names) of the migrations to reverse; default: the pending batch, else the last migration. */
  tags?: string[];
}

export interface ReversedMigration {
  folder: MigrationFolder;
  file: MigrationFile;
  /** As shown in messages (relative to the working folder). */
  path: string;
  /** sha256 of the file's text, as drizzle-orm's migrator records it. */
  hash: string;
  reversal: FileReversal;
}

export interface DownRun {
  /** Last migration first: the order the down runs them in. */
  migrations: ReversedMigration[];
  /** Findings: what cannot be reversed (`down-irreversible`, error) and what may fail on data (`down-caution`, warning). */
  result: LintResult;
  folders: MigrationFolder[];
  inputErrors: string[];
  /** The lint run's reader: code frames of the report come from it. */
  reader: MigrationReader;
  /** Why nothing was chosen, when nothing was. */
  nothing?: string;
}

export const DOWN_DOCS_URL = docsPageUrl('down.md');
export const IRREVERSIBLE_ID = 'down-irreversible';
export const CAUTION_ID = 'down-caution';

/** The hash drizzle-orm's migrator stores: sha256 over `readFileSync(file).toString()` (0.x and 1.0 alike). */
export const drizzleHash = drizzleHashOfFile;

export async function downProject(options: DownOptions): Promise<DownRun> {
  // The files the lint run parsed, from its reader (a history restored from the cache is parsed now).
  const lint = await lintProject({ ...options, keepParsed: true });
  const parsed = new Map<string, ParsedFile>();
  for (const folder of lint.folders) for (const f of folder.files) {
    const p = lint.reader.parsed(f.path);
    if (p) parsed.set(f.path, p);
  }
  const cwd = resolve(options.cwd ?? process.cwd());
  const chosen = chooseMigrations(lint.folders, options.tags ?? [], cwd);
  const migrations: ReversedMigration[] = [];
  for (const folder of lint.folders) {
    const targets = chosen.get(folder);
    if (!targets?.size) continue;
    const reverser = new Reverser({ migrationsSchema: folder.drizzle?.schema });
    for (const file of folder.files) {
      const p = parsed.get(file.path);
      if (!p) continue;
      const path = displayPath(file.path, cwd);
      const origin = { file: path, batch: file.batch };
      if (!targets.has(file)) {
        reverser.replay(p, origin);
        continue;
      }
      migrations.push({ folder, file, path, hash: drizzleHash(file.path), reversal: reverser.reverse(p, origin) });
    }
  }
  migrations.reverse();
  const result = findings(migrations);
  const nothing = migrations.length ? undefined : lint.folders.some((f) => f.base) ? 'no pending migrations: nothing to reverse' : 'no migrations: nothing to reverse';
  return { migrations, result, folders: lint.folders, inputErrors: lint.inputErrors, reader: lint.reader, nothing };
}

function chooseMigrations(folders: MigrationFolder[], tags: string[], cwd: string): Map<MigrationFolder, Set<MigrationFile>> {
  const chosen = new Map<MigrationFolder, Set<MigrationFile>>();
  if (tags.length) {
    for (const tag of tags) {
      let found = false;
      for (const folder of folders) {
        for (const f of folder.files) {
          if (!matches(f, tag, cwd)) continue;
          found = true;
          if (!chosen.has(folder)) chosen.set(folder, new Set());
          chosen.get(folder)!.add(f);
        }
      }
      if (!found) {
        const known = folders.flatMap((f) => f.files.map((m) => m.tag));
        throw new UsageError(`down: no migration "${tag}" in ${folders.map((f) => displayPath(f.dir, cwd)).join(', ') || 'the project'}${known.length ? ` (the last one is ${known[known.length - 1]})` : ''}`);
      }
    }
    return chosen;
  }
  for (const folder of folders) {
    const pending = folder.base ? folder.files.filter((f) => f.status === 'pending') : folder.files.slice(-1);
    chosen.set(folder, new Set(pending));
  }
  return chosen;
}

function matches(f: MigrationFile, tag: string, cwd: string): boolean {
  if (f.tag === tag || basename(f.path) === tag || basename(f.path, '.sql') === tag) return true;
  return resolve(cwd, tag) === f.path;
}

function findings(migrations: ReversedMigration[]): LintResult {
  const files: FileResult[] = [];
  let statements = 0;
  for (const m of migrations) {
    const out: Message[] = [];
    statements += m.reversal.statements.length;
    for (const u of m.reversal.unparsable) out.push(message({ kind: 'irreversible', reason: 'unparsable', message: messages.unparsable() }, u.location));
    for (const s of m.reversal.statements) for (const note of s.notes) out.push(message(note, s.statement.location, s.statement.text));
    files.push({ filePath: m.path, messages: out });
  }
  return assemble(files, statements);
}

function message(note: Note, at: Location, statement?: string): Message {
  return {
    ruleId: note.kind === 'irreversible' ? IRREVERSIBLE_ID : CAUTION_ID,
    severity: note.kind === 'irreversible' ? 'error' : 'warning',
    message: note.message,
    line: at.line,
    column: at.column,
    endLine: at.endLine,
    endColumn: at.endColumn,
    ...(statement !== undefined ? { statement: shortenStatement(statement) } : {}),
    suppressed: false,
    docsUrl: DOWN_DOCS_URL,
  };
}
