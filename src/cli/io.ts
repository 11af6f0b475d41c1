/** Where a command writes (and, with --stdin, reads): the process's streams, or a test's buffers. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Standard input for --stdin (default: process.stdin). */
  stdin?: () => Promise<string>;
}
