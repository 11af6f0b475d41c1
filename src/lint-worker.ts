/** Worker thread entry: lints its share of the folders (see engine/lint-parallel.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { lintFolderGroup } from './engine/lint.js';
import type { FolderGroupJob } from './engine/lint-parallel.js';
import { loadParser } from './sql/parser.js';

await loadParser();
parentPort!.postMessage(lintFolderGroup(workerData as FolderGroupJob));
