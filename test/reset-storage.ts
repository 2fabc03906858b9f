/**
 * Every test starts with an empty outbox, send counter and kept drafts: they live in this
 * origin's storage, which all test files (and the pages they open in frames) share.
 */
export async function resetStorage(): Promise<void> {
  for (const key of Object.keys(localStorage)) if (key.startsWith('consult-widget:')) localStorage.removeItem(key);
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('consult-widget:draft:')) sessionStorage.removeItem(key);
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase('consult-widget');
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

beforeEach(resetStorage);
