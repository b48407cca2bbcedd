/**
 * Looking ids up in the records of a model. Ids are the user's (segments, nodes, scenarios,
 * outcome keys), and a plain object answers for names it only inherits — `constructor`,
 * `toString`, `valueOf` — so every lookup by an id goes through `own`, and every write of a
 * key taken from the user through `setOwn` (an assignment to `__proto__` would replace the
 * object's prototype instead of adding a key).
 */

/** `record[key]` if `record` has `key` itself, else undefined. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Adds or replaces `record[key]` as an own property, whatever the key. */
export function setOwn(record: object, key: string | number, value: unknown): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}
