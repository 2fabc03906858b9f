import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { lockScroll } from '../../util/scroll-lock.js';
import { trapTab } from '../../util/focus.js';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/**
 * What makes the dialog a true modal on a host page we do not control: the native
 * showModal(), a scroll lock taken and released exactly once per opening (however many
 * show() calls overlap), sizing to the visual viewport above a phone's keyboard, Tab kept
 * inside, keys kept from the page's own handlers, and focus returned to the opener.
 */
export class ModalController implements ReactiveController {
  private releaseScroll?: () => void;
  private stopViewportWatch?: () => void;
  private opener: HTMLElement | null = null;

  constructor(
    private readonly host: Host,
    private readonly dialog: () => HTMLDialogElement | null,
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
    this.releaseScroll?.();
    this.releaseScroll = undefined;
    this.stopViewportWatch?.();
    this.stopViewportWatch = undefined;
    const opener = this.opener;
    this.opener = null;
    if (locked && opener?.isConnected) opener.focus();
    return was;
  }

  hostDisconnected(): void {
    this.releaseScroll?.();
    this.releaseScroll = undefined;
    this.stopViewportWatch?.();
    this.stopViewportWatch = undefined;
  }

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
      this.host.style.setProperty('--consult-viewport-height', `${Math.round(vv.height)}px`);
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
