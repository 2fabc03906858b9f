import { html, nothing } from 'lit';
import { msg } from '../../i18n.js';
import { linkHref } from '../../util/link-href.js';
import type { Notices, Notice } from './notices.js';

export type PolicyState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; content: HTMLElement | string; builtin?: true }
  | { status: 'failed'; url: string };

/** One consent box beyond the general one: its state, its error and what ticking it does. */
export interface ConsentBox {
  checked: boolean;
  error?: string;
  onChange: (checked: boolean) => void;
}

export interface ConsentView {
  notices: Notices;
  policy: PolicyState;
  policyExpanded: boolean;
  privacy: boolean;
  error?: string;
  /**
   * Present when the form has a sensitive field (PIPA Art. 23): a separate box, required while
   * a sensitive field is filled in (always, when one is required).
   */
  sensitive?: ConsentBox & { required: boolean };
  /** Present when marketingConsent is on: optional, with its own notice behind its own toggle. */
  marketing?: ConsentBox & { expanded: boolean; onToggle: () => void };
  /** Present when ageConfirmation is on (Art. 22-2). */
  age14?: ConsentBox;
  /** The clinic's phone, offered to a patient under 14; onClick reports the call (consult-contact). */
  phone?: { text: string; href: string; onClick: () => void };
  onTogglePolicy: () => void;
  onPrivacy: (checked: boolean) => void;
}

function renderNotice(notice: Notice, id: string) {
  return html`<h3 id=${id} class="consent-title">${notice.title}</h3>
    <dl class="notice">
      ${notice.rows.map(([term, text]) => html`<div><dt>${term}</dt><dd>${text}</dd></div>`)}
    </dl>
    ${notice.notes.map((note) => html`<p class="refuse">${note}</p>`)}`;
}

/** A consent box: its input has the id, its label the part (the id unless named). */
function box(id: string, label: string, b: ConsentBox, required: boolean, extra: unknown = nothing, part = id) {
  return html`<label class="check" part=${part}>
      <input
        id=${id}
        type="checkbox"
        ?required=${required}
        .checked=${b.checked}
        aria-invalid=${b.error ? 'true' : 'false'}
        aria-describedby=${b.error ? `${id}-error` : nothing}
        @change=${(e: Event) => b.onChange((e.target as HTMLInputElement).checked)}
      />
      <span>${label}</span>
    </label>
    ${b.error ? html`<p id="${id}-error" class="error" part="error">${b.error} ${extra}</p>` : nothing}`;
}

/**
 * The notices Korean law asks for at the point of collection and their consent boxes, each
 * apart from the others and never pre-ticked: the general one (required), sensitive
 * information (when the form has a sensitive field; required once one is filled in), "14 or older" (when asked) and
 * marketing (optional, never a condition of sending, its notice behind its own toggle).
 */
export function renderConsent(v: ConsentView) {
  const expanded = v.policyExpanded;
  const n = v.notices;
  // The widget's own notice is the collection-and-use notice (Art. 15), not a privacy policy (Art. 30): named as what it
  // is; the region's name is not the section's heading (axe: two landmarks of one name).
  const builtin = v.policy.status === 'ready' && v.policy.builtin;
  return html`
    <section class="consent" part="consent" aria-labelledby="consent-title">
      ${renderNotice(n.privacy, 'consent-title')}
      <button
        type="button"
        class="policy-toggle"
        part="policy-toggle"
        aria-expanded=${expanded ? 'true' : 'false'}
        aria-controls="policy"
        @click=${v.onTogglePolicy}
      >
        ${builtin
          ? expanded
            ? msg('개인정보 수집·이용 안내 접기', { id: 'consent.notice.hide' })
            : msg('개인정보 수집·이용 안내 전문 보기', { id: 'consent.notice.show' })
          : expanded
            ? msg('개인정보 처리방침 접기', { id: 'consent.policy.hide' })
            : msg('개인정보 처리방침 전문 보기', { id: 'consent.policy.show' })}
      </button>
      <div
        id="policy"
        class="policy"
        part="policy"
        role="region"
        aria-label=${builtin ? msg('개인정보 수집·이용 안내 전문', { id: 'consent.notice.label' }) : msg('개인정보 처리방침', { id: 'consent.policy.label' })}
        tabindex="0"
        ?hidden=${!expanded}
      >
        ${policyBody(v.policy)}
      </div>
      ${box('consent-privacy', n.privacyBox, { checked: v.privacy, error: v.error, onChange: v.onPrivacy }, true)}
    </section>
    ${v.sensitive && n.sensitive
      ? html`<section class="consent" part="consent consent-sensitive-notice" aria-labelledby="sensitive-title">
          ${renderNotice(n.sensitive, 'sensitive-title')} ${box('consent-sensitive', n.sensitiveBox, v.sensitive, v.sensitive.required)}
        </section>`
      : nothing}
    ${v.age14
      ? html`<section class="consent" part="consent consent-age14-notice" aria-label=${n.age14Box}>
          ${box(
            'consent-age14',
            n.age14Box,
            v.age14,
            true,
            v.phone ? html`<a href=${v.phone.href} @click=${v.phone.onClick}>${v.phone.text}</a>` : nothing,
            // The part agencies style is consent-age, as the README and <consult-widget>'s
            // exportparts name it; the id stays consent-age14, the payload's consent.age14.
            'consent-age',
          )}
        </section>`
      : nothing}
    ${v.marketing && n.marketing
      ? html`<section class="consent" part="consent consent-marketing-notice" aria-label=${n.marketing.title}>
          ${box('consent-marketing', n.marketingBox, v.marketing, false)}
          <button
            type="button"
            class="policy-toggle"
            part="marketing-toggle"
            aria-expanded=${v.marketing.expanded ? 'true' : 'false'}
            aria-controls="marketing-notice"
            @click=${v.marketing.onToggle}
          >
            ${v.marketing.expanded ? msg('마케팅 정보 수신 안내 접기', { id: 'consent.marketing.hide' }) : msg('마케팅 정보 수신 안내 보기', { id: 'consent.marketing.show' })}
          </button>
          <div id="marketing-notice" class="marketing-notice" ?hidden=${!v.marketing.expanded}>${renderNotice(n.marketing, 'marketing-title')}</div>
        </section>`
      : nothing}
  `;
}

function policyBody(policy: PolicyState) {
  switch (policy.status) {
    case 'loading':
      return html`<p>${msg('불러오는 중…', { id: 'consent.policy.loading' })}</p>`;
    case 'failed':
      return html`<p>
        ${msg('개인정보 처리방침을 여기에 표시하지 못했습니다.', { id: 'consent.policy-failed' })}
        <a href=${linkHref(policy.url) ?? nothing} target="_blank" rel="noopener noreferrer">${msg('새 창에서 보기', { id: 'consent.policy.open' })}</a>
      </p>`;
    // A sanitized policy is one element, moved back in when the dialog is rendered again.
    case 'ready':
      return typeof policy.content === 'string' ? html`<div class="policy-text">${policy.content}</div>` : policy.content;
    default:
      return nothing;
  }
}
