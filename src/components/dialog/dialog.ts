import { LitElement, html, nothing } from 'lit';
import { formatList, warmFormats } from '../../i18n/formats.js';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '../../i18n.js';
import { LocaleController } from '../../locale-controller.js';
import { currentLocale as getLocale } from '../../localization.js';
import { dialogStyles } from './dialog.styles.js';
import { renderField, fieldId } from './fields.js';
import { renderConsent } from './consent.js';
import { renderDirections } from './directions.js';
import { errorTexts, fieldLabel, formTitle, inSentence, ownLang, retentionPeriod, submitLabel } from './texts.js';
import { buildNotices, noticeHash, type Notices } from './notices.js';
import { withParticle } from '../../i18n/particles.js';
import { icons } from '../widget/icons.js';
import { closeLabel, directionsLabel } from '../widget/labels.js';
import { resolveForm, type ResolvedForm } from '../../config/forms.js';
import type { FieldConfig, Locale, WidgetConfig, WidgetConfigInput } from '../../config/schema.js';
import { resolveTexts } from '../../config/resolve-texts.js';
import { emit, viewId, type CloseReason, type DialogView } from '../../events.js';
import { defaultPolicy } from '../../policy/default-policy.js';
import { policyVersion } from '../../policy/version.js';
import { tabbables } from '../../util/focus.js';
import { telHref } from '../../util/tel.js';
import { DEFAULT_RETENTION_MONTHS } from '../../config/defaults.js';
import { MAX_AGE_MS } from '../../delivery/outbox.js';
import { HONEYPOT_MAX } from '../../delivery/build-inquiry.js';
import { ModalController } from './modal-controller.js';
import { PolicyController } from './policy-controller.js';
import { InquiryController, needsSensitiveConsent, type Failure } from './inquiry-controller.js';



/**
 * Scrolls by a distance measured on the page: in a form scaled up on a page shrunk to fit a phone
 * (see pageFit), the scroll position counts the form's own, larger px.
 */
const scrollBodyBy = (body: HTMLElement, pagePx: number) => (body.scrollTop += pagePx / ((body as { currentCSSZoom?: number }).currentCSSZoom || 1));

/** The send button's label while sending, and what a screen reader hears then. */
const sendingText = () => msg('보내는 중…', { id: 'dialog.sending' });

/**
 * @summary The modal inquiry form (or directions panel) with privacy consent. Loaded only
 * when a patient opens it; placed by `<consult-widget>`, which passes its configuration.
 *
 * @tagname consult-dialog
 *
 * @fires consult-open - The dialog opened. `detail: { formId }`
 * @fires consult-close - The dialog closed. `detail: { formId, reason }`
 * @fires consult-submit - An inquiry is being sent. `detail: { formId, inquiryId }`
 * @fires consult-queued - Offline: the inquiry was saved in the browser and will be sent by itself. `detail: { formId, inquiryId }`
 * @fires consult-success - The endpoint accepted it. `detail: { formId, inquiryId, status }`
 * @fires consult-error - Sending failed; the form keeps what was typed. `detail: { formId, inquiryId, reason, status? }`
 * @fires consult-contact - A patient followed the map link (`method: "directions"`) or a phone link (`"phone"`). `detail: { method }`
 *
 * @csspart dialog - The native dialog element.
 * @csspart header - Title row with the close button.
 * @csspart title - The heading.
 * @csspart close-button - The close button.
 * @csspart body - The scrolling content.
 * @csspart field - Each field's wrapper.
 * @csspart error - An error message under a field.
 * @csspart consent - The privacy notice and consent boxes.
 * @csspart consent-sensitive-notice - The sensitive-information notice and its box (also part consent).
 * @csspart consent-age14-notice - The "14 or older" box's section (also part consent).
 * @csspart consent-marketing-notice - The marketing box, its toggle and notice (also part consent).
 * @csspart policy-toggle - The button that expands the full policy.
 * @csspart policy - The expanded policy text.
 * @csspart consent-privacy - The required consent box's label.
 * @csspart consent-marketing - The optional marketing consent box's label.
 * @csspart consent-sensitive - The separate consent box for sensitive information (a form with a sensitive field).
 * @csspart consent-age - The "14 or older" box's label (ageConfirmation).
 * @csspart marketing-toggle - The button that expands the marketing notice.
 * @csspart intro - The KakaoTalk form's note on how the answer will come.
 * @csspart reply-time - When the clinic will answer, in the success message.
 * @csspart success-phone - The clinic's phone link in the success message.
 * @csspart alert - The message shown when sending failed.
 * @csspart submit - The send button.
 * @csspart sending-note - Said under it while a send takes long: the inquiry is kept in this browser.
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
export class ConsultDialog extends LitElement {
  static override styles = dialogStyles;

  /** The widget's validated configuration (texts possibly per language). */
  @property({ attribute: false }) config: Partial<WidgetConfigInput> = {};

  /** The configuration with its texts in the language on screen. */
  private get settings(): Partial<WidgetConfig> {
    return this.settingsIn(getLocale() as Locale);
  }

  /** The configuration with its texts in `locale`, worked out once per configuration. */
  private settingsIn(locale: Locale): Partial<WidgetConfig> {
    if (this.resolvedFrom !== this.config) this.resolved.clear();
    this.resolvedFrom = this.config;
    let settings = this.resolved.get(locale);
    if (!settings) this.resolved.set(locale, (settings = resolveTexts(this.config, locale)));
    return settings;
  }
  private resolvedFrom?: Partial<WidgetConfigInput>;
  private readonly resolved = new Map<Locale, Partial<WidgetConfig>>();

  /** True while the dialog is showing. */
  @property({ type: Boolean, reflect: true }) open = false;

  @state() private view?: DialogView;
  /** What the closed dialog holds, rendered ahead of a likely tap (prepare()) or kept from the last opening. */
  @state() private prepared?: DialogView;
  @state() private marketingExpanded = false;

  /** Renders again when the texts change language. */
  protected readonly localeUpdates = new LocaleController(this);
  private readonly modal = new ModalController(
    this,
    () => this.renderRoot.querySelector('dialog'),
    () => this.close('back'),
  );
  private readonly policy = new PolicyController(this, () => this.settings.policy);
  private readonly inquiry = new InquiryController(this);

  /**
   * A patient who follows the map link or one of the clinic's phone links in the dialog has
   * made contact as surely as with a link button, so the same consult-contact goes out
   * (the method alone, never what was typed).
   */
  private readonly onCall = () => emit(this, 'consult-contact', { method: 'phone' });
  private readonly onMap = () => emit(this, 'consult-contact', { method: 'directions' });

  private get form(): ResolvedForm | undefined {
    return this.view?.type === 'form' ? resolveForm(this.settings, this.view.formId) : undefined;
  }

  /**
   * Renders a form or the directions into the closed dialog ahead of a likely tap (a pointer
   * over or down on its button): opening it then only has to show what is already built, where
   * building it in the tap took most of the time to a usable form on a slow phone.
   */
  prepare(view: DialogView): void {
    if (this.open) return;
    this.prepared = view;
    // Then laid out once, unseen, in a task of its own (see ModalController.warm).
    void this.updateComplete.then(() => setTimeout(() => this.modal.warm()));
  }

  /**
   * Shows a form or the directions; focus returns to `opener` when it closes. Answers whether
   * the dialog is showing (a later show() decides which view): not when a close() came first.
   */
  async show(view: DialogView, opener: HTMLElement | null): Promise<boolean> {
    if (this.open && this.view && viewId(this.view) !== viewId(view)) this.close('api');
    this.view = view;
    // The draft starts when its form is first shown (the antispam elapsed time counts from here).
    if (this.form) this.inquiry.shown(this.form);
    this.modal.rememberOpener(opener);
    this.open = true;
    this.policy.collapse();
    this.marketingExpanded = false;
    await this.updateComplete;
    // A later show() or close() in the meantime decides what is on screen.
    if (this.open && this.view === view) {
      let opened: boolean;
      try {
        opened = this.modal.show();
      } catch (error) {
        this.open = false;
        throw error;
      }
      if (opened) emit(this, 'consult-open', { formId: viewId(view) });
      if (this.open) this.focusStart();
    }
    return this.open;
  }

  /** Created (closed) on a patient's intent: the formatters a form needs are made in the next task. */
  override connectedCallback(): void {
    super.connectedCallback();
    setTimeout(() => warmFormats(getLocale()));
  }

  /**
   * Taken out of the page (a single-page site swapped <body>): a removed modal is no longer
   * modal, so close it properly (scroll and focus restored); the drafts stay for the next open.
   */
  override disconnectedCallback(): void {
    this.close('api');
    super.disconnectedCallback();
  }

  close(reason: CloseReason = 'api'): void {
    if (!this.open || !this.view) return;
    const formId = viewId(this.view);
    if (this.form) this.inquiry.forgetIfSent(this.form.id);
    this.open = false;
    // Stays built, closed, so opening it again is as quick as the first time after intent.
    this.prepared = this.view;
    if (this.modal.hide()) emit(this, 'consult-close', { formId, reason });
  }

  /**
   * On a touch screen focus goes to the heading, so no keyboard pops up over the form and its
   * notice before the patient has read them; with a mouse and keyboard, to the first field.
   */
  private focusStart(): void {
    const root = this.renderRoot as ShadowRoot;
    const touch = matchMedia('(pointer: coarse)').matches;
    const target =
      root.querySelector<HTMLElement>('.success') ??
      (touch ? root.querySelector<HTMLElement>('.title') : null) ??
      root.querySelector<HTMLElement>('form .field input, form .field select, form .field textarea') ??
      tabbables(root)[0];
    target?.focus();
  }

  /**
   * Enter in a one-line field moves on to the next field, as its enterkeyhint="next" says,
   * instead of sending half a form. Not while an IME is composing (Korean syllables).
   */
  private onFormKeydown(event: KeyboardEvent): void {
    const field = event.composedPath()[0];
    if (event.key !== 'Enter' || event.isComposing || event.keyCode === 229 || !(field instanceof HTMLInputElement)) return;
    if (!['text', 'tel'].includes(field.type)) return;
    event.preventDefault();
    const controls = tabbables(field.form!).filter((el) => el.matches('input, select, textarea, [part="submit"]'));
    controls[controls.indexOf(field) + 1]?.focus();
  }

  /**
   * Focuses an invalid field and scrolls the body so that its label shows below the header
   * (a plain focus() would stop at the input, its label hidden at the top edge).
   */
  private revealInvalid(id: string): void {
    const root = this.renderRoot as ShadowRoot;
    const control = root.getElementById(id);
    const body = root.querySelector<HTMLElement>('.body');
    if (!control || !body) return;
    control.focus({ preventScroll: true });
    const top = (control.closest('.field, .check') ?? control).getBoundingClientRect().top;
    scrollBodyBy(body, top - body.getBoundingClientRect().top - 12);
  }

  /** The success message's close button; a tap on it that is the second of a double tap on send (a pointer's click, detail ≥ 1) is ignored. */
  private onDone(event: MouseEvent, formId: string): void {
    if (event.detail > 0 && this.inquiry.justSettled(formId)) return;
    this.close('done');
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
    if (this.open && !this.renderRoot.querySelector('dialog')?.open) this.close('escape');
  }

  protected override render() {
    // Closed, the dialog holds what prepare() asked for (hidden, as a closed <dialog> is).
    const view = this.open ? this.view : this.prepared;
    const form = view?.type === 'form' ? resolveForm(this.settings, view.formId) : undefined;
    const title = !view ? '' : view.type === 'directions' ? directionsLabel() : (form?.title ?? formTitle(view.formId));
    // lang: the language of the texts shown, which may differ from the page's.
    return html`<dialog
      part="dialog"
      lang=${getLocale()}
      aria-labelledby="title"
      @cancel=${this.onCancel}
      @close=${this.onNativeClose}
      @keydown=${this.modal.onKeydown}
      @keyup=${this.modal.keepKeysInside}
      @keypress=${this.modal.keepKeysInside}
    >
      ${view
        ? html`<div class="header" part="header">
              <h2 id="title" class="title" part="title" tabindex="-1" lang=${ownLang(title) ?? nothing}>${title}</h2>
              <button type="button" class="close" part="close-button" aria-label=${closeLabel()} @click=${() => this.close('close-button')}>
                ${icons.close}
              </button>
            </div>
            <div class="body" part="body">
              ${view.type === 'directions' ? renderDirections(this.settings, this.onCall, this.onMap) : form ? this.renderForm(form) : nothing}
            </div>`
        : nothing}
    </dialog>`;
  }

  private context() {
    return { config: this.settings, clinicConfig: this.settingsIn('ko'), policyVersion: policyVersion(this.settings.policy), locale: getLocale() };
  }

  private renderForm(configured: ResolvedForm) {
    const draft = this.inquiry.draft(configured);
    if (draft.status === 'sent' || draft.status === 'queued') {
      const sent = draft.status === 'sent';
      const phone = this.settings.phone;
      return html`<div class="success" part="success" role="status" tabindex="-1">
        <p class="success-title">${sent ? msg('문의가 접수되었습니다.', { id: 'dialog.sent-title' }) : msg('문의를 이 브라우저에 저장해 두었습니다.', { id: 'dialog.queued-title' })}</p>
        <p class="reply-time" part="reply-time">
          ${sent
            ? this.settings.replyTime || msg('진료일 기준 하루 안에 남겨 주신 연락처로 연락드리겠습니다.', { id: 'dialog.reply-time' })
            : msg('연결되는 대로 자동으로 병원에 보내 드립니다. 이 페이지를 닫으시면 다음에 이 병원 홈페이지를 여실 때 보내 드리며, 24시간이 지나도록 보내지 못하면 삭제됩니다.', { id: 'dialog.queued-text' })}
        </p>
        ${phone
          ? html`<p>${msg('급하시면 전화로 문의해 주세요.', { id: 'dialog.success-call' })} <a class="nowrap" part="success-phone" href=${telHref(phone)} @click=${this.onCall}>${phone}</a></p>`
          : nothing}
        <button type="button" class="button" @click=${(e: MouseEvent) => this.onDone(e, configured.id)}>${closeLabel()}</button>
      </div>`;
    }
    const form = this.inquiry.limitedForm(configured, this.context(), (f) => this.optionsFor(f).map((o) => o.value));
    const sending = draft.status === 'sending';
    const notices = this.notices(form);
    const phone = this.settings.phone;
    return html`<form novalidate @submit=${(e: Event) => this.submit(e, form, notices)} @keydown=${this.onFormKeydown}>
      ${form.id === 'kakao'
        ? html`<p class="intro" part="intro">
            ${msg('카카오톡 대신 이 양식으로 상담 신청을 받습니다. 남겨 주신 연락처로 병원에서 전화나 문자로 답변드립니다.', { id: 'form.kakao.intro' })}
          </p>`
        : nothing}
      ${form.fields.map((field) =>
        renderField({
          field,
          value: draft.values[field.name],
          error: draft.errors[field.name],
          options: this.optionsFor(field),
          onInput: (name, value) => this.inquiry.setValue(form, name, value),
        }),
      )}
      ${this.renderHoneypot()}
      ${renderConsent({
        notices,
        policy: this.policy.content(() => notices.policy),
        policyExpanded: this.policy.expanded,
        privacy: draft.privacy,
        error: draft.errors['consent-privacy'],
        sensitive: notices.sensitive
          ? {
              checked: draft.sensitive,
              required: needsSensitiveConsent(form, draft.values),
              error: draft.errors['consent-sensitive'],
              onChange: (c) => this.inquiry.setConsent(form, 'sensitive', c),
            }
          : undefined,
        marketing: notices.marketing
          ? {
              checked: draft.marketing,
              onChange: (c) => this.inquiry.setMarketing(form, c),
              expanded: this.marketingExpanded,
              onToggle: () => (this.marketingExpanded = !this.marketingExpanded),
            }
          : undefined,
        age14: this.settings.ageConfirmation
          ? { checked: draft.age14, error: draft.errors['consent-age14'], onChange: (c) => this.inquiry.setConsent(form, 'age14', c) }
          : undefined,
        phone: phone ? { text: phone, href: telHref(phone), onClick: this.onCall } : undefined,
        onTogglePolicy: () => this.policy.toggle(),
        onPrivacy: (checked) => this.inquiry.setPrivacy(form, checked),
      })}
      ${draft.status === 'failed' && draft.failure ? this.renderFailure(draft.failure) : nothing}
      <button type="submit" class="button submit" part="submit" aria-disabled=${sending ? 'true' : 'false'}>
        ${sending ? html`<span class="spinner" aria-hidden="true"></span>${sendingText()}` : (form.submitLabel ?? submitLabel(form.id))}
      </button>
      <p class="sending-note ${sending && draft.slow ? '' : 'quiet'}" part="sending-note" role="status">${sending
          ? draft.slow
            ? msg('연결이 느려 시간이 걸리고 있습니다. 작성하신 문의는 이 기기에 저장해 두어 사라지지 않습니다.', { id: 'dialog.sending-slow' })
            : // Heard at once, as the button changes under a screen reader's finger without a word.
              html`<span class="hidden-text">${sendingText()}</span>`
          : nothing}</p>
    </form>`;
  }

  /**
   * A field people never see and assistive technology never announces (inert, aria-hidden,
   * off-screen, out of the Tab order), which form-filling bots fill in. Its content goes with
   * the inquiry as antispam.honeypot; the receiver files a filled one as spam.
   */
  private renderHoneypot() {
    return html`<div class="hp" aria-hidden="true" inert>
      <label>Website <input type="text" name="website" tabindex="-1" autocomplete="off" maxlength=${HONEYPOT_MAX} /></label>
    </div>`;
  }

  private renderFailure(failure: Failure) {
    const phone = this.settings.phone;
    const status = failure.status;
    let text: string;
    // A redirect, or a page answered in place of a receipt (see sendOnce).
    if (failure.reason === 'redirect' || (failure.reason === 'http' && status! < 300)) text = msg('병원 홈페이지의 문의 접수 설정에 문제가 있어 보내지 못했습니다.', { id: 'dialog.error-redirect' });
    else if (failure.reason === 'rate-limit') text = msg('짧은 시간에 문의를 여러 번 보내셔서 잠시 보낼 수 없습니다. 10분쯤 뒤에 다시 보내 주세요.', { id: 'dialog.error-rate-limit' });
    else if (failure.reason === 'too-large' || status === 413) text = msg('문의 내용이 너무 깁니다. 내용을 줄인 뒤 다시 보내 주세요.', { id: 'dialog.error-too-large' });
    else if (status === 429) text = msg('병원 서버에 문의가 몰려 잠시 받을 수 없습니다. 잠시 후 다시 보내 주세요.', { id: 'dialog.error-busy' });
    else if (status === 400 || status === 422) text = msg('병원 서버가 입력 내용을 받지 않았습니다. 내용을 확인해 주세요.', { id: 'dialog.error-refused' });
    else if (failure.reason === 'http' && status !== undefined && status >= 400 && status < 500) {
      text = msg(str`병원 홈페이지의 문의 접수 설정에 문제가 있어 보내지 못했습니다(오류 ${status}).`, { id: 'dialog.error-setup' });
    } else if (failure.reason === 'http') text = msg(str`병원 서버가 문의를 받지 못했습니다(오류 ${status ?? ''}). 잠시 후 다시 보내 주세요.`, { id: 'dialog.error-server' });
    else if (failure.reason === 'unexpected') text = msg('보내는 중에 문제가 생겨 보내지 못했습니다. 다시 보내 주세요.', { id: 'dialog.error-unexpected' });
    else if (failure.reason === 'timeout') text = msg('응답이 너무 늦어 전송을 멈췄습니다. 잠시 후 다시 보내 주세요.', { id: 'dialog.error-timeout' });
    else text = msg('인터넷 연결을 확인한 뒤 다시 보내 주세요.', { id: 'dialog.error-network' });
    return html`<div class="alert" part="alert" role="alert">
      <p>${text} ${msg('입력하신 내용은 그대로 남아 있습니다.', { id: 'dialog.error-kept' })}</p>
      ${phone ? html`<p>${msg('급하시면 전화로 문의해 주세요:', { id: 'dialog.error-call' })} <a href=${telHref(phone)} @click=${this.onCall}>${phone}</a></p>` : nothing}
    </div>`;
  }

  /** The notice texts of a form, from which both the screen and the consent record's hash come. */
  private notices(form: ResolvedForm): Notices {
    const locale = getLocale();
    // PIPA asks the notice to name every item collected, and a checkbox is sent too (true or
    // false). Its label is a statement ("처음 방문합니다"), so it is named as whether it was ticked.
    const item = (f: FieldConfig) => (f.kind === 'checkbox' ? msg(str`‘${fieldLabel(f)}’ 체크 여부`, { id: 'consent.item.checkbox' }) : inSentence(f));
    const list = (fields: readonly FieldConfig[], name = inSentence) => formatList(locale, fields.map(name));
    const general = form.fields.filter((f) => !f.sensitive).map(item);
    const items = formatList(locale, general);
    const period = retentionPeriod(this.settings.policy?.retentionMonths ?? DEFAULT_RETENTION_MONTHS, locale);
    const p = this.settings.policy;
    const clinic = this.settings.clinicName || msg('본원', { id: 'policy.clinic' });
    return buildNotices({
      items,
      // PIPA Art. 15(2) asks for every item: the page data that goes with an inquiry too.
      collected: formatList(locale, [
        ...general,
        msg('자동으로 기록되는 접속 정보(문의하신 페이지의 주소와 제목, 처음 방문하신 페이지의 주소, 유입 경로, 광고 정보)', { id: 'consent.privacy.page-data' }),
      ]),
      sensitiveItems: list(form.fields.filter((f) => f.sensitive)),
      sensitiveRequired: form.fields.some((f) => f.sensitive && f.required),
      period,
      outboxHours: MAX_AGE_MS / 3_600_000,
      marketing: !!this.settings.marketingConsent,
      age14: !!this.settings.ageConfirmation,
      age14Text: errorTexts.age14(),
      policy:
        p?.html ??
        p?.text ??
        p?.url ??
        defaultPolicy({
          clinic,
          clinicTopic: locale === 'ko' ? withParticle(clinic, '은/는') : clinic,
          items: list(form.fields, item),
          period,
          phone: this.settings.phone,
          phoneTo: this.settings.phone && locale === 'ko' ? withParticle(this.settings.phone, '으로/로') : this.settings.phone,
          processor: p?.processor,
        }),
    });
  }

  private optionsFor(field: FieldConfig): Array<{ value: string; label?: string }> {
    const configured = field.options ?? (field.name === 'interest' ? (this.settings.interests ?? []) : []);
    return configured.map((o) => (typeof o === 'string' ? { value: o } : o));
  }

  private async submit(event: Event, form: ResolvedForm, notices: Notices): Promise<void> {
    event.preventDefault();
    const honeypot = this.renderRoot.querySelector<HTMLInputElement>('.hp input')?.value ?? '';
    let invalid: string | undefined;
    try {
      invalid = await this.inquiry.submit(form, { ...this.context(), honeypot, noticeHash: await noticeHash(notices) });
    } catch (error) {
      // Whatever broke (a page that patched what we use), the patient is told it was not sent
      // and keeps what was typed, rather than pressing a send button that does nothing.
      console.error('[consult-widget] The inquiry could not be sent:', error);
      this.inquiry.failUnexpectedly(form);
    }
    if (invalid !== undefined) {
      await this.updateComplete;
      this.revealInvalid(invalid.startsWith('consent-') ? invalid : fieldId(invalid));
      return;
    }
    await this.updateComplete;
    const status = this.inquiry.draft(form).status;
    if (!this.open || this.form?.id !== form.id) return;
    if (status === 'sent' || status === 'queued') this.renderRoot.querySelector<HTMLElement>('.success')?.focus();
    else if (status === 'failed') this.revealFailure();
  }

  /**
   * The alert appears above the send button, where the patient tapped at the bottom of the
   * sheet: scroll it and the send button (to try again) into sight, the alert's start first
   * when both do not fit.
   */
  private revealFailure(): void {
    const root = this.renderRoot as ShadowRoot;
    const body = root.querySelector<HTMLElement>('.body');
    const alert = root.querySelector<HTMLElement>('.alert');
    const send = root.querySelector<HTMLElement>('[part="submit"]');
    if (!body || !alert || !send) return;
    const view = body.getBoundingClientRect();
    const down = Math.max(0, send.getBoundingClientRect().bottom - view.bottom);
    scrollBodyBy(body, Math.min(down, alert.getBoundingClientRect().top - view.top - 12));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consult-dialog': ConsultDialog;
  }
}
