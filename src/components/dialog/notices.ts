import { msg, str } from '../../i18n.js';
import { sha256Hex } from '../../util/sha256.js';

/** One notice as the patient reads it: a heading, "what / why / how long" rows and notes. */
export interface Notice {
  title: string;
  rows: Array<[string, string]>;
  notes: string[];
}

/** Every notice text the form shows; rendered from this, and hashed from this for the consent record. */
export interface Notices {
  privacy: Notice;
  privacyBox: string;
  sensitive?: Notice;
  sensitiveBox: string;
  marketing?: Notice;
  marketingBox: string;
  age14Box: string;
  age14?: string;
  /** The full policy: its text, HTML or URL as configured, or the built-in notice. */
  policy: string;
}

export interface NoticeInput {
  /** What the form collects (its fields' names, listed), apart from sensitive fields. */
  items: string;
  /** The same, with the page data recorded with an inquiry as the last item (the general notice's list). */
  collected: string;
  /** The sensitive fields' names, listed; empty when the form has none. */
  sensitiveItems: string;
  /**
   * Whether a sensitive field is required, so the form cannot be sent without that consent.
   * Otherwise the consent is needed only when a sensitive field is filled in, and its notice says so.
   */
  sensitiveRequired: boolean;
  period: string;
  outboxHours: number;
  marketing: boolean;
  age14: boolean;
  /** What the under-14 patient is told (the error text). */
  age14Text: string;
  policy: string;
}

const what = () => msg('수집 항목', { id: 'consent.row.items' });
const why = () => msg('이용 목적', { id: 'consent.row.purpose' });
const howLong = () => msg('보유 기간', { id: 'consent.row.period' });

export function buildNotices(i: NoticeInput): Notices {
  const until = msg(str`문의일로부터 ${i.period}`, { id: 'consent.privacy.period' });
  return {
    privacy: {
      title: msg('개인정보 수집·이용 안내', { id: 'consent.privacy.title' }),
      rows: [
        [what(), i.collected],
        [why(), msg('문의 내용 확인과 답변, 상담 및 예약 안내', { id: 'consent.privacy.purpose' })],
        [howLong(), until],
      ],
      notes: [
        msg('동의를 거부하실 수 있습니다. 다만 동의하지 않으시면 온라인으로는 상담 문의를 보내실 수 없습니다.', { id: 'consent.refuse' }),
        msg(str`인터넷 연결이 끊겨 바로 보내지 못한 문의는 이 브라우저에 최대 ${i.outboxHours}시간 보관했다가 자동으로 보내며, 보낸 뒤에는 바로 지웁니다.`, { id: 'consent.outbox' }),
      ],
    },
    privacyBox: msg('[필수] 개인정보 수집·이용에 동의합니다.', { id: 'consent.privacy.box' }),
    sensitive: i.sensitiveItems
      ? {
          title: msg('민감정보(건강에 관한 정보) 수집·이용 안내', { id: 'consent.sensitive.title' }),
          rows: [
            [what(), msg(str`${i.sensitiveItems}에 적거나 고르신 증상, 병력, 원하시는 진료 등 건강에 관한 정보`, { id: 'consent.sensitive.items' })],
            [why(), msg('상담 내용 확인과 답변, 진료 상담 및 예약 안내', { id: 'consent.sensitive.purpose' })],
            [howLong(), until],
          ],
          notes: [
            i.sensitiveRequired
              ? msg('민감정보 수집·이용에 동의하지 않으실 수 있습니다. 다만 동의하지 않으시면 온라인 상담 문의를 보내실 수 없으니, 전화로 문의해 주세요.', {
                  id: 'consent.sensitive.refuse',
                })
              : msg(str`민감정보 수집·이용에 동의하지 않으실 수 있으며, 동의하지 않으셔도 상담 문의는 보내실 수 있습니다. 이때는 ${i.sensitiveItems} 칸을 비워 주세요.`, {
                  id: 'consent.sensitive.refuse-if-filled',
                }),
          ],
        }
      : undefined,
    sensitiveBox: i.sensitiveRequired
      ? msg('[필수] 민감정보(건강에 관한 정보) 수집·이용에 동의합니다.', { id: 'consent.sensitive.box' })
      : msg('[입력·선택 시 필수] 민감정보(건강에 관한 정보) 수집·이용에 동의합니다.', { id: 'consent.sensitive.box-if-filled' }),
    marketing: i.marketing
      ? {
          title: msg('마케팅 정보 수신 안내', { id: 'consent.marketing.title' }),
          rows: [
            [what(), i.items],
            [why(), msg('이벤트, 할인 등 혜택 소식을 문자나 전화로 알려 드립니다.', { id: 'consent.marketing.purpose' })],
            [howLong(), msg(str`동의를 철회하실 때까지(최장 문의일로부터 ${i.period})`, { id: 'consent.marketing.period' })],
          ],
          notes: [
            msg('동의하지 않으셔도 상담 문의는 보내실 수 있습니다. 동의는 언제든지 병원에 연락해 철회하실 수 있습니다.', { id: 'consent.marketing.refuse' }),
          ],
        }
      : undefined,
    marketingBox: msg('[선택] 이벤트·혜택 소식을 문자나 전화로 받겠습니다.', { id: 'consent.marketing.box' }),
    age14Box: msg('[필수] 만 14세 이상입니다.', { id: 'consent.age14.box' }),
    age14: i.age14 ? i.age14Text : undefined,
    policy: i.policy,
  };
}

/** The consent record's noticeHash: SHA-256 of the notices shown (absent parts left out). */
export function noticeHash(n: Notices): Promise<string> {
  const shown = [n.privacy, n.privacyBox, n.sensitive && [n.sensitive, n.sensitiveBox], n.marketing && [n.marketing, n.marketingBox], n.age14 && [n.age14Box, n.age14], n.policy];
  return sha256Hex(JSON.stringify(shown));
}
