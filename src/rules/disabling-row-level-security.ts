import { nodeAs } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { Policy, RelationRef } from '../schema/types.js';
import type { Rule, StatementContext } from './types.js';
import { alterTable } from '../sql/alter-table.js';
import { droppedNames } from '../sql/dropped-objects.js';
import { refOfNames } from '../sql/qualified-name.js';
import { laterInFile, tableDroppedLaterInFile } from './support/file-statements.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const messages = {
  disableRls: (a: { table: string }) =>
    `Disabling row-level security on ${a.table} turns off all of its policies: every role with table privileges sees and changes every row, including roles the policies kept out.`,
  disableRlsHint: () => 'If a policy is wrong, fix it with ALTER POLICY or replace it (DROP POLICY and CREATE POLICY in the same migration) and keep RLS on.',
  noForceRls: (a: { table: string }) =>
    `NO FORCE ROW LEVEL SECURITY on ${a.table} lets the table owner bypass its policies again; an app that connects as the owner now sees every row.`,
  noForceRlsHint: () => 'Keep FORCE ROW LEVEL SECURITY when the app connects as the table owner, or connect as a separate, non-owner role.',
  /** `command`: the policy's command (ALL, SELECT …). */
  dropRestrictivePolicy: (a: { policy: string; table: string; command: string }) =>
    `Dropping policy ${a.policy} on ${a.table} removes a RESTRICTIVE filter: rows it hid from the roles it applied to (for ${a.command}) become visible to them.`,
  dropPermissivePolicy: (a: { policy: string; table: string; command: string }) =>
    `Dropping policy ${a.policy} on ${a.table} removes a PERMISSIVE grant: rows only it allowed (for ${a.command}) disappear for the app's roles, and if it was the last permissive policy they see no rows at all.`,
  /** A policy no migration here created: its kind is unknown. */
  dropPolicy: (a: { policy: string; table: string }) =>
    `Dropping policy ${a.policy} on ${a.table} changes which rows each role can see: a RESTRICTIVE policy stops hiding rows, a PERMISSIVE one stops granting them (and with none left, non-owner roles see no rows).`,
  dropPolicyHint: () =>
    'If the policy changes, replace it in the same migration (DROP POLICY and CREATE POLICY, or ALTER POLICY) so no deploy runs without it; if it is obsolete, first confirm which roles read the table and what they see without it.',
};

export const disablingRowLevelSecurity: Rule = {
  id: 'disabling-row-level-security',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'DISABLE / NO FORCE ROW LEVEL SECURITY or DROP POLICY on an existing table changes who sees which rows',
  messages,
  check(ctx) {
    const alter = alterTable(ctx.statement);
    if (alter) {
      const cmds = alter.cmds.filter((c) => c.subtype === 'AT_DisableRowSecurity' || c.subtype === 'AT_NoForceRowSecurity');
      if (!cmds.length || ctx.isNewTable(alter.key) || tableDroppedLaterInFile(ctx, alter.key)) return;
      for (const cmd of cmds) {
        if (cmd.subtype === 'AT_DisableRowSecurity') {
          ctx.report({
            message: messages.disableRls({ table: showRelation(alter.ref) }),
            hint: messages.disableRlsHint(),
          });
        } else if (cmd.subtype === 'AT_NoForceRowSecurity') {
          ctx.report({
            message: messages.noForceRls({ table: showRelation(alter.ref) }),
            hint: messages.noForceRlsHint(),
          });
        }
      }
      return;
    }
    const drop = nodeAs(ctx.statement.node, 'DropStmt');
    if (!drop || drop.removeType !== 'OBJECT_POLICY') return;
    for (const parts of droppedNames(drop)) {
      const policyName = parts[parts.length - 1];
      const ref = refOfNames(parts.slice(0, -1));
      if (!ref || !policyName) continue;
      const key = relationKey(ref);
      const policy = ctx.schema.table(ref)?.policies.get(policyName);
      if (ctx.isNewTable(key) || ctx.isNewOrigin(policy?.origin)) continue;
      // drizzle-kit drops a table's policies right before dropping the table, and replaces a policy
      // it cannot ALTER with DROP + CREATE: neither changes who sees the rows that remain.
      if (tableDroppedLaterInFile(ctx, key) || recreatedLater(ctx, ref, policyName)) continue;
      ctx.report({
        message: dropMessage({ policy: quoteIdent(policyName), table: showRelation(ref) }, policy),
        hint: messages.dropPolicyHint(),
      });
    }
  },
};

function dropMessage(a: { policy: string; table: string }, policy: Policy | undefined): string {
  if (!policy) return messages.dropPolicy(a);
  return policy.permissive ? messages.dropPermissivePolicy({ ...a, command: policy.command }) : messages.dropRestrictivePolicy({ ...a, command: policy.command });
}

function recreatedLater(ctx: StatementContext, ref: RelationRef, name: string): boolean {
  const key = relationKey(ref);
  return laterInFile(ctx).some((s) => {
    const create = nodeAs(s.node, 'CreatePolicyStmt');
    const t = refOf(create?.table);
    return !!t && create?.policy_name === name && relationKey(t) === key;
  });
}
