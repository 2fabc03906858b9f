import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { msg } from '../../i18n.js';
import type { FieldConfig } from '../../config/schema.js';
import type { FieldValue } from '../../schema/inquiry.js';
import { fieldHint, fieldLabel, fieldPlaceholder, optionLabel, ownLang } from './texts.js';
import { DEFAULT_MAX_LENGTH } from './validate-form.js';

export interface FieldView {
  field: FieldConfig;
  value: FieldValue | undefined;
  error?: string;
  /** Options for select and radio fields, already resolved (configuration or defaults). */
  options: ReadonlyArray<{ value: string; label?: string }>;
  onInput: (name: string, value: FieldValue) => void;
}

export const fieldId = (name: string) => `field-${name}`;
export const errorId = (name: string) => `field-${name}-error`;
const hintId = (name: string) => `field-${name}-hint`;

const AUTOCOMPLETE: Record<string, string> = { name: 'name', phone: 'tel', email: 'email' };

/** One labelled control with its error written next to it and tied to it for screen readers. */
export function renderField({ field, value, error, options, onInput }: FieldView) {
  const id = fieldId(field.name);
  const label = inOwnLang(fieldLabel(field));
  const invalid = error ? 'true' : 'false';
  const hint = fieldHint(field);
  const describedBy = [hint ? hintId(field.name) : '', error ? errorId(field.name) : ''].join(' ').trim() || nothing;
  const required = !!field.required;
  const marker = required
    ? html`<span class="required" aria-hidden="true">*</span>`
    : html`<span class="optional">${msg('(선택)', { id: 'form.optional' })}</span>`;
  const text = typeof value === 'string' ? value : '';
  const onText = (e: Event) => onInput(field.name, (e.target as HTMLInputElement).value);
  const errorText = error ? html`<p id=${errorId(field.name)} class="error" part="error">${keepNumbersWhole(error)}</p>` : nothing;

  if (field.kind === 'radio') {
    // Once chosen, a radio cannot be unchosen: an optional sensitive one offers "none", so that a
    // patient who will not give that consent can empty it, as its notice says.
    const choices = required || !field.sensitive ? options : [{ value: '', label: msg('선택 안 함', { id: 'form.option.none' }) }, ...options];
    return html`<fieldset class="field" part="field">
      <legend class="label">${label} ${marker}</legend>
      <div class="choices">
        ${choices.map(
          (o, i) => html`<label class="choice">
            <input
              type="radio"
              id=${i === 0 ? id : nothing}
              name=${field.name}
              value=${o.value}
              .checked=${live(text === o.value)}
              ?required=${required}
              aria-invalid=${invalid}
              aria-describedby=${describedBy}
              @change=${onText}
            />
            ${inOwnLang(optionLabel(field, o.value, o.label))}
          </label>`,
        )}
      </div>
      ${errorText}
    </fieldset>`;
  }

  if (field.kind === 'checkbox') {
    return html`<div class="field" part="field">
      <label class="check">
        <input
          type="checkbox"
          id=${id}
          name=${field.name}
          .checked=${live(value === true)}
          ?required=${required}
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
          @change=${(e: Event) => onInput(field.name, (e.target as HTMLInputElement).checked)}
        />
        <span>${label} ${marker}</span>
      </label>
      ${errorText}
    </div>`;
  }

  const max = field.maxLength ?? DEFAULT_MAX_LENGTH;
  let control;
  if (field.kind === 'select') {
    control = html`<select
      id=${id}
      name=${field.name}
      ?required=${required}
      aria-invalid=${invalid}
      aria-describedby=${describedBy}
      @change=${onText}
    >
      <option value="" ?selected=${text === ''}>${msg('선택해 주세요', { id: 'form.select.none' })}</option>
      ${options.map((o) => {
        const shown = optionLabel(field, o.value, o.label);
        return html`<option value=${o.value} lang=${ownLang(shown) ?? nothing} ?selected=${text === o.value}>${shown}</option>`;
      })}
    </select>`;
  } else if (field.kind === 'textarea') {
    control = html`<textarea
      id=${id}
      name=${field.name}
      rows="4"
      maxlength=${max}
      placeholder=${fieldPlaceholder(field) ?? nothing}
      enterkeyhint="enter"
      ?required=${required}
      aria-invalid=${invalid}
      aria-describedby=${describedBy}
      .value=${live(text)}
      @input=${onText}
    ></textarea>`;
  } else {
    const tel = field.kind === 'tel';
    control = html`<input
      id=${id}
      name=${field.name}
      type=${tel ? 'tel' : 'text'}
      inputmode=${tel ? 'tel' : AUTOCOMPLETE[field.name] === 'email' ? 'email' : nothing}
      autocomplete=${AUTOCOMPLETE[field.name] ?? (tel ? 'tel' : nothing)}
      maxlength=${max}
      placeholder=${fieldPlaceholder(field) ?? nothing}
      enterkeyhint="next"
      ?required=${required}
      aria-invalid=${invalid}
      aria-describedby=${describedBy}
      .value=${live(text)}
      @input=${onText}
    />`;
  }
  return html`<div class="field" part="field">
    <label class="label" for=${id}>${label} ${marker}</label>
    ${hint ? html`<p id=${hintId(field.name)} class="hint">${keepWordsWhole(hint)}</p>` : nothing} ${control} ${errorText}
  </div>`;
}

/** A text in a span that names its language when it is not the dialog's (see ownLang). */
export const inOwnLang = (text: string) => html`<span lang=${ownLang(text) ?? nothing}>${text}</span>`;

/**
 * Each word with a digit in it as an unbreakable piece ("+81", "90-1234-5678"): the example in a
 * hint may wrap at its spaces on the narrowest screens (a phone zoomed to 200%), never at a hyphen.
 */
function keepWordsWhole(text: string) {
  return text.split(/(\S*\d\S*)/).map((part, i) => (i % 2 ? html`<span class="nowrap">${part}</span>` : part));
}

/** Phone numbers in a message ("010-1234-5678", "+81 90-1234-5678") as unbreakable pieces, so none is split across lines. */
function keepNumbersWhole(text: string) {
  return text.split(/(\+\d[\d -]*\d|\d[\d-]*\d)/).map((part, i) => (i % 2 ? html`<span class="nowrap">${part}</span>` : part));
}
