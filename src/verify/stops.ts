import { UsageError } from '../errors.js';

/**
 * The session is no longer inside the transaction verify opened (something committed or rolled it
 * back): verify stops at once, runs nothing more and says so (exit code 2).
 */
export class SafetyStop extends UsageError {}

/** SIGINT/SIGTERM: the running statement was cancelled; the run ends with exit code 130. */
export class VerifyInterrupted extends Error {
  constructor(readonly signal: string) {
    super(`interrupted by ${signal}`);
  }
}
