/** Bearer tokens for the inquiries API: shown once, stored as a hash. */
import type { Store } from '../storage/database.js';
import { nowIso } from './clock.js';
import { newSecret, sha256 } from './secrets.js';
import { logChange, type Changer } from './access-log.js';

const PREFIX = 'cwr_';

/** A new token for the site, granted in the access log under its id. */
export async function addToken(store: Store, siteId: string, by: Changer): Promise<string> {
  const token = `${PREFIX}${newSecret()}`;
  await store.db.transaction().execute(async (trx) => {
    await trx.insertInto('api_tokens').values({ token_hash: sha256(token), site_id: siteId, created_at: nowIso() }).execute();
    await logChange(trx, siteId, by, 'grant', tokenActor(token));
  });
  return token;
}

/** The site a token belongs to, or undefined for an unknown token. */
export async function siteOfToken(store: Store, token: string): Promise<string | undefined> {
  if (!token.startsWith(PREFIX) || token.length > 200) return undefined;
  const row = await store.db.selectFrom('api_tokens').select('site_id').where('token_hash', '=', sha256(token)).executeTakeFirst();
  return row?.site_id;
}

/** How the access log names a token without keeping it. */
export const tokenActor = (token: string): string => tokenIdOf(sha256(token));
const tokenIdOf = (tokenHash: string): string => `token:${tokenHash.slice(0, 12)}`;

/** A token as `token list` shows it: the name the access log gives it, never the token. */
export interface TokenInfo {
  id: string;
  createdAt: string;
}

export async function listTokens(store: Store, siteId: string): Promise<TokenInfo[]> {
  const rows = await store.db.selectFrom('api_tokens').select(['token_hash', 'created_at']).where('site_id', '=', siteId).orderBy('created_at').execute();
  return rows.map((r) => ({ id: tokenIdOf(r.token_hash), createdAt: r.created_at }));
}

/**
 * Revokes a token by the id `token list` and the access log show (token:<12 hex>, or the 12 hex
 * alone): for a token that leaked, or a system that no longer needs it. Requests with it get
 * 401 from then on.
 */
export async function removeToken(store: Store, siteId: string, id: string, by: Changer): Promise<boolean> {
  const prefix = id.replace(/^token:/, '').toLowerCase();
  if (!/^[0-9a-f]{12}$/.test(prefix)) throw new Error(`"${id}" is not a token id: use one that "token list" prints, such as token:1a2b3c4d5e6f`);
  return store.db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('api_tokens').select('token_hash').where('site_id', '=', siteId).execute();
    const match = rows.filter((r) => tokenIdOf(r.token_hash) === `token:${prefix}`);
    if (match.length === 0) return false;
    await trx.deleteFrom('api_tokens').where('site_id', '=', siteId).where('token_hash', 'in', match.map((r) => r.token_hash)).execute();
    await logChange(trx, siteId, by, 'revoke', `token:${prefix}`);
    return true;
  });
}
