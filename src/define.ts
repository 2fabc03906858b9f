import { ConsultWidget } from './components/widget/widget.js';

/**
 * Registers the elements, once: a page that loads the script twice, or the script and the
 * npm build, keeps the first definition instead of throwing. The dialog registers itself
 * from its own chunk when a patient first opens it.
 */
export function defineElements(): void {
  if (!customElements.get('consult-widget')) customElements.define('consult-widget', ConsultWidget);
}
