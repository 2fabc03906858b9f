/**
 * What notifications say: masking, the default (masked) and full content, per channel; the
 * retry schedule; short failure reasons. Plain functions, no database.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { maskName, maskPhone } from '../../server/domain/notify/mask.js';
import { buildNotification, koreaTime, type NotificationInput } from '../../server/domain/notify/content.js';
import { retryDelayMs } from '../../server/domain/notify/backoff.js';
import { DeliveryError, failureKind, failureReason } from '../../server/domain/notify/reason.js';
import { messageId } from '../../server/domain/notify/email.js';
import type { Inquiry } from '../../src/schema/inquiry.js';

describe('masking names', () => {
  it('keeps the first and last letter of a Korean name of three letters or more', () => {
    assert.equal(maskName('홍길동'), '홍*동');
    assert.equal(maskName('남궁민수'), '남**수');
    assert.equal(maskName('  홍 길동 '), '홍*동');
  });

  it('keeps only the first letter of a two-letter name, and nothing of one letter', () => {
    assert.equal(maskName('홍길'), '홍*');
    assert.equal(maskName('홍'), '*');
  });

  it('keeps the initial of each word of a Latin name', () => {
    assert.equal(maskName('John Smith'), 'J*** S****');
    assert.equal(maskName('Jo'), 'J*');
    assert.equal(maskName('Kim A'), 'K** *');
    assert.equal(maskName('Zoë'), 'Z**');
  });

  it('gives nothing for an empty name', () => {
    assert.equal(maskName(''), '');
    assert.equal(maskName('   '), '');
  });
});

describe('masking phone numbers', () => {
  it('hides the middle of a mobile number, however it was typed', () => {
    for (const typed of ['010-1234-5678', '01012345678', '010 1234 5678', '+82 10-1234-5678', '+821012345678', '010.1234.5678']) {
      assert.equal(maskPhone(typed), '010-****-5678', typed);
    }
    assert.equal(maskPhone('011-123-4567'), '011-***-4567');
  });

  it('keeps the area code of landlines and internet numbers', () => {
    assert.equal(maskPhone('02-123-4567'), '02-***-4567');
    assert.equal(maskPhone('02-1234-5678'), '02-****-5678');
    assert.equal(maskPhone('031-123-4567'), '031-***-4567');
    assert.equal(maskPhone('070-1234-5678'), '070-****-5678');
    assert.equal(maskPhone('0505-123-4567'), '0505-***-4567');
  });

  it('shows the country code and the last four digits of a foreign number, only the last four of anything else, and nothing of a short number', () => {
    assert.equal(maskPhone('+1 415 555 0100'), '+1 ******0100');
    assert.equal(maskPhone('1 415 555 0100'), '*******0100');
    assert.equal(maskPhone('1234'), '****');
    assert.equal(maskPhone(''), '');
  });
});

const payload: Inquiry = {
  id: 'inq-12345678',
  form: 'consult',
  fields: { name: '홍길동', phone: '010-1234-5678', interest: '정수리', message: '탈모약 복용 중입니다.\n<b>상담</b> 원해요 & 감사', firstVisit: true },
  consent: { privacy: true, marketing: false, policyVersion: 'builtin-2026-11', agreedAt: '2026-11-25T10:00:00.000Z' },
  page: { url: 'https://clinic.example/hair?utm_source=naver', referrer: 'https://search.naver.com/', title: '모발이식' },
  locale: 'ko',
  submittedAt: '2026-11-25T10:00:05.000Z',
};

const input = (fullContent: boolean, overrides: Partial<Inquiry> = {}): NotificationInput => ({
  deliveryId: 'delivery-1',
  site: { id: 'clinic', name: '하늘의원', fullContent },
  inquiry: { id: 'inq-12345678', form: 'consult', receivedAt: '2026-11-25T10:00:06.000Z', payload: { ...payload, ...overrides } },
  publicUrl: 'https://inbox.agency.example/',
});

/** Everything a notification puts on the wire, in one string. */
const everything = (n: ReturnType<typeof buildNotification>) => [n.subject, n.text, n.slackText, JSON.stringify(n.json)].join('\n');

describe('notification content', () => {
  it('names the clinic and the form in a Korean subject, never the patient', () => {
    for (const full of [false, true]) {
      const n = buildNotification(input(full));
      assert.equal(n.subject, '[하늘의원] 새 상담 문의 (무료 상담 신청)');
    }
    assert.equal(buildNotification({ ...input(false), inquiry: { ...input(false).inquiry, form: 'event' } }).subject, '[하늘의원] 새 상담 문의 (event)');
  });

  it('titles a form or labels a field called "constructor" or "toString" by its own name, not by Object\'s member', () => {
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty']) {
      const n = buildNotification({
        ...input(true, { form: name, fields: { ...payload.fields, [name]: '값' } }),
        inquiry: { ...input(true).inquiry, form: name, payload: { ...payload, form: name, fields: { ...payload.fields, [name]: '값' } } },
      });
      assert.equal(n.subject, `[하늘의원] 새 상담 문의 (${name})`);
      assert.match(n.text, new RegExp(`^${name}: 값$`, 'm'));
      assert.doesNotMatch(everything(n), /function|native code|\[object/);
    }
  });

  it('by default carries the form, time, masked name and phone and the inbox link, and nothing else the patient sent', () => {
    const n = buildNotification(input(false));
    assert.match(n.text, /^이름: 홍\*동$/m);
    assert.match(n.text, /^연락처: 010-\*\*\*\*-5678$/m);
    assert.match(n.text, /^양식: 무료 상담 신청$/m);
    assert.match(n.text, /^접수 시각: 2026-11-25 19:00 \(한국 시간\)$/m);
    assert.ok(n.text.includes('https://inbox.agency.example/inbox#/inquiries/inq-12345678'));
    assert.match(n.slackText, /<https:\/\/inbox\.agency\.example\/inbox#\/inquiries\/inq-12345678\|/);
    assert.equal(n.json.inquiry.name, '홍*동');
    assert.equal(n.json.inquiry.phone, '010-****-5678');
    assert.equal(n.json.inquiry.inboxUrl, 'https://inbox.agency.example/inbox#/inquiries/inq-12345678');
    assert.equal(n.json.fullContent, false);
    assert.equal(n.json.inquiry.fields, undefined);
    const all = everything(n);
    for (const secret of ['홍길동', '1234-5678', '01012345678', '탈모약', '정수리', 'utm_source', 'search.naver.com']) {
      assert.ok(!all.includes(secret), `the default notification contains ${secret}`);
    }
  });

  it('with full content carries every field, the message and the page, still as plain text', () => {
    const n = buildNotification(input(true));
    assert.match(n.text, /^이름: 홍길동$/m);
    assert.match(n.text, /^연락처: 010-1234-5678$/m);
    assert.match(n.text, /^관심 진료·부위: 정수리$/m);
    assert.match(n.text, /^firstVisit: 예$/m);
    assert.match(n.text, /^마케팅 정보 수신 동의: 아니요$/m);
    // The preset gender radio's values in words, as the inbox shows them; anything else as sent.
    assert.match(buildNotification(input(true, { fields: { ...payload.fields, gender: 'female' } })).text, /^성별: 여성$/m);
    assert.match(buildNotification(input(true, { fields: { ...payload.fields, gender: 'other' } })).text, /^성별: other$/m);
    // A message of several lines starts on its own line, indented.
    assert.match(n.text, /^문의 내용:\n {2}탈모약 복용 중입니다\.\n {2}<b>상담<\/b> 원해요 & 감사$/m);
    assert.ok(n.text.includes('https://clinic.example/hair?utm_source=naver'));
    assert.deepEqual(n.json.inquiry.fields, payload.fields);
    assert.equal(n.json.inquiry.name, '홍길동');
    assert.equal(n.json.fullContent, true);
    // Slack reads <…> as links and & as an entity: escaped.
    assert.ok(n.slackText.includes('&lt;b&gt;상담&lt;/b&gt; 원해요 &amp; 감사'));
    assert.ok(!n.slackText.includes('<b>'));
  });

  it('labels a clinic\'s own field with the label its form gave it, on one line; a preset field keeps its own name whatever is sent', () => {
    const n = buildNotification(input(true, { labels: { firstVisit: '처음\n방문\u202e이신가요', phone: '이름', interest: '무엇이든' } }));
    assert.match(n.text, /^처음 방문이신가요: 예$/m);
    assert.match(n.text, /^연락처: 010-1234-5678$/m);
    assert.match(n.text, /^관심 진료·부위: 정수리$/m);
    assert.doesNotMatch(n.text + n.slackText, /무엇이든/);
    assert.deepEqual(n.json.inquiry.labels, { firstVisit: '처음\n방문\u202e이신가요', phone: '이름', interest: '무엇이든' }, 'webhooks get the labels as sent, with the fields');
    assert.equal(buildNotification(input(false, { labels: { firstVisit: '처음 방문' } })).json.inquiry.labels, undefined, 'not without full content');
    assert.match(buildNotification(input(true, { labels: { firstVisit: ' ' } })).text, /^firstVisit: 예$/m, 'a blank label: the name');
  });

  it('says which field a label that is one of its own names belongs to, and escapes labels for Slack', () => {
    const n = buildNotification(input(true, { labels: { firstVisit: '연락처' } }));
    assert.match(n.text, /^연락처 \(firstVisit\): 예$/m);
    const hostile = buildNotification(input(true, { labels: { firstVisit: '<!channel> 긴급: <https://evil.example/login|문의함에서 보기>' } }));
    assert.ok(!hostile.slackText.includes('<!channel>') && !hostile.slackText.includes('<https://evil.example'), hostile.slackText);
    assert.ok(hostile.slackText.includes('&lt;!channel&gt; 긴급: &lt;https://evil.example/login|문의함에서 보기&gt;: 예'));
  });

  it("names the form by the clinic's title sent with it, the id beside it, in a full notification's body, Slack text and webhook; never in the subject, nor in a masked one", () => {
    const titled = (full: boolean) =>
      buildNotification({ ...input(full), inquiry: { ...input(full).inquiry, form: 'spring', payload: { ...payload, form: 'spring', formTitle: '봄\n이벤트\u202e 상담' } } });
    const n = titled(true);
    assert.equal(n.subject, '[하늘의원] 새 상담 문의 (spring)', 'the subject holds no text an inquiry brought');
    assert.match(n.text, /^양식: 봄 이벤트 상담 \(spring\)$/m);
    assert.match(n.slackText, /^양식: 봄 이벤트 상담 \(spring\)$/m);
    assert.equal(n.json.inquiry.formTitle, '봄 이벤트 상담');
    assert.equal(n.json.inquiry.form, 'spring');
    // Masked, a notification carries no text the sender wrote: a title could hold a link mail and chat would render.
    const masked = titled(false);
    assert.match(masked.text, /^양식: spring$/m);
    assert.equal(masked.json.inquiry.formTitle, 'spring');
    assert.doesNotMatch(everything(masked), /이벤트/);
    const hostile = buildNotification(input(true, { formTitle: '<!channel> <https://evil.example|로그인>' }));
    assert.ok(!hostile.slackText.includes('<!channel>') && !hostile.slackText.includes('<https://evil.example'), hostile.slackText);
    assert.equal(hostile.subject, '[하늘의원] 새 상담 문의 (무료 상담 신청)');
    assert.match(buildNotification(input(false, { formTitle: ' ' })).text, /^양식: 무료 상담 신청$/m, 'a blank title: the receiver\'s own');
    assert.equal(buildNotification(input(false)).json.inquiry.formTitle, '무료 상담 신청');
  });

  it('leaves out a name or phone that was not sent, and removes control and direction characters', () => {
    const n = buildNotification(input(true, { fields: { phone: '010-1234-5678', message: 'a\u202eb\u0007c\r\nd' } }));
    assert.doesNotMatch(n.text, /^이름:/m);
    assert.match(n.text, /^문의 내용:\n {2}abc\n {2}d$/m);
    const masked = buildNotification(input(false, { fields: { phone: '010-1234-5678' } }));
    assert.doesNotMatch(masked.text, /^이름:/m);
    assert.equal(masked.json.inquiry.name, '');
  });

  it('shows times in Korea time', () => {
    assert.equal(koreaTime('2026-12-31T15:30:00.000Z'), '2027-01-01 00:30 (한국 시간)');
  });

  it('gives emails a Message-ID made of the delivery id, in the sender\'s domain', () => {
    assert.equal(messageId('abc-1', 'Clinic Bot <bot@agency.example>'), '<abc-1@agency.example>');
    assert.equal(messageId('abc-1', 'bot@agency.example'), '<abc-1@agency.example>');
  });
});

describe('retry schedule', () => {
  const backoff = { baseMs: 30_000, maxMs: 3_600_000 };
  it('doubles from the base up to the cap, with jitter between three quarters and all of it', () => {
    assert.equal(retryDelayMs(1, backoff, () => 1), 30_000);
    assert.equal(retryDelayMs(2, backoff, () => 1), 60_000);
    assert.equal(retryDelayMs(3, backoff, () => 0), 90_000);
    assert.equal(retryDelayMs(8, backoff, () => 1), 3_600_000);
    assert.equal(retryDelayMs(100, backoff, () => 1), 3_600_000);
    for (let attempt = 1; attempt < 40; attempt++) {
      const delay = retryDelayMs(attempt, backoff);
      const ceiling = Math.min(3_600_000, 30_000 * 2 ** (attempt - 1));
      assert.ok(delay >= ceiling * 0.75 && delay <= ceiling, `attempt ${attempt}: ${delay}`);
    }
  });

  it('keeps trying for about a day with the default settings (30 attempts)', () => {
    let total = 0;
    for (let attempt = 1; attempt < 30; attempt++) total += retryDelayMs(attempt, backoff, () => 1);
    assert.ok(total > 20 * 3_600_000 && total < 26 * 3_600_000, `${total / 3_600_000} h`);
  });
});

describe('failure reasons', () => {
  it('are short codes, never an error\'s message', () => {
    assert.equal(failureReason(Object.assign(new Error('Message failed: 550 no such user 홍길동@x'), { responseCode: 550 })), 'SMTP 550');
    assert.equal(failureReason(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET', errno: -111 })), 'ECONNREFUSED');
    assert.equal(failureReason(Object.assign(new TypeError('fetch failed'), { cause: { code: 'UND_ERR_SOCKET' } })), 'connection closed');
    assert.equal(failureReason(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } })), 'ENOTFOUND');
    assert.equal(failureReason(Object.assign(new TypeError('fetch failed'), { cause: new Error('bad port') })), 'fetch failed');
    assert.equal(failureReason(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), 'timeout');
    assert.equal(failureReason(new DeliveryError('HTTP 503')), 'HTTP 503');
    assert.equal(failureReason(new Error('something about 홍길동')), 'Error');
  });
});

describe('failure reasons as staff are told them', () => {
  it('sorts the reasons the notifier records into the kinds the inbox explains in words', () => {
    const kinds = Object.fromEntries(
      [
        'SMTP 535', 'SMTP 530', 'SMTP 550 for 1 of 2 addresses', 'SMTP 450 for 1 of 1 address', 'SMTP_URL not set', 'no email address set',
        'SMTP_URL is not a URL (write /, ? and # in the password as %2F, %3F, %23)', 'no webhook URL set', 'webhook URL invalid',
        'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'connection closed', 'fetch failed', 'timeout', 'connect timeout', 'ETIMEDOUT',
        'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'HTTP 503', 'HTTP 404', 'SMTP 421', 'Error',
      ].map((reason) => [reason, failureKind(reason)]),
    );
    assert.deepEqual(kinds, {
      'SMTP 535': 'login', 'SMTP 530': 'login', 'SMTP 550 for 1 of 2 addresses': 'address', 'SMTP 450 for 1 of 1 address': 'address',
      'SMTP_URL not set': 'not-set', 'no email address set': 'not-set',
      'SMTP_URL is not a URL (write /, ? and # in the password as %2F, %3F, %23)': 'not-set', 'no webhook URL set': 'not-set', 'webhook URL invalid': 'not-set',
      ECONNREFUSED: 'unreachable', ENOTFOUND: 'unreachable', EAI_AGAIN: 'unreachable', ECONNRESET: 'unreachable', 'connection closed': 'unreachable', 'fetch failed': 'unreachable',
      timeout: 'timeout', 'connect timeout': 'timeout', ETIMEDOUT: 'timeout',
      CERT_HAS_EXPIRED: 'certificate', DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate', 'HTTP 503': 'rejected', 'HTTP 404': 'rejected', 'SMTP 421': 'other', Error: 'other',
    });
  });
});
