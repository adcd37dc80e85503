// A lead's page from its board card: its fields, editable with the API's per-field errors beside the field (issue 22);
// what the customer told the bot, every stage move with its time, who made it and why, the lead's quotes, activities and
// conversations, and the opportunity it became. Customer text goes in as text.
import { get, patch } from './api.js';
import { h } from './dom.js';
import { lang, translator } from './i18n.js';
import { money } from './pipeline-i18n.js';
import { field, values, showError, toast } from './forms.js';
import { openOpportunityDetail } from './opportunity-detail.js';
import { when } from './opportunity-i18n.js';

const STRINGS = {
  es: {
    answers: 'Respuestas al bot', history: 'Historial de etapas', quotes: 'Cotizaciones', none: 'Sin datos', close: 'Cerrar',
    by: 'por {name}', system: 'automático', after: 'después de {time}', created: 'Creado en {stage}',
    cause_first_reply: 'primera respuesta de una persona', cause_quote_sent: 'cotización enviada', cause_quote_accepted: 'cotización aceptada',
    reason: 'Motivo: {reason}', status_draft: 'Borrador', status_sent: 'Enviada', status_accepted: 'Aceptada',
    status_rejected: 'Rechazada', status_expired: 'Vencida',
    q_name: 'Nombre', q_budget: 'Presupuesto', q_customer_type: 'Tipo de cliente', q_interest_area: 'Interés', q_city: 'Ciudad',
    q_urgency: 'Para cuándo', q_tax_id: 'RUT / NIT', q_email: 'Correo', q_phone: 'Teléfono',
    title: 'Título', priority: 'Prioridad', score: 'Puntaje', interest: 'Interés', owner: 'Responsable', save: 'Guardar',
    saved: 'Guardado', activities: 'Actividades', conversations: 'Conversaciones', opportunity: 'Oportunidad',
    openOpportunity: 'Abrir la oportunidad', done: 'Hecha', pending: 'Pendiente', noOwner: 'Sin responsable',
  },
  en: {
    answers: 'Answers to the bot', history: 'Stage history', quotes: 'Quotes', none: 'Nothing yet', close: 'Close',
    by: 'by {name}', system: 'automatic', after: 'after {time}', created: 'Created in {stage}',
    cause_first_reply: 'a person\'s first reply', cause_quote_sent: 'quote sent', cause_quote_accepted: 'quote accepted',
    reason: 'Reason: {reason}', status_draft: 'Draft', status_sent: 'Sent', status_accepted: 'Accepted',
    status_rejected: 'Rejected', status_expired: 'Expired',
    q_name: 'Name', q_budget: 'Budget', q_customer_type: 'Customer type', q_interest_area: 'Interest', q_city: 'City',
    q_urgency: 'When', q_tax_id: 'Tax ID', q_email: 'Email', q_phone: 'Phone',
    title: 'Title', priority: 'Priority', score: 'Score', interest: 'Interest', owner: 'Owner', save: 'Save',
    saved: 'Saved', activities: 'Activities', conversations: 'Conversations', opportunity: 'Opportunity',
    openOpportunity: 'Open the opportunity', done: 'Done', pending: 'Pending', noOwner: 'No owner',
  },
};
// A flow's own question ids (custom ones) are shown as written in the flow file.
const question = (key) => (tl(`q_${key}`) === `q_${key}` ? key : tl(`q_${key}`));
const tl = translator(STRINGS);

function duration(seconds) {
  const s = Number(seconds) || 0;
  if (s < 3600) return `${Math.max(1, Math.round(s / 60))} min`;
  if (s < 86400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
}

/** Opens the lead's page; {@code stages} are the board's, for their names; ctx (the shell's) opens conversations. */
export async function openLeadDetail(card, stages, ctx = {}, changed = () => {}) {
  const [lead, history, quotes, lines] = await Promise.all([get(`/api/v1/leads/${card.id}`), get(`/api/v1/leads/${card.id}/history`),
    get(`/api/v1/quotes?leadId=${card.id}&limit=20`).catch(() => ({ items: [] })),
    get('/api/v1/business-lines').catch(() => ({ items: [] }))]);
  const [activities, conversations] = await Promise.all([
    get(`/api/v1/activities?leadId=${card.id}`).catch(() => ({ items: [] })),
    lead.contactId ? get(`/api/v1/contacts/${lead.contactId}/conversations`).catch(() => ({ items: [] })) : { items: [] }]);
  const name = (key) => { const s = stages.find((x) => x.key === key); return s?.name?.[lang()] || s?.name?.es || key; };

  const answers = Object.entries(lead.answers || {});
  const dlg = h('dialog', { id: 'lead-dialog', className: 'modal lead-detail' },
    h('h2', {}, card.contactName || lead.title || `#${lead.id}`),
    editForm(lead, lines.items, ctx.users || [], changed),
    lead.opportunityId ? h('p', {}, h('button', { type: 'button', className: 'link', id: 'lead-open-opportunity',
      onclick: () => { dlg.close(); openOpportunityDetail(lead.opportunityId, ctx, changed); } }, `${tl('openOpportunity')} #${lead.opportunityId}`)) : null,
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
    h('h3', {}, tl('activities')),
    activities.items.length ? h('ul', { className: 'plain', id: 'lead-activities' }, ...activities.items.map((a) => h('li', {},
      h('span', { className: a.done ? 'done' : '' }, a.title), ' ', h('span', { className: 'muted' }, a.dueAt ? when(a.dueAt) : '',
        ' · ', a.done ? tl('done') : tl('pending')))))
      : h('p', { className: 'muted' }, tl('none')),
    h('h3', {}, tl('conversations')),
    conversations.items.length ? h('ul', { className: 'plain', id: 'lead-conversations' }, ...conversations.items.map((c) => h('li', {},
      h('button', { type: 'button', className: 'link', onclick: () => { dlg.close(); ctx.open?.(c.id); } }, c.inboxName || `#${c.id}`), ' ',
      h('span', { className: 'muted clip' }, c.lastMessagePreview || ''))))
      : h('p', { className: 'muted' }, tl('none')),
    h('div', { className: 'row end' }, h('button', { type: 'button', id: 'lead-close', onclick: () => dlg.close() }, tl('close'))));
  dlg.addEventListener('close', () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
}

/** The lead's own fields; a stage is moved on the board (its history keeps who and why). */
function editForm(lead, lines, users, changed) {
  const lineName = (l) => (lang() === 'en' ? l.nameEn : l.nameEs);
  const known = !lead.interestArea || lines.some((l) => l.key === lead.interestArea);
  const form = h('form', { id: 'lead-form', className: 'inline-form record-form', novalidate: true },
    field({ form: 'lead', name: 'title', label: tl('title'), value: lead.title }),
    field({ form: 'lead', name: 'priority', label: tl('priority'), value: lead.priority || '', options: [['', '—'], ['A', 'A'], ['B', 'B'], ['C', 'C']] }),
    field({ form: 'lead', name: 'score', label: tl('score'), value: lead.score ?? '' }),
    field({ form: 'lead', name: 'interestArea', label: tl('interest'), value: lead.interestArea || '',
      options: [['', '—'], ...(known ? [] : [[lead.interestArea, lead.interestArea]]), ...lines.map((l) => [l.key, lineName(l)])] }),
    field({ form: 'lead', name: 'assigneeId', label: tl('owner'), value: lead.assigneeId ?? '',
      options: [['', tl('noOwner')], ...users.filter((u) => u.role !== 'marketing').map((u) => [String(u.id), u.name])] }),
    h('div', { className: 'form-error', role: 'alert' }),
    h('div', { className: 'row end' }, h('button', { type: 'submit', className: 'primary', id: 'lead-save' }, tl('save'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = values(form);
    const change = {};
    for (const k of ['title', 'priority', 'interestArea']) if ((v[k] ?? null) !== (lead[k] ?? null)) change[k] = v[k];
    // A whole number goes as a number; anything else as typed, so the API names the field.
    const score = v.score === null ? null : (/^-?\d+$/.test(v.score) ? Number(v.score) : v.score);
    if (score !== (lead.score ?? null)) change.score = score;
    const assignee = v.assigneeId === null ? null : Number(v.assigneeId);
    if (assignee !== (lead.assigneeId ?? null)) change.assigneeId = assignee;
    try {
      if (Object.keys(change).length) Object.assign(lead, await patch(`/api/v1/leads/${lead.id}`, change));
      form.querySelectorAll('.field-error, .form-error').forEach((box) => { box.textContent = ''; });
      form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
      toast(tl('saved'));
      changed(lead);
    } catch (err) {
      showError(form, err);
    }
  });
  return form;
}
