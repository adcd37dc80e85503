// Keys shown by their labels: a web form's fields and choices (from the form's own definition) and the bot's answers.
import { lang, t } from './i18n.js';
import { money } from './money.js';

const forms = new Map();

function formDefinition(key) {
  if (!forms.has(key)) {
    forms.set(key, fetch(`/forms/${encodeURIComponent(key)}/definition`, { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : null)).catch(() => null));
  }
  return forms.get(key);
}

const pick = (label, fallback) => (label && (label[lang()] || label.es)) || fallback;

/** Replaces the field names (dt[data-key]) and choice values of a submitted form by the form's labels. */
export function labelFormFields(dl, formKey) {
  if (!formKey) return;
  formDefinition(formKey).then((def) => {
    if (!def) return;
    for (const f of def.fields || []) {
      const dt = dl.querySelector(`dt[data-key="${CSS.escape(f.name)}"]`);
      if (!dt) continue;
      dt.textContent = pick(f.label, f.name);
      const dd = dt.nextElementSibling;
      const choice = (f.choices || []).find((c) => c.value === dd?.textContent);
      if (choice) dd.textContent = pick(choice.label, choice.value);
    }
  });
}

/** The bot's answer names and coded values as a person reads them; unknown ones stay as they are. */
export function botAnswer(key, value) {
  const label = t(`ans_${key}`);
  const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // The bot stores an amount as "2000000 CLP"; people read $2.000.000.
  const amount = /^(\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(shown);
  if (amount) return [t(`ans_${key}`), money(amount[1], amount[2], lang())];
  const valueLabel = t(`ansv_${shown}`);
  return [label === `ans_${key}` ? key : label, valueLabel === `ansv_${shown}` ? shown : valueLabel];
}
