import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FieldConfig, WidgetConfig } from '../../config/schema.js';
import { resolveForm, type ResolvedForm } from '../../config/forms.js';
import { DEFAULT_RETENTION_MONTHS, DEFAULTS } from '../../config/defaults.js';
import { DOUBLE_TAP_MS } from '../../config/constants.js';
import { emit, type FailureReason } from '../../events.js';
import { MAX_INQUIRY_BYTES } from '../../schema/limits.js';
import type { FieldValue } from '../../schema/inquiry.js';
import { buildInquiry, textLimits, type InquiryDraft } from '../../delivery/build-inquiry.js';
import { byteLength, encodeInquiry } from '../../delivery/encode.js';
import { explainUnreachable, type FailedTry, type OutgoingRequest } from '../../delivery/send.js';
import { sendWithRetries } from '../../delivery/retry.js';
import { mark, onFlushed, outbox, refusedForGood, TRYING, WAITING, watchOnline, type FlushNews } from '../../delivery/outbox.js';
import { takeSendSlot } from '../../delivery/rate-limit.js';
import { newInquiryId } from '../../util/id.js';
import { DEFAULT_MAX_LENGTH, filledSensitive, validateFields } from './validate-form.js';
import { errorTexts, fieldLabel, quoted } from './texts.js';
import { currentLocale } from '../../localization.js';
import { formatList } from '../../i18n/formats.js';
import { forgetValues, keepValues, keptOpenedAt, keptValues } from './kept-drafts.js';

export type Status = 'editing' | 'sending' | 'sent' | 'queued' | 'failed';
export interface Failure {
  reason: FailureReason;
  status?: number;
}

/** Everything a patient has put into one form; it survives closing the dialog and failed sends. */
export interface Draft {
  /** Prototype-less: a field named like an Object.prototype member is just a key. */
  values: Record<string, FieldValue>;
  errors: Record<string, string>;
  privacy: boolean;
  agreedAt?: string;
  marketing: boolean;
  /** The separate consent for sensitive information (PIPA Art. 23), and "I am 14 or older" (Art. 22-2). */
  sensitive: boolean;
  age14: boolean;
  /** When the form was first shown (the antispam elapsed time starts here); 0 while only prepared. */
  openedAt: number;
  /** The request of the last try, and the content it was built from. */
  last?: { content: string; request: OutgoingRequest };
  status: Status;
  /** When it was sent or saved (Date.now()), so that a tap on the message in the next moment counts as part of the tap on send. */
  settledAt?: number;
  failure?: Failure;
  /** Tries of the current inquiry so far. */
  tries: number;
  /** Sending has taken a while, and the inquiry is kept in this browser: the patient is told it is not lost. */
  slow?: boolean;
  /** The send under way (an object of its own each time). */
  attempt?: object;
}

export interface InquiryContext {
  config: Partial<WidgetConfig>;
  /** The same settings with their texts in the clinic's language (Korean when given): the labels staff read. */
  clinicConfig: Partial<WidgetConfig>;
  policyVersion: string;
  locale: string;
  /** SHA-256 of the notice texts on screen (absent while only measuring the body). */
  noticeHash?: string;
  /** What the hidden honeypot field holds (people leave it empty). */
  honeypot: string;
}

type Host = ReactiveControllerHost & HTMLElement;
/**
 * Whether the form asks for the sensitive-information consent (PIPA Art. 23) now: always when a
 * sensitive field is required, otherwise while one is filled in. Nothing sensitive is sent without it.
 */
export function needsSensitiveConsent(form: ResolvedForm, values: Record<string, FieldValue>): boolean {
  return form.fields.some((f) => f.sensitive && f.required) || filledSensitive(form, values).length > 0;
}

/**
 * The consent's error, naming the sensitive fields filled in (all of them, if none is yet) and,
 * when they are optional, that emptying them is the other way.
 */
function sensitiveError(form: ResolvedForm, values: Record<string, FieldValue>): string {
  const filled = filledSensitive(form, values);
  const items = formatList(currentLocale(), (filled.length ? filled : form.fields.filter((f) => f.sensitive)).map((f) => quoted(fieldLabel(f))));
  return form.fields.some((f) => f.sensitive && f.required) ? errorTexts.sensitive(items) : errorTexts.sensitiveFilled(items);
}

function withoutSensitive(form: ResolvedForm, values: Record<string, FieldValue>): Record<string, FieldValue> {
  const sent = blank<FieldValue>();
  for (const f of form.fields) if (!f.sensitive) sent[f.name] = values[f.name];
  return sent;
}

const blank = <T>() => Object.create(null) as Record<string, T>;
/** Longer than a send takes on a slow phone connection; then the patient hears that nothing is lost meanwhile. */
const SLOW_SEND_MS = 6000;
const TEXT_KINDS: ReadonlyArray<FieldConfig['kind']> = ['text', 'tel', 'textarea'];

/**
 * One inquiry per form, from the first keystroke until the clinic has it: the draft, its id,
 * the tries, the outbox and the status the dialog shows. The id names one inquiry's content:
 * while the patient changes nothing, every try (automatic or by pressing send again) carries
 * the same id, Idempotency-Key and body, so a receiver stores it once; once they change what
 * they typed after a failed try, the next send is a new inquiry with a new id.
 */
export class InquiryController implements ReactiveController {
  private drafts = new Map<string, Draft>();
  /** The forms of the drafts, as last shown. */
  private forms = new Map<string, ResolvedForm>();
  private unsubscribe?: () => void;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = onFlushed((results) => this.onFlushed(results));
    // Back in the page (a single-page site moved the widget): waiting on ours again.
    for (const draft of this.drafts.values()) if ((draft.status === 'queued' || draft.status === 'sending') && draft.last) void this.waitOn(draft.last.request.id);
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    // Not listening now: whichever tab sends them tells of them.
    for (const id of [...this.waiting.keys()]) this.settle(id);
  }

  draft(form: ResolvedForm): Draft {
    this.forms.set(form.id, form);
    let draft = this.drafts.get(form.id);
    if (!draft) {
      const values = blank<FieldValue>();
      for (const f of form.fields) values[f.name] = f.kind === 'checkbox' ? false : '';
      const kept = keptValues(form);
      for (const [name, value] of kept) values[name] = value;
      // A kept draft's time runs from when its form was first opened, before the reload.
      const openedAt = kept.length ? keptOpenedAt(form) : 0;
      draft = { values, errors: blank(), privacy: false, marketing: false, sensitive: false, age14: false, openedAt, status: 'editing', tries: 0 };
      this.drafts.set(form.id, draft);
    }
    return draft;
  }

  /** The form is on screen: its draft's antispam time starts now, unless it already had. */
  shown(form: ResolvedForm): void {
    const draft = this.draft(form);
    draft.openedAt ||= Date.now();
  }

  /** Forgets a form's draft once its inquiry has been received, so the next one starts empty. */
  forgetIfSent(formId: string): void {
    const status = this.drafts.get(formId)?.status;
    if (status === 'sent') this.drafts.delete(formId);
  }

  /**
   * Whether a form's inquiry was sent or saved only a moment ago. The success message takes the
   * place of the form, its close button where send was: a tap now is the second of a double tap
   * on send (the clinic's answer came in between), not the patient closing what they have not read.
   */
  justSettled(formId: string): boolean {
    const at = this.drafts.get(formId)?.settledAt;
    return at !== undefined && Date.now() - at < DOUBLE_TAP_MS;
  }

  setValue(form: ResolvedForm, name: string, value: FieldValue): void {
    const draft = this.draft(form);
    const needed = needsSensitiveConsent(form, draft.values);
    draft.values[name] = value;
    keepValues(form, draft.values, draft.openedAt);
    let changed = !!draft.errors[name];
    delete draft.errors[name];
    // The sensitive consent box is required while a sensitive field is filled in; emptying them
    // answers its error as ticking it does.
    const needs = needsSensitiveConsent(form, draft.values);
    if (needed !== needs) changed = true;
    if (draft.errors['consent-sensitive']) {
      // The error names the fields filled in: it follows them, and goes once none is.
      if (needs) draft.errors['consent-sensitive'] = sensitiveError(form, draft.values);
      else delete draft.errors['consent-sensitive'];
      changed = true;
    }
    if (changed) this.host.requestUpdate();
  }

  setPrivacy(form: ResolvedForm, checked: boolean): void {
    const draft = this.draft(form);
    draft.privacy = checked;
    draft.agreedAt = checked ? new Date().toISOString() : undefined;
    delete draft.errors['consent-privacy'];
    this.host.requestUpdate();
  }

  setMarketing(form: ResolvedForm, checked: boolean): void {
    this.draft(form).marketing = checked;
  }

  /** The other consent boxes: "consent-sensitive" or "consent-age14". */
  setConsent(form: ResolvedForm, which: 'sensitive' | 'age14', checked: boolean): void {
    const draft = this.draft(form);
    draft[which] = checked;
    delete draft.errors[`consent-${which}`];
    this.host.requestUpdate();
  }

  /**
   * The form with each text field's maxLength cut so that the whole body stays under
   * MAX_INQUIRY_BYTES in the configured format, whatever the configuration asks for.
   */
  limitedForm(form: ResolvedForm, context: Omit<InquiryContext, 'honeypot'>, options: (field: FieldConfig) => readonly string[]): ResolvedForm {
    const format = context.config.format ?? 'json';
    const key = `${format}|${context.policyVersion}|${JSON.stringify(form)}`;
    const cached = this.limitCache.get(form.id);
    if (cached?.key === key) return cached.form;
    const values = blank<FieldValue>();
    for (const f of form.fields) {
      const longest = options(f).reduce((a, b) => (b.length > a.length ? b : a), '');
      values[f.name] = f.kind === 'checkbox' ? false : TEXT_KINDS.includes(f.kind) ? '' : longest;
    }
    const limits = textLimits(
      form.fields.filter((f) => TEXT_KINDS.includes(f.kind)).map((f) => ({ name: f.name, maxLength: f.maxLength ?? DEFAULT_MAX_LENGTH })),
      this.inquiryDraft(form, { ...context, honeypot: '' }, values, newInquiryId(), 0),
    );
    const limited = { ...form, fields: form.fields.map((f) => (f.name in limits ? { ...f, maxLength: limits[f.name] } : f)) };
    this.limitCache.set(form.id, { key, form: limited });
    return limited;
  }
  private limitCache = new Map<string, { key: string; form: ResolvedForm }>();

  private inquiryDraft(form: ResolvedForm, context: InquiryContext, values: Record<string, FieldValue>, id: string, elapsedMs: number, draft?: Draft): InquiryDraft {
    // The labels and title staff read: the clinic's own, in its language.
    const clinicForm = resolveForm(context.clinicConfig, form.id);
    return {
      id,
      form: form.id,
      // Without that consent nothing of a sensitive field goes, not even that it was left empty
      // or unticked (an unticked "I am being treated for …" is health information too).
      fields: draft && !draft.sensitive ? withoutSensitive(form, values) : values,
      labels: Object.fromEntries((clinicForm?.fields ?? []).flatMap((f) => (f.label ? [[f.name, f.label]] : []))),
      formTitle: clinicForm?.title,
      marketing: context.config.marketingConsent ? (draft?.marketing ?? false) : undefined,
      // As given: without a draft, the largest body the form can make (textLimits).
      sensitive: form.fields.some((f) => f.sensitive) && (draft?.sensitive ?? true) ? true : undefined,
      age14: context.config.ageConfirmation ? true : undefined,
      noticeHash: context.noticeHash ?? '0'.repeat(64),
      // What the notice said (its "보유·이용 기간" row): the receiver keeps the inquiry no longer.
      retentionMonths: context.config.policy?.retentionMonths ?? DEFAULT_RETENTION_MONTHS,
      policyVersion: context.policyVersion,
      agreedAt: draft?.agreedAt ?? new Date().toISOString(),
      locale: context.locale,
      format: context.config.format ?? 'json',
      antispam: { honeypot: context.honeypot, elapsedMs },
    };
  }

  /**
   * Validates and sends. Answers the name of the first invalid field (or "consent-privacy")
   * for the dialog to focus, or undefined once the inquiry is sent, saved or has failed.
   */
  async submit(form: ResolvedForm, context: InquiryContext): Promise<string | undefined> {
    const draft = this.draft(form);
    if (draft.status === 'sending' || draft.status === 'queued') return undefined;
    const endpoint = context.config.endpoint;
    draft.errors = validateFields(form, draft.values);
    if (!draft.privacy) draft.errors['consent-privacy'] = errorTexts.consent();
    if (!draft.sensitive && needsSensitiveConsent(form, draft.values)) draft.errors['consent-sensitive'] = sensitiveError(form, draft.values);
    if (!draft.age14 && context.config.ageConfirmation) draft.errors['consent-age14'] = errorTexts.age14();
    const first = Object.keys(draft.errors)[0];
    if (first || !endpoint) {
      this.host.requestUpdate();
      return first;
    }

    // The content the id names: what the patient typed and chose. Unchanged since the last
    // try, the very same request goes again; changed, it is a new inquiry.
    const content = JSON.stringify([form.fields.map((f) => draft.values[f.name]), draft.marketing, draft.sensitive, endpoint, context.config.format, context.noticeHash]);
    let request = draft.last?.content === content ? draft.last.request : undefined;
    const formId = form.id;
    if (!request) {
      const id = newInquiryId();
      const inquiry = buildInquiry(this.inquiryDraft(form, context, draft.values, id, Date.now() - draft.openedAt, draft));
      const encoded = encodeInquiry(inquiry, context.config.format);
      if (byteLength(encoded.body) > MAX_INQUIRY_BYTES) return this.fail(draft, formId, id, { reason: 'too-large' });
      if (!takeSendSlot()) return this.fail(draft, formId, id, { reason: 'rate-limit' });
      // Stored whole: queued, it is sent from whatever page of the site loads next.
      request = { endpoint: new URL(endpoint, location.href).href, id, ...encoded };
      draft.last = { content, request };
      draft.tries = 0;
    }

    const inquiryId = request.id;
    // This send's own: a timer of an earlier send of the same inquiry never speaks for it.
    const attempt = (draft.attempt = {});
    draft.slow = false;
    draft.status = 'sending';
    draft.failure = undefined;
    this.host.requestUpdate();
    emit(this.host, 'consult-submit', { formId, inquiryId });
    const timeoutMs = context.config.timeoutMs ?? DEFAULTS.timeoutMs;
    const offline: FailedTry = { ok: false, reason: 'network' };
    // Kept in this browser before the first try: a tab closed, or a link followed, while the
    // tries go on would otherwise lose it. The next page of the site sends it under the same id
    // (stored once by the receiver, whichever copy arrives first).
    const savedAt = Date.now();
    // Marked before it is kept (see WAITING and TRYING): flushes in any tab of the site leave these
    // tries alone, and telling of it to this dialog.
    const [, triesDone] = await Promise.all([this.waitOn(inquiryId), mark(TRYING + inquiryId)]);
    const saving = outbox.add({ ...request, formId, savedAt, timeoutMs });
    // In the outbox, it goes on a later page: kept in the form too, a reload would make a second inquiry of it.
    void saving.then((saved) => saved && forgetValues(formId));
    const slow = setTimeout(async () => {
      if ((await saving) && draft.status === 'sending' && draft.attempt === attempt) {
        draft.slow = true;
        this.host.requestUpdate();
      }
    }, SLOW_SEND_MS);
    const result =
      navigator.onLine === false
        ? offline
        : await sendWithRetries(request, {
            tries: context.config.retries ?? DEFAULTS.retries,
            timeoutMs,
            onTry: () => {
              draft.tries++;
            },
          });
    clearTimeout(slow);
    // Offline, or the network kept failing or never answered: it stays, and is sent later.
    const later = !result.ok && (result.reason === 'network' || result.reason === 'timeout');
    if (!result.ok && result.reason === 'network' && navigator.onLine !== false) void explainUnreachable(request.endpoint);
    if (!later) {
      // Out of the outbox before the patient is told, so a page left at once leaves nothing to
      // send again; but not waited for long, as another tab may be sending from the outbox.
      const removed = saving.then((saved) => (saved ? outbox.remove(inquiryId, savedAt) : undefined));
      await Promise.race([removed, new Promise((done) => setTimeout(done, 1000))]);
    }
    // Only now: a flush in between would send what these tries just settled.
    triesDone();
    // A flush (the browser back online) sent it meanwhile, and said how it went (onFlushed).
    if (draft.status !== 'sending') return undefined;
    if (result.ok) return this.succeed(draft, formId, inquiryId, result.status);
    // Still there to be sent later, not taken by a flush that had nothing of ours to tell.
    if (later && (await saving) && (await outbox.has(inquiryId))) {
      watchOnline();
      draft.status = 'queued';
      draft.settledAt = Date.now();
      this.host.requestUpdate();
      emit(this.host, 'consult-queued', { formId, inquiryId });
      return undefined;
    }
    return this.fail(draft, formId, inquiryId, { reason: result.reason, status: result.status });
  }

  /** A send that broke before any answer: told as a failed one, what was typed kept. */
  failUnexpectedly(form: ResolvedForm): void {
    const draft = this.draft(form);
    // The id of what was being sent, or one naming this failed try (nothing went out under it).
    this.fail(draft, form.id, draft.last?.request.id ?? newInquiryId(), { reason: 'unexpected' });
  }

  /** Marks an inquiry as this dialog's to tell of until it is sent or refused (see WAITING). */
  private waitOn(id: string): Promise<unknown> {
    let held = this.waiting.get(id);
    if (!held) this.waiting.set(id, (held = mark(WAITING + id)));
    return held;
  }
  private waiting = new Map<string, Promise<() => void>>();

  private settle(id: string): void {
    void this.waiting.get(id)?.then((release) => release());
    this.waiting.delete(id);
  }

  private succeed(draft: Draft, formId: string, inquiryId: string, status: number): undefined {
    this.settle(inquiryId);
    forgetValues(formId);
    draft.status = 'sent';
    draft.settledAt = Date.now();
    draft.values = blank();
    draft.last = undefined;
    this.host.requestUpdate();
    emit(this.host, 'consult-success', { formId, inquiryId, status });
    return undefined;
  }

  private fail(draft: Draft, formId: string, inquiryId: string, failure: Failure): undefined {
    this.settle(inquiryId);
    // Not sent, and out of the outbox: the form keeps it across a reload again.
    const form = this.forms.get(formId);
    if (form) keepValues(form, draft.values, draft.openedAt);
    draft.status = 'failed';
    draft.failure = failure;
    this.host.requestUpdate();
    emit(this.host, 'consult-error', { formId, inquiryId, ...failure });
    return undefined;
  }

  /**
   * An inquiry of ours, waiting or still being tried, went out from the outbox: this tab's (the
   * browser came back online) or another tab's of the site. Answers the ids it told of.
   */
  private onFlushed(news: readonly FlushNews[]): string[] {
    const told: string[] = [];
    for (const { item, result } of news) {
      const draft = this.drafts.get(item.formId);
      if ((draft?.status !== 'queued' && draft?.status !== 'sending') || draft.last?.request.id !== item.id) continue;
      if (result.ok) this.succeed(draft, item.formId, item.id, result.status);
      else if (refusedForGood(result)) this.fail(draft, item.formId, item.id, { reason: 'http', status: result.status });
      else continue;
      told.push(item.id);
    }
    return told;
  }
}
