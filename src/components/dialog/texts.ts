import { msg, str } from '../../i18n.js';
import type { FieldConfig } from '../../config/schema.js';

/** Localized defaults for what configuration leaves out. Functions, so they follow the locale. */
export function formTitle(id: string): string {
  switch (id) {
    case 'cost':
      return msg('비용 문의');
    case 'kakao':
      return msg('카카오톡 상담 신청');
    case 'consult':
      return msg('무료 상담 신청');
    default:
      return msg('상담 문의');
  }
}

export function fieldLabel(field: FieldConfig): string {
  if (field.label) return field.label;
  switch (field.name) {
    case 'name':
      return msg('이름');
    case 'phone':
      return msg('연락처');
    case 'message':
      return msg('문의 내용');
    case 'interest':
      return msg('관심 부위');
    case 'gender':
      return msg('성별');
    default:
      return field.name;
  }
}

export function fieldPlaceholder(field: FieldConfig): string | undefined {
  if (field.placeholder) return field.placeholder;
  if (field.name === 'phone') return msg('예: 010-1234-5678');
  if (field.name === 'message') return msg('궁금하신 점을 자유롭게 적어 주세요.');
  return undefined;
}

export function optionLabel(field: FieldConfig, value: string, label?: string): string {
  if (label) return label;
  if (field.name === 'gender') return value === 'female' ? msg('여성') : value === 'male' ? msg('남성') : value;
  return value;
}

export function defaultInterests(): string[] {
  return [msg('헤어라인'), msg('정수리'), msg('M자 탈모'), msg('눈썹'), msg('재수술'), msg('기타')];
}

export const errorTexts = {
  required: () => msg('필수 항목입니다.'),
  choose: () => msg('항목을 선택해 주세요.'),
  tooLong: (max: number) => msg(str`${max}자 이내로 입력해 주세요.`),
  phone: () => msg('전화번호를 확인해 주세요. 예: 010-1234-5678, 02-123-4567'),
  consent: () => msg('문의를 보내려면 개인정보 수집·이용에 동의해 주세요.'),
};

export function retentionPeriod(months: number, locale: string): string {
  const years = months % 12 === 0;
  return new Intl.NumberFormat(locale, { style: 'unit', unit: years ? 'year' : 'month', unitDisplay: 'long' }).format(
    years ? months / 12 : months,
  );
}
