/**
 * The inbox's requests to its receiver: same origin, the session cookie sent by the browser,
 * and for changes the session's CSRF token in a header (the server also checks Origin).
 */
// The list's rows as the server's domain module answers them (a type only: nothing is bundled).
import type { ListItem as DomainListItem } from '../../domain/inbox.js';

export type ListItem = DomainListItem & {
  /** A notification of this inquiry failed and is being tried again (e.g. SMTP 535, a wrong password): the clinic may not be getting emails. */
  notifyRetrying?: boolean;
};

export interface SessionInfo {
  email: string;
  siteId: string;
  siteName: string;
  csrfToken: string;
  statuses: string[];
  /** The forms the site has inquiries from; title: the clinic's, as its newest inquiry brought it. */
  forms: { id: string; title?: string }[];
}

export interface Detail extends ListItem {
  payload: {
    fields: Record<string, string | boolean>;
    formTitle?: string;
    /** The clinic's labels of its own fields, as the widget sent them. */
    labels?: Record<string, string>;
    consent: { privacy: boolean; sensitive?: boolean; marketing?: boolean; age14?: boolean; policyVersion: string; agreedAt: string };
    page: { url: string; referrer: string; title: string; landing?: unknown; landingReferrer?: string; utm?: unknown };
    locale: string;
    submittedAt: string;
  };
  notes: { id: string; text: string; createdAt: string; author: string }[];
  /** errorKind: what lastError means (server/domain/notify/reason.ts), explained in words (texts.ts). */
  notifications: { channel: string; state: string; attempts: number; lastError: string | null; errorKind: string | null; sentAt: string | null; createdAt: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(`HTTP ${status}`);
  }
}

let csrfToken = '';
export const setCsrfToken = (token: string) => (csrfToken = token);

/** Fired on window when the server says the session is gone, so the app shows the login. */
export const SESSION_LOST = 'inbox-session-lost';

/** A file the receiver sent (the CSV export), with the name it gave it. */
export interface DownloadedFile {
  blob: Blob;
  name: string;
}

/**
 * The receiver's JSON answer; with `file`, the file it answers (a DownloadedFile). `automatic`:
 * asked by the inbox itself, not by staff, so it does not keep an idle session alive.
 */
export async function request<T>(path: string, init: { method?: string; body?: unknown; file?: boolean; automatic?: boolean } = {}, renewed = false): Promise<T> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.automatic) headers['x-inbox-automatic'] = '1';
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method, headers, credentials: 'same-origin', body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  if (init.file && response.ok) {
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'inquiries.csv';
    return { blob: await response.blob(), name } satisfies DownloadedFile as T;
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  // The session was renewed in another tab (a password change): this tab's CSRF token is the
  // old session's. It reads the new one (same origin only) and tries once more.
  if (response.status === 403 && /CSRF/.test(String(body.error)) && !renewed && path !== '/login') {
    setCsrfToken((await request<SessionInfo>('/inbox/api/session')).csrfToken);
    return request<T>(path, init, true);
  }
  if (!response.ok) {
    if (response.status === 401 && path !== '/login') window.dispatchEvent(new Event(SESSION_LOST));
    throw new ApiError(response.status, body);
  }
  return body as T;
}

/** The query string of a filter, leaving out what is empty. */
export function queryOf(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}
