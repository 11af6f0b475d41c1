/** SIGINT and SIGTERM while verify holds a server session: handled (not the default exit) until removed. */
export function onSignals(handler: (signal: NodeJS.Signals) => void): { remove(): void } {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  for (const s of signals) process.on(s, handler);
  return { remove: () => signals.forEach((s) => process.off(s, handler)) };
}
