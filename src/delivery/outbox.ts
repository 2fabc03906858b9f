/**
 * Inquiries kept in this browser from their first try until they are received: IndexedDB, or
 * localStorage where IndexedDB is unavailable. What the tries could not send (offline, the
 * network failing or never answering, a tab closed meanwhile) is sent again on the `online`
 * event and on the next load of any page with the widget, under its original id and body, so a
 * receiver stores each once. Removed once received, or refused for good; at most MAX_WAITING wait,
 * and none longer than MAX_AGE_MS: personal data is not kept in a browser longer than that,
 * as the privacy notice tells the patient.
 */
import { OUTBOX_MARKER } from './outbox-marker.js';
import { sendOnce, type OutgoingRequest, type TryResult } from './send.js';
import { emit } from '../events.js';

/**
 * The visit's first page is recorded from this chunk: it runs when the browser is idle after
 * load on every page (and before the dialog, which needs it), so the buttons' download need not carry it.
 */
export { rememberVisit } from './visit.js';

export const MAX_WAITING = 5;
export const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface OutboxItem extends OutgoingRequest {
  formId: string;
  savedAt: number;
  timeoutMs: number;
}

/** Where the list lives. Both keep the whole (short) list under one key. */
export interface OutboxBackend {
  load(): Promise<OutboxItem[]>;
  save(items: OutboxItem[]): Promise<void>;
}

const DB = 'consult-widget';
const STORE = 'outbox';
const ITEMS_KEY = 'consult-widget:outbox-items';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** IndexedDB, opened per use and closed after, so nothing holds the database open. */
export function indexedDbBackend(factory: IDBFactory): OutboxBackend {
  const use = async <T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const open = factory.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    const db = await request(open);
    try {
      const tx = db.transaction(STORE, mode);
      const result = await request(fn(tx.objectStore(STORE)));
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = tx.onabort = () => reject(tx.error);
      });
      return result;
    } finally {
      db.close();
    }
  };
  return {
    load: async () => ((await use('readonly', (s) => s.get('items'))) as OutboxItem[] | undefined) ?? [],
    save: async (items) => void (await use('readwrite', (s) => s.put(items, 'items'))),
  };
}

export function localStorageBackend(storage: Storage): OutboxBackend {
  return {
    load: async () => {
      const parsed: unknown = JSON.parse(storage.getItem(ITEMS_KEY) ?? '[]');
      return Array.isArray(parsed) ? (parsed as OutboxItem[]) : [];
    },
    save: async (items) => {
      if (items.length) storage.setItem(ITEMS_KEY, JSON.stringify(items));
      else storage.removeItem(ITEMS_KEY);
    },
  };
}

/** IndexedDB when this browser lets us open it, else localStorage, else nothing. */
async function defaultBackend(): Promise<OutboxBackend | undefined> {
  try {
    if (typeof indexedDB !== 'undefined') {
      const idb = indexedDbBackend(indexedDB);
      await idb.load();
      return idb;
    }
  } catch {
    // private modes and locked-down browsers: fall through
  }
  try {
    localStorage.getItem(ITEMS_KEY);
    return localStorageBackend(localStorage);
  } catch {
    return undefined;
  }
}

/**
 * The marker goes up before anything is kept and comes down after the outbox is empty. Where it
 * cannot go up (the page's own scripts filled localStorage), nothing is kept: later pages could
 * not know an inquiry waits, and the patient would be told it will be sent when it never is.
 */
function raiseMarker(): void {
  localStorage.setItem(OUTBOX_MARKER, '1');
}

function lowerMarker(): void {
  try {
    localStorage.removeItem(OUTBOX_MARKER);
  } catch {
    // nothing waits: a marker left up only costs the next page one look
  }
}

/** Web Locks, where the browser has them (not on http:// pages, nor in Safari before 15.4). */
const webLocks = () => (navigator as Navigator & { locks?: LockManager }).locks;

/** One change at a time across the site's tabs, where the browser can tell us (Web Locks). */
function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const locks = webLocks();
  return locks ? (locks.request('consult-widget-outbox', fn) as Promise<T>) : fn();
}

/**
 * A dialog's marks on an inquiry, seen by every tab's flushes. Waiting, from its send until it is
 * received or refused: whichever tab's flush sends it, that dialog tells the patient and the page,
 * once. Trying, while its own tries run: flushes leave it alone meanwhile (one try at a time).
 */
export const WAITING = 'consult-widget-waiting:';
export const TRYING = 'consult-widget-trying:';
/** Longer than a dialog's tries take (retries × timeout, the waits between); a trying mark older than this is not heeded. */
const TRYING_LEASE_MS = 5 * 60 * 1000;

/**
 * Puts a mark up (a Web Lock, which also comes down when the tab closes) until the returned
 * function runs. Resolves once it is up, so a flush that starts after it sees it.
 */
export function mark(name: string): Promise<() => void> {
  return new Promise((held) => {
    const none = () => held(() => undefined);
    webLocks()?.request(name, () => new Promise<void>(held)).catch(none) ?? none();
  });
}

/** The inquiries dialogs wait on, and those they are trying, in any tab of the site. */
async function marks(): Promise<{ waited: Set<string>; tried: Set<string> }> {
  const names = new Set<string>();
  try {
    for (const lock of (await webLocks()?.query())?.held ?? []) names.add(lock.name ?? '');
  } catch {
    // no marks to read: every inquiry is tried, and told of by the widget and by its dialog
  }
  const ids = (prefix: string) => new Set([...names].filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length)));
  return { waited: ids(WAITING), tried: ids(TRYING) };
}

const fresh = (items: OutboxItem[], now: number) =>
  items.filter((item) => item && typeof item.id === 'string' && now - item.savedAt < MAX_AGE_MS);

/**
 * A 4xx but 408, 425 and 429 (which ask for a later try): the receiver refused that body, and would
 * again. Or a web page answered in place of a receipt (a 2xx, see sendOnce), which no retry makes one.
 */
export const refusedForGood = (result: TryResult): result is TryResult & { ok: false; reason: 'http' } =>
  !result.ok && result.reason === 'http' && (result.status! < 300 || (result.status! >= 400 && result.status! < 500 && ![408, 425, 429].includes(result.status!)));

export interface FlushResult {
  item: OutboxItem;
  result: TryResult;
  /** Whether a dialog (in this tab or another) waited on it when the flush began: that dialog tells of it. */
  waited: boolean;
}

/** What a flush tells the tabs of the site: which inquiry, and how its try went (never its content). */
export interface FlushNews {
  item: Pick<OutboxItem, 'id' | 'formId'>;
  result: TryResult;
}

export class Outbox {
  constructor(private readonly backend: () => Promise<OutboxBackend | undefined> = defaultBackend) {}

  private async change(fn: (items: OutboxItem[]) => OutboxItem[] | Promise<OutboxItem[]>): Promise<OutboxItem[]> {
    return exclusive(async () => {
      const backend = await this.backend();
      if (!backend) throw new Error('no storage');
      const before = fresh(await backend.load(), Date.now());
      const after = await fn(before);
      if (after.length) raiseMarker();
      await backend.save(after);
      if (!after.length) lowerMarker();
      return after;
    });
  }

  /** What is waiting, without what has expired. */
  async items(): Promise<OutboxItem[]> {
    const backend = await this.backend();
    return backend ? fresh(await backend.load(), Date.now()) : [];
  }

  /** Keeps an inquiry for later; false when it cannot (no storage, or MAX_WAITING already wait). */
  async add(item: OutboxItem): Promise<boolean> {
    try {
      let added = false;
      await this.change((items) => {
        const others = items.filter((i) => i.id !== item.id);
        if (others.length >= MAX_WAITING) return items;
        added = true;
        return [...others, item];
      });
      return added;
    } catch {
      return false;
    }
  }

  /** Removes an inquiry; with `savedAt`, only the copy saved then (a later try of it may have saved another). */
  async remove(id: string, savedAt?: number): Promise<void> {
    await this.change((items) => items.filter((i) => i.id !== id || (savedAt !== undefined && i.savedAt !== savedAt))).catch(() => undefined);
  }

  async has(id: string): Promise<boolean> {
    return (await this.items()).some((i) => i.id === id);
  }

  /**
   * Tries each waiting inquiry once, oldest first, but those a dialog is trying, and keeps what
   * still cannot be sent: all but what is refused for good.
   */
  async flush(): Promise<FlushResult[]> {
    const results: FlushResult[] = [];
    try {
      await this.change(async (items) => {
        const keep: OutboxItem[] = [];
        // Read with the outbox held: a dialog marks its inquiry before keeping it here.
        const { waited, tried } = await marks();
        for (const item of items) {
          // One a dialog is trying is left to it, for as long as tries can last (a tab frozen mid-try holds its mark).
          if (navigator.onLine === false || (tried.has(item.id) && Date.now() - item.savedAt < TRYING_LEASE_MS)) {
            keep.push(item);
            continue;
          }
          const result = await sendOnce(item, item.timeoutMs);
          results.push({ item, result, waited: waited.has(item.id) });
          if (!result.ok && !refusedForGood(result)) keep.push(item);
        }
        return keep;
      });
    } catch {
      // storage went away; nothing to send
    }
    return results;
  }
}

export const outbox = new Outbox();

/** Answers the ids of the inquiries it announced (its dialog waited on them). */
type Listener = (news: readonly FlushNews[]) => readonly string[];
const listeners = new Set<Listener>();
let watching = false;
let tabs: BroadcastChannel | undefined;

const isNews = (data: unknown): data is FlushNews[] => Array.isArray(data) && data.every((n: Partial<FlushNews> | null) => n?.item && n.result);

/** The site's other tabs, which hear of what this one's flushes sent (and this one of theirs). */
function otherTabs(): BroadcastChannel | undefined {
  if (!tabs && typeof BroadcastChannel === 'function') {
    tabs = new BroadcastChannel('consult-widget-outbox');
    tabs.onmessage = ({ data }: MessageEvent<unknown>) => {
      if (isNews(data)) for (const listener of listeners) listener(data);
    };
  }
  return tabs;
}

/**
 * Hears what each flush delivered, in this tab or another of the site (a dialog turns its own
 * waiting inquiry into "sent", though another tab sent it).
 */
export function onFlushed(listener: Listener): () => void {
  otherTabs();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The first wait before waiting inquiries are tried again with the page open; it doubles, up to 5 minutes. */
export const RETRY_FIRST_MS = 5000;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Flushes whenever the browser comes back online, and every so often while anything waits and
 * the page is open: browsers often stay "online" on a connection that carries nothing, and the
 * `online` event alone would leave the inquiry until the next page. Safe to call more than once.
 */
export function watchOnline(): void {
  if (!retryTimer) retryLater(RETRY_FIRST_MS);
  if (watching) return;
  watching = true;
  window.addEventListener('online', () => void flushOutbox());
}

function retryLater(delay: number): void {
  retryTimer = setTimeout(async () => {
    let waiting = 0;
    try {
      await flushOutbox();
      waiting = (await outbox.items()).length;
    } catch {
      // storage went away: nothing left to try
    }
    // Cleared only now, in the same task as the next one is set: one loop at a time.
    retryTimer = undefined;
    if (waiting) retryLater(Math.min(delay * 2, 300_000));
  }, delay);
}

/** The widget whose page-load flush started the tries (see flushOutbox). */
let announcer: EventTarget | undefined;

/**
 * Flushes now, and whenever the browser comes back online. Each inquiry received (or refused for
 * good) is announced once: by the dialog that waits on it, in whichever tab; one that no dialog
 * waits on any more (typed on an earlier page) with consult-success or consult-error on `host`, the
 * widget whose page-load flush started this, and on it again for later tries.
 */
export async function flushOutbox(host?: EventTarget): Promise<FlushResult[]> {
  if (host) announcer = host;
  watchOnline();
  const results = await outbox.flush();
  if (!results.length) return results;
  const news: FlushNews[] = results.map(({ item, result }) => ({ item: { id: item.id, formId: item.formId }, result }));
  // This tab's dialogs first, then the others'; the widget announces the rest.
  const announced = new Set([...listeners].flatMap((listener) => listener(news)));
  otherTabs()?.postMessage(news);
  for (const { item, result, waited } of results) {
    const ids = { formId: item.formId, inquiryId: item.id };
    if (!announcer || waited || announced.has(item.id)) continue;
    if (result.ok) emit(announcer, 'consult-success', { ...ids, status: result.status });
    // Refused for good (outbox.flush dropped it): said, so the page's analytics and the agency learn of it.
    else if (refusedForGood(result)) emit(announcer, 'consult-error', { ...ids, reason: 'http', status: result.status });
  }
  return results;
}
