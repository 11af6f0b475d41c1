import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../version.js';

/**
 * A rule's docs page (docs/rules/<id>.md, shipped in the package); undefined when it has none. Found
 * from PACKAGE_ROOT, which also holds inside the bundled dist/cli.cjs.
 */
export function readDocsPage(ruleId: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(ruleId)) return undefined;
  try {
    return readFileSync(fileURLToPath(new URL(`docs/rules/${ruleId}.md`, PACKAGE_ROOT)), 'utf8');
  } catch {
    return undefined;
  }
}
