import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Default for `--max-file-size` / config `maxFileSize`, in megabytes (MiB). The largest of the 2,267 corpus migrations is 0.07 MB. */
export const DEFAULT_MAX_FILE_MB = 50;

/** Why an input file (a migration, the journal) cannot be used: a one-line reason, the caller names the file. */
export class InputFileError extends Error {
  constructor(
    message: string,
    /** The errno code when the system refused (ENOENT, EISDIR, EACCES …). */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Git LFS writes this line first in the pointer it leaves in place of a file whose content was not fetched. */
const LFS_POINTER = 'version https://git-lfs.github.com/spec/v1';
/** Pointers are ~130 bytes; the spec caps them at 1024. */
const LFS_POINTER_MAX_BYTES = 1024;

function kind(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/**
 * Opens an input file and hands `read` its descriptor and size, refusing what would hang or exhaust
 * memory: only a regular file (after following symbolic links) of at most `maxBytes`. Opened
 * non-blocking, so that a FIFO without a writer is refused instead of waiting forever (a plain open
 * of a FIFO blocks), and the type and size are checked on the open descriptor, so the file cannot be
 * swapped in between. A socket cannot be opened at all (ENXIO). Every failure is an InputFileError.
 */
function withCheckedInput<T>(path: string, maxBytes: number, read: (fd: number, size: number) => T): T {
  let fd: number;
  try {
    // O_NONBLOCK is undefined on Windows, where FIFOs are not files.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENXIO') throw new InputFileError('not a regular file (a socket)', code);
    throw new InputFileError(`cannot read file (${code ?? (e as Error).message})`, code);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputFileError(`not a regular file (${kind(st)})`, st.isDirectory() ? 'EISDIR' : undefined);
    if (st.size > maxBytes) throw new InputFileError(tooLarge(st.size, maxBytes));
    return read(fd, st.size);
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputFileError(`cannot read file (${code ?? (e as Error).message})`, code);
  } finally {
    closeSync(fd);
  }
}

/** Reads an input file as bytes, with the checks of `withCheckedInput`. A Git LFS pointer is refused: it is not the migration. */
export function readInputFile(path: string, maxBytes: number): Buffer {
  return withCheckedInput(path, maxBytes, (fd, size) => {
    // Read at most one byte past the limit: a file that grows while it is read is still bounded.
    const buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) {
        if (length > maxBytes) throw new InputFileError(tooLarge(length, maxBytes));
        break;
      }
    }
    const bytes = buffer.subarray(0, length);
    if (isLfsPointer(bytes)) throw new InputFileError('a Git LFS pointer, not the file: its content was never fetched (run git lfs pull, or set lfs: true in actions/checkout)');
    return bytes;
  });
}

/**
 * The first `headBytes` and the last `tailBytes` of an input file, with the checks of
 * `withCheckedInput`: for reading what a large file says at its start without reading all of it.
 * `size` is the whole file's.
 */
export function readInputEnds(path: string, maxBytes: number, headBytes: number, tailBytes: number): { head: Buffer; tail: Buffer; size: number } {
  return withCheckedInput(path, maxBytes, (fd, size) => {
    const slice = (at: number, length: number) => {
      const buffer = Buffer.allocUnsafe(length);
      let got = 0;
      while (got < length) {
        const n = readSync(fd, buffer, got, length - got, at + got);
        if (n === 0) break;
        got += n;
      }
      return buffer.subarray(0, got);
    };
    const head = slice(0, Math.min(size, headBytes));
    const tailLength = Math.min(size, tailBytes);
    return { head, tail: slice(size - tailLength, tailLength), size };
  });
}

/** `readInputFile` decoded as UTF-8. */
export function readInputText(path: string, maxBytes: number): string {
  return readInputFile(path, maxBytes).toString('utf8');
}

export function isLfsPointer(bytes: Buffer): boolean {
  return bytes.length <= LFS_POINTER_MAX_BYTES && bytes.subarray(0, LFS_POINTER.length).toString('latin1') === LFS_POINTER;
}

function tooLarge(size: number, maxBytes: number): string {
  return `${size} bytes, over the size limit of ${maxBytes / (1024 * 1024)} MB (--max-file-size, or maxFileSize in the config)`;
}

export function megabytesToBytes(mb: number): number {
  return mb * 1024 * 1024;
}
