/** Where each rule's docs page is published (the repository's docs/rules folder). */
const DOCS_BASE = 'https://github.com/drizzle-migration-lint/drizzle-migration-lint/blob/main/docs/rules';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}/${ruleId}.md`;
}
