/**
 * The list of inquiries, newest first: inbox and spam apart, filters by form, status and
 * dates, search by name or phone, CSV export of what is shown, and a poll of a cheap version
 * endpoint so a new inquiry appears without a reload (it asks the database, so it works with
 * several receiver processes).
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { request, queryOf, type ListItem, type SessionInfo } from './api.js';
import { formLabel, formatTime, statusLabel } from './texts.js';
import { shared } from './styles.js';

/** How often the list asks whether anything arrived. */
export const POLL_MS = 3000;

interface Filters {
  box: 'inbox' | 'spam';
  form: string;
  status: string;
  from: string;
  to: string;
  q: string;
}

const EMPTY: Filters = { box: 'inbox', form: '', status: '', from: '', to: '', q: '' };

/** A local date (yyyy-mm-dd) as the instant its day starts in this browser's time zone. */
function startOfDay(date: string, plusDays = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

@customElement('inbox-list')
@localized()
export class InboxList extends LitElement {
  static override styles = [
    shared,
    css`
      .tabs {
        display: flex;
        gap: 0.5rem;
        margin-bottom: 1rem;
      }
      .tabs button[aria-pressed='false'] {
        background: #fff;
        color: #0f5f57;
      }
      form.filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: flex-end;
        margin-bottom: 1rem;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        justify-content: space-between;
        margin-bottom: 0.5rem;
        flex-wrap: wrap;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        background: #fff;
      }
      caption {
        text-align: start;
        font-weight: 600;
        padding: 0.5rem 0;
      }
      /* On a phone the table scrolls sideways instead of breaking names and numbers letter by letter. */
      .table-scroll {
        overflow-x: auto;
      }
      th,
      td {
        text-align: start;
        padding: 0.55rem 0.6rem;
        border-bottom: 1px solid #d0d5dd;
        vertical-align: top;
        white-space: nowrap;
      }
      th {
        background: #eef1f4;
      }
      td.text {
        white-space: nowrap;
      }
      /* A name wraps between words only; an absurdly long one still cannot widen the table. */
      td.name.text {
        min-width: 5rem;
        max-width: 18rem;
        white-space: pre-wrap;
        word-break: keep-all;
        overflow-wrap: anywhere;
      }
      .badge {
        display: inline-block;
        padding: 0 0.45rem;
        border-radius: 999px;
        border: 1px solid currentColor;
        font-size: 0.85em;
        white-space: nowrap;
      }
      .badge.failed {
        color: #b42318;
      }
      .pager {
        display: flex;
        gap: 0.5rem;
        margin-top: 0.75rem;
        align-items: center;
      }
    `,
  ];

  @property({ attribute: false }) session!: SessionInfo;
  @state() private filters: Filters = { ...EMPTY };
  @state() private items: ListItem[] = [];
  @state() private total = 0;
  /** The most rows an export holds (the receiver says); a list longer than this exports only its newest. */
  @state() private exportLimit = Infinity;
  @state() private offset = 0;
  @state() private loading = false;
  @state() private error = '';
  @state() private announcement = '';
  private version = '';
  private timer?: ReturnType<typeof setInterval>;

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.timer = setInterval(() => void this.poll(), POLL_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private query(extra: Record<string, string | undefined> = {}) {
    const f = this.filters;
    return queryOf({
      box: f.box,
      form: f.form,
      status: f.status,
      from: startOfDay(f.from),
      to: startOfDay(f.to, 1),
      q: f.q.trim(),
      ...extra,
    });
  }

  /** Fetches the current page again (after a change made in the detail view). */
  refresh(): Promise<void> {
    return this.load();
  }

  private async load() {
    this.loading = true;
    this.error = '';
    try {
      const [{ version }, page] = await Promise.all([
        request<{ version: string }>('/inbox/api/version'),
        request<{ items: ListItem[]; total: number; exportLimit: number }>(`/inbox/api/inquiries${this.query({ offset: String(this.offset) })}`),
      ]);
      this.version = version;
      this.items = page.items;
      this.total = page.total;
      this.exportLimit = page.exportLimit;
    } catch {
      this.error = msg('목록을 불러오지 못했습니다.', { id: 'inbox.list.loadFailed' });
    } finally {
      this.loading = false;
    }
  }

  private async poll() {
    if (this.loading || document.hidden) return;
    try {
      const { version } = await request<{ version: string }>('/inbox/api/version');
      if (version !== this.version) {
        const before = this.total;
        await this.load();
        if (this.total > before) this.announcement = msg('새 문의가 도착했습니다.', { id: 'inbox.list.arrived' });
      }
    } catch {
      // A missed poll is tried again in a few seconds.
    }
  }

  private setBox(box: Filters['box']) {
    this.filters = { ...this.filters, box, status: box === 'spam' ? '' : this.filters.status };
    this.offset = 0;
    void this.load();
  }

  private applyFilters(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '');
    this.filters = { box: this.filters.box, form: value('form'), status: value('status'), from: value('from'), to: value('to'), q: value('q') };
    this.offset = 0;
    void this.load();
  }

  private clearFilters(event: Event) {
    (event.target as HTMLButtonElement).form?.reset();
    this.filters = { ...EMPTY, box: this.filters.box };
    this.offset = 0;
    void this.load();
  }

  private page(delta: number) {
    this.offset = Math.max(0, this.offset + delta);
    void this.load();
  }

  override render() {
    const f = this.filters;
    const pageSize = 50;
    return html`
      <div class="tabs" role="group" aria-label=${msg('문의 구분', { id: 'inbox.list.boxes' })}>
        <button type="button" aria-pressed=${f.box === 'inbox'} @click=${() => this.setBox('inbox')}>${msg('받은 문의', { id: 'inbox.list.inbox' })}</button>
        <button type="button" aria-pressed=${f.box === 'spam'} @click=${() => this.setBox('spam')}>${msg('스팸', { id: 'inbox.list.spam' })}</button>
      </div>
      <form class="filters" role="search" @submit=${this.applyFilters}>
        <div class="field">
          <label for="q">${msg('이름 또는 전화번호', { id: 'inbox.filter.search' })}</label>
          <input id="q" name="q" type="search" maxlength="100" .value=${f.q} />
        </div>
        <div class="field">
          <label for="form">${msg('양식', { id: 'inbox.filter.form' })}</label>
          <select id="form" name="form">
            <option value="" ?selected=${!f.form}>${msg('전체', { id: 'inbox.filter.any' })}</option>
            ${this.session.forms.map((form) => html`<option .value=${form} ?selected=${f.form === form}>${formLabel(form)}</option>`)}
          </select>
        </div>
        ${f.box === 'inbox'
          ? html`<div class="field">
              <label for="status">${msg('상태', { id: 'inbox.filter.status' })}</label>
              <select id="status" name="status">
                <option value="" ?selected=${!f.status}>${msg('전체', { id: 'inbox.filter.any' })}</option>
                ${this.session.statuses
                  .filter((s) => s !== 'spam')
                  .map((s) => html`<option .value=${s} ?selected=${f.status === s}>${statusLabel(s)}</option>`)}
              </select>
            </div>`
          : nothing}
        <div class="field">
          <label for="from">${msg('시작일', { id: 'inbox.filter.from' })}</label>
          <input id="from" name="from" type="date" .value=${f.from} />
        </div>
        <div class="field">
          <label for="to">${msg('종료일', { id: 'inbox.filter.to' })}</label>
          <input id="to" name="to" type="date" .value=${f.to} />
        </div>
        <button type="submit">${msg('검색', { id: 'inbox.filter.apply' })}</button>
        <button type="button" class="secondary" @click=${this.clearFilters}>${msg('초기화', { id: 'inbox.filter.clear' })}</button>
      </form>
      <div class="actions">
        <p class="muted" aria-live="polite">${this.loading ? msg('불러오는 중…', { id: 'inbox.list.loading' }) : msg(str`${this.total}건`, { id: 'inbox.list.count' })}</p>
        <a class="button secondary" id="export" href=${`/inbox/api/export.csv${this.query()}`} download aria-describedby=${this.total > this.exportLimit ? 'export-limit' : nothing}>${msg('CSV로 내보내기', { id: 'inbox.list.export' })}</a>
      </div>
      ${this.total > this.exportLimit
        ? html`<p class="muted" id="export-limit">
            ${msg(str`CSV에는 최근 문의 ${this.exportLimit}건만 담깁니다. 시작일과 종료일로 기간을 나눠 내려받으세요.`, { id: 'inbox.list.exportLimit' })}
          </p>`
        : nothing}
      <p class="visually-hidden" role="status">${this.announcement}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="table-scroll" tabindex="0" role="region" aria-labelledby="list-caption">
      <table>
        <caption id="list-caption">
          ${f.box === 'spam' ? msg('스팸으로 분류된 문의', { id: 'inbox.list.spamCaption' }) : msg('받은 문의 (최신순)', { id: 'inbox.list.caption' })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg('접수 시각', { id: 'inbox.col.received' })}</th>
            <th scope="col">${msg('이름', { id: 'inbox.field.name' })}</th>
            <th scope="col">${msg('연락처', { id: 'inbox.field.phone' })}</th>
            <th scope="col">${msg('양식', { id: 'inbox.filter.form' })}</th>
            <th scope="col">${msg('상태', { id: 'inbox.filter.status' })}</th>
          </tr>
        </thead>
        <tbody>
          ${this.items.length === 0 && !this.loading
            ? html`<tr><td colspan="5" class="muted">${msg('문의가 없습니다.', { id: 'inbox.list.empty' })}</td></tr>`
            : this.items.map(
                (item) => html`<tr data-id=${item.id}>
                  <td>${formatTime(item.receivedAt)}</td>
                  <td class="name text"><a href=${`#/inquiry/${encodeURIComponent(item.id)}`}>${item.name || msg('(이름 없음)', { id: 'inbox.list.noName' })}</a></td>
                  <td class="text">${item.phone}</td>
                  <td class="text">${formLabel(item.form)}</td>
                  <td>
                    ${statusLabel(item.status)}
                    ${item.notifyFailed ? html`<span class="badge failed">${msg('알림 실패', { id: 'inbox.list.notifyFailed' })}</span>` : nothing}
                  </td>
                </tr>`,
              )}
        </tbody>
      </table>
      </div>
      ${this.total > pageSize
        ? html`<div class="pager">
            <button type="button" class="secondary" ?disabled=${this.offset === 0} @click=${() => this.page(-pageSize)}>${msg('이전', { id: 'inbox.list.previous' })}</button>
            <span>${msg(str`${this.offset + 1}–${Math.min(this.offset + pageSize, this.total)} / ${this.total}`, { id: 'inbox.list.range' })}</span>
            <button type="button" class="secondary" ?disabled=${this.offset + pageSize >= this.total} @click=${() => this.page(pageSize)}>${msg('다음', { id: 'inbox.list.next' })}</button>
          </div>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inbox-list': InboxList;
  }
}
