import { msg, str } from '../i18n.js';

export interface DefaultPolicyInput {
  clinic: string;
  /** The clinic's name with its topic particle in Korean ("하늘 치과는"), the name alone in English. */
  clinicTopic: string;
  items: string;
  period: string;
  phone?: string;
  /** The phone with 으로/로 in Korean ("1833-7488로"). */
  phoneTo?: string;
  /** Who receives and keeps the inquiries for the clinic (the agency that runs the receiver), named as PIPA Art. 26 asks. */
  processor?: string;
}

/**
 * The notice a clinic gets when it has not supplied its own policy: the points the Personal
 * Information Protection Act asks a collector to tell people (items, purpose, retention,
 * the right to refuse and what refusing means), written for an inquiry form, not a
 * membership site. Plain text; shown with its line breaks.
 */
export function defaultPolicy({ clinic, clinicTopic, items, period, phone, phoneTo = phone, processor }: DefaultPolicyInput): string {
  const contact = phone
    ? msg(str`개인정보에 관한 문의, 열람·정정·삭제·처리정지 요청은 ${clinic} 대표번호 ${phoneTo} 연락해 주세요.`, { id: 'policy.contact-phone' })
    : msg(str`개인정보에 관한 문의, 열람·정정·삭제·처리정지 요청은 ${clinic}에 연락해 주세요.`, { id: 'policy.contact' });
  return [
    // "the clinic" at the start of the English notice is "The clinic".
    capitalized(msg(str`${clinicTopic} 상담 문의를 처리하기 위해 아래와 같이 개인정보를 수집·이용합니다.`, { id: 'policy.intro' })),
    msg(str`1. 수집 항목: ${items}. 문의하신 페이지의 주소와 제목, 처음 방문하신 페이지의 주소, 유입 경로, 광고 캠페인 정보(UTM, gclid), 접수 시각이 함께 기록됩니다.`, { id: 'policy.items' }),
    msg('2. 수집·이용 목적: 문의하신 내용의 확인과 답변, 상담 및 예약 안내.', { id: 'policy.purpose' }),
    msg(str`3. 보유·이용 기간: 문의일로부터 ${period}. 기간이 지나면 지체 없이 복구할 수 없는 방법으로 파기합니다. 다른 법령이 보존을 요구하는 경우에는 그 기간 동안 보관합니다.`, { id: 'policy.period' }),
    msg('인터넷 연결이 끊겨 바로 보내지 못한 문의는 보내는 분의 브라우저에 최대 24시간 보관했다가 연결되면 자동으로 보내며, 보낸 뒤 또는 24시간이 지나면 지웁니다.', { id: 'policy.outbox' }),
    msg('4. 제3자 제공: 법령에 따른 요청이 있는 경우를 제외하고 제3자에게 제공하지 않습니다.', { id: 'policy.third-parties' }),
    // "Onnuri Web Co." ends its own sentence: no second full stop after it.
    ...(processor ? [msg(str`상담 문의의 접수·보관과 담당자 알림 업무는 ${processor}에 위탁하여 처리합니다.`, { id: 'policy.processor' }).replace(/\.\.$/, '.')] : []),
    msg('5. 동의를 거부할 권리 및 거부 시 불이익: 개인정보 수집·이용에 동의하지 않으실 수 있습니다. 동의하지 않으시면 온라인 상담 문의를 보내실 수 없으며, 전화로는 문의하실 수 있습니다.', { id: 'policy.refuse' }),
    msg('6. 정보주체의 권리: 언제든지 본인의 개인정보 열람, 정정, 삭제, 처리정지를 요청하실 수 있습니다.', { id: 'policy.rights' }),
    contact,
  ].join('\n\n');
}

const capitalized = (sentence: string): string => sentence.charAt(0).toLocaleUpperCase() + sentence.slice(1);
