/*
 * The mock clinic's own page script: what an agency writes around the widget. External, because
 * the page's Content-Security-Policy forbids inline scripts.
 *
 * - Any element with data-open-form="…" opens that form (consult, cost, kakao, or directions)
 *   through window.ConsultWidget, which exists as soon as the widget's script tag has run and
 *   queues calls made before the widget has finished loading.
 * - The widget's events bubble to document; an agency would forward them to its analytics.
 */
(() => {
  'use strict';

  function openFrom(trigger) {
    const form = trigger.getAttribute('data-open-form') || 'consult';
    const api = window.ConsultWidget;
    if (!api) {
      console.warn('[clinic] The consult widget is not on this page (is /dist/consult-widget.js built?).');
      return;
    }
    api.open(form);
  }

  document.addEventListener('click', (event) => {
    const trigger = event.target instanceof Element ? event.target.closest('[data-open-form]') : null;
    if (!trigger) return;
    event.preventDefault();
    openFrom(trigger);
  });

  // These are links styled as buttons (the site's CSS hides <button>); make Space work too.
  document.addEventListener('keydown', (event) => {
    if (event.key !== ' ') return;
    const trigger = event.target instanceof Element ? event.target.closest('[data-open-form][role="button"]') : null;
    if (!trigger) return;
    event.preventDefault();
    openFrom(trigger);
  });

  // Analytics hook: details carry form and inquiry ids only, never what the patient typed.
  for (const type of ['consult-open', 'consult-close', 'consult-submit', 'consult-success', 'consult-error']) {
    document.addEventListener(type, (event) => console.info(`[clinic analytics] ${type}`, event.detail));
  }
})();
