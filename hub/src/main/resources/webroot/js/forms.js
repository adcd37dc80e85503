// Small form and dialog helpers: labelled fields, per-field errors from the API's {"error": {"field"}} answers.
import { h, clear } from './dom.js';
import { t } from './i18n.js';

/** A labelled input; spec: {name, label, type, value, options:[[value,label]], required, step}. */
export function field(spec) {
  const id = `f-${spec.form || 'x'}-${spec.name}`.replace(/[^\w-]/g, '_');
  let input;
  if (spec.options) {
    input = h('select', { id, name: spec.name, required: spec.required },
      ...spec.options.map(([v, l]) => h('option', { value: v, selected: String(spec.value ?? '') === String(v) }, l)));
  } else if (spec.type === 'textarea') {
    input = h('textarea', { id, name: spec.name, rows: 3, required: spec.required });
    input.value = spec.value ?? '';
  } else {
    input = h('input', { id, name: spec.name, type: spec.type || 'text', required: spec.required, step: spec.step,
      placeholder: spec.placeholder, autocomplete: 'off' });
    input.value = spec.value ?? '';
  }
  return h('div', { className: 'field', 'data-field': spec.name },
    h('label', { for: id }, spec.label), input, h('div', { className: 'field-error', role: 'alert' }));
}

/** Reads a form's named controls into an object; empty strings become null. */
export function values(form) {
  const out = {};
  for (const el of form.querySelectorAll('[name]')) {
    const v = el.value.trim();
    out[el.name] = v === '' ? null : v;
  }
  return out;
}

/** Shows an API error next to its field (the API names it, e.g. "opportunity.amount"), or at the form's foot. */
export function showError(form, err) {
  form.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  const name = err?.field || '';
  const candidates = [name, name.split('.').pop(), name.replace(/\./g, '_')];
  const box = candidates.map((n) => n && form.querySelector(`.field[data-field="${CSS.escape(n)}"]`)).find(Boolean);
  if (box) {
    box.querySelector('.field-error').textContent = err.message || t('error');
    box.querySelector('input,select,textarea')?.setAttribute('aria-invalid', 'true');
    box.querySelector('input,select,textarea')?.focus();
  } else {
    const foot = form.querySelector('.form-error');
    if (foot) foot.textContent = err?.message || t('error');
  }
}

/** A modal dialog with a form; onSubmit(values, form) returns a promise; the dialog closes when it resolves. */
export function dialog({ id, title, fields, submitLabel, onSubmit, extra }) {
  const form = h('form', { method: 'dialog', className: 'dialog-form', id: `${id}-form`, novalidate: true },
    h('h2', {}, title), ...fields.map((f) => (f instanceof Node ? f : field({ ...f, form: id }))), extra || null,
    h('div', { className: 'form-error', role: 'alert' }),
    h('div', { className: 'row end' },
      h('button', { type: 'button', value: 'cancel', onclick: () => dlg.close() }, t('cancel')),
      h('button', { type: 'submit', className: 'primary', id: `${id}-submit` }, submitLabel || t('save'))));
  const dlg = h('dialog', { id, className: 'modal' }, form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const submit = form.querySelector('[type=submit]');
    submit.disabled = true;
    try {
      await onSubmit(values(form), form);
      dlg.close();
    } catch (err) {
      showError(form, err);
    } finally {
      submit.disabled = false;
    }
  });
  dlg.addEventListener('close', () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
  form.querySelector('input,select,textarea')?.focus();
  return dlg;
}

export function toast(text) {
  const el = h('div', { className: 'toast', role: 'status' }, text);
  document.body.append(el);
  setTimeout(() => el.remove(), 3500);
}

export { clear };
