/** The Emscripten factory inside libpg-query (the package's own wrapper builds on the same file). */
declare module 'libpg-query/wasm/libpg-query.js' {
  export interface PgQueryWasm {
    HEAPU8: Uint8Array;
    HEAPU32: Uint32Array;
    _malloc(size: number): number;
    _free(ptr: number): void;
    _wasm_parse_query_raw(queryPtr: number): number;
    _wasm_free_parse_result(resultPtr: number): void;
    _wasm_parse_plpgsql(queryPtr: number): number;
    _wasm_free_string(ptr: number): void;
  }
  const factory: (moduleArg?: object) => Promise<PgQueryWasm>;
  export default factory;
}
