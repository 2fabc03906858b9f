import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { currentLocale as getLocale } from '../../localization.js';
import { dialogStyles } from './dialog.styles.js';
import { renderField, fieldId } from './fields.js';
import { renderConsent, type PolicyState } from './consent.js';
import { renderDirections } from './directions.js';
import { defaultInterests, errorTexts, fieldLabel, formTitle, retentionPeriod } from './texts.js';
import { validateFields } from './validate-form.js';
import { icons } from '../widget/icons.js';
import { resolveForm, type ResolvedForm } from '../../config/forms.js';
import type { FieldConfig, WidgetConfig } from '../../config/schema.js';
import { emit, viewId, type CloseReason, type DialogView, type FailureReason } from '../../events.js';
import { InquirySchema, type FieldValue } from '../../schema/inquiry.js';
import { deliver } from '../../delivery/send.js';
import { buildInquiry } from '../../delivery/build-inquiry.js';
import { loadPolicy } from '../../policy/load.js';
import { sanitizeHtml } from '../../policy/sanitize.js';
import { defaultPolicy } from '../../policy/default-policy.js';
import { policyVersion } from '../../policy/version.js';
import { newInquiryId } from '../../util/id.js';
import { lockScroll } from '../../util/scroll-lock.js';
import { tabbables, trapTab } from '../../util/focus.js';
import { telHref } from '../../util/tel.js';
import { DEFAULTS, DEFAULT_RETENTION_MONTHS } from '../../config/defaults.js';

type Status = 'editing' | 'sending' | 'sent' | 'failed';

/** Everything a patient has put into one form; it survives closing the dialog and failed sends. */
interface Draft {
  values: Record<string, FieldValue>;
  errors: Record<string, string>;
  privacy: boolean;
  agreedAt?: string;
  marketing: boolean;
  /** Fixed at the first attempt, so every retry of the same inquiry carries the same id. */
  inquiryId?: string;
  status: Status;
  failure?: { reason: FailureReason; status?: number };
}


/**
 * @summary The modal inquiry form (or directions panel) with privacy consent. Loaded only
 * when a patient opens it; placed by `<consult-widget>`, which passes its configuration.
 *
 * @tagname consult-dialog
 *
 * @fires consult-open - The dialog opened. `detail: { formId }`
 * @fires consult-close - The dialog closed. `detail: { formId, reason }`
 * @fires consult-submit - An inquiry is being sent. `detail: { formId, inquiryId }`
 * @fires consult-success - The endpoint accepted it. `detail: { formId, inquiryId, status }`
 * @fires consult-error - Sending failed; the form keeps what was typed. `detail: { formId, inquiryId, reason, status? }`
 *
 * @csspart dialog - The native dialog element.
 * @csspart header - Title row with the close button.
 * @csspart title - The heading.
 * @csspart close-button - The close button.
 * @csspart body - The scrolling content.
 * @csspart field - Each field's wrapper.
 * @csspart error - An error message under a field.
 * @csspart consent - The privacy notice and consent boxes.
 * @csspart policy-toggle - The button that expands the full policy.
 * @csspart policy - The expanded policy text.
 * @csspart consent-privacy - The required consent box's label.
 * @csspart consent-marketing - The optional marketing consent box's label.
 * @csspart alert - The message shown when sending failed.
 * @csspart submit - The send button.
 * @csspart success - The message shown once the clinic has the inquiry.
 * @csspart directions - The directions panel.
 * @csspart map-link - The "see details" link to the map page.
 *
 * @cssprop --consult-brand - Brand colour of the send button and focus rings.
 * @cssprop --consult-brand-text - Text on the brand colour.
 * @cssprop --consult-text - Text colour.
 * @cssprop --consult-background - Dialog background.
 * @cssprop --consult-font - Font family.
 * @cssprop --consult-radius - Corner radius.
 */
@localized()
export class ConsultDialog extends LitElement {
  static override styles = dialogStyles;

  /** The widget's validated configuration. */
  @property({ attribute: false }) config: Partial<WidgetConfig> = {};

  /** True while the dialog is showing. */
  @property({ type: Boolean, reflect: true }) open = false;

  @state() private view?: DialogView;
  /** A policy fetched from policy.url; a failed fetch is tried again on the next expand. */
  @state() private fetchedPolicy: PolicyState = { status: 'idle' };
  @state() private policyExpanded = false;

  private drafts = new Map<string, Draft>();
  private opener: HTMLElement | null = null;
  private releaseScroll?: () => void;
  private stopViewportWatch?: () => void;

  private get dialogEl(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private get form(): ResolvedForm | undefined {
    return this.view?.type === 'form' ? resolveForm(this.config, this.view.formId) : undefined;
  }

  private draftFor(form: ResolvedForm): Draft {
    let draft = this.drafts.get(form.id);
    if (!draft) {
      const values: Record<string, FieldValue> = {};
      for (const f of form.fields) values[f.name] = f.kind === 'checkbox' ? false : '';
      draft = { values, errors: {}, privacy: false, marketing: false, status: 'editing' };
      this.drafts.set(form.id, draft);
    }
    return draft;
  }

  /** Shows a form or the directions; focus returns to `opener` when it closes. */
  async show(view: DialogView, opener: HTMLElement | null): Promise<void> {
    if (this.open && this.view && viewId(this.view) !== viewId(view)) this.close('api');
    const already = this.open;
    this.view = view;
    this.opener = opener ?? this.opener;
    this.open = true;
    this.policyExpanded = false;
    await this.updateComplete;
    const dialog = this.dialogEl;
    if (!dialog) return;
    if (!already) {
      dialog.showModal();
      this.releaseScroll = lockScroll();
      this.watchViewport();
      emit(this, 'consult-open', { formId: viewId(view) });
    }
    this.focusStart();
  }

  close(reason: CloseReason = 'api'): void {
    if (!this.open || !this.view) return;
    const formId = viewId(this.view);
    const form = this.form;
    if (form && this.drafts.get(form.id)?.status === 'sent') this.drafts.delete(form.id);
    this.dialogEl?.close();
    this.open = false;
    this.releaseScroll?.();
    this.releaseScroll = undefined;
    this.stopViewportWatch?.();
    this.stopViewportWatch = undefined;
    const opener = this.opener;
    this.opener = null;
    if (opener?.isConnected) opener.focus();
    emit(this, 'consult-close', { formId, reason });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.releaseScroll?.();
    this.stopViewportWatch?.();
  }

  private focusStart(): void {
    const root = this.renderRoot as ShadowRoot;
    const target =
      root.querySelector<HTMLElement>('.success') ?? root.querySelector<HTMLElement>('form .field input, form .field select, form .field textarea') ?? tabbables(root)[0];
    target?.focus();
  }

  /**
   * Phones shrink the visual viewport when the keyboard opens; sizing the dialog to it and
   * scrolling the focused field into view keeps what the patient types visible.
   */
  private watchViewport(): void {
    const vv = window.visualViewport;
    const fit = () => vv && this.style.setProperty('--consult-viewport-height', `${Math.round(vv.height)}px`);
    const reveal = (e: Event) => {
      const target = e.composedPath()[0];
      if (target instanceof HTMLElement) setTimeout(() => target.scrollIntoView({ block: 'nearest' }), 250);
    };
    fit();
    vv?.addEventListener('resize', fit);
    this.renderRoot.addEventListener('focusin', reveal);
    this.stopViewportWatch = () => {
      vv?.removeEventListener('resize', fit);
      this.renderRoot.removeEventListener('focusin', reveal);
      this.style.removeProperty('--consult-viewport-height');
    };
  }

  private onCancel(event: Event): void {
    // Escape: close through our own path so scroll, focus and events are restored.
    event.preventDefault();
    this.close('escape');
  }

  /**
   * The browser can close a modal by itself (a second Escape without a cancel event, a form
   * with method="dialog"); run our own close then, so the page is never left scroll-locked.
   */
  private onNativeClose(): void {
    if (this.open && !this.dialogEl?.open) this.close('escape');
  }

  private onKeydown(event: KeyboardEvent): void {
    trapTab(event, this.renderRoot as ShadowRoot);
    this.keepKeysInside(event);
  }

  /**
   * Host pages listen for keys on document (slide shows, "press space to scroll"), and from
   * outside the patient's typing looks like it is not in a field; keep keys to ourselves.
   */
  private keepKeysInside(event: KeyboardEvent): void {
    event.stopPropagation();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('config')) {
      this.sanitizedPolicy = undefined;
      this.fetchedPolicy = { status: 'idle' };
    }
  }

  protected override render() {
    const view = this.view;
    const form = this.form;
    const title = !view ? '' : view.type === 'directions' ? msg('오시는 길') : (form?.title ?? formTitle(view.formId));
    return html`<dialog
      part="dialog"
      aria-labelledby="title"
      @cancel=${this.onCancel}
      @close=${this.onNativeClose}
      @keydown=${this.onKeydown}
      @keyup=${this.keepKeysInside}
      @keypress=${this.keepKeysInside}
    >
      ${this.open && view
        ? html`<div class="header" part="header">
              <h2 id="title" class="title" part="title">${title}</h2>
              <button type="button" class="close" part="close-button" aria-label=${msg('닫기')} @click=${() => this.close('close-button')}>
                ${icons.close}
              </button>
            </div>
            <div class="body" part="body">
              ${view.type === 'directions' ? renderDirections(this.config) : form ? this.renderForm(form) : nothing}
            </div>`
        : nothing}
    </dialog>`;
  }

  private renderForm(form: ResolvedForm) {
    const draft = this.draftFor(form);
    if (draft.status === 'sent') {
      return html`<div class="success" part="success" role="status" tabindex="-1">
        <p class="success-title">${msg('문의가 접수되었습니다.')}</p>
        <p>${msg('확인하는 대로 남겨 주신 연락처로 연락드리겠습니다.')}</p>
        <button type="button" class="button" @click=${() => this.close('done')}>${msg('닫기')}</button>
      </div>`;
    }
    const sending = draft.status === 'sending';
    const locale = getLocale();
    // A checkbox's label is a statement ("This is my first visit"), not the name of an item.
    const collected = form.fields.filter((f) => f.kind !== 'checkbox').map((f) => fieldLabel(f));
    const items = new Intl.ListFormat(locale, { type: 'conjunction' }).format(collected);
    return html`<form novalidate @submit=${(e: Event) => this.submit(e, form)}>
      ${form.fields.map((field) =>
        renderField({
          field,
          value: draft.values[field.name],
          error: draft.errors[field.name],
          options: this.optionsFor(field),
          onInput: (name, value) => {
            draft.values[name] = value;
            if (draft.errors[name]) {
              delete draft.errors[name];
              this.requestUpdate();
            }
          },
        }),
      )}
      ${renderConsent({
        items,
        purpose: msg('문의 내용 확인과 답변, 상담 및 예약 안내'),
        period: retentionPeriod(this.config.policy?.retentionMonths ?? DEFAULT_RETENTION_MONTHS, locale),
        policy: this.policyContent(items),
        policyExpanded: this.policyExpanded,
        privacy: draft.privacy,
        marketing: this.config.marketingConsent ? draft.marketing : undefined,
        error: draft.errors['consent-privacy'],
        onTogglePolicy: () => this.togglePolicy(),
        onPrivacy: (checked) => {
          draft.privacy = checked;
          draft.agreedAt = checked ? new Date().toISOString() : undefined;
          delete draft.errors['consent-privacy'];
          this.requestUpdate();
        },
        onMarketing: (checked) => (draft.marketing = checked),
      })}
      ${draft.status === 'failed' && draft.failure ? this.renderFailure(draft.failure) : nothing}
      <button type="submit" class="button submit" part="submit" aria-disabled=${sending ? 'true' : 'false'}>
        ${sending ? html`<span class="spinner" aria-hidden="true"></span>${msg('보내는 중…')}` : (form.submitLabel ?? msg('문의 보내기'))}
      </button>
    </form>`;
  }

  private renderFailure(failure: NonNullable<Draft['failure']>) {
    const phone = this.config.phone;
    let text: string;
    if (failure.reason === 'http') text = msg(str`병원 서버가 문의를 받지 못했습니다 (오류 ${failure.status ?? ''}). 잠시 후 다시 보내 주세요.`);
    else if (failure.reason === 'timeout') text = msg('응답이 너무 늦어 전송을 멈췄습니다. 잠시 후 다시 보내 주세요.');
    else if (failure.reason === 'invalid') text = msg('입력 내용을 보낼 수 없는 형식입니다. 내용을 확인해 주세요.');
    else text = msg('인터넷 연결을 확인한 뒤 다시 보내 주세요.');
    return html`<div class="alert" part="alert" role="alert">
      <p>${text} ${msg('입력하신 내용은 그대로 남아 있습니다.')}</p>
      ${phone ? html`<p>${msg('급하시면 전화로 문의해 주세요:')} <a href=${telHref(phone)}>${phone}</a></p>` : nothing}
    </div>`;
  }

  private optionsFor(field: FieldConfig): Array<{ value: string; label?: string }> {
    const configured = field.options ?? (field.name === 'interest' ? (this.config.interests ?? defaultInterests()) : []);
    return configured.map((o) => (typeof o === 'string' ? { value: o } : o));
  }

  private async togglePolicy(): Promise<void> {
    this.policyExpanded = !this.policyExpanded;
    const policy = this.config.policy;
    // Only a fetched policy is kept in state; configured text and the built-in notice are
    // rendered from configuration each time, so they always match the form on screen.
    if (!this.policyExpanded || !policy?.url || policy.html || policy.text || this.fetchedPolicy.status === 'loading' || this.fetchedPolicy.status === 'ready') return;
    const url = policy.url;
    this.fetchedPolicy = { status: 'loading' };
    try {
      this.fetchedPolicy = { status: 'ready', content: await loadPolicy(url) };
    } catch {
      this.fetchedPolicy = { status: 'failed', url };
    }
  }

  /** The full policy to show: configured HTML or text, the fetched page, or the built-in notice. */
  private policyContent(items: string): PolicyState {
    const policy = this.config.policy;
    if (policy?.html) return { status: 'ready', content: (this.sanitizedPolicy ??= sanitizeHtml(policy.html)) };
    if (policy?.text) return { status: 'ready', content: policy.text };
    if (policy?.url) return this.fetchedPolicy;
    const clinic = this.config.clinicName || msg('본원');
    const period = retentionPeriod(policy?.retentionMonths ?? DEFAULT_RETENTION_MONTHS, getLocale());
    return { status: 'ready', content: defaultPolicy({ clinic, items, period, phone: this.config.phone }) };
  }
  private sanitizedPolicy?: HTMLElement;

  private async submit(event: Event, form: ResolvedForm): Promise<void> {
    event.preventDefault();
    const draft = this.draftFor(form);
    if (draft.status === 'sending') return;
    const endpoint = this.config.endpoint;
    draft.errors = validateFields(form, draft.values);
    if (!draft.privacy) draft.errors['consent-privacy'] = errorTexts.consent();
    const first = Object.keys(draft.errors)[0];
    if (first || !endpoint) {
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#${first === 'consent-privacy' ? first : fieldId(first ?? '')}`)?.focus();
      return;
    }

    draft.inquiryId ??= newInquiryId();
    const formId = form.id;
    const inquiryId = draft.inquiryId;
    const inquiry = buildInquiry({
      id: inquiryId,
      form: formId,
      fields: draft.values,
      marketing: this.config.marketingConsent ? draft.marketing : undefined,
      policyVersion: policyVersion(this.config.policy),
      agreedAt: draft.agreedAt ?? new Date().toISOString(),
      locale: getLocale(),
    });
    if (!InquirySchema.safeParse(inquiry).success) {
      draft.status = 'failed';
      draft.failure = { reason: 'invalid' };
      this.requestUpdate();
      emit(this, 'consult-error', { formId, inquiryId, reason: 'invalid' });
      return;
    }

    draft.status = 'sending';
    draft.failure = undefined;
    this.requestUpdate();
    emit(this, 'consult-submit', { formId, inquiryId });
    const result = await deliver(endpoint, inquiry, this.config.timeoutMs ?? DEFAULTS.timeoutMs);
    if (result.ok) {
      this.drafts.set(formId, { ...draft, values: {}, errors: {}, status: 'sent' });
      emit(this, 'consult-success', { formId, inquiryId, status: result.status });
    } else {
      draft.status = 'failed';
      draft.failure = { reason: result.reason, status: result.status };
      emit(this, 'consult-error', { formId, inquiryId, reason: result.reason, status: result.status });
    }
    this.requestUpdate();
    await this.updateComplete;
    if (result.ok && this.open && this.form?.id === formId) this.renderRoot.querySelector<HTMLElement>('.success')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consult-dialog': ConsultDialog;
  }
}
