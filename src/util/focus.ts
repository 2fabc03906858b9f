const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Elements Tab can reach inside root, in document order; hidden ones are skipped. */
export function tabbables(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.getClientRects().length > 0 && !el.closest('[hidden], [inert]'),
  );
}

/**
 * Keeps Tab and Shift+Tab cycling inside a modal. showModal() already makes the page inert,
 * but browsers still let Tab leave to their own toolbar; patients with a keyboard expect a loop.
 */
export function trapTab(event: KeyboardEvent, root: ParentNode & { activeElement: Element | null }): void {
  if (event.key !== 'Tab') return;
  const items = tabbables(root);
  if (items.length === 0) return;
  const first = items[0];
  const last = items[items.length - 1];
  const active = root.activeElement;
  if (event.shiftKey && (active === first || !active)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !active)) {
    event.preventDefault();
    first.focus();
  }
}
