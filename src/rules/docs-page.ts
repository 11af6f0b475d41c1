import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A rule's docs page (docs/rules/<id>.md, shipped in the package); undefined when it has none. */
export function readDocsPage(ruleId: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(ruleId)) return undefined;
  try {
    return readFileSync(fileURLToPath(new URL(`../../docs/rules/${ruleId}.md`, import.meta.url)), 'utf8');
  } catch {
    return undefined;
  }
}
