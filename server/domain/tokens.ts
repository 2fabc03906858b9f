/** Bearer tokens for the inquiries API: shown once, stored as a hash. */
import type { Store } from '../storage/database.js';
import { nowIso } from './clock.js';
import { newSecret, sha256 } from './secrets.js';

const PREFIX = 'cwr_';

export async function addToken(store: Store, siteId: string): Promise<string> {
  const token = `${PREFIX}${newSecret()}`;
  await store.db.insertInto('api_tokens').values({ token_hash: sha256(token), site_id: siteId, created_at: nowIso() }).execute();
  return token;
}

/** The site a token belongs to, or undefined for an unknown token. */
export async function siteOfToken(store: Store, token: string): Promise<string | undefined> {
  if (!token.startsWith(PREFIX) || token.length > 200) return undefined;
  const row = await store.db.selectFrom('api_tokens').select('site_id').where('token_hash', '=', sha256(token)).executeTakeFirst();
  return row?.site_id;
}

/** How the access log names a token without keeping it. */
export const tokenActor = (token: string): string => `token:${sha256(token).slice(0, 12)}`;
