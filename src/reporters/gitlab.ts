/** GitLab Code Quality report (a subset of Code Climate's issue format) for merge-request widgets. */
import type { LintResult } from '../linter/result.js';
import { fingerprints } from './fingerprint.js';
import { visibleMessages } from './visible.js';
import { pathFromRoot } from './paths.js';

export interface GitlabOptions {
  quiet?: boolean;
  cwd?: string;
  /** The checkout (CI_PROJECT_DIR): Code Quality paths are relative to the repository root. */
  root?: string;
}

export interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  content: { body: string };
  categories: string[];
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number; end: number } };
}

export function buildCodeQuality(result: LintResult, options: GitlabOptions = {}): CodeQualityIssue[] {
  const issues: CodeQualityIssue[] = [];
  for (const file of result.results) {
    const messages = visibleMessages(file, options.quiet);
    const prints = fingerprints(file, messages);
    const path = pathFromRoot(file.filePath, options.cwd ?? process.cwd(), options.root);
    messages.forEach((m, i) =>
      issues.push({
        type: 'issue',
        check_name: m.ruleId,
        description: m.message,
        content: { body: [m.hint, `See ${m.docsUrl}`].filter(Boolean).join('\n\n') },
        categories: ['Bug Risk'],
        fingerprint: prints[i],
        severity: m.severity === 'error' ? 'major' : 'minor',
        location: { path, lines: { begin: m.line, end: m.endLine } },
      }),
    );
  }
  return issues;
}

export function formatGitlab(result: LintResult, options: GitlabOptions = {}): string {
  return JSON.stringify(buildCodeQuality(result, options), null, 2) + '\n';
}
