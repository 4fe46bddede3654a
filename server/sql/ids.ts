const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are opaque to clients; one that is not even well-formed simply names nothing (404). */
export function isId(value: string): boolean {
  return UUID.test(value);
}
