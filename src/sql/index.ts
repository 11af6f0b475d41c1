export { loadParser } from './parser.js';
export { parseMigration, type ParsedFile, type SyntaxProblem } from './parse-file.js';
export type { Statement } from './statement.js';
export { SourceFile, type Location, type Position } from './source-file.js';
export * from './ast.js';
