/** An error the user can fix (bad path, config, option): printed as one line, exit code 2. */
export class UsageError extends Error {}
