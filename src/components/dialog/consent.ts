import { html, nothing } from 'lit';
import { msg, str } from '../../i18n.js';

export type PolicyState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; content: HTMLElement | string }
  | { status: 'failed'; url: string };

export interface ConsentView {
  items: string;
  purpose: string;
  period: string;
  /** How long an inquiry that could not be sent may wait in the browser. */
  outboxHours: number;
  policy: PolicyState;
  policyExpanded: boolean;
  privacy: boolean;
  marketing?: boolean;
  error?: string;
  onTogglePolicy: () => void;
  onPrivacy: (checked: boolean) => void;
  onMarketing: (checked: boolean) => void;
}

/**
 * The notice Korean law asks for at the point of collection, the full policy expandable in
 * place, and the consent boxes: privacy (required, never pre-ticked) and marketing
 * (separate, optional, never a condition of sending).
 */
export function renderConsent(v: ConsentView) {
  const expanded = v.policyExpanded;
  return html`
    <section class="consent" part="consent" aria-labelledby="consent-title">
      <h3 id="consent-title" class="consent-title">${msg('개인정보 수집·이용 안내')}</h3>
      <dl class="notice">
        <div><dt>${msg('수집 항목')}</dt><dd>${v.items}</dd></div>
        <div><dt>${msg('이용 목적')}</dt><dd>${v.purpose}</dd></div>
        <div><dt>${msg('보유 기간')}</dt><dd>${msg(str`문의일로부터 ${v.period}`)}</dd></div>
      </dl>
      <p class="refuse">${msg('동의를 거부할 수 있습니다. 다만 동의하지 않으시면 상담 문의를 보낼 수 없습니다.')}</p>
      <p class="refuse">
        ${msg(str`인터넷 연결이 끊겨 바로 보내지 못한 문의는 이 브라우저에 최대 ${v.outboxHours}시간 보관했다가 자동으로 보내며, 보낸 뒤에는 바로 지웁니다.`, { id: 'consent.outbox' })}
      </p>
      <button
        type="button"
        class="policy-toggle"
        part="policy-toggle"
        aria-expanded=${expanded ? 'true' : 'false'}
        aria-controls="policy"
        @click=${v.onTogglePolicy}
      >
        ${expanded ? msg('개인정보처리방침 접기') : msg('개인정보처리방침 전문 보기')}
      </button>
      <div id="policy" class="policy" part="policy" role="region" aria-label=${msg('개인정보처리방침')} tabindex="0" ?hidden=${!expanded}>
        ${policyBody(v.policy)}
      </div>
      <label class="check" part="consent-privacy">
        <input
          id="consent-privacy"
          type="checkbox"
          required
          .checked=${v.privacy}
          aria-invalid=${v.error ? 'true' : 'false'}
          aria-describedby=${v.error ? 'consent-privacy-error' : nothing}
          @change=${(e: Event) => v.onPrivacy((e.target as HTMLInputElement).checked)}
        />
        <span>${msg('[필수] 개인정보 수집·이용에 동의합니다.')}</span>
      </label>
      ${v.error ? html`<p id="consent-privacy-error" class="error" part="error">${v.error}</p>` : nothing}
      ${v.marketing === undefined
        ? nothing
        : html`<label class="check" part="consent-marketing">
            <input
              id="consent-marketing"
              type="checkbox"
              .checked=${v.marketing}
              @change=${(e: Event) => v.onMarketing((e.target as HTMLInputElement).checked)}
            />
            <span>${msg('[선택] 이벤트·혜택 소식을 문자나 전화로 받겠습니다.')}</span>
          </label>`}
    </section>
  `;
}

function policyBody(policy: PolicyState) {
  switch (policy.status) {
    case 'loading':
      return html`<p>${msg('불러오는 중…')}</p>`;
    case 'failed':
      return html`<p>
        ${msg('개인정보처리방침을 여기에 표시하지 못했습니다.', { id: 'consent.policy-failed' })}
        <a href=${policy.url} target="_blank" rel="noopener noreferrer">${msg('새 창에서 보기')}</a>
      </p>`;
    // A sanitized policy is one element, moved back in when the dialog is rendered again.
    case 'ready':
      return typeof policy.content === 'string' ? html`<div class="policy-text">${policy.content}</div>` : policy.content;
    default:
      return nothing;
  }
}
