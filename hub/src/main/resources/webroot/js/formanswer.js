// The composer of a web-form conversation: a form has no way back, so the answer goes on a channel the lead gave —
// WhatsApp (an approved template: they never wrote there) or email from the configured inbox. What was typed stays
// in the composer until the hub took it; a refusal is shown in the person's language, next to the send button.
import { get, post } from './api.js';
import { h, clear } from './dom.js';
import { t, lang } from './i18n.js';

/** Spanish/English for what the hub may answer; anything else reads as the general failure, never a raw code. */
const KNOWN = new Set(['channel_not_offered', 'template_required', 'missing_field', 'invalid_field', 'unknown_template',
  'duplicate_message']);

export function renderFormAnswer(conv, { templates, onSent, toNote }) {
  const wrap = h('div', { className: 'composer form-answer', id: 'form-answer' });
  const error = h('div', { className: 'error', role: 'alert', id: 'answer-error' });
  const body = h('div', { id: 'answer-body' });
  const channels = h('div', { className: 'row channels', role: 'radiogroup', 'aria-label': t('answerOn') });
  const send = h('button', { className: 'primary', id: 'answer-send', disabled: true }, t('send'));
  wrap.append(h('div', { className: 'row' }, h('button', { 'data-mode': 'note', onclick: toNote }, t('note'))),
    h('div', { className: 'hint' }, t('formAnswerHint')), channels, body, error,
    h('div', { className: 'row end' }, send));
  let chosen = null;
  let draw = () => ({});

  function emailBody(option) {
    const subject = h('input', { id: 'answer-subject', 'aria-label': t('subject'), placeholder: t('subject'),
      value: t('formAnswerSubject'), maxlength: 200 });
    const text = h('textarea', { id: 'answer-text', 'aria-label': t('reply'), placeholder: `${t('reply')} · ${option.to}` });
    clear(body).append(h('label', { for: 'answer-subject' }, t('subject')), subject, text);
    return () => ({ channel: 'email', subject: subject.value.trim(), text: text.value });
  }

  function whatsappBody() {
    const params = h('div', { className: 'row' });
    const preview = h('div', { className: 'hint', id: 'answer-preview' });
    const select = h('select', { id: 'answer-template', 'aria-label': t('template') },
      ...templates.map((tpl) => h('option', { value: tpl.name }, tpl.name)));
    const values = () => [...params.querySelectorAll('input')].map((i) => i.value.trim());
    const update = () => {
      const tpl = templates.find((x) => x.name === select.value);
      const text = tpl?.languages?.[lang()]?.body || tpl?.languages?.es?.body || '';
      const v = values();
      preview.textContent = text.replace(/\{\{(\d+)}}/g, (_, n) => v[Number(n) - 1] || `{{${n}}}`);
    };
    const refresh = () => {
      const tpl = templates.find((x) => x.name === select.value);
      clear(params);
      (tpl?.params || []).forEach((p, i) => params.append(h('input', { 'data-param': i, placeholder: p, 'aria-label': p,
        value: i === 0 && p === 'contact.name' ? (conv.contact.name || '') : '', oninput: update })));
      update();
    };
    select.addEventListener('change', refresh);
    clear(body).append(h('div', { className: 'hint' }, t('formAnswerTemplate')), h('div', { className: 'row' }, select),
      params, preview);
    refresh();
    return () => ({ channel: 'whatsapp', template: { name: select.value, params: values() } });
  }

  function choose(option) {
    chosen = option;
    error.textContent = '';
    draw = option.channel === 'email' ? emailBody(option) : whatsappBody();
    send.disabled = false;
  }

  send.addEventListener('click', async () => {
    if (!chosen) return;
    const request = { ...draw(), clientMessageId: crypto.randomUUID() };
    error.textContent = '';
    send.disabled = true;
    try {
      const m = await post(`/api/v1/conversations/${conv.id}/answers`, request);
      onSent(m, chosen);
    } catch (e) {
      // Nothing typed is cleared: the person corrects it or tries again.
      error.textContent = e.field === 'template.params' ? t('answerErr_params')
        : KNOWN.has(e.code) ? t(`answerErr_${e.code}`) : t('answerFailed');
      send.disabled = false;
    }
  });

  get(`/api/v1/conversations/${conv.id}/reply-channels`).then((res) => {
    if (!res.items.length) { channels.append(h('span', { className: 'hint', id: 'answer-none' }, t('formAnswerNone'))); return; }
    res.items.forEach((o, i) => {
      const id = `answer-${o.channel}`;
      const radio = h('input', { type: 'radio', name: 'answer-channel', id, value: o.channel, onchange: () => choose(o) });
      channels.append(h('label', { for: id, className: 'choice' }, radio, ' ',
        `${o.channel === 'email' ? t('formAnswerEmail') : 'WhatsApp'} · ${o.to} (${o.inboxName})`));
      if (i === 0) { radio.checked = true; choose(o); }
    });
  }).catch(() => { error.textContent = t('answerFailed'); });
  return wrap;
}
