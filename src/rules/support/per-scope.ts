/**
 * State for one scope at a time, for a rule's `create` closure: `perScope(init)` returns a getter that
 * gives the value for a key (a file's `filePath`, a transaction's `id`) and starts a fresh one from
 * `init` when the key changes. Files and transactions of a session come one after another (a
 * transaction can span files, and then keeps its id), so one value at a time is all a rule needs.
 */
export function perScope<K, T>(init: () => T): (key: K) => T {
  let current: { key: K; value: T } | undefined;
  return (key) => {
    if (!current || current.key !== key) current = { key, value: init() };
    return current.value;
  };
}
