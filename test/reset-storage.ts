/**
 * Every test starts with an empty outbox and send counter: they live in this origin's
 * storage, which all test files (and the pages they open in frames) share.
 */
export async function resetStorage(): Promise<void> {
  for (const key of Object.keys(localStorage)) if (key.startsWith('consult-widget:')) localStorage.removeItem(key);
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase('consult-widget');
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

beforeEach(resetStorage);
