import { msg, str } from '../../i18n.js';
import { formatDuration } from '../../i18n/formats.js';
import type { FieldConfig } from '../../config/schema.js';
import { currentLocale } from '../../localization.js';
import { withParticle } from '../../i18n/particles.js';
import { costLabel } from '../widget/labels.js';

/** A field's name (see inSentence) as the object of a sentence: "이름을" in Korean, as is in the other languages. */
export function asObject(label: string): string {
  return currentLocale() === 'ko' ? withParticle(label, '을/를') : label;
}

/** English words lower-cased mid-sentence ("Name" → "name"), abbreviations such as "SMS" kept; other languages as they are. */
export function midSentence(label: string): string {
  return currentLocale() !== 'en' || /^\p{Lu}{2}/u.test(label) ? label : label.charAt(0).toLocaleLowerCase('en') + label.slice(1);
}

/** A field's label mid-sentence: the widget's own lower-cased in English ("name"), the clinic's as it wrote it ("KakaoTalk ID"). */
export const inSentence = (field: FieldConfig): string => field.label || midSentence(fieldLabel(field));

/** A field's label quoted in a sentence: ‘문의 내용’, “Message”, 「お問い合わせ内容」. */
export const quoted = (label: string): string => msg(str`‘${label}’`, { id: 'form.quoted' });

/** Localized defaults for what configuration leaves out. Functions, so they follow the locale. */
export function formTitle(id: string): string {
  switch (id) {
    case 'cost':
      return costLabel();
    case 'kakao':
      return msg('카카오톡 상담 신청', { id: 'form.title.kakao' });
    case 'consult':
      return msg('무료 상담 신청', { id: 'form.title.consult' });
    default:
      return msg('상담 문의', { id: 'form.title.default' });
  }
}

/**
 * The language a text is written in when it is not the dialog's (a clinic's Korean label on an
 * English page, its English one on a Japanese page), for a screen reader to read it in its own;
 * undefined when it is the dialog's or cannot be told (Chinese and Japanese share their kanji).
 */
export function ownLang(text: string): string | undefined {
  const lang = /[\uac00-\ud7a3]/.test(text) ? 'ko' : /[\u3040-\u30ff]/.test(text) ? 'ja' : /^[\x00-\x7f]*[a-z][\x00-\x7f]*$/i.test(text) ? 'en' : undefined;
  return lang === currentLocale() ? undefined : lang;
}

export function fieldLabel(field: FieldConfig): string {
  if (field.label) return field.label;
  switch (field.name) {
    case 'name':
      return msg('이름', { id: 'form.label.name' });
    case 'phone':
      return msg('연락처', { id: 'form.label.phone' });
    case 'message':
      return msg('문의 내용', { id: 'form.label.message' });
    case 'interest':
      return msg('관심 진료·부위', { id: 'form.label.interest' });
    case 'gender':
      return msg('성별', { id: 'form.label.gender' });
    default:
      return field.name;
  }
}

export function fieldPlaceholder(field: FieldConfig): string | undefined {
  if (field.placeholder) return field.placeholder;
  if (field.name === 'phone') return msg('예: 010-1234-5678', { id: 'form.placeholder.phone' });
  if (field.name === 'message') return msg('궁금하신 점을 자유롭게 적어 주세요.', { id: 'form.placeholder.message' });
  return undefined;
}

/**
 * What stays on screen under a field's label while the patient types (a placeholder goes with the
 * first keystroke): how to write a number from abroad, which a foreign patient would otherwise
 * learn only from the error.
 */
export function fieldHint(field: FieldConfig): string | undefined {
  if (field.kind === 'tel') return msg('해외 번호는 +81 90-1234-5678처럼 +와 국가번호부터 적어 주세요.', { id: 'form.hint.phone' });
  return undefined;
}

export function optionLabel(field: FieldConfig, value: string, label?: string): string {
  if (label) return label;
  if (field.name === 'gender') return value === 'female' ? msg('여성', { id: 'form.option.female' }) : value === 'male' ? msg('남성', { id: 'form.option.male' }) : value;
  return value;
}

/** What the send button says when the form does not set submitLabel: the form's action. */
export function submitLabel(id: string): string {
  switch (id) {
    case 'cost':
      return msg('비용 문의 보내기', { id: 'form.submit.cost' });
    case 'kakao':
      return msg('상담 신청하기', { id: 'form.submit.kakao' });
    case 'consult':
      return msg('무료 상담 신청하기', { id: 'form.submit.consult' });
    default:
      return msg('문의 보내기', { id: 'form.submit.default' });
  }
}

export const errorTexts = {
  /** "이름을 입력해 주세요." — the message names the field. */
  required: (label: string) => msg(str`${asObject(label)} 입력해 주세요.`, { id: 'form.error.required' }),
  check: () => msg('이 항목에 체크해 주세요.', { id: 'form.error.check' }),
  choose: (label: string) => msg(str`${asObject(label)} 선택해 주세요.`, { id: 'form.error.choose' }),
  tooLong: (max: number) => msg(str`${max}자 이내로 입력해 주세요.`, { id: 'form.error.too-long' }),
  phone: () => msg('전화번호를 확인해 주세요. 예: 010-1234-5678, 02-123-4567. 해외 번호는 +81 90-1234-5678처럼 +와 국가번호부터 적어 주세요.', { id: 'form.error.phone' }),
  consent: () => msg('문의를 보내려면 개인정보 수집·이용에 동의해 주세요.', { id: 'consent.privacy.error' }),
  /** Names the sensitive fields (quoted, listed): their content goes only with that consent. */
  sensitive: (items: string) =>
    msg(str`${items}에 입력하신 정보는 민감정보이므로 별도 동의가 필요합니다. 민감정보 수집·이용에 동의해 주세요.`, { id: 'consent.sensitive.error' }),
  /** The same when the fields are optional: agreeing or emptying them both answer it. */
  sensitiveFilled: (items: string) =>
    msg(str`${items}에 입력하신 정보는 민감정보이므로 별도 동의가 필요합니다. 동의해 주시거나, 해당 칸을 비워 주세요.`, { id: 'consent.sensitive.error-filled' }),
  age14: () => msg('만 14세 이상이시면 확인란에 체크해 주세요. 만 14세 미만이시면 온라인으로 문의를 받을 수 없으니, 부모님 등 법정대리인께서 병원으로 전화해 주시도록 부탁해 주세요.', { id: 'consent.age14.error' }),
};

export function retentionPeriod(months: number, locale: string): string {
  const years = months % 12 === 0;
  return formatDuration(locale, years ? months / 12 : months, years ? 'year' : 'month');
}
