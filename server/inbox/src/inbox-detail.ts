/**
 * One inquiry: every field, the consent record, where it came from (page, referrer, campaign
 * data when present), its notifications, status, notes, and deleting the patient's inquiries
 * on request. What the patient typed is bound as text only; links they sent stay text too,
 * and phone numbers are links that call them. A note being typed is kept for the tab (drafts.ts).
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { localized, msg, str } from '@lit/localize';
import { ApiError, request, type Detail, type SessionInfo } from './api.js';
import { channelLabel, failureExplanation, fieldLabel, fieldValue, formLabel, formatTime, statusLabel, yesNo } from './texts.js';
import { isPhoneNumber, phoneLink } from './phones.js';
import { readDraft, saveDraft } from './drafts.js';
import { hiddenFromSight, shared } from './styles.js';

/** Campaign data, when a later widget sends it: flat string pairs only, shown as text. */
function pairs(value: unknown): [string, string][] {
  if (typeof value === 'string') return [['', value]];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
    .map(([k, v]) => [k, String(v)]);
}

@customElement('inbox-detail')
@localized()
export class InboxDetail extends LitElement {
  static override styles = [
    shared,
    css`
      .grid {
        display: grid;
        gap: 1rem;
        grid-template-columns: repeat(auto-fit, minmax(min(20rem, 100%), 1fr));
        margin-top: 1rem;
      }
      /* Labels take at most 40% of the card (long English ones wrap); values keep the rest and wrap anywhere (URLs). */
      dl {
        display: grid;
        grid-template-columns: fit-content(40%) minmax(0, 1fr);
        gap: 0.35rem 1rem;
        margin: 0;
      }
      dt {
        font-weight: 600;
        color: #374151;
      }
      dd {
        margin: 0;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      /* A phone: each label above its value. */
      @media (max-width: 40rem) {
        dl {
          grid-template-columns: minmax(0, 1fr);
          gap: 0;
        }
        dd {
          margin-bottom: 0.6rem;
        }
      }
      .row {
        display: flex;
        gap: 0.5rem;
        align-items: flex-end;
        flex-wrap: wrap;
      }
      ul.notes {
        list-style: none;
        padding: 0;
        margin: 0 0 1rem;
        display: flex;
        flex-direction: column;
        gap: 0.75rem;
      }
      ul.notes li {
        border-inline-start: 3px solid #0f5f57;
        padding-inline-start: 0.75rem;
      }
      textarea {
        width: 100%;
        min-height: 5rem;
      }
      /*
       * The notifications: Korean wraps between words only (by default any two syllables may part,
       * and a narrow column stood 상/태 and 이메/일 one syllable a line). Where the card is too
       * narrow for four columns of whole words (a phone, or a third of a desk's screen), each
       * notification is a block of label and value pairs, as the other cards' lists are.
       */
      .notify {
        container-type: inline-size;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        word-break: keep-all;
        overflow-wrap: break-word;
      }
      th,
      td {
        text-align: start;
        padding: 0.35rem 0.5rem;
        border-bottom: 1px solid #d0d5dd;
      }
      @container (max-width: 24rem) {
        thead {
          ${hiddenFromSight}
        }
        table,
        tbody,
        tr {
          display: block;
        }
        tr {
          padding: 0.4rem 0;
          border-bottom: 1px solid #d0d5dd;
        }
        td {
          display: grid;
          grid-template-columns: fit-content(40%) minmax(0, 1fr);
          gap: 0.75rem;
          padding: 0.1rem 0;
          border: 0;
        }
        td:has(> span:empty) {
          display: none;
        }
        /* The column's header, shown beside each value; screen readers have the header itself. */
        td::before {
          content: attr(data-label) / '';
          font-weight: 600;
          color: #374151;
          min-width: 4.5rem;
        }
      }
      .failed {
        color: #b42318;
        font-weight: 600;
      }
      .code {
        font-size: 0.85em;
      }
      .notify-help {
        margin: 0.75rem 0 0;
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) session!: SessionInfo;
  @property() inquiryId = '';
  @state() private detail?: Detail;
  @state() private error = '';
  @state() private message = '';
  @state() private confirmingDelete = false;
  /** Said once the patient's inquiries are deleted; it takes the focus, as the button pressed is gone. */
  @state() private deletedMessage = '';
  /** The note being typed, as kept for this tab. */
  private draft = '';
  /** The inquiry being fetched, for focusHeading to wait on. */
  private loading?: Promise<void>;

  override updated(changed: Map<string, unknown>) {
    if (changed.has('inquiryId') && this.inquiryId) {
      this.draft = readDraft(this.session, this.inquiryId);
      this.loading = this.load();
    }
  }

  /** Called by the app when staff arrive here: the patient's name once loaded, else why it did not load. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    await this.loading;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#detail-title, #detail-error')?.focus();
  }

  private keepDraft(event: Event) {
    this.draft = (event.target as HTMLTextAreaElement).value;
    saveDraft(this.session, this.inquiryId, this.draft);
  }

  private async load() {
    this.error = '';
    this.message = '';
    this.deletedMessage = '';
    this.confirmingDelete = false;
    try {
      this.detail = await request<Detail>(`/inbox/api/inquiries/${encodeURIComponent(this.inquiryId)}`);
    } catch (error) {
      this.detail = undefined;
      this.error =
        error instanceof ApiError && error.status === 404
          ? msg('이 문의를 찾을 수 없습니다.', { id: 'inbox.detail.notFound' })
          : msg('문의를 불러오지 못했습니다.', { id: 'inbox.detail.loadFailed' });
    }
  }

  private async saveStatus(event: SubmitEvent) {
    event.preventDefault();
    const status = String(new FormData(event.target as HTMLFormElement).get('status') ?? '');
    try {
      await request(`/inbox/api/inquiries/${encodeURIComponent(this.inquiryId)}/status`, { body: { status } });
      await this.load();
      this.message = msg(str`상태를 바꿨습니다: ${statusLabel(status)}`, { id: 'inbox.detail.statusSaved' });
      this.changed();
    } catch {
      this.message = msg('상태를 바꾸지 못했습니다.', { id: 'inbox.detail.statusFailed' });
    }
  }

  private async addNote(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const text = String(new FormData(form).get('note') ?? '').trim();
    if (!text) return;
    try {
      await request(`/inbox/api/inquiries/${encodeURIComponent(this.inquiryId)}/notes`, { body: { text } });
      form.reset();
      this.draft = '';
      saveDraft(this.session, this.inquiryId, '');
      await this.load();
      this.message = msg('메모를 남겼습니다.', { id: 'inbox.detail.noteSaved' });
    } catch {
      this.message = msg('메모를 저장하지 못했습니다.', { id: 'inbox.detail.noteFailed' });
    }
  }

  private async deletePatient() {
    const phone = this.detail?.phone;
    if (!phone) return;
    try {
      const { deleted } = await request<{ deleted: number }>('/inbox/api/patients/delete', { body: { phone } });
      this.detail = undefined;
      this.confirmingDelete = false;
      this.deletedMessage = msg(str`이 환자의 문의 ${deleted}건을 삭제했습니다.`, { id: 'inbox.detail.deleted' });
      this.changed();
      // Focused rather than announced by the status line too: a screen reader would say it twice.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#erase-done')?.focus();
    } catch {
      this.message = msg('삭제하지 못했습니다.', { id: 'inbox.detail.deleteFailed' });
    }
  }

  /** Tells the list to refresh (a status or a deletion changes what it shows). */
  private changed() {
    this.dispatchEvent(new Event('inquiry-changed', { bubbles: true, composed: true }));
  }

  override render() {
    return html`
      <p><a href="#/">${msg('← 목록으로', { id: 'inbox.detail.back' })}</a></p>
      <p role="status">${this.message}</p>
      ${this.deletedMessage ? html`<p class="card" id="erase-done" tabindex="-1">${this.deletedMessage}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert" id="detail-error" tabindex="-1">${this.error}</p>` : nothing}
      ${this.detail ? this.renderDetail(this.detail) : nothing}
    `;
  }

  private renderDetail(d: Detail) {
    const p = d.payload;
    const extraFields = Object.entries(p.fields ?? {});
    const landing = pairs(p.page?.landing);
    const utm = pairs(p.page?.utm);
    return html`
      <h2 class="text" id="detail-title" tabindex="-1">${(typeof p.fields?.name === 'string' && p.fields.name) || d.name || msg('(이름 없음)', { id: 'inbox.list.noName' })}</h2>
      <p class="muted">${msg(str`${formatTime(d.receivedAt)} 접수 · 양식 ${d.formTitle ? `${d.formTitle} (${d.form})` : formLabel(d.form)} · ${statusLabel(d.status)}`, { id: 'inbox.detail.summary' })}</p>
      <div class="grid">
        <section class="card" aria-labelledby="fields-title">
          <h3 id="fields-title">${msg('문의 내용', { id: 'inbox.field.message' })}</h3>
          <dl>
            ${extraFields.map(
              ([name, value]) =>
                html`<dt class="text">${fieldLabel(name, p.labels)}</dt>
                  <dd class="text">${typeof value === 'string' && isPhoneNumber(value) ? phoneLink(value) : fieldValue(name, value)}</dd>`,
            )}
          </dl>
        </section>
        <section class="card" aria-labelledby="status-title">
          <h3 id="status-title">${msg('상태', { id: 'inbox.filter.status' })}</h3>
          <form class="row" @submit=${this.saveStatus}>
            <div class="field">
              <label for="status">${msg('상태 바꾸기', { id: 'inbox.detail.changeStatus' })}</label>
              <select id="status" name="status">
                ${this.session.statuses.map((s) => html`<option .value=${s} ?selected=${d.status === s}>${statusLabel(s)}</option>`)}
              </select>
            </div>
            <button type="submit">${msg('저장', { id: 'inbox.detail.save' })}</button>
          </form>
        </section>
        <section class="card" aria-labelledby="consent-title">
          <h3 id="consent-title">${msg('동의 기록', { id: 'inbox.detail.consent' })}</h3>
          <dl>
            <dt>${msg('개인정보 수집·이용 동의', { id: 'inbox.detail.privacy' })}</dt>
            <dd>${yesNo(p.consent?.privacy)}</dd>
            <dt>${msg('민감정보 수집·이용 동의', { id: 'inbox.detail.sensitive' })}</dt>
            <dd>${p.consent?.sensitive ? yesNo(true) : msg('아니요 (민감정보 없이 접수)', { id: 'inbox.detail.sensitiveNone' })}</dd>
            <dt>${msg('만 14세 이상 확인', { id: 'inbox.detail.age14' })}</dt>
            <dd>${p.consent?.age14 ? yesNo(true) : msg('묻지 않음', { id: 'inbox.detail.notAsked' })}</dd>
            <dt>${msg('마케팅 정보 수신 동의', { id: 'inbox.detail.marketing' })}</dt>
            <dd>${p.consent?.marketing === undefined ? msg('묻지 않음', { id: 'inbox.detail.notAsked' }) : yesNo(p.consent.marketing)}</dd>
            <dt>${msg('방침 버전', { id: 'inbox.detail.policyVersion' })}</dt>
            <dd class="text">${p.consent?.policyVersion}</dd>
            <dt>${msg('동의 시각', { id: 'inbox.detail.agreedAt' })}</dt>
            <dd>${formatTime(p.consent?.agreedAt)}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="source-title">
          <h3 id="source-title">${msg('유입 경로', { id: 'inbox.detail.source' })}</h3>
          <dl>
            <dt>${msg('페이지 주소', { id: 'inbox.detail.pageUrl' })}</dt>
            <dd class="text">${p.page?.url}</dd>
            <dt>${msg('페이지 제목', { id: 'inbox.detail.pageTitle' })}</dt>
            <dd class="text">${p.page?.title}</dd>
            <dt>${msg('이전 페이지(리퍼러)', { id: 'inbox.detail.referrer' })}</dt>
            <dd class="text">${p.page?.referrer || msg('없음', { id: 'inbox.detail.none' })}</dd>
            ${landing.map(([k, v]) => html`<dt class="text">${msg('처음 방문한 페이지', { id: 'inbox.detail.landing' })}${k ? ` (${k})` : ''}</dt><dd class="text">${v}</dd>`)}
            ${p.page?.landingReferrer
              ? html`<dt>${msg('첫 방문 시 이전 페이지(리퍼러)', { id: 'inbox.detail.landingReferrer' })}</dt><dd class="text">${p.page.landingReferrer}</dd>`
              : nothing}
            ${utm.map(([k, v]) => html`<dt class="text">${k === 'gclid' || k.startsWith('utm_') ? k : `utm_${k}`}</dt><dd class="text">${v}</dd>`)}
            <dt>${msg('보낸 시각', { id: 'inbox.detail.submittedAt' })}</dt>
            <dd>${formatTime(p.submittedAt)}</dd>
            <dt>${msg('언어', { id: 'inbox.detail.locale' })}</dt>
            <dd class="text">${p.locale}</dd>
          </dl>
        </section>
        <section class="card notify" aria-labelledby="notify-title">
          <h3 id="notify-title">${msg('알림 발송', { id: 'inbox.detail.notifications' })}</h3>
          ${d.notifications.length === 0
            ? html`<p class="muted">${msg('보낼 알림이 없습니다.', { id: 'inbox.detail.noNotifications' })}</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">${msg('채널', { id: 'inbox.detail.channel' })}</th>
                    <th scope="col">${msg('상태', { id: 'inbox.filter.status' })}</th>
                    <th scope="col">${msg('시도', { id: 'inbox.detail.attempts' })}</th>
                    <th scope="col">${msg('마지막 오류', { id: 'inbox.detail.lastError' })}</th>
                  </tr>
                </thead>
                <tbody>
                  ${d.notifications.map(
                    (n) => html`<tr>
                      <td data-label=${msg('채널', { id: 'inbox.detail.channel' })}>${channelLabel(n.channel)}</td>
                      <td data-label=${msg('상태', { id: 'inbox.filter.status' })} class=${n.state === 'failed' ? 'failed' : ''}>${this.deliveryState(n.state, n.lastError)}</td>
                      <td data-label=${msg('시도', { id: 'inbox.detail.attempts' })}>${n.attempts}</td>
                      <td data-label=${msg('마지막 오류', { id: 'inbox.detail.lastError' })}><span
                          >${n.lastError ? html`${failureExplanation(n.errorKind, n.channel)} <span class="muted code" lang="en">(${n.lastError})</span>` : nothing}</span
                        ></td>
                    </tr>`,
                  )}
                </tbody>
              </table>
              ${d.notifications.some((n) => n.lastError && (n.state === 'failed' || n.state === 'pending'))
                ? html`<p class="notify-help">
                    ${msg('알림이 해결될 때까지 새 문의를 문의함에서 직접 확인하고, 문의함을 관리하는 대행사에 이 표의 오류 내용을 알려 주세요.', { id: 'inbox.detail.notifyHelp' })}
                  </p>`
                : nothing}`}
        </section>
        <section class="card" aria-labelledby="notes-title">
          <h3 id="notes-title">${msg('메모', { id: 'inbox.detail.notes' })}</h3>
          <ul class="notes">
            ${d.notes.map((n) => html`<li><p class="text">${n.text}</p><p class="muted">${n.author} · ${formatTime(n.createdAt)}</p></li>`)}
          </ul>
          <form @submit=${this.addNote}>
            <div class="field">
              <label for="note">${msg('새 메모', { id: 'inbox.detail.newNote' })}</label>
              <textarea id="note" name="note" maxlength="2000" autocomplete="off" .value=${live(this.draft)} @input=${this.keepDraft}></textarea>
            </div>
            <p><button type="submit">${msg('메모 남기기', { id: 'inbox.detail.addNote' })}</button></p>
          </form>
        </section>
        <section class="card" aria-labelledby="erase-title">
          <h3 id="erase-title">${msg('삭제 요청', { id: 'inbox.detail.erase' })}</h3>
          <p>${msg('환자가 삭제를 요청한 경우에 사용합니다. 이 전화번호로 접수된 이 병원의 문의를 모두 지우며, 되돌릴 수 없습니다.', { id: 'inbox.detail.eraseHelp' })}</p>
          ${d.phone
            ? this.confirmingDelete
              ? html`<p id="erase-check">${msg(str`${d.phone} 번호로 받은 문의를 모두 지웁니다. 환자가 알려 준 번호와 같은지 확인해 주세요.`, { id: 'inbox.detail.eraseCheck' })}</p>
                <p class="row">
                  <button type="button" class="danger" id="confirm-delete" @click=${this.deletePatient}>${msg('정말 삭제', { id: 'inbox.detail.eraseConfirm' })}</button>
                  <button type="button" class="secondary" @click=${() => (this.confirmingDelete = false)}>${msg('취소', { id: 'inbox.detail.cancel' })}</button>
                </p>`
              : html`<button type="button" class="secondary" id="delete-patient" @click=${() => (this.confirmingDelete = true)}>
                  ${msg('이 환자의 문의 모두 삭제', { id: 'inbox.detail.eraseStart' })}
                </button>`
            : html`<p class="muted">${msg('전화번호가 없는 문의입니다.', { id: 'inbox.detail.noPhone' })}</p>`}
        </section>
      </div>
    `;
  }

  private deliveryState(state: string, lastError: string | null) {
    switch (state) {
      case 'pending':
        return lastError ? msg('재시도 중', { id: 'inbox.delivery.retrying' }) : msg('보내는 중', { id: 'inbox.delivery.pending' });
      case 'sent':
        return msg('보냄', { id: 'inbox.delivery.sent' });
      case 'failed':
        return msg('실패', { id: 'inbox.delivery.failed' });
      case 'held':
        return msg('보내지 않음(스팸)', { id: 'inbox.delivery.held' });
      default:
        return state;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inbox-detail': InboxDetail;
  }
}
