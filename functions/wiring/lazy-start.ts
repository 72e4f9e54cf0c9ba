/**
 * A function's dependencies, made at its first invocation and shared by every later one. Why not at import:
 * tests import a handler module before they set its environment, and a cold start that never serves an event
 * should not load secrets.
 */
export function lazyStart<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}
