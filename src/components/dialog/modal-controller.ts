import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { lockScroll } from '../../util/scroll-lock.js';
import { trapTab } from '../../util/focus.js';
import { phoneSheet } from './dialog.styles.js';
import { pageFit } from '../../util/page-fit.js';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/** The key of the history entry an open dialog adds (its value tells one opening from another). */
const ENTRY = 'consultDialog';

/** The Navigation API's entries, where the browser has it (Chrome, Android's WebView, Safari 26). */
type NavigationEntry = { url: string | null; index: number; sameDocument: boolean };
const navigation = () => (window as { navigation?: { currentEntry: NavigationEntry | null; entries(): NavigationEntry[] } }).navigation;

/**
 * A page that answers back itself: a handler set as onpopstate, or the entry at its own address
 * that a back-button blocker adds before the current one. Our steps back would set it off (a
 * "before you go" popup, a redirect) when the patient only closed the form: no entry of ours there.
 */
function answersBack(): boolean {
  const now = navigation()?.currentEntry;
  const before = now && navigation()!.entries()[now.index - 1];
  return !!onpopstate || (!!before && before.sameDocument && before.url === now.url);
}

/**
 * The entries the page's open dialogs added, each taken off by its own dialog only; every entry
 * this document added (an older document's, left by a reload, is another page's as far as a step
 * back goes); and a count that makes their marks unique.
 */
const ownedEntries = new Set<number>();
const addedHere = new Set<number>();
let marks = 0;

/**
 * Our steps back, taking an entry off, still on their way, and what waits for them to land. One
 * count for the page, not per dialog: a dialog removed with its form open (a site's re-render)
 * steps back as it goes, and the next dialog must not take that for the patient's back. Whichever
 * popstate listener sees an event first tells whether it is the landing of one of ours (the order
 * of listeners is the page's), and the rest read that answer.
 */
let stepsBack = 0;
let afterSteps: (() => void)[] = [];
const ownSteps = new WeakMap<Event, boolean>();
const isOwnStep = (event: Event): boolean => {
  let own = ownSteps.get(event);
  if (own === undefined) {
    ownSteps.set(event, (own = stepsBack > 0));
    const landed: unknown = own && history.state?.[ENTRY];
    // Landed on an entry this page added that no open dialog owns (one buried under another dialog's): on past it.
    if (typeof landed === 'number' && addedHere.has(landed) && !ownedEntries.has(landed)) stepBack();
    if (own && !--stepsBack) afterSteps.splice(0).forEach((then) => then());
  }
  return own;
};
function stepBack(): void {
  // Only onto this page's own entry: a browser may have dropped it (Chromium drops untouched pages'
  // entries first when a tab's history is full), and a step back would then leave the page.
  const now = navigation()?.currentEntry;
  if (now && !navigation()!.entries()[now.index - 1]?.sameDocument) return;
  stepsBack++;
  // A listener of its own (added once), so a landing is counted even when the dialog that stepped is gone.
  addEventListener('popstate', isOwnStep);
  history.back();
}

/**
 * What makes the dialog a true modal on a host page we do not control: the native
 * showModal(), a scroll lock taken and released exactly once per opening (however many
 * show() calls overlap), sizing to the visual viewport above a phone's keyboard, Tab kept
 * inside, keys kept from the page's own handlers, and focus returned to the opener.
 *
 * And the back button or gesture closes it rather than leaving the page: KakaoTalk's, Naver's
 * and other apps' browsers, and swipe-back on iPhones, go back in history where Chrome would
 * close a modal, and most patients arrive through those apps. So an open dialog adds a history
 * entry with the page's own address, taken off again when it closes some other way. Only on a
 * page whose current entry no script has claimed (history.state null, as on a site of plain
 * pages): a single-page site's router owns its entries, and would take a foreign one, or our
 * stepping back from it, for a navigation of its own.
 */
export class ModalController implements ReactiveController {
  private releaseScroll?: () => void;
  private stopViewportWatch?: () => void;
  private opener: HTMLElement | null = null;

  /** Our history entry's mark while it is the current entry. */
  private entry?: number;

  constructor(
    private readonly host: Host,
    private readonly dialog: () => HTMLDialogElement | null,
    /** Closes the dialog the way its close button does, for the back button. */
    private readonly onBack: () => void,
  ) {
    host.addController(this);
  }

  /** Whether the native dialog is showing as a modal. */
  get shown(): boolean {
    return !!this.releaseScroll;
  }

  rememberOpener(opener: HTMLElement | null): void {
    this.opener = opener ?? this.opener;
  }

  /**
   * Lays the closed dialog out once, unseen, ahead of a likely tap: the first showModal() then
   * finds its fonts, the shaping of its texts and its style rules ready, which were most of the
   * time from a tap to a usable form on a slow phone. Nothing is painted (the classes come off in
   * the same task), focused or read (visibility: hidden keeps it out of both). "unseen" turns off
   * transitions while it goes back to display: none, as a page's exit transition on
   * ::part(dialog) would otherwise keep the closed form on screen while it "faded out".
   */
  warm(): void {
    const dialog = this.dialog();
    if (!dialog || dialog.open) return;
    const { classList } = dialog;
    classList.add('warming', 'unseen');
    dialog.getBoundingClientRect();
    classList.remove('warming');
    // Its style without the box, worked out while transitions are off; then they are back.
    void getComputedStyle(dialog).display;
    classList.remove('unseen');
  }

  /**
   * Shows the dialog; answers whether this opened it: false when it already was (nothing is
   * locked twice), or when it was closed again while opening (a page's focus handler).
   */
  show(): boolean {
    const dialog = this.dialog();
    if (!dialog || this.releaseScroll) return false;
    // What changes the page's styles comes first, so the browser lays the page out once, in
    // showModal(), instead of again for each change after it.
    this.releaseScroll = lockScroll();
    this.watchViewport();
    this.opening = true;
    try {
      if (!dialog.open) dialog.showModal();
    } catch (error) {
      this.hide();
      throw error;
    } finally {
      this.opening = false;
    }
    if (this.shown) this.addEntry();
    return this.shown;
  }
  /** True inside showModal(), which moves focus: a page's focus handler may close us from there. */
  private opening = false;

  /**
   * Hides the dialog and gives back scroll and focus; answers whether it had been shown (not
   * when it is closed while still opening: it never was, for the page's events).
   */
  hide(): boolean {
    const locked = this.shown;
    const was = locked && !this.opening;
    const dialog = this.dialog();
    if (dialog?.open) dialog.close();
    this.removeEntry();
    this.releaseScroll?.();
    this.releaseScroll = undefined;
    this.stopViewportWatch?.();
    this.stopViewportWatch = undefined;
    const opener = this.opener;
    this.opener = null;
    if (locked && opener?.isConnected) opener.focus();
    return was;
  }

  hostConnected(): void {
    addEventListener('popstate', this.onPopState);
  }

  hostDisconnected(): void {
    ownedEntries.delete(this.entry!);
    this.entry = undefined;
    removeEventListener('popstate', this.onPopState);
    this.releaseScroll?.();
    this.releaseScroll = undefined;
    this.stopViewportWatch?.();
    this.stopViewportWatch = undefined;
  }

  private addEntry(): void {
    // Closed and opened again before a step back landed: the entry is added once it has (added
    // now, the step back might land on it, or leave it behind as an entry where back does nothing).
    if (stepsBack) return void afterSteps.push(() => this.shown && this.addEntry());
    const state = history.state;
    const current: unknown = state?.[ENTRY];
    this.url = location.href;
    if (typeof current === 'number' && !ownedEntries.has(current)) {
      // One of ours left by a reload with the form open (not another open dialog's): back off it closes the form again.
      return void ownedEntries.add((this.entry = current));
    }
    // A page whose entry a script claimed (a single-page site's router) keeps its history to itself.
    if (current === undefined && (state !== null || answersBack())) return;
    const mark = Date.now() * 1000 + (++marks % 1000);
    try {
      history.pushState({ [ENTRY]: mark }, '');
      ownedEntries.add((this.entry = mark));
      addedHere.add(mark);
    } catch {
      // a sandboxed frame, or a page that replaced pushState with something that throws
    }
  }
  /** The address the form opened at (and of our entry). */
  private url = '';

  /** Closed by other means than back: our entry comes off, so the next back leaves as it would have. */
  private removeEntry(): void {
    if (this.entry !== undefined && history.state?.[ENTRY] === this.entry) stepBack();
    ownedEntries.delete(this.entry!);
    this.entry = undefined;
  }

  /**
   * Back: the patient left the form, not the page; the draft stays. With our entry, that is back
   * off it (onto the page's own entry, at the same address), or back onto it from an entry the page
   * added while the form was open; the page's own move to another address (a hash set by a slider,
   * or by a conversion tag on consult-success) is no back. Without one (a single-page site), its
   * router went back a page behind the form, which closes too rather than stay over it.
   */
  private readonly onPopState = (event: Event): void => {
    if (isOwnStep(event) || !this.shown) return;
    if (this.entry === undefined || history.state?.[ENTRY] === this.entry || location.href === this.url) this.onBack();
  };

  /** Tab stays inside; no key reaches the host page's listeners. */
  readonly onKeydown = (event: KeyboardEvent): void => {
    trapTab(event, this.host.renderRoot as ShadowRoot);
    this.keepKeysInside(event);
  };

  /**
   * Host pages listen for keys on document (slide shows, "press space to scroll"), and from
   * outside the patient's typing looks like it is not in a field; keep keys to ourselves.
   */
  readonly keepKeysInside = (event: KeyboardEvent): void => {
    event.stopPropagation();
  };

  /**
   * On a page shrunk to fit a phone (see pageFit) the phone's sheet is adopted by itself: its media
   * query sees the page's 980px. Again on every resize, as the phone turns. Answers the scale.
   */
  private fitToPage(): number {
    const scale = pageFit();
    const root = this.host.renderRoot as ShadowRoot;
    const sheet = phoneSheet.styleSheet;
    if (sheet) {
      const others = root.adoptedStyleSheets.filter((s) => s !== sheet);
      root.adoptedStyleSheets = scale > 1 && innerWidth / scale <= 480 ? [...others, sheet] : others;
    }
    return scale;
  }

  /**
   * Phones shrink the visual viewport when the keyboard opens; sizing the dialog to it and
   * then scrolling the focused field back into view keeps what the patient types visible.
   * It answers the viewport's own resize, not a timer after focus: a timer could fire after
   * focus had moved on (a quick tap on send) and scroll away from the field an error just revealed.
   */
  private watchViewport(): void {
    const vv = window.visualViewport;
    const root = this.host.renderRoot as ShadowRoot;
    const fit = () => {
      if (!vv) return;
      this.host.style.setProperty('--consult-viewport-height', `${Math.round(vv.height / this.fitToPage())}px`);
      const focused = root.activeElement;
      if (!(focused instanceof HTMLElement)) return;
      // Only when the keyboard hides it: a field in view stays put, its label where an error put it.
      const { top, bottom } = focused.getBoundingClientRect();
      if (top < 0 || bottom > vv.height) focused.scrollIntoView({ block: 'nearest' });
    };
    fit();
    vv?.addEventListener('resize', fit);
    this.stopViewportWatch = () => {
      vv?.removeEventListener('resize', fit);
      this.host.style.removeProperty('--consult-viewport-height');
    };
  }
}
