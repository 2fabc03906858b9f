/**
 * The list of inquiries, newest first: inbox and spam apart, filters by form, status and
 * dates, search by name or phone, CSV export of what is shown, and a poll of a cheap version
 * endpoint so a new inquiry appears without a reload (it asks the database, so it works with
 * several receiver processes). A table on a wide screen, a card per inquiry on a phone.
 *
 * What arrived since staff last looked at the list (shown, in a visible tab) is marked, and
 * counted for the tab's title (event `unseen-changed`) while they are not looking; polls go on
 * in a background tab so that the title can tell.
 *
 * The search box has autocomplete off, as the note field does (inbox-detail.ts): on a front
 * desk's shared PC the browser would otherwise keep patients' names and numbers and offer them
 * to whoever types next.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { localized, msg, str } from '@lit/localize';
import { request, queryOf, type DownloadedFile, type ListItem, type SessionInfo } from './api.js';
import { channelLabel, formLabel, formatTime, statusLabel } from './texts.js';
import { phoneLink } from './phones.js';
import { hiddenFromSight, shared } from './styles.js';

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

/** How many of the filters behind the phone layout's 상세 필터 button are set. */
const moreFiltersSet = (f: Filters) => [f.form, f.status, f.from, f.to].filter(Boolean).length;

@customElement('inbox-list')
@localized()
export class InboxList extends LitElement {
  static override styles = [
    shared,
    css`
      h2 {
        font-size: 1.1rem;
      }
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
      /* On a wide screen every filter is in the row; the button that shows them is for phones. */
      .more {
        display: contents;
      }
      .more-toggle {
        display: none;
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
      /* Between a phone's cards and a wide table, a narrow window scrolls the table sideways. */
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
      tr.arrived {
        background: #fff6d5;
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
      .badge.retrying {
        color: #8a4500;
      }
      .notify-help {
        margin: 0 0 0.75rem;
        padding: 0.6rem 0.8rem;
        border-inline-start: 4px solid #8a4500;
        background: #fff6d5;
      }
      .badge.arrived {
        color: #fff;
        background: #8a4500;
        border-color: #8a4500;
      }
      .pager {
        display: flex;
        gap: 0.5rem;
        margin-top: 0.75rem;
        align-items: center;
      }
      /* A phone: the search box first, the other filters behind a button, and a card per inquiry. */
      @media (max-width: 40rem) {
        h2 {
          font-size: 1rem;
          margin-bottom: 0.5rem;
        }
        .tabs,
        form.filters {
          gap: 0.5rem;
          margin-bottom: 0.75rem;
        }
        form.filters .search {
          flex: 1 1 100%;
        }
        .more-toggle {
          display: inline-flex;
        }
        .more {
          display: none;
        }
        .more.open {
          display: grid;
          flex: 1 1 100%;
          grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr));
          gap: 0.5rem;
        }
        .more input,
        .more select {
          width: 100%;
          min-width: 0;
        }
        .actions p {
          margin: 0;
        }
        .table-scroll {
          overflow: visible;
        }
        table,
        tbody,
        tr,
        td {
          display: block;
        }
        caption {
          display: block;
        }
        thead {
          ${hiddenFromSight}
        }
        tbody tr {
          display: grid;
          /* The number never wraps; the time and the form take what is left, and wrap. */
          grid-template-columns: minmax(min-content, 1fr) auto;
          grid-template-areas: 'name time' 'phone form' 'status status';
          gap: 0 0.75rem;
          padding: 0.35rem 0.75rem 0.6rem;
          border-bottom: 1px solid #d0d5dd;
        }
        td,
        td.text {
          padding: 0;
          border: 0;
          white-space: normal;
        }
        td.name.text {
          grid-area: name;
          min-width: 0;
          max-width: none;
          font-weight: 600;
        }
        td.time {
          grid-area: time;
          align-self: center;
          text-align: end;
          color: #4b5563;
          font-size: 0.9em;
        }
        td.phone {
          grid-area: phone;
          white-space: nowrap;
        }
        td.form {
          grid-area: form;
          align-self: center;
          text-align: end;
          max-width: 12rem;
        }
        td.status {
          grid-area: status;
        }
        td.empty {
          grid-column: 1 / -1;
        }
      }
    `,
  ];

  @property({ attribute: false }) session!: SessionInfo;
  /** Set by the app while an inquiry or the password form is shown instead. */
  @property({ type: Boolean, reflect: true }) override hidden = false;
  @state() private filters: Filters = { ...EMPTY };
  /** On a phone, whether the filters beyond the search box are shown. */
  @state() private moreFilters = false;
  @state() private items: ListItem[] = [];
  @state() private total = 0;
  /** The most rows an export holds (the receiver says); a list longer than this exports only its newest. */
  @state() private exportLimit = Infinity;
  @state() private offset = 0;
  @state() private loading = false;
  @state() private error = '';
  @state() private exporting = false;
  @state() private announcement = '';
  /** Rows received after this (ms) are marked: they arrived since staff last looked at the list. Unset until the first load. */
  @state() private markAfter?: number;
  /** The newest inquiry (received, ms) the list has shown while staff were looking. */
  private seenUpTo = 0;
  private looking = false;
  private unseen = 0;
  private version = '';
  private timer?: ReturnType<typeof setInterval>;

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  override updated(changed: Map<string, unknown>) {
    if (!changed.has('hidden')) return;
    this.look();
    // Shown again (back from an inquiry's page) after something arrived unseen.
    if (!this.hidden && this.stale && !this.loading) void this.catchUp();
  }

  private onVisibility = () => {
    this.look();
    if (!document.hidden) void this.poll();
  };

  /**
   * Notes whether staff are looking at the list (shown, in a visible tab). A new look marks what
   * arrived since the last one; while they look, what the list shows counts as seen.
   */
  private look() {
    const looking = !this.hidden && document.visibilityState === 'visible';
    if (looking && !this.looking && this.markAfter !== undefined) this.markAfter = this.seenUpTo;
    this.looking = looking;
    // A list that is behind (fetched again now) is not yet seen: the title keeps its count till it is in.
    if (!looking || this.markAfter === undefined || this.stale) return;
    this.seenUpTo = Math.max(this.seenUpTo, this.newestShown());
    this.setUnseen(0);
  }

  /** The newest inquiry in the inbox the list shows (0 on the spam tab or an empty list). */
  private newestShown(): number {
    const newest = this.filters.box === 'inbox' ? this.items[0]?.receivedAt : undefined;
    return newest ? Date.parse(newest) || 0 : 0;
  }

  private setUnseen(count: number) {
    if (count === this.unseen) return;
    this.unseen = count;
    this.dispatchEvent(new CustomEvent<number>('unseen-changed', { detail: count, bubbles: true, composed: true }));
  }

  /** The filters as the receiver reads them, sent in a POST's body: a search term is a patient's name or number, kept out of URLs (and proxies' logs). */
  private filterBody(extra: Record<string, string | undefined> = {}): Record<string, string> {
    const f = this.filters;
    const all = { box: f.box, form: f.form, status: f.status, from: startOfDay(f.from), to: startOfDay(f.to, 1), q: f.q.trim(), ...extra };
    return Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => !!entry[1]));
  }

  /** Downloads the CSV export of the listed inquiries. */
  private async download(): Promise<void> {
    this.exporting = true;
    try {
      const { blob, name } = await request<DownloadedFile>('/inbox/api/export.csv', { body: this.filterBody(), file: true });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    } catch {
      this.error = msg('CSV 파일을 내려받지 못했습니다. 다시 시도해 주세요.', { id: 'inbox.list.exportFailed' });
    } finally {
      this.exporting = false;
    }
  }

  /** Fetches the current page again (after a change made in the detail view). */
  refresh(): Promise<void> {
    return this.load();
  }

  /** `automatic`: after a poll, not asked for by staff (it must not keep an idle session alive). */
  private async load(automatic = false) {
    this.loading = true;
    this.error = '';
    try {
      const [{ version }, page] = await Promise.all([
        request<{ version: string }>('/inbox/api/version'),
        request<{ items: ListItem[]; total: number; exportLimit: number }>('/inbox/api/inquiries/search', { body: this.filterBody({ offset: String(this.offset) }), automatic }),
      ]);
      this.version = version;
      this.items = page.items;
      this.total = page.total;
      this.exportLimit = page.exportLimit;
      // What the inbox holds when it opens counts as seen.
      if (this.markAfter === undefined) this.markAfter = this.seenUpTo = this.newestShown();
      this.look();
    } catch {
      this.error = msg('목록을 불러오지 못했습니다.', { id: 'inbox.list.loadFailed' });
    } finally {
      this.loading = false;
    }
  }

  /**
   * Also in a background tab, slowed down by the browser: the tab's title counts what arrives.
   * The list itself is fetched only while staff look at it: a list nobody sees is not a read of
   * patients' data (the access log records each one), so a tab in the background asks only how many arrived.
   */
  private async poll() {
    if (this.loading) return;
    try {
      // Not before the list first loaded: nothing counts as seen yet, and everything would count.
      const since = this.looking || this.markAfter === undefined ? undefined : new Date(this.seenUpTo + 1).toISOString();
      const { version, arrived } = await request<{ version: string; arrived?: number }>(`/inbox/api/version${queryOf({ since })}`);
      if (version === this.version) return;
      if (!this.looking) {
        this.stale = true;
        if (arrived !== undefined) this.setUnseen(arrived);
        return;
      }
      await this.catchUp();
    } catch {
      // A missed poll is tried again in a few seconds.
    }
  }
  /** Something arrived while nobody looked: the list is fetched once staff look again. */
  private stale = false;

  private async catchUp() {
    this.stale = false;
    const before = this.total;
    await this.load(true);
    if (this.total > before) this.announcement = msg('새 문의가 도착했습니다.', { id: 'inbox.list.arrived' });
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

  /** The channels of an item's failing notifications, named: "메일", "웹훅", "메일·웹훅". */
  private failingNames(item: ListItem): string {
    return (item.notifyFailing ?? []).map(channelLabel).join('·');
  }

  /**
   * What a failing notification means for staff, as text on the page (a title tooltip shows
   * neither on a phone nor to a screen reader; the badges point here): which channel, that the
   * clinic may not be told of new inquiries meanwhile, and who can fix it.
   */
  private renderNotifyHelp() {
    const failing = this.items.filter((i) => i.notifyFailed || i.notifyRetrying);
    if (!failing.length) return nothing;
    const channels = [...new Set(failing.flatMap((i) => i.notifyFailing ?? []))].sort();
    const names = channels.map(channelLabel).join('·') || msg('알림', { id: 'inbox.list.notifyAny' });
    return html`<p class="notify-help" id="notify-help">
      ${msg(
        str`${names} 알림을 보내지 못한 문의가 있습니다. 해결될 때까지 새 문의 알림이 오지 않을 수 있으니 문의함을 직접 확인하고, 문의함을 관리하는 대행사에 알려 주세요. 문의를 열면 원인을 볼 수 있습니다.`,
        { id: 'inbox.list.notifyHelp' },
      )}
    </p>`;
  }

  private arrived(item: ListItem): boolean {
    return this.markAfter !== undefined && !item.spam && Date.parse(item.receivedAt) > this.markAfter;
  }

  /** Called by the app when staff arrive at the list from another view (or the login). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#list-title')?.focus();
  }

  /**
   * Back from an inquiry's page: scrolled where staff left the list, that inquiry's link focused
   * (else the heading, at the top: the inquiry is no longer listed, deleted or filed elsewhere,
   * or staff come from elsewhere).
   */
  async returnTo(scrollY: number, inquiryId?: string): Promise<void> {
    await this.updateComplete;
    const link = inquiryId ? this.renderRoot.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(inquiryId)}"] td.name a`) : null;
    if (!link) return this.focusHeading();
    window.scrollTo(0, scrollY);
    link.focus();
  }

  override render() {
    const f = this.filters;
    const pageSize = 50;
    const more = moreFiltersSet(f);
    return html`
      <h2 id="list-title" tabindex="-1">${msg('문의 목록', { id: 'inbox.list.heading' })}</h2>
      <div class="tabs" role="group" aria-label=${msg('문의 구분', { id: 'inbox.list.boxes' })}>
        <button type="button" aria-pressed=${f.box === 'inbox'} @click=${() => this.setBox('inbox')}>${msg('받은 문의', { id: 'inbox.list.inbox' })}</button>
        <button type="button" aria-pressed=${f.box === 'spam'} @click=${() => this.setBox('spam')}>${msg('스팸', { id: 'inbox.list.spam' })}</button>
      </div>
      <form class="filters" role="search" @submit=${this.applyFilters}>
        <div class="field search">
          <label for="q">${msg('이름 또는 전화번호', { id: 'inbox.filter.search' })}</label>
          <input id="q" name="q" type="search" maxlength="100" autocomplete="off" .value=${f.q} />
        </div>
        <button type="button" class="secondary more-toggle" aria-expanded=${this.moreFilters} aria-controls="more-filters" @click=${() => (this.moreFilters = !this.moreFilters)}>
          ${more ? msg(str`상세 필터 (${more})`, { id: 'inbox.filter.moreSet' }) : msg('상세 필터', { id: 'inbox.filter.more' })}
        </button>
        <div class="more ${this.moreFilters ? 'open' : ''}" id="more-filters">
          <div class="field">
            <label for="form">${msg('양식', { id: 'inbox.filter.form' })}</label>
            <select id="form" name="form">
              <option value="" ?selected=${!f.form}>${msg('전체', { id: 'inbox.filter.any' })}</option>
              ${this.session.forms.map(
                ({ id, title }) => html`<option .value=${id} ?selected=${f.form === id}>${title?.trim() ? `${title} (${id})` : formLabel(id)}</option>`,
              )}
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
        </div>
        <button type="submit">${msg('검색', { id: 'inbox.filter.apply' })}</button>
        <button type="button" class="secondary" @click=${this.clearFilters}>${msg('초기화', { id: 'inbox.filter.clear' })}</button>
      </form>
      <div class="actions">
        <p class="muted" aria-live="polite">${this.loading ? msg('불러오는 중…', { id: 'inbox.list.loading' }) : msg(str`${this.total}건`, { id: 'inbox.list.count' })}</p>
        <button
          type="button"
          class="secondary"
          id="export"
          ?disabled=${this.exporting}
          aria-describedby=${this.total > this.exportLimit ? 'export-limit' : nothing}
          @click=${this.download}
        >
          ${msg('CSV로 내보내기', { id: 'inbox.list.export' })}
        </button>
      </div>
      ${this.total > this.exportLimit
        ? html`<p class="muted" id="export-limit">
            ${msg(str`CSV에는 최근 문의 ${this.exportLimit}건만 담깁니다. 시작일과 종료일로 기간을 나눠 내려받으세요.`, { id: 'inbox.list.exportLimit' })}
          </p>`
        : nothing}
      ${this.renderNotifyHelp()}
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
            ? html`<tr><td colspan="5" class="muted empty">${msg('문의가 없습니다.', { id: 'inbox.list.empty' })}</td></tr>`
            : // Keyed, so that a row's elements stay with its inquiry when a refresh moves it: a link
              // focused on coming back would otherwise come to name another patient.
              repeat(
                this.items,
                (item) => item.id,
                (item) => html`<tr data-id=${item.id} class=${this.arrived(item) ? 'arrived' : ''}>
                  <td class="time">${formatTime(item.receivedAt)}</td>
                  <td class="name text"><a href=${`#/inquiry/${encodeURIComponent(item.id)}`}>${item.name || msg('(이름 없음)', { id: 'inbox.list.noName' })}</a></td>
                  <td class="phone text">${item.phone ? phoneLink(item.phone) : nothing}</td>
                  <td class="form text">${formLabel(item.form, item.formTitle)}</td>
                  <td class="status">
                    ${this.arrived(item) ? html`<span class="badge arrived">${msg('새로 도착', { id: 'inbox.list.arrivedBadge' })}</span>` : nothing}
                    ${statusLabel(item.status)}
                    ${item.notifyFailed
                      ? html`<span class="badge failed" aria-describedby="notify-help">${msg(str`알림 실패 (${this.failingNames(item)})`, { id: 'inbox.list.notifyFailedChannel' })}</span>`
                      : nothing}
                    ${item.notifyRetrying && !item.notifyFailed
                      ? html`<span class="badge retrying" aria-describedby="notify-help">${msg(str`알림 재시도 중 (${this.failingNames(item)})`, { id: 'inbox.list.notifyRetryingChannel' })}</span>`
                      : nothing}
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
