/**
 * The demo's inbox: the inquiries the receiver has stored, as one self-contained HTML page.
 * Everything shown came from patients (or from anyone who can POST), so every value is
 * escaped before it goes into the markup.
 */
import type { StoredInquiry } from './receiver.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Korean time (UTC+9, no daylight saving), the same whatever the server's locale data. */
function formatTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `${new Date(time + 9 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')} KST`;
}

function yesNo(value: boolean | undefined): string {
  if (value === undefined) return '—';
  return value ? '동의' : '미동의';
}

function formatValue(value: unknown): string {
  if (value === true) return '✔ 예';
  if (value === false) return '아니오';
  const text = String(value ?? '');
  return text === '' ? '<span class="muted">(비어 있음)</span>' : escapeHtml(text);
}

function renderItem({ receivedAt, inquiry }: StoredInquiry): string {
  const fields = Object.entries(inquiry.fields)
    .map(([name, value]) => `<tr><th scope="row">${escapeHtml(name)}</th><td class="value">${formatValue(value)}</td></tr>`)
    .join('');
  const { consent, page } = inquiry;
  return `<article class="item">
  <header>
    <span class="form">${escapeHtml(inquiry.form)}</span>
    <time datetime="${escapeHtml(receivedAt)}">${escapeHtml(formatTime(receivedAt))}</time>
  </header>
  <table class="fields">
    <caption>입력 항목</caption>
    <tbody>${fields || '<tr><td colspan="2" class="muted">(항목 없음)</td></tr>'}</tbody>
  </table>
  <dl class="meta">
    <div><dt>개인정보 수집·이용 동의</dt><dd>${yesNo(consent.privacy)}</dd></div>
    ${consent.marketing === undefined ? '' : `<div><dt>마케팅 수신 동의</dt><dd>${yesNo(consent.marketing)}</dd></div>`}
    <div><dt>방침 버전</dt><dd><code>${escapeHtml(consent.policyVersion)}</code></dd></div>
    <div><dt>동의 시각</dt><dd>${escapeHtml(formatTime(consent.agreedAt))}</dd></div>
    <div><dt>보낸 시각</dt><dd>${escapeHtml(formatTime(inquiry.submittedAt))}</dd></div>
    <div><dt>페이지</dt><dd class="value">${escapeHtml(page.url)}${page.title ? ` <span class="muted">(${escapeHtml(page.title)})</span>` : ''}</dd></div>
    ${page.referrer ? `<div><dt>이전 페이지</dt><dd class="value">${escapeHtml(page.referrer)}</dd></div>` : ''}
    <div><dt>언어</dt><dd>${escapeHtml(inquiry.locale)}</dd></div>
    <div><dt>문의 ID</dt><dd><code>${escapeHtml(inquiry.id)}</code></dd></div>
  </dl>
</article>`;
}

/** The inbox page, newest inquiry first. */
export function renderInbox(stored: StoredInquiry[]): string {
  const items = [...stored].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  const body = items.length
    ? items.map(renderItem).join('\n')
    : `<p class="empty">아직 받은 문의가 없습니다. <a href="/">데모 병원 페이지</a>에서 문의를 보내 보세요.</p>`;
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="10">
<title>문의함 (데모)</title>
<style>
  body { margin: 0; background: #f3f4f6; color: #1f2937; font: 15px/1.6 system-ui, -apple-system, 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif; }
  main { max-width: 860px; margin: 0 auto; padding: 24px 16px 48px; }
  h1 { margin: 0 0 4px; font-size: 24px; }
  .intro { margin: 0 0 20px; color: #4b5563; }
  .intro code { background: #e5e7eb; padding: 1px 5px; border-radius: 4px; }
  .count { font-weight: 700; }
  .item { background: #fff; border: 1px solid #e5e7eb; border-radius: 12px; padding: 16px 20px; margin: 0 0 16px; box-shadow: 0 1px 3px rgb(0 0 0 / .06); }
  .item header { display: flex; justify-content: space-between; gap: 12px; flex-wrap: wrap; margin-bottom: 8px; }
  .form { background: #1d4ed8; color: #fff; border-radius: 999px; padding: 1px 12px; font-weight: 700; font-size: 13px; }
  time { color: #4b5563; }
  .fields { width: 100%; border-collapse: collapse; margin: 4px 0 12px; }
  .fields caption { text-align: start; font-weight: 700; font-size: 13px; color: #4b5563; padding-bottom: 4px; }
  .fields th, .fields td { text-align: start; vertical-align: top; padding: 6px 8px; border-top: 1px solid #e5e7eb; }
  .fields th { width: 140px; font-weight: 600; color: #374151; }
  .value { white-space: pre-wrap; overflow-wrap: anywhere; }
  .meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 6px 16px; margin: 0; font-size: 13px; }
  .meta dt { color: #6b7280; }
  .meta dd { margin: 0; }
  .muted { color: #9ca3af; }
  .empty { background: #fff; border: 1px dashed #9ca3af; border-radius: 12px; padding: 32px; text-align: center; }
  a { color: #1d4ed8; }
</style>
</head>
<body>
<main>
  <h1>문의함 (데모)</h1>
  <p class="intro">
    데모 서버가 받은 문의 <span class="count">${items.length}건</span>, 최근 순입니다. 10초마다 새로 고칩니다.
    데이터는 <code>demo/.data/inquiries.jsonl</code>에 저장되어 서버를 다시 시작해도 남아 있습니다.
    <a href="/">병원 페이지로</a> · <a href="/elements.html">요소 데모</a> · <a href="/api/inquiries">JSON</a>
  </p>
  ${body}
</main>
</body>
</html>
`;
}
