import type { FieldValue, Inquiry } from '../schema/inquiry.js';

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
    page: { url: location.href, referrer: document.referrer, title: document.title },
    locale: draft.locale,
    submittedAt: new Date().toISOString(),
  };
}
