/**
 * The payload's size limits, without zod: the widget's dialog chunk uses them to build
 * inquiries and stays free of the schema library (the schema in inquiry.ts re-exports them).
 */
export const MAX_TEXT = 2000;
export const MAX_TITLE = 500;
/** A field's label as the clinic wrote it (the configuration allows 100 characters). */
export const MAX_LABEL = 100;
/** The largest body a receiver accepts (and the widget keeps under), in bytes of UTF-8. */
export const MAX_INQUIRY_BYTES = 16 * 1024;
/** Campaign keys a page may carry in page.utm (utm_source → source, …; gclid as is). */
export const CAMPAIGN_KEYS = ['source', 'medium', 'campaign', 'term', 'content', 'gclid'] as const;
export const MAX_CAMPAIGN = 200;
