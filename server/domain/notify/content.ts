/**
 * What a notification says, for each channel, built from one stored inquiry. Plain functions,
 * no I/O, so what leaves the receiver can be tested line by line.
 *
 * By default a notification carries only what staff need to act on it (clinic, form, time,
 * masked name and phone, a link to the inbox) and never the message or other fields: these
 * are health-related data, and emails and chat messages travel through and stay on servers the
 * clinic does not control. A site's `fullContent` setting puts everything in, on purpose.
 */
import type { Inquiry } from '../../../src/schema/inquiry.js';
import { maskName, maskPhone } from './mask.js';
import { phonesOf } from '../phones.js';

export interface NotificationInput {
  /** The outbox row's id: the same for every retry, so receivers can drop a repeat. */
  deliveryId: string;
  site: { id: string; name: string; fullContent: boolean };
  inquiry: { id: string; form: string; receivedAt: string; payload: Inquiry };
  /** The receiver's public address (PUBLIC_URL), for the link to the inbox. */
  publicUrl: string;
}

export interface WebhookPayload {
  event: 'inquiry.received';
  deliveryId: string;
  /** true: name and phone as typed, and all fields; false: masked name and phone only. */
  fullContent: boolean;
  site: { id: string; name: string };
  inquiry: {
    id: string;
    form: string;
    formTitle: string;
    receivedAt: string;
    inboxUrl: string;
    name: string;
    phone: string;
    fields?: Record<string, string | boolean>;
    /** The clinic's labels of its own fields, as the widget sent them (see the payload's labels). */
    labels?: Record<string, string>;
    consent?: { privacy: boolean; marketing?: boolean; policyVersion: string; agreedAt: string };
    page?: { url: string; referrer: string; title: string };
  };
}

export interface Notification {
  /** Who the email is from, by name: the clinic (one receiver serves many; the address is MAIL_FROM's). */
  sender: string;
  subject: string;
  /** The email's plain-text body (no HTML email: nothing a patient typed can become markup). */
  text: string;
  /** A Slack-compatible message (mrkdwn, with &, < and > escaped). */
  slackText: string;
  /** The body of a JSON-mode webhook. */
  json: WebhookPayload;
}

/** The widget's built-in forms, titled as the widget titles them in Korean. */
const FORM_TITLES: Record<string, string> = {
  consult: '무료 상담 신청',
  cost: '비용 문의',
  kakao: '카카오톡 상담 신청',
};

/** The receiver's names of the preset fields (PRESET_FIELDS), whatever label an inquiry brings. */
const FIELD_LABELS: Record<string, string> = {
  name: '이름',
  phone: '연락처',
  message: '문의 내용',
  interest: '관심 진료·부위',
  gender: '성별',
};

// Own properties only: a form or field called "constructor" is that text, not Object's member.
export const formTitle = (form: string): string => (Object.hasOwn(FORM_TITLES, form) ? FORM_TITLES[form] : form);
/**
 * The form as staff read it: the clinic's title sent with the inquiry, with the form's id after
 * it (the title arrives with the inquiry, so anyone can write one: the id says which form it
 * is); else the receiver's own title. Only with full content: a masked notification carries no
 * text the sender wrote (a title could hold a link or *bold* that mail and chat would render).
 */
const sentFormTitle = (form: string, payload: Inquiry): string => {
  const sent = clinicFormTitle(payload);
  return sent ? `${sent} (${form})` : formTitle(form);
};
const clinicFormTitle = (payload: Inquiry): string => (payload.formTitle ? plain(payload.formTitle).replace(/\s+/g, ' ').trim() : '');
/**
 * The receiver's own name for a preset field; else the clinic's label sent with the inquiry (a
 * custom "visit" field's "방문 희망"), on one line; else the field's name. A preset field keeps the
 * receiver's name whatever a client sends, so a forged label cannot pass a name off as a number.
 */
const fieldLabel = (name: string, labels: Inquiry['labels']): string => {
  if (Object.hasOwn(FIELD_LABELS, name)) return FIELD_LABELS[name];
  const label = labels && Object.hasOwn(labels, name) ? plain(labels[name]).replace(/\s+/g, ' ').trim() : '';
  // A label that is one of the notification's own names ("연락처", "보낸 페이지") says which field it is.
  return RESERVED_LABELS.has(label) ? `${label} (${name})` : label || name;
};
/** The names the notification gives its own rows. */
const RESERVED_LABELS = new Set([...Object.values(FIELD_LABELS), '양식', '접수 시각', '마케팅 정보 수신 동의', '보낸 페이지', '문의함에서 보기']);

export const inboxUrl = (publicUrl: string, inquiryId: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/inbox#/inquiries/${encodeURIComponent(inquiryId)}`;

/**
 * Control characters (but newlines and tabs) and invisible direction overrides removed: text
 * shown to staff reads as what it is and cannot reorder itself on screen.
 */
export function plain(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** "2026-11-25 19:00 (한국 시간)": clinics read Korea time; Korea has no daylight saving. */
export function koreaTime(iso: string): string {
  const shifted = new Date(Date.parse(iso) + 9 * 60 * 60_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)} (한국 시간)`;
}

/** The preset gender radio's stored values, in words, as the inbox shows them. */
const GENDERS: Record<string, string> = { female: '여성', male: '남성' };

function valueText(value: string | boolean, name?: string): string {
  if (typeof value === 'boolean') return value ? '예' : '아니요';
  const text = plain(value).trim();
  return name === 'gender' && Object.hasOwn(GENDERS, text) ? GENDERS[text] : text;
}

/** Label and value pairs of everything the patient sent, in the form's order, empty ones left out. */
function allDetails(payload: Inquiry): [string, string][] {
  const rows: [string, string][] = [];
  for (const [name, value] of Object.entries(payload.fields)) {
    const text = valueText(value, name);
    if (text) rows.push([fieldLabel(name, payload.labels), text]);
  }
  if (payload.consent.marketing !== undefined) rows.push(['마케팅 정보 수신 동의', valueText(payload.consent.marketing)]);
  if (payload.page.url) rows.push(['보낸 페이지', plain(payload.page.url)]);
  return rows;
}

const stringField = (payload: Inquiry, name: string): string => (typeof payload.fields[name] === 'string' ? (payload.fields[name] as string) : '');

export function buildNotification({ deliveryId, site, inquiry, publicUrl }: NotificationInput): Notification {
  const { payload } = inquiry;
  const full = site.fullContent;
  const clinic = plain(site.name).replace(/\s+/g, ' ').trim();
  const title = plain(formTitle(inquiry.form)).replace(/\s+/g, ' ').trim();
  const titleSent = full ? sentFormTitle(inquiry.form, payload) : title;
  const link = inboxUrl(publicUrl, inquiry.id);
  const received = koreaTime(inquiry.receivedAt);
  const name = stringField(payload, 'name');
  const [phone = ''] = phonesOf(payload.fields);
  // The subject names the clinic and the form, never the patient, whatever fullContent says:
  // subjects show in notification banners and mail server logs. Its form title is the
  // receiver's own (or the form's id), never text an inquiry brought.
  const subject = `[${clinic}] 새 상담 문의 (${title})`;

  const masked: [string, string][] = [
    ...(name ? ([['이름', maskName(name)]] as [string, string][]) : []),
    ...(phone ? ([['연락처', maskPhone(phone)]] as [string, string][]) : []),
  ];
  const details = full ? allDetails(payload) : masked;
  const lines = (rows: [string, string][], format: (label: string, value: string) => string) =>
    rows.map(([label, value]) => format(label, value));
  // A value of several lines (a message) starts on its own line, indented, so it cannot pass
  // for another label.
  const emailLine = (label: string, value: string) =>
    value.includes('\n') ? `${label}:\n${value.split('\n').map((l) => `  ${l}`).join('\n')}` : `${label}: ${value}`;

  const text = [
    subject,
    '',
    `접수 시각: ${received}`,
    `양식: ${titleSent}`,
    ...lines(details, emailLine),
    '',
    '문의함에서 보기:',
    link,
    '',
    full
      ? '이 사이트는 알림에 문의 전체 내용을 담도록 설정되어 있습니다.'
      : '개인정보 보호를 위해 이 알림에는 이름과 연락처의 일부만 담았습니다. 문의 내용은 받은 문의함에서 확인하세요.',
    '',
    '-- ',
    `Consult Widget 알림 (알림 번호 ${deliveryId})`,
    '',
  ].join('\n');

  const slack = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  // Masked values go in code spans: their asterisks would otherwise be read as bold.
  // Labels are escaped too: a clinic's own label arrives with the inquiry, so it could hold <!channel> or a link.
  const slackLine = (label: string, value: string) =>
    full
      ? value.includes('\n')
        ? `${slack(label)}:\n>${slack(value).split('\n').join('\n>')}`
        : `${slack(label)}: ${slack(value)}`
      : `${slack(label)}: \`${slack(value)}\``;
  const slackText = [
    `*${slack(subject)}*`,
    `접수 시각: ${received}`,
    `양식: ${slack(titleSent)}`,
    ...lines(details, slackLine),
    `<${link}|문의함에서 보기>`,
  ].join('\n');

  const json: WebhookPayload = {
    event: 'inquiry.received',
    deliveryId,
    fullContent: full,
    site: { id: site.id, name: site.name },
    inquiry: {
      id: inquiry.id,
      form: inquiry.form,
      formTitle: (full && clinicFormTitle(payload)) || formTitle(inquiry.form),
      receivedAt: inquiry.receivedAt,
      inboxUrl: link,
      name: full ? name : maskName(name),
      phone: full ? phone : maskPhone(phone),
      ...(full ? { fields: payload.fields, ...(payload.labels ? { labels: payload.labels } : {}), consent: payload.consent, page: payload.page } : {}),
    },
  };
  return { sender: clinic, subject, text, slackText, json };
}
