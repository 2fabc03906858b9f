import { html, nothing } from 'lit';
import { msg } from '../../i18n.js';
import type { WidgetConfig } from '../../config/schema.js';
import { telHref } from '../../util/tel.js';
import { linkHref } from '../../util/link-href.js';
import { newWindowNote } from '../widget/labels.js';
import { inOwnLang } from './fields.js';

/**
 * Address, opening hours and a way out to the full map: the reference site's directions popup.
 * onCall and onMap report a patient following the phone or the map link (consult-contact).
 */
export function renderDirections(config: Partial<WidgetConfig>, onCall: () => void, onMap: () => void) {
  return html`<div class="directions" part="directions">
    <dl class="notice">
      ${config.clinicName ? html`<div><dt>${msg('병원', { id: 'directions.clinic' })}</dt><dd>${config.clinicName}</dd></div>` : nothing}
      ${config.address ? html`<div><dt>${msg('주소', { id: 'directions.address' })}</dt><dd>${inOwnLang(config.address)}</dd></div>` : nothing}
      ${config.hours ? html`<div><dt>${msg('진료 시간', { id: 'directions.hours' })}</dt><dd class="pre">${inOwnLang(config.hours)}</dd></div>` : nothing}
      ${config.phone
        ? html`<div>
            <dt>${msg('전화', { id: 'directions.phone' })}</dt>
            <dd><a href=${telHref(config.phone)} @click=${onCall}>${config.phone}</a></dd>
          </div>`
        : nothing}
    </dl>
    ${config.mapUrl
      ? html`<a class="button secondary" part="map-link" href=${linkHref(config.mapUrl) ?? nothing} target="_blank" rel="noopener noreferrer" @click=${onMap}
          >${msg('지도에서 자세히 보기', { id: 'directions.map' })}<span class="hidden-text">${newWindowNote()}</span></a
        >`
      : nothing}
  </div>`;
}
