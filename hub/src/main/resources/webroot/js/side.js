// The side panel of a conversation: the contact (editable), account, leads (edit, convert), tickets, activities,
// quick actions (ticket, visit, follow-up task) and the customer's history across channels.
import { get, post, patch } from './api.js';
import { h, clear, timeAgo } from './dom.js';
import { t, lang } from './i18n.js';
import { field, values, showError, dialog, toast } from './forms.js';
import { conversionAction, taxIdDialog } from './convert.js';
import { loadStages, stageName } from './stages.js';
import { botAnswer } from './labels.js';
import { openVisitDialog, visitList } from './visit-dialog.js'; // issue 22: visits with technician, address, slot
import { tv } from './visits-i18n.js';
import { opportunitiesSection } from './side-opportunities.js';

const iso = (local) => (local ? new Date(local).toISOString() : null);
const localIn = (hours) => { const d = new Date(Date.now() + hours * 3600e3); d.setMinutes(0, 0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16); };
const dl = (pairs) => h('dl', {}, ...pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
  .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]));
const section = (title, ...children) => h('section', { className: 'side-section' }, h('h3', {}, title), ...children);

/** ctx: {me, users, conv, open(conversationId), refresh()} */
export async function renderSide(side, ctx) {
  const { conv } = ctx;
  const id = conv.contact.id;
  const [contact, leads, tickets, activities, history, stages] = await Promise.all([
    get(`/api/v1/contacts/${id}`).catch(() => conv.contact),
    get(`/api/v1/leads?contactId=${id}`).catch(() => ({ items: [] })),
    get(`/api/v1/tickets?contactId=${id}`).catch(() => ({ items: [] })),
    get(`/api/v1/activities?contactId=${id}`).catch(() => ({ items: [] })),
    get(`/api/v1/contacts/${id}/conversations`).catch(() => ({ items: [] })), loadStages()]);
  const visits = await get(`/api/v1/service-requests?contactId=${id}&limit=20`).catch(() => ({ items: [] }));
  const account = contact.accountId ? await get(`/api/v1/accounts/${contact.accountId}`).catch(() => null) : null;
  const redraw = () => renderSide(side, ctx);
  if (!side.isConnected) return;
  clear(side).append(...[
    h('button', { className: 'narrow-only close-side', onclick: () => document.getElementById('layout')?.classList.remove('show-side') }, '× ', t('close')),
    contactSection(contact, redraw),
    account ? section(t('account'), dl([[t('name'), account.name], [t('kind'), t(account.kind) || account.kind], [t('taxId'), account.taxId],
      [t('city'), account.city]]), h('button', { id: 'fix-tax-id', className: 'small', onclick: () => taxIdDialog(account, redraw) }, '✎ ', t('fixTaxId'))) : null,
    section(t('actions'), h('div', { className: 'actions' },
      h('button', { id: 'new-ticket', onclick: () => ticketDialog(contact, conv, redraw) }, '🎫 ', t('newTicket')),
      h('button', { id: 'new-visit', onclick: () => openVisitDialog(contact, conv, account, redraw) }, '🛠 ', t('scheduleVisit')),
      h('button', { id: 'new-task', onclick: () => taskDialog(contact, leads.items[0], ctx.me, redraw) }, '⏰ ', t('followUp')))),
    section(t('leads'), leads.items.length ? h('div', {}, ...leads.items.map((l) => leadBlock(l, contact, stages, redraw))) : h('p', { className: 'muted' }, t('none'))),
    section(tv('visits'), visitList(visits.items.filter((v) => v.status !== 'cancelled'), ctx.users || [])),
    // Issue 22: the opportunities the contact's leads became (and any made for them), each opening its page.
    opportunitiesSection(id, stages, ctx, redraw),
    section(t('tickets'), list(tickets.items, (k) => [`${k.subject}`, h('span', { className: 'chip' }, t(k.status) || k.status)])),
    section(t('activities'), list(activities.items, (a) => [
      h('input', { type: 'checkbox', checked: !!a.done, 'aria-label': t('done'), onchange: (e) => patch(`/api/v1/activities/${a.id}`, { done: e.target.checked })
        .then(redraw).catch((err) => toast(err.message)) }), ' ',
      h('span', { className: a.done ? 'done' : '' }, a.title),
      a.dueAt ? h('span', { className: 'muted' }, ` · ${new Date(a.dueAt).toLocaleString(lang(), { dateStyle: 'short', timeStyle: 'short' })}`) : null],
      'activity-list')),
    section(t('history'), historyList(history.items.filter((c) => c.id !== conv.id), ctx))].filter(Boolean));
}

function list(items, render, id) {
  if (!items.length) return h('p', { className: 'muted', id }, t('none'));
  return h('ul', { className: 'plain', id }, ...items.map((x) => h('li', { 'data-id': x.id }, ...render(x))));
}

function historyList(items, ctx) {
  if (!items.length) return h('p', { className: 'muted' }, t('noHistory'));
  return h('ul', { className: 'plain history', id: 'history' }, ...items.map((c) => h('li', {},
    h('button', { className: 'link', onclick: () => ctx.open(c.id) },
      h('span', { className: `channel ch-${c.channel}` }, t(`channel_${c.channel}`)), ' ', c.inboxName, ' · ', t(c.status), ' · ', timeAgo(c.lastActivityAt, lang())),
    h('div', { className: 'muted clip' }, c.lastMessagePreview || ''))));
}

function contactSection(contact, redraw) {
  const view = dl([[t('name'), contact.name], [t('phone'), contact.phone], [t('email'), contact.email], [t('city'), contact.city],
    [t('languageField'), contact.locale]]);
  const wrap = section(t('contact'), view);
  const edit = h('button', { id: 'edit-contact', className: 'small', onclick: () => {
    const form = h('form', { id: 'contact-form', className: 'inline-form', novalidate: true },
      field({ form: 'contact', name: 'name', label: t('name'), value: contact.name }),
      field({ form: 'contact', name: 'phone', label: t('phone'), value: contact.phone, type: 'tel' }),
      field({ form: 'contact', name: 'email', label: t('email'), value: contact.email, type: 'email' }),
      field({ form: 'contact', name: 'city', label: t('city'), value: contact.city }),
      field({ form: 'contact', name: 'locale', label: t('languageField'), value: contact.locale || 'es', options: [['es', 'Español'], ['en', 'English']] }),
      h('div', { className: 'form-error', role: 'alert' }),
      h('div', { className: 'row end' }, h('button', { type: 'button', onclick: redraw }, t('cancel')),
        h('button', { type: 'submit', className: 'primary', id: 'contact-save' }, t('save'))));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = values(form);
      const change = {};
      for (const k of ['name', 'phone', 'email', 'city', 'locale']) if ((v[k] ?? null) !== (contact[k] ?? null)) change[k] = v[k];
      try {
        if (Object.keys(change).length) await patch(`/api/v1/contacts/${contact.id}`, change);
        toast(t('saved'));
        redraw();
      } catch (err) { showError(form, err); }
    });
    view.replaceWith(form);
    edit.remove();
    form.querySelector('input')?.focus();
  } }, '✎ ', t('edit'));
  wrap.querySelector('h3').append(' ', edit);
  return wrap;
}

function leadBlock(l, contact, stages, redraw) {
  const answers = l.answers && typeof l.answers === 'object' ? Object.entries(l.answers) : [];
  return h('div', { className: 'lead', 'data-id': l.id },
    dl([[t('title'), l.title], [t('stage'), stageName(stages, l.stage)], [t('priority'), l.priority], [t('score'), l.score], [t('interest'), l.interestArea && botAnswer('interest_area', l.interestArea)[1]],
      [t('source'), l.source && (t(`channel_${l.source}`) === `channel_${l.source}` ? l.source : t(`channel_${l.source}`))]]),
    answers.length ? h('details', {}, h('summary', {}, t('botAnswers')),
      dl(answers.map(([k, v]) => botAnswer(k, v)))) : null,
    h('div', { className: 'actions' },
      h('button', { className: 'small', 'data-action': 'edit-lead', onclick: () => dialog({ id: 'lead-dialog', title: t('editLead'),
        fields: [{ name: 'title', label: t('title'), value: l.title },
          { name: 'stage', label: t('stage'), value: l.stage, options: stages.some((s) => s.key === l.stage)
            ? stages.map((s) => [s.key, stageName(stages, s.key)]) : [[l.stage, l.stage], ...stages.map((s) => [s.key, stageName(stages, s.key)])] },
          { name: 'priority', label: t('priority'), value: l.priority || '', options: [['', '—'], ['A', 'A'], ['B', 'B'], ['C', 'C']] },
          { name: 'score', label: t('score'), value: l.score, type: 'number' },
          { name: 'interestArea', label: t('interest'), value: l.interestArea }],
        onSubmit: (v) => patch(`/api/v1/leads/${l.id}`, { ...v, score: v.score === null ? null : Number(v.score) }).then(redraw) }) }, '✎ ', t('edit')),
      l.opportunityId || l.stage !== 'won' ? conversionAction(l, redraw) : null));
}

function ticketDialog(contact, conv, redraw) {
  dialog({ id: 'ticket-dialog', title: t('newTicket'), submitLabel: t('create'),
    fields: [
      { name: 'kind', label: t('kind'), value: 'support', options: ['support', 'visit', 'maintenance', 'warranty', 'work_order'].map((k) => [k, t(`ticket_${k}`)]) },
      { name: 'subject', label: t('subject'), required: true },
      { name: 'description', label: t('description'), type: 'textarea' },
      { name: 'priority', label: t('priority'), value: 'normal', options: ['low', 'normal', 'high', 'urgent'].map((k) => [k, t(`prio_${k}`)]) },
      { name: 'dueAt', label: t('due'), type: 'datetime-local' }],
    onSubmit: (v) => post('/api/v1/tickets', { ...v, dueAt: iso(v.dueAt), contactId: contact.id, conversationId: conv.id,
      accountId: contact.accountId ?? undefined }).then(() => { toast(t('ticketCreated')); redraw(); }) });
}

function taskDialog(contact, lead, me, redraw) {
  dialog({ id: 'task-dialog', title: t('followUp'), submitLabel: t('create'),
    fields: [{ name: 'title', label: t('title'), value: t('followUpDefault'), required: true },
      { name: 'dueAt', label: t('due'), type: 'datetime-local', value: localIn(24) },
      { name: 'notes', label: t('notes'), type: 'textarea' }],
    onSubmit: (v) => post('/api/v1/activities', { kind: 'follow_up', title: v.title, notes: v.notes, dueAt: iso(v.dueAt),
      contactId: contact.id, leadId: lead?.id, ownerId: me.id }).then(() => { toast(t('taskCreated')); redraw(); }) });
}
