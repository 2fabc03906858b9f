/** Times are stored as ISO 8601 text in UTC on both engines; one place makes them. */
export const nowIso = (): string => new Date().toISOString();
export const isoIn = (ms: number): string => new Date(Date.now() + ms).toISOString();
