/** SARIF 2.1.0 (code scanning: GitHub, Azure DevOps, IDE viewers). */
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result as SarifResult } from 'sarif';
import type { LintResult, Message } from '../linter/result.js';
import { RULES } from '../rules/index.js';
import { PROJECT_URL, ruleDocsUrl } from '../app/docs-links.js';
import { readDocsPage } from '../app/docs-page.js';
import type { Rule } from '../rules/types.js';
import { VERSION } from '../version.js';
import { fingerprints } from './fingerprint.js';
import { pathFromRoot } from './paths.js';
import { toolDescriptor } from './tool-descriptors.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const FINGERPRINT_KEY = 'drizzleMigrationLint/v1';

export interface SarifOptions {
  quiet?: boolean;
  cwd: string;
  /** %SRCROOT%, the folder artifact URIs are relative to (the checkout in CI); default cwd. */
  root?: string;
}

/** `adding-not-null-column` → `AddingNotNullColumn` (SARIF wants a readable identifier as `name`). */
function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

function descriptor(rule: Rule): ReportingDescriptor {
  const url = ruleDocsUrl(rule.id);
  const page = readDocsPage(rule.id);
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    helpUri: url,
    help: {
      text: `${rule.description}\n\nWhy it hurts and the safe alternative: ${url}`,
      markdown: page ?? `${rule.description}\n\n[Why it hurts and the safe alternative](${url})`,
    },
    defaultConfiguration: { enabled: rule.recommended, level: rule.defaultSeverity },
    properties: {
      category: rule.category,
      tags: ['postgresql', 'migration', rule.category],
      ...(rule.squawk?.length ? { squawk: rule.squawk } : {}),
    },
  };
}

/** A relative path as a URI reference: each segment percent-encoded, slashes kept. */
function uriOf(filePath: string): string {
  return filePath.split('/').map(encodeURIComponent).join('/');
}

function resultOf(m: Message, uri: string, ruleIndex: number, fingerprint: string): SarifResult {
  return {
    ruleId: m.ruleId,
    ruleIndex,
    level: m.severity,
    message: { text: m.hint ? `${m.message}\n${m.hint}` : m.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
          region: {
            startLine: m.line,
            startColumn: m.column,
            endLine: m.endLine,
            endColumn: m.endColumn,
            ...(m.statement !== undefined ? { snippet: { text: m.statement } } : {}),
          },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    ...(m.suppressed ? { suppressions: [{ kind: 'inSource' as const, justification: 'migration-lint-disable comment' }] } : {}),
  };
}

export function buildSarif(result: LintResult, options: SarifOptions): Log {
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  const rules = RULES.map(descriptor);
  // status, drift and down findings: their descriptors after the registry's, when a result uses one.
  for (const file of result.results) {
    for (const m of file.messages) {
      const tool = index.has(m.ruleId) ? undefined : toolDescriptor(m.ruleId);
      if (tool) index.set(m.ruleId, rules.push(tool) - 1);
    }
  }
  const rootDir = options.root ?? options.cwd;
  const uri = (filePath: string) => uriOf(pathFromRoot(filePath, options.cwd, rootDir));
  const results: SarifResult[] = [];
  for (const file of result.results) {
    const messages = file.messages.filter((m) => !options.quiet || m.severity === 'error');
    const prints = fingerprints(file, messages);
    messages.forEach((m, i) => results.push(resultOf(m, uri(file.filePath), index.get(m.ruleId) ?? -1, prints[i])));
  }
  const root = pathToFileURL(rootDir).href;
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'drizzle-migration-lint',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: PROJECT_URL,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: root.endsWith('/') ? root : `${root}/` } },
        artifacts: result.results.map((f) => ({ location: { uri: uri(f.filePath), uriBaseId: '%SRCROOT%' } })),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(result: LintResult, options: SarifOptions): string {
  return JSON.stringify(buildSarif(result, options), null, 2) + '\n';
}
