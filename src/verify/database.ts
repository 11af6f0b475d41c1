import type { ObservedError } from './types.js';

export type { Session } from '../db/session.js';

/** A Postgres error as both pg and PGlite raise it (fields of the ErrorResponse message). */
export interface PgErrorLike {
  code?: string;
  message?: string;
  detail?: string;
  hint?: string;
  /** 1-based character position in the statement text, as a string. */
  position?: string;
}

export function isPgError(e: unknown): e is PgErrorLike & Error {
  return e instanceof Error && typeof (e as PgErrorLike).code === 'string' && /^[0-9A-Z]{5}$/.test((e as PgErrorLike).code!);
}

export function observedError(e: PgErrorLike): ObservedError {
  return {
    code: e.code ?? 'XX000',
    message: e.message ?? 'unknown error',
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.hint ? { hint: e.hint } : {}),
  };
}
