import { CAMPAIGN_KEYS, MAX_CAMPAIGN } from '../schema/limits.js';
import { pageReferrer } from '../util/page.js';

/** The first page of a visit: where the patient landed, from where, and the campaign that brought them. */
export interface Visit {
  landing: string;
  landingReferrer: string;
  utm?: Partial<Record<(typeof CAMPAIGN_KEYS)[number], string>>;
}

const KEY = 'consult-widget.visit';

/** The page as the patient arrived on it (a single-page site may have moved on since). */
export interface Arrival {
  href: string;
  referrer: string;
}

function campaignOf(url: string): Visit['utm'] {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return undefined;
  }
  const utm: NonNullable<Visit['utm']> = {};
  for (const key of CAMPAIGN_KEYS) {
    const value = params.get(key === 'gclid' ? key : `utm_${key}`);
    if (value) utm[key] = value.slice(0, MAX_CAMPAIGN);
  }
  return Object.keys(utm).length ? utm : undefined;
}

const isText = (v: unknown): v is string => typeof v === 'string';

/**
 * The visit's first page, remembered in sessionStorage (this tab, until it closes; no cookies):
 * the first call of a visit records the current page, later pages read it back. Without
 * storage (blocked, private mode quirks) it is the current page. `here`: the page to record when
 * nothing is stored yet, by default the current one.
 */
export function rememberVisit(here: Arrival = { href: location.href, referrer: pageReferrer() }): Visit {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (stored && typeof stored === 'object') {
      const { landing, landingReferrer, utm } = stored as Record<string, unknown>;
      if (isText(landing) && isText(landingReferrer)) {
        const clean = utm && typeof utm === 'object' ? campaignFromStored(utm as Record<string, unknown>) : undefined;
        return { landing, landingReferrer, ...(clean ? { utm: clean } : {}) };
      }
    }
  } catch {
    // Unreadable or unparsable: start over with this page.
  }
  const utm = campaignOf(here.href);
  const visit: Visit = { landing: here.href, landingReferrer: here.referrer, ...(utm ? { utm } : {}) };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(visit));
  } catch {
    // Storage full or blocked: this page is still the landing page for this inquiry.
  }
  return visit;
}

/** Only the known keys with text values: the stored copy is data another script could have written. */
function campaignFromStored(raw: Record<string, unknown>): Visit['utm'] {
  const utm: NonNullable<Visit['utm']> = {};
  for (const key of CAMPAIGN_KEYS) {
    const value = raw[key];
    if (isText(value) && value) utm[key] = value.slice(0, MAX_CAMPAIGN);
  }
  return Object.keys(utm).length ? utm : undefined;
}
