/** Labels shared by the inbox's views; msg() is called at render time so a language switch applies. */
import { msg, str } from '@lit/localize';
import { PRESET_FIELDS } from '../../../src/schema/preset-fields.js';
import { getLocale } from './localization.js';

export function statusLabel(status: string): string {
  switch (status) {
    case 'new':
      return msg('새 문의', { id: 'inbox.status.new' });
    case 'contacted':
      return msg('연락함', { id: 'inbox.status.contacted' });
    case 'booked':
      return msg('예약됨', { id: 'inbox.status.booked' });
    case 'closed':
      return msg('종료', { id: 'inbox.status.closed' });
    case 'spam':
      return msg('스팸', { id: 'inbox.status.spam' });
    default:
      return status;
  }
}

/**
 * A form as staff read it: the title the clinic gave it (sent with the inquiry); else a preset
 * form's title in the staff member's language; else the form's id.
 */
export function formLabel(id: string, title?: string): string {
  if (title?.trim()) return title;
  switch (id) {
    case 'consult':
      return msg('무료 상담 신청', { id: 'inbox.form.consult' });
    case 'cost':
      return msg('비용 문의', { id: 'inbox.form.cost' });
    case 'kakao':
      return msg('카카오톡 상담 신청', { id: 'inbox.form.kakao' });
    default:
      return id;
  }
}

/** The inbox's own words for the preset fields, in the staff member's language. */
function presetLabel(name: string): string | undefined {
  switch (name) {
    case 'name':
      return msg('이름', { id: 'inbox.field.name' });
    case 'phone':
      return msg('연락처', { id: 'inbox.field.phone' });
    case 'message':
      return msg('문의 내용', { id: 'inbox.field.message' });
    case 'interest':
      return msg('관심 진료·부위', { id: 'inbox.field.interest' });
    case 'gender':
      return msg('성별', { id: 'inbox.field.gender' });
    default:
      return undefined;
  }
}

/**
 * The inbox's name for a preset field; else the clinic's own label sent with the inquiry (a
 * custom "visit" field's "방문 희망"); else the field's name. A preset field keeps the inbox's
 * name whatever a client sends, and a label that is one of those names says which field it is:
 * a forged label cannot pass a name off as a phone number.
 */
export function fieldLabel(name: string, labels?: Record<string, string>): string {
  const preset = presetLabel(name);
  if (preset) return preset;
  const label = labels && Object.hasOwn(labels, name) ? labels[name].replace(/\s+/g, ' ').trim() : '';
  return [...PRESET_FIELDS].some((p) => presetLabel(p) === label) ? `${label} (${name})` : label || name;
}

export function yesNo(value: boolean | undefined): string {
  return value ? msg('예', { id: 'inbox.yes' }) : msg('아니요', { id: 'inbox.no' });
}

/**
 * A field's value as staff read it: yes or no for a checkbox, the preset gender field's options
 * (src/config/forms.ts stores female / male) as the patient saw them, anything else as sent.
 */
export function fieldValue(name: string, value: string | boolean): string {
  if (typeof value === 'boolean') return yesNo(value);
  if (name === 'gender' && value === 'female') return msg('여성', { id: 'inbox.option.female' });
  if (name === 'gender' && value === 'male') return msg('남성', { id: 'inbox.option.male' });
  return value;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return new Intl.DateTimeFormat(getLocale() === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** A notification channel as staff name it. */
export function channelLabel(channel: string): string {
  if (channel === 'email') return msg('메일', { id: 'inbox.channel.email' });
  if (channel === 'webhook') return msg('웹훅', { id: 'inbox.detail.webhook' });
  return channel;
}

/**
 * What a failed notification's error means (its kind, from the receiver's notify/reason.ts), in
 * words staff can pass on, rather than a code such as ECONNREFUSED.
 */
export function failureExplanation(kind: string | null, channel: string): string {
  const name = channelLabel(channel);
  switch (kind) {
    case 'login':
      return msg('메일 서버가 수신기의 메일 계정(SMTP 아이디 또는 비밀번호)을 거부했습니다.', { id: 'inbox.failure.login' });
    case 'address':
      return msg('메일 서버가 알림 받을 메일 주소를 거부했습니다. 주소가 맞는지 확인해야 합니다.', { id: 'inbox.failure.address' });
    case 'not-set':
      return channel === 'webhook'
        ? msg('웹훅 주소가 설정되지 않았거나 올바르지 않습니다.', { id: 'inbox.failure.notSetWebhook' })
        : msg('알림 메일 설정(메일 서버 또는 받는 주소)이 없거나 올바르지 않습니다.', { id: 'inbox.failure.notSetEmail' });
    case 'unreachable':
      return msg(str`${name} 서버에 연결할 수 없습니다. 주소가 틀렸거나 서버가 꺼져 있습니다.`, { id: 'inbox.failure.unreachable' });
    case 'timeout':
      return msg(str`${name} 서버가 제시간에 응답하지 않았습니다.`, { id: 'inbox.failure.timeout' });
    case 'certificate':
      return msg(str`${name} 서버의 보안 인증서를 신뢰할 수 없습니다.`, { id: 'inbox.failure.certificate' });
    case 'rejected':
      return msg('웹훅을 받는 서버가 오류로 응답했습니다.', { id: 'inbox.failure.rejected' });
    default:
      return msg('알 수 없는 오류입니다.', { id: 'inbox.failure.other' });
  }
}
