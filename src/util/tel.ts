/** A tel: link for a number as shown ("1833-7488"); keeps a leading + for international numbers. */
export function telHref(display: string): string {
  return `tel:${display.replace(/[^\d+]/g, '')}`;
}
