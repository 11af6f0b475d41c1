import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findRule } from '../rules/index.js';
import { UsageError } from '../errors.js';
import { PACKAGE_ROOT } from '../version.js';

/** The rule's docs page, shipped in the package's docs/rules folder. */
export function explainRule(id: string): string {
  const rule = findRule(id);
  if (!rule) throw new UsageError(`explain ${id}: unknown rule (run \`drizzle-migration-lint rules\` for the list)`);
  const page = fileURLToPath(new URL(`docs/rules/${id}.md`, PACKAGE_ROOT));
  try {
    return readFileSync(page, 'utf8');
  } catch {
    return `${rule.id} (${rule.category}, ${rule.defaultSeverity})\n\n${rule.description}\n`;
  }
}
