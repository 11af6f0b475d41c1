import { RULES } from '../rules/index.js';

export function formatRuleList(format: string): string {
  if (format === 'json') {
    const list = RULES.map((r) => ({
      id: r.id,
      category: r.category,
      recommended: r.recommended,
      defaultSeverity: r.defaultSeverity,
      description: r.description,
    }));
    return JSON.stringify(list, null, 2) + '\n';
  }
  const width = Math.max(...RULES.map((r) => r.id.length));
  const rows = RULES.map((r) => {
    const sev = r.recommended ? r.defaultSeverity : `(${r.defaultSeverity})`;
    return `${r.id.padEnd(width)}  ${r.category.padEnd(13)}  ${sev.padEnd(9)}  ${r.description}`;
  });
  const header = `${'id'.padEnd(width)}  ${'category'.padEnd(13)}  ${'default'.padEnd(9)}  description`;
  return [header, ...rows, '', `${RULES.length} rules. A severity in parentheses is off in the recommended preset (on in "all", and style rules in "strict").`].join('\n') + '\n';
}
