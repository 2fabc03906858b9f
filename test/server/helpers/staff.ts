/**
 * Staff in tests: accounts made as `staff add` makes them, and logins over real HTTP whose
 * session cookie and CSRF token later requests carry.
 */
import { addStaff } from '../../../server/domain/staff.js';
import { addSite } from '../../../server/domain/sites.js';
import { CLI } from '../../../server/domain/access-log.js';
import type { TestApp } from './receiver.js';

export const PASSWORD = 'correct horse battery';

export interface StaffSession {
  cookie: string;
  csrf: string;
}

export async function addSiteWithStaff(app: TestApp, siteId: string, email: string, password = PASSWORD): Promise<void> {
  if (siteId !== 'clinic') await addSite(app.store, { id: siteId, name: siteId, origins: [`https://${siteId}.example`] });
  await addStaff(app.store, siteId, email, password, CLI);
}

export function postLogin(app: TestApp, email: string, password: string, origin: string | null = app.url) {
  return fetch(`${app.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    body: JSON.stringify({ email, password }),
  });
}

/** The name=value part of the session cookie a response sets. */
export function sessionCookieOf(response: Response): string {
  const header = response.headers.getSetCookie().find((c) => /^(?:__Host-)?cw_session=/.test(c));
  if (!header) throw new Error(`no session cookie in ${response.status} answer`);
  return header.split(';')[0];
}

export async function login(app: TestApp, email: string, password = PASSWORD): Promise<StaffSession> {
  const response = await postLogin(app, email, password);
  if (response.status !== 200) throw new Error(`login as ${email} answered ${response.status}`);
  const cookie = sessionCookieOf(response);
  const session = (await (await fetch(`${app.url}/inbox/api/session`, { headers: { cookie } })).json()) as { csrfToken: string };
  return { cookie, csrf: session.csrfToken };
}

/** A request as the inbox makes it: cookie, and for changes the Origin and CSRF header. */
export function staffFetch(app: TestApp, session: StaffSession, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { cookie: session.cookie, ...(method === 'GET' ? {} : { origin: app.url, 'x-csrf-token': session.csrf }) };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${app.url}${path}`, { method, headers: { ...headers, ...init.headers }, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}
