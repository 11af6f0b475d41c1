import { LOCK_MODES, lockRank } from '../pg/lock-modes.js';
import type { LockMode, StatementTrace, VerifyMessage } from './types.js';

/** What a static finding's message says the statement does, read from its wording. */
interface Claims {
  modes: LockMode[];
  rewrite?: boolean;
  scan?: boolean;
  fails?: { code?: string };
}

/**
 * A negation shortly before a claim word: "no rewrite", "without a scan", "does not rewrite". Prose
 * only: the uppercase SQL in messages ("SET NOT NULL … scans", "without NOT VALID scans") negates a
 * keyword, not the claim.
 */
const NEGATED = /\b(?:[Nn]o|[Nn]ot|[Ww]ithout|[Nn]ever|[Nn]or|[Ss]kips?)\b([^.;,]{0,25})$/;
const SQL_WORD = /\b[A-Z]{2,}\b/;

/** Longest mode names first, so that "SHARE" inside "SHARE ROW EXCLUSIVE" is not counted twice. */
const MODES_LONGEST_FIRST = [...LOCK_MODES].sort((a, b) => b.length - a.length);

/** "…, unless X, rewrites …" / "rewrites …, unless X": a claim that holds only in some settings. */
const CONDITION_BEFORE = /\bunless\b[^.;:]*$/i;
const CONDITION_AFTER = /^[^.;]*\bunless\b/i;

function claimed(text: string, word: RegExp): boolean | undefined {
  const m = word.exec(text);
  if (!m) return undefined;
  // A conditional claim is neither confirmed nor contradicted by one run (verify's session is UTC, …).
  if (CONDITION_BEFORE.test(text.slice(0, m.index)) || CONDITION_AFTER.test(text.slice(m.index))) return undefined;
  const negation = NEGATED.exec(text.slice(0, m.index));
  return !negation || SQL_WORD.test(negation[1]);
}

export function claimsOf(message: string): Claims {
  let rest = message;
  const modes: LockMode[] = [];
  for (const mode of MODES_LONGEST_FIRST) {
    const re = new RegExp(`\\b${mode.replace(/ /g, '[ _]')}\\b`, 'g');
    if (re.test(rest)) {
      modes.push(mode);
      rest = rest.replace(re, ' ');
    }
  }
  const claims: Claims = { modes };
  const rewrite = claimed(message, /\brewrit/i);
  if (rewrite !== undefined) claims.rewrite = rewrite;
  const scan = claimed(message, /\bscan/i);
  if (scan !== undefined) claims.scan = scan;
  if (/\bfails?\b/i.test(message) && !/\bmay fail\b/i.test(message)) {
    const code = /(?:\bERROR |\()([0-9A-Z]{5})\b/.exec(message)?.[1];
    claims.fails = code ? { code } : {};
  }
  return claims;
}

/**
 * Compares what a finding claims with what the run saw for its statement: `verified` when at
 * least one claim was confirmed and none contradicted; a note for each contradiction.
 */
export function checkClaims(message: VerifyMessage, trace: StatementTrace): void {
  const obs = trace.observed;
  if (!obs || trace.status === 'not-run' || trace.status === 'not-verifiable') return;
  message.observed = obs;
  const claims = claimsOf(message.message);
  const confirmed: string[] = [];
  const contradicted: string[] = [];
  if (claims.fails) {
    if (obs.error && (!claims.fails.code || claims.fails.code === obs.error.code)) confirmed.push('failure');
    else if (obs.error) contradicted.push(`it failed with ${obs.error.code} (${obs.error.message}), not ${claims.fails.code}`);
    else contradicted.push('it ran without error here (with one sample row per table); real data may still make it fail');
  }
  if (!obs.error) {
    if (claims.modes.length) {
      const seen = obs.locks.filter((l) => claims.modes.includes(l.mode));
      // A mode an earlier statement of the batch already took is not taken again: no evidence either way.
      const alreadyHeld = (obs.held ?? []).some((h) => claims.modes.some((m) => lockRank(h.mode) >= lockRank(m)));
      if (seen.length) confirmed.push('lock');
      else if (!alreadyHeld) contradicted.push(obs.locks.length ? `it took ${obs.locks.map((l) => `${l.mode} on ${l.relation}`).join(', ')}` : 'it took no new lock on an existing relation');
    }
    if (claims.rewrite === true) {
      if (obs.rewritten.length) confirmed.push('rewrite');
      else contradicted.push('no table or index got new storage (no rewrite)');
    } else if (claims.rewrite === false && obs.rewritten.length) contradicted.push(`it rewrote ${obs.rewritten.join(', ')}`);
    if (claims.scan === true) {
      if (obs.scanned.length) confirmed.push('scan');
      else contradicted.push('no existing table was scanned');
    } else if (claims.scan === false && obs.scanned.length) contradicted.push(`it scanned ${obs.scanned.join(', ')}`);
  }
  if (contradicted.length) message.verifyNote = `verify: ${contradicted.join('; ')}.`;
  else if (confirmed.length) message.verified = true;
}
