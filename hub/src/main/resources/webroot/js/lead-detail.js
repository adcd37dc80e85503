// A lead at a glance from its board card: what the customer told the bot, every stage move with its time, who made it
// and why, and the lead's quotes. Customer text goes in as text.
import { get } from './api.js';
import { h } from './dom.js';
import { lang } from './i18n.js';
import { money } from './pipeline-i18n.js';

const STRINGS = {
  es: {
    answers: 'Respuestas al bot', history: 'Historial de etapas', quotes: 'Cotizaciones', none: 'Sin datos', close: 'Cerrar',
    by: 'por {name}', system: 'automático', after: 'después de {time}', created: 'Creado en {stage}',
    cause_first_reply: 'primera respuesta de una persona', cause_quote_sent: 'cotización enviada', cause_quote_accepted: 'cotización aceptada',
    reason: 'Motivo: {reason}', status_draft: 'Borrador', status_sent: 'Enviada', status_accepted: 'Aceptada',
    status_rejected: 'Rechazada', status_expired: 'Vencida',
    q_name: 'Nombre', q_budget: 'Presupuesto', q_customer_type: 'Tipo de cliente', q_interest_area: 'Interés', q_city: 'Ciudad',
    q_urgency: 'Para cuándo', q_tax_id: 'RUT / NIT', q_email: 'Correo', q_phone: 'Teléfono',
  },
  en: {
    answers: 'Answers to the bot', history: 'Stage history', quotes: 'Quotes', none: 'Nothing yet', close: 'Close',
    by: 'by {name}', system: 'automatic', after: 'after {time}', created: 'Created in {stage}',
    cause_first_reply: 'a person\'s first reply', cause_quote_sent: 'quote sent', cause_quote_accepted: 'quote accepted',
    reason: 'Reason: {reason}', status_draft: 'Draft', status_sent: 'Sent', status_accepted: 'Accepted',
    status_rejected: 'Rejected', status_expired: 'Expired',
    q_name: 'Name', q_budget: 'Budget', q_customer_type: 'Customer type', q_interest_area: 'Interest', q_city: 'City',
    q_urgency: 'When', q_tax_id: 'Tax ID', q_email: 'Email', q_phone: 'Phone',
  },
};
// A flow's own question ids (custom ones) are shown as written in the flow file.
const question = (key) => (tl(`q_${key}`) === `q_${key}` ? key : tl(`q_${key}`));
const tl = (key, params = {}) => (STRINGS[lang()]?.[key] ?? STRINGS.es[key] ?? key)
  .replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));

function duration(seconds) {
  const s = Number(seconds) || 0;
  if (s < 3600) return `${Math.max(1, Math.round(s / 60))} min`;
  if (s < 86400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
}

/** Opens the lead's detail; {@code stages} are the board's, for their names. */
export async function openLeadDetail(card, stages) {
  const [lead, history, quotes] = await Promise.all([get(`/api/v1/leads/${card.id}`), get(`/api/v1/leads/${card.id}/history`),
    get(`/api/v1/quotes?leadId=${card.id}&limit=20`).catch(() => ({ items: [] }))]);
  const name = (key) => { const s = stages.find((x) => x.key === key); return s?.name?.[lang()] || s?.name?.es || key; };
  const when = (iso) => new Date(iso).toLocaleString(lang() === 'en' ? 'en-US' : 'es-CL', { dateStyle: 'short', timeStyle: 'short' });
  const answers = Object.entries(lead.answers || {});
  const dlg = h('dialog', { id: 'lead-dialog', className: 'modal lead-detail' },
    h('h2', {}, card.contactName || lead.title || `#${lead.id}`),
    h('h3', {}, tl('answers')),
    answers.length ? h('dl', { className: 'lead-answers' }, ...answers.flatMap(([k, v]) => [h('dt', {}, question(k)), h('dd', {}, String(v))]))
      : h('p', { className: 'muted' }, tl('none')),
    h('h3', {}, tl('history')),
    h('ol', { className: 'lead-history', id: 'lead-history' }, ...history.items.map((m) => h('li', { 'data-to': m.to },
      h('strong', {}, m.from ? `${name(m.from)} → ${name(m.to)}` : tl('created', { stage: name(m.to) })), ' ',
      h('span', { className: 'muted' }, when(m.at)), ' ',
      m.byName ? h('span', {}, tl('by', { name: m.byName })) : (m.cause ? h('span', {}, tl('system')) : null),
      m.cause ? h('span', { className: 'chip' }, tl(`cause_${m.cause}`)) : null,
      m.secondsInPrevious !== null && m.secondsInPrevious !== undefined ? h('span', { className: 'muted' }, ` · ${tl('after', { time: duration(m.secondsInPrevious) })}`) : null,
      m.lostReason ? h('div', { className: 'muted' }, tl('reason', { reason: m.lostReason })) : null))),
    h('h3', {}, tl('quotes')),
    quotes.items.length ? h('ul', { className: 'plain' }, ...quotes.items.map((q) => h('li', {}, h('strong', {}, q.number), ' ',
      h('span', { className: `chip status-${q.status}` }, tl(`status_${q.status}`)), ' ', money(q.total, q.currency))))
      : h('p', { className: 'muted' }, tl('none')),
    h('div', { className: 'row end' }, h('button', { type: 'button', id: 'lead-close', onclick: () => dlg.close() }, tl('close'))));
  dlg.addEventListener('close', () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
}
