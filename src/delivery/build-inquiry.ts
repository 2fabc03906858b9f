import { MAX_TEXT, MAX_TITLE, type FieldValue, type Inquiry } from '../schema/inquiry.js';

export interface InquiryDraft {
  id: string;
  form: string;
  fields: Record<string, FieldValue>;
  marketing?: boolean;
  policyVersion: string;
  agreedAt: string;
  locale: string;
}

/** The payload of the README, from a draft the patient completed and the page it was sent from. */
export function buildInquiry(draft: InquiryDraft): Inquiry {
  const fields: Record<string, FieldValue> = {};
  for (const [name, value] of Object.entries(draft.fields)) fields[name] = typeof value === 'string' ? value.trim() : value;
  return {
    id: draft.id,
    form: draft.form,
    fields,
    consent: {
      privacy: true,
      ...(draft.marketing === undefined ? {} : { marketing: draft.marketing }),
      policyVersion: draft.policyVersion,
      agreedAt: draft.agreedAt,
    },
    // Cut to the schema's limits: a page URL heavy with tracking parameters must not be the
    // reason an inquiry is refused.
    page: {
      url: location.href.slice(0, MAX_TEXT),
      referrer: document.referrer.slice(0, MAX_TEXT),
      title: document.title.slice(0, MAX_TITLE),
    },
    locale: draft.locale,
    submittedAt: new Date().toISOString(),
  };
}
