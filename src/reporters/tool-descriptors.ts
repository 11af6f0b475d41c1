/**
 * SARIF descriptors for findings that are not lint rules: `status`, `drift` and `down` report what a
 * database, a snapshot or a reverse migration says, under ids outside the rule registry (RULES.md
 * lists none of them, and `--rule`, suppressions and presets do not apply to them). SARIF viewers
 * need a descriptor for each result's ruleIndex all the same, so the report appends these, after the
 * registry's rules, when a result uses them.
 */
import type { ReportingDescriptor } from 'sarif';
import { CAUTION_ID, DOWN_DOCS_URL, IRREVERSIBLE_ID } from '../down/down-project.js';
import { DRIFT_DOCS } from '../drift/drift-report.js';
import { STATUS_DOCS } from '../status/messages.js';

interface ToolFinding {
  id: string;
  name: string;
  description: string;
  level: 'error' | 'warning';
  helpUri: string;
  command: 'status' | 'drift' | 'down';
}

const FINDINGS: ToolFinding[] = [
  {
    id: 'migration-status',
    name: 'MigrationStatus',
    description: "A migration is pending, will be skipped, was edited after applying, is applied but missing here, or is not in the journal (drizzle's migrations table against the folder).",
    level: 'error',
    helpUri: STATUS_DOCS,
    command: 'status',
  },
  {
    id: 'schema-drift',
    name: 'SchemaDrift',
    description: "The schema the migrations build differs from the database's catalog or from drizzle-kit's last snapshot.",
    level: 'error',
    helpUri: DRIFT_DOCS,
    command: 'drift',
  },
  {
    id: IRREVERSIBLE_ID,
    name: 'DownIrreversible',
    description: 'Part of a migration cannot be reversed without its data or an earlier definition: the down migration restores the structure only, or not at all.',
    level: 'error',
    helpUri: DOWN_DOCS_URL,
    command: 'down',
  },
  {
    id: CAUTION_ID,
    name: 'DownCaution',
    description: 'The down migration may fail on data written since the migration ran (an enum value in use, a type to narrow back, NOT NULL or a constraint to restore).',
    level: 'warning',
    helpUri: DOWN_DOCS_URL,
    command: 'down',
  },
];

export const TOOL_FINDING_IDS: readonly string[] = FINDINGS.map((f) => f.id);

export function toolDescriptor(id: string): ReportingDescriptor | undefined {
  const f = FINDINGS.find((x) => x.id === id);
  if (!f) return undefined;
  return {
    id: f.id,
    name: f.name,
    shortDescription: { text: f.description },
    fullDescription: { text: f.description },
    helpUri: f.helpUri,
    help: { text: `${f.description}\n\nReported by \`drizzle-migration-lint ${f.command}\`: ${f.helpUri}`, markdown: `${f.description}\n\nReported by \`drizzle-migration-lint ${f.command}\`: [documentation](${f.helpUri})` },
    defaultConfiguration: { enabled: true, level: f.level },
    properties: { category: f.command, tags: ['postgresql', 'migration', f.command] },
  };
}
