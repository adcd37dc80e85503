// The opportunity page (issue 22), opened from a board card or the conversation's side panel: its fields, editable
// with the API's per-field errors shown beside the field; the bot's answers of the lead it came from; every stage move
// with its time, who and why; its quotes, activities and the customer's conversations. Customer text goes in as text.
import { get, patch } from './api.js';
import { h, clear } from './dom.js';
import { field, values, showError, toast } from './forms.js';
import { to, day, when, duration, nameOf, money } from './opportunity-i18n.js';
import { botAnswer } from './labels.js';

const CURRENCIES = ['CLP', 'USD', 'UF', 'COP', 'BOB'];

/** "1.234.567" (Chile) or "1.234,50" → "1234567" / "1234.50"; anything else goes as typed, for the API to judge. */
export function amountFromText(text) {
  const s = String(text ?? '').replace(/[\s$]/g, '');
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s)) return s.replace(/\./g, '').replace(',', '.');
  if (/^\d+,\d{1,2}$/.test(s)) return s.replace(',', '.');
  return s;
}

/** Opens the page of opportunity {@code id}; {@code changed} is called after a save (the board redraws). */
export async function openOpportunityDetail(id, ctx, changed = () => {}) {
  const [o, history, quotes, stagesRes, divisionsRes] = await Promise.all([get(`/api/v1/opportunities/${id}`),
    get(`/api/v1/opportunities/${id}/history`), get(`/api/v1/quotes?opportunityId=${id}&limit=20`).catch(() => ({ items: [] })),
    get('/api/v1/lead-stages'), get('/api/v1/business-divisions')]);
  const [account, lead, activities, conversations] = await Promise.all([
    get(`/api/v1/accounts/${o.accountId}`).catch(() => null),
    o.leadId ? get(`/api/v1/leads/${o.leadId}`).catch(() => null) : null,
    o.contactId ? get(`/api/v1/activities?contactId=${o.contactId}`).catch(() => ({ items: [] })) : { items: [] },
    o.contactId ? get(`/api/v1/contacts/${o.contactId}/conversations`).catch(() => ({ items: [] })) : { items: [] }]);
  const stages = stagesRes.items;
  const stageName = (key) => nameOf(stages.find((s) => s.key === key)?.name) || key;
  const users = ctx.users || [];
  const dlg = h('dialog', { id: 'opportunity-dialog', className: 'modal record-page' });
  const draw = (current) => {
    clear(dlg).append(
      h('h2', {}, current.name, ' ', h('span', { className: `chip status-${current.status}` }, to(`status_${current.status}`))),
      h('p', { className: 'muted' }, [account?.name, money(current.amount, current.currency), `${current.probability} %`,
        stageName(current.stage)].filter(Boolean).join(' · ')),
      editForm(current),
      h('h3', {}, to('history')),
      h('ol', { className: 'lead-history', id: 'opportunity-history' }, ...history.items.map((m) => h('li', { 'data-to': m.to },
        h('strong', {}, m.from ? `${stageName(m.from)} → ${stageName(m.to)}` : to('created', { stage: stageName(m.to) })), ' ',
        h('span', { className: 'muted' }, when(m.at)), ' ',
        m.byName ? h('span', {}, to('by', { name: m.byName })) : (m.cause ? h('span', {}, to('system')) : null),
        m.cause ? h('span', { className: 'chip' }, to(`cause_${m.cause}`)) : null,
        m.secondsInPrevious !== null && m.secondsInPrevious !== undefined ? h('span', { className: 'muted' }, ` · ${to('after', { time: duration(m.secondsInPrevious) })}`) : null,
        m.lostReason ? h('div', { className: 'muted' }, to('reason', { reason: m.lostReason })) : null))),
      lead && lead.answers && Object.keys(lead.answers).length ? h('details', { open: true }, h('summary', {}, to('answers')),
        h('dl', { className: 'lead-answers' }, ...Object.entries(lead.answers).flatMap(([k, v]) => {
          const [label, text] = botAnswer(k, v);
          return [h('dt', {}, label), h('dd', {}, String(text))];
        }))) : null,
      h('h3', {}, to('quotes')),
      list(quotes.items, (q) => [h('strong', {}, q.number), ' ', h('span', { className: `chip status-${q.status}` }, to(`status_${q.status}`)),
        ' ', money(q.total, q.currency)], 'opportunity-quotes'),
      h('h3', {}, to('activities')),
      list(activities.items, (a) => [h('span', { className: a.done ? 'done' : '' }, a.title), ' ',
        h('span', { className: 'muted' }, a.dueAt ? when(a.dueAt) : '', ' · ', a.done ? to('done') : to('pending'))], 'opportunity-activities'),
      h('h3', {}, to('conversations')),
      list(conversations.items, (c) => [h('button', { type: 'button', className: 'link', onclick: () => { dlg.close(); ctx.open?.(c.id); } },
        c.inboxName || `#${c.id}`), ' ', h('span', { className: 'muted clip' }, c.lastMessagePreview || '')], 'opportunity-conversations'),
      h('div', { className: 'row end' }, h('button', { type: 'button', id: 'opportunity-close', onclick: () => dlg.close() }, to('close'))));
  };
  const editForm = (current) => {
    const form = h('form', { id: 'opportunity-form', className: 'inline-form record-form', novalidate: true },
      field({ form: 'opportunity', name: 'name', label: to('name'), value: current.name }),
      field({ form: 'opportunity', name: 'amount', label: to('amount'), value: money(current.amount, current.currency).replace(/[^\d.,]/g, '') }),
      field({ form: 'opportunity', name: 'currency', label: to('currency'), value: current.currency,
        options: (CURRENCIES.includes(current.currency) ? CURRENCIES : [current.currency, ...CURRENCIES]).map((c) => [c, c]) }),
      field({ form: 'opportunity', name: 'expectedClose', label: to('expectedClose'), type: 'date', value: current.expectedClose }),
      field({ form: 'opportunity', name: 'stage', label: to('stage'), value: current.stage, options: stages.map((s) => [s.key, stageName(s.key)]) }),
      field({ form: 'opportunity', name: 'probability', label: `${to('probability')} (%)`, value: current.probabilityOverridden ? current.probability : '',
        placeholder: `${current.probability} · ${to('probabilityHelp')}` }),
      field({ form: 'opportunity', name: 'divisions', label: to('division'), value: current.divisions[0] ?? '',
        options: divisionsRes.items.map((d) => [d.key, nameOf(d.name) || d.key]) }),
      field({ form: 'opportunity', name: 'salespeopleIds', label: to('salespeople'), value: current.salespeopleIds[0] ?? '',
        options: users.filter((u) => u.role !== 'marketing' || current.salespeopleIds.includes(u.id)).map((u) => [String(u.id), u.name]) }),
      field({ form: 'opportunity', name: 'lostReason', label: to('lostReason'), type: 'textarea', value: current.lostReason }),
      h('div', { className: 'form-error', role: 'alert' }),
      h('div', { className: 'row end' }, h('button', { type: 'submit', className: 'primary', id: 'opportunity-save' }, to('save'))));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = values(form);
      const change = {};
      if (v.name !== current.name) change.name = v.name;
      const amount = v.amount === null ? null : amountFromText(v.amount);
      if (amount === null || Number(amount) !== Number(current.amount)) change.amount = amount;
      if (v.currency !== current.currency) change.currency = v.currency;
      if (v.expectedClose !== current.expectedClose) change.expectedClose = v.expectedClose;
      if (v.stage !== current.stage) change.stage = v.stage;
      const probability = v.probability === null ? null : (/^\d+$/.test(v.probability) ? Number(v.probability) : v.probability);
      if (probability !== (current.probabilityOverridden ? current.probability : null)) change.probability = probability;
      if (v.divisions && v.divisions !== current.divisions[0]) change.divisions = [v.divisions];
      if (v.salespeopleIds && Number(v.salespeopleIds) !== current.salespeopleIds[0]) change.salespeopleIds = [Number(v.salespeopleIds)];
      if (v.lostReason && v.lostReason !== current.lostReason) change.lostReason = v.lostReason;
      try {
        const saved = Object.keys(change).length ? await patch(`/api/v1/opportunities/${current.id}`, change) : current;
        if (change.stage) history.items = (await get(`/api/v1/opportunities/${current.id}/history`)).items;
        toast(to('saved'));
        draw(saved);
        changed(saved);
      } catch (err) {
        showError(form, err);
      }
    });
    return form;
  };
  draw(o);
  dlg.addEventListener('close', () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
  return dlg;
}

function list(items, render, id) {
  if (!items.length) return h('p', { className: 'muted', id }, to('none'));
  return h('ul', { className: 'plain', id }, ...items.map((x) => h('li', { 'data-id': x.id }, ...render(x))));
}
