import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { DEFAULTS, type Config, type FileConfig } from '../config/schema.js';
import { megabytesToBytes } from '../project/read-input-file.js';
import { UsageError } from '../errors.js';
import { findProject } from '../project/find-project.js';
import { folderForText } from '../project/text-folder.js';
import { displayPath } from '../migrations/display-path.js';
import type { MigrationFolder } from '../migrations/types.js';
import { findRule } from '../rules/index.js';
import { didYouMean } from '../rules/closest-rule.js';
import { loadParser } from '../sql/parser.js';
import { ruleDocsUrl } from './docs-links.js';
import { lintFolders } from '../linter/lint.js';
import type { LintResult } from '../linter/result.js';
import type { RuleSetting } from '../linter/severities.js';
import { nowMs } from './clock.js';
import { HistoryCache } from './history-cache.js';
import { MigrationReader } from './migration-reader.js';

export interface LintOptions {
  /** Files, folders or globs; default: the config's `dir`, else drizzle.config's `out`, else `./drizzle`. */
  paths?: string[];
  cwd?: string;
  /** Config file to use instead of searching for one. */
  configFile?: string;
  /** Options that win over the config file (the CLI's flags). */
  config?: FileConfig;
  /** Per-rule settings that win over everything else (the CLI's --rule). */
  rules?: Record<string, RuleSetting>;
  /** Lint this text as the file at `path` (an editor buffer, stdin); the rest of its folder is replayed as history. */
  text?: { path: string; text: string };
  /** Keep every parsed file in the run's reader, for a caller that runs them afterwards (verify). */
  keepParsed?: boolean;
}

export interface LintRun {
  result: LintResult;
  config: Config;
  configPath?: string;
  folders: MigrationFolder[];
  timings: Record<string, number>;
  /**
   * Inputs that could not be used (an unreadable file, a broken journal, a symbolic link loop), one
   * line each; the rest was linted. The CLI prints them and exits with 2.
   */
  inputErrors: string[];
  /** The working folder the run resolved paths against. */
  cwd: string;
  /** The reader the run read its migrations with: code frames and verify read through it too. */
  reader: MigrationReader;
}

const GLOB_CHARS = /[*?[\]{}]/;

async function expandPaths(paths: string[], cwd: string): Promise<string[]> {
  if (!paths.some((p) => GLOB_CHARS.test(p))) return paths;
  const { globby } = await import('globby');
  const out: string[] = [];
  for (const p of paths) {
    // A path that exists is taken as it is, even with glob characters in it: `db/drizzle[v1]`.
    if (!GLOB_CHARS.test(p) || existsSync(resolve(cwd, p))) {
      out.push(p);
      continue;
    }
    const found = await globby(p, { cwd, absolute: true, onlyFiles: false, gitignore: false });
    if (!found.length) throw new UsageError(`${p}: no file matches this pattern`);
    out.push(...found.sort());
  }
  return out;
}

function checkRuleIds(settings: Record<string, unknown> | undefined, where: string): void {
  for (const id of Object.keys(settings ?? {})) {
    if (!findRule(id)) throw new UsageError(`${where}: unknown rule "${id}"${didYouMean(id)} (run \`drizzle-migration-lint rules\` for the list)`);
  }
}

/** Runs the whole lint: config, discovery, replay and rules. Throws UsageError for user mistakes. */
export async function lintProject(options: LintOptions = {}): Promise<LintRun> {
  const timings: Record<string, number> = {};
  let t = nowMs();
  const lap = (name: string) => {
    const now = nowMs();
    timings[name] = Math.round((now - t) * 10) / 10;
    t = now;
  };
  const cwd = resolve(options.cwd ?? process.cwd());
  const loaded = await loadConfig(cwd, options.configFile);
  const config: Config = { ...DEFAULTS, ...loaded.config, ...options.config };
  config.rules = { ...(loaded.config.rules ?? {}), ...(options.config?.rules ?? {}) };
  checkRuleIds(loaded.config.rules, `${loaded.shown}: rules`);
  checkRuleIds(options.rules, '--rule');
  lap('config');

  const paths = options.paths?.length ? await expandPaths(options.paths, cwd) : [];
  // A config file's `dir` is relative to that file; --dir to the working folder.
  const dir = options.config?.dir ?? (loaded.config.dir && loaded.filepath ? resolve(dirname(loaded.filepath), loaded.config.dir) : undefined);
  const inputErrors: string[] = [];
  const overrides = options.text ? new Map([[resolve(cwd, options.text.path), options.text.text]]) : undefined;
  const reader = new MigrationReader({ cwd, overrides, inputErrors, keepParsed: options.keepParsed, maxFileBytes: megabytesToBytes(config.maxFileSize) });
  // --since compares the migrations as this run reads them (an editor buffer included) with the ref.
  const base = { since: config.since, baseline: config.baseline, runner: config.runner, read: (path: string) => reader.bytes(path) };
  const folders = options.text ? [folderForText(options.text.path, cwd, base)] : findProject({ paths, cwd, dir, ...base, inputErrors, configured: !!loaded.filepath }).folders;
  lap('discover');

  await loadParser();
  lap('parser');

  const result = lintWithReader(folders, config, reader, options.rules);
  lap('lint');
  inputErrors.sort();
  return { result, config, configPath: loaded.filepath, folders, timings, inputErrors, cwd, reader };
}

/** The core over discovered folders, its files read through `reader` and the history cached when the config says so. */
function lintWithReader(folders: MigrationFolder[], config: Config, reader: MigrationReader, ruleOverrides?: Record<string, RuleSetting>): LintResult {
  const { cwd } = reader;
  return lintFolders({
    folders,
    config,
    cwd,
    ruleOverrides,
    parse: (file, filePath) => reader.parsed(file.path, filePath),
    docsUrl: ruleDocsUrl,
    history: config.cache ? (folder) => HistoryCache.open(folder, config.runner, reader.historySource(), (p) => displayPath(p, cwd)) : undefined,
  });
}

export interface SourceText {
  /** A path for messages, e.g. drizzle/0001_x.sql (need not exist). */
  path: string;
  text: string;
  /** Files with the same batch run in one transaction (drizzle runner); default: each file its own. */
  batch?: number;
  /** Report findings for this file (default true); false makes it history only. */
  report?: boolean;
}

/**
 * Lints migration texts that need not exist on disk, as one folder in the given order (editors,
 * stdin, tests). No config file is read: pass the options.
 */
export async function lintTexts(
  sources: SourceText[],
  options: { config?: FileConfig; rules?: Record<string, RuleSetting>; cwd?: string } = {},
): Promise<LintResult> {
  await loadParser();
  const cwd = resolve(options.cwd ?? process.cwd());
  // In-memory texts have no cache unless asked for: tests and editors should not write to disk.
  const config: Config = { ...DEFAULTS, cache: false, ...options.config, rules: { ...(options.config?.rules ?? {}) } };
  checkRuleIds(options.rules, 'rules');
  const overrides = new Map<string, string>();
  const folder: MigrationFolder = {
    dir: cwd,
    layout: 'plain',
    // The texts' batches are as given; a since/baseline in the config says a pending batch is known.
    ...(config.since ? { base: { kind: 'since' as const, ref: config.since } } : config.baseline ? { base: { kind: 'baseline' as const, tag: config.baseline } } : {}),
    files: sources.map((s, i) => {
      const abs = resolve(cwd, s.path);
      overrides.set(abs, s.text);
      return { path: abs, tag: s.path, batch: s.batch ?? i, report: s.report ?? true };
    }),
  };
  return lintWithReader([folder], config, new MigrationReader({ cwd, overrides }), options.rules);
}
