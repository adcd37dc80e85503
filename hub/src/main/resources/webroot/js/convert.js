// Converting a lead from the side panel: the dialog starts from what the lead already holds (the bot's answers), a
// Chilean RUT is checked by its check digit before it is sent, and a converted lead shows its opportunity instead.
import { get, post, patch } from './api.js';
import { h } from './dom.js';
import { t, lang } from './i18n.js';
import { dialog, toast } from './forms.js';
import { money } from './money.js';
import { loadStages, stageName } from './stages.js';

/** Same rule as the API's TaxIds: a RUT-shaped value is a RUT or nothing (never read as a Colombian NIT). */
export function rutProblem(raw) {
  const s = (raw || '').replace(/[.\s]/g, '').toUpperCase();
  if (!/^\d{7,8}-?[\dK]$/.test(s) && !/K/.test(s)) return null;
  const m = /^(\d{7,8})-?([\dK])$/.exec(s);
  if (!m) return t('badRut');
  let sum = 0; let factor = 2;
  for (let i = m[1].length - 1; i >= 0; i--) { sum += Number(m[1][i]) * factor; factor = factor === 7 ? 2 : factor + 1; }
  const r = 11 - (sum % 11);
  const dv = r === 11 ? '0' : r === 10 ? 'K' : String(r);
  return dv === m[2] ? null : t('badRut');
}

/** The lead's action: "Convertir", or the summary of the opportunity it became. */
export function conversionAction(lead, redraw) {
  if (!lead.opportunityId) {
    return h('button', { className: 'small primary', 'data-action': 'convert-lead', onclick: () => convertDialog(lead, redraw) }, t('convert'));
  }
  const box = h('div', { className: 'converted', 'data-opportunity': lead.opportunityId }, `${t('converted')} #${lead.opportunityId}`);
  Promise.all([get(`/api/v1/opportunities/${lead.opportunityId}`), loadStages()]).then(([o, stages]) => {
    box.textContent = '';
    box.append(h('strong', {}, `${t('converted')} #${o.id}`), h('br'), o.name, ' · ', money(o.amount, o.currency, lang()),
      ' · ', stageName(stages, o.stage));
  }).catch(() => {});
  return box;
}

async function convertDialog(lead, redraw) {
  const close = new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10);
  const [res, draft] = await Promise.all([get('/api/v1/business-divisions').catch(() => ({ items: [] })),
    get(`/api/v1/leads/${lead.id}/conversion-draft`)]);
  if (draft.converted) { redraw(); return; }
  const divisions = [['', '—'], ...(res.items ?? res).map((d) => [d.key, d.name?.[lang()] || d.name?.es || d.key])];
  const currencies = ['CLP', 'USD', 'UF', 'COP', 'BOB'];
  dialog({ id: 'convert-dialog', title: t('convertLead'), submitLabel: t('convert'),
    fields: [
      { name: 'accountKind', label: t('accountKind'), value: draft.accountKind, options: [['residential', t('residential')], ['business', t('business')]] },
      { name: 'accountName', label: t('accountName'), value: draft.accountName },
      { name: 'taxId', label: t('taxId'), value: draft.taxId || '', placeholder: '76.123.456-0' },
      { name: 'opportunity.name', label: t('opportunityName'), value: draft.opportunityName || lead.interestArea || '' },
      { name: 'opportunity.amount', label: t('amount'), type: 'number', step: 'any', value: draft.amount ?? '' },
      { name: 'opportunity.currency', label: t('currency'), value: draft.currency || 'CLP',
        options: (currencies.includes(draft.currency) || !draft.currency ? currencies : [draft.currency, ...currencies]).map((c) => [c, c]) },
      { name: 'opportunity.divisions', label: t('division'), value: draft.divisions[0] ?? '', options: divisions },
      { name: 'opportunity.expectedClose', label: t('expectedClose'), type: 'date', value: close }],
    onSubmit: async (v) => {
      const bad = rutProblem(v.taxId);
      if (bad) throw Object.assign(new Error(bad), { field: 'taxId' });
      const body = { accountKind: v.accountKind, accountName: v.accountName, opportunity: {
        name: v['opportunity.name'], amount: v['opportunity.amount'] === null ? null : Number(v['opportunity.amount']),
        currency: v['opportunity.currency'], expectedClose: v['opportunity.expectedClose'],
        divisions: v['opportunity.divisions'] ? [v['opportunity.divisions']] : [] } };
      if (v.taxId) body.taxId = v.taxId;
      const done = await post(`/api/v1/leads/${lead.id}/convert`, body);
      toast(`${t('converted')} #${done.opportunityId ?? ''}`);
      redraw();
    } });
}

/** Corrects an account's tax id (the API checks it and audits the change). */
export function taxIdDialog(account, redraw) {
  dialog({ id: 'taxid-dialog', title: t('fixTaxId'), submitLabel: t('save'),
    fields: [{ name: 'taxId', label: t('taxId'), value: account.taxId || '', placeholder: '76.123.456-0' }],
    onSubmit: async (v) => {
      const bad = rutProblem(v.taxId);
      if (bad) throw Object.assign(new Error(bad), { field: 'taxId' });
      await patch(`/api/v1/accounts/${account.id}`, { taxId: v.taxId });
      toast(t('saved'));
      redraw();
    } });
}
