import type { MigrationFile, MigrationFolder, Runner } from '../migrations/types.js';
import { RULES } from '../rules/index.js';
import type { ParsedFile } from '../sql/parse-file.js';
import { lintFolder, type HistoryStore } from './lint-folder.js';
import { assemble, type FileResult, type LintResult } from './result.js';
import { resolveSeverities, type Preset, type RuleSetting } from './severities.js';

/** What the core needs of a configuration (config/schema.ts's Config adds where files are and caching). */
export interface LinterConfig {
  preset: Preset;
  rules: Record<string, RuleSetting>;
  runner: Runner;
  postgresVersion: number;
  lockTimeoutSetByRunner: boolean;
  requireSuppressionReason: boolean;
}

export interface LintJob {
  folders: readonly MigrationFolder[];
  config: LinterConfig;
  /** Per-rule settings that win over the config's (the CLI's --rule). */
  ruleOverrides?: Record<string, RuleSetting>;
  /** The working folder: result paths are relative to it. */
  cwd: string;
  /** A migration file, parsed; undefined when it cannot be read (see FolderRun.parse). */
  parse(file: MigrationFile, filePath: string): ParsedFile | undefined;
  /** The kept history of a folder, if the caller keeps one. */
  history?(folder: MigrationFolder): HistoryStore | undefined;
  /** A rule's docs page (see FolderRun.docsUrl). */
  docsUrl(ruleId: string): string;
}

/**
 * The linter core: replays each folder and runs the enabled rules on the files to report. It reads
 * nothing itself: files come parsed from the caller, so it runs the same on disk, stdin or an editor.
 */
export function lintFolders(job: LintJob): LintResult {
  const { folders, config, cwd } = job;
  const severities = resolveSeverities(RULES, config.preset, config.rules, job.ruleOverrides);
  const results: FileResult[] = [];
  let statements = 0;
  for (const folder of folders) {
    const outcome = lintFolder(folder, {
      rules: RULES,
      severities,
      options: { runner: config.runner, postgresVersion: config.postgresVersion, lockTimeoutSetByRunner: config.lockTimeoutSetByRunner },
      requireSuppressionReason: config.requireSuppressionReason,
      cwd,
      parse: job.parse,
      history: job.history?.(folder),
      docsUrl: job.docsUrl,
    });
    results.push(...outcome.files);
    statements += outcome.statements;
  }
  return assemble(results, statements);
}
