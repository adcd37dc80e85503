// The quote editor: a lead's quotes with their status (PDF, send by WhatsApp or email, accepted or rejected), and a
// new quote built from the product list, line by line with quantity and discount, totals as the server computes them.
import { get, post } from './api.js';
import { h, clear } from './dom.js';
import { lang } from './i18n.js';
import { toast } from './forms.js';
import { money } from './pipeline-i18n.js';
import { tq, localisedQuoteError, day } from './quote-i18n.js';

const round2 = (n) => Math.round((n + Number.EPSILON) * 100) / 100;

/** Net after discount and tax on the net, each rounded to cents (QuoteLine on the server does the same). */
function priced(line) {
  const gross = Number(line.product.unitPrice) * Number(line.quantity || 0);
  const net = round2(gross - (gross * Number(line.discountPct || 0)) / 100);
  const tax = round2((net * Number(line.product.taxRate)) / 100);
  return { net, tax, total: round2(net + tax) };
}

function inDays(n) {
  const d = new Date(Date.now() + n * 86400000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Opens the editor for a board card (a lead); resolves when it closes. */
export async function openQuoteEditor(card) {
  const [products, quotes] = await Promise.all([get('/api/v1/products?limit=200'),
    get(`/api/v1/quotes?leadId=${card.id}&limit=50`)]);
  const state = { lines: [], products: products.items, quotes: quotes.items, leadId: card.id };
  const dlg = h('dialog', { id: 'quote-dialog', className: 'modal quote-editor' });
  dlg.addEventListener('close', () => dlg.remove());
  document.body.append(dlg);
  draw(dlg, state, card);
  dlg.showModal();
}

function draw(dlg, state, card) {
  const name = card.contactName || card.title || `#${card.id}`;
  clear(dlg).append(
    h('h2', {}, tq('title', { name })),
    h('section', { className: 'quote-list', 'aria-label': tq('title', { name }) },
      state.quotes.length ? h('ul', { className: 'plain' }, ...state.quotes.map((q) => quoteRow(dlg, state, card, q)))
        : h('p', { className: 'muted' }, tq('noQuotes'))),
    newQuoteForm(dlg, state, card),
    h('div', { className: 'row end' }, h('button', { type: 'button', id: 'quote-close', onclick: () => dlg.close() }, tq('close'))));
}

function quoteRow(dlg, state, card, q) {
  const act = (label, id, path, body, message) => h('button', { type: 'button', 'data-action': id, onclick: async (e) => {
    e.target.disabled = true;
    try {
      const res = await post(`/api/v1/quotes/${q.id}/${path}`, body);
      toast(message ? tq(message, { number: res.number }) : `${res.number}: ${tq(`status_${res.status}`)}`);
      await reload(dlg, state, card);
    } catch (err) {
      toast(localisedQuoteError(err).message);
      e.target.disabled = false;
    }
  } }, label);
  const open = ['draft', 'sent'].includes(q.status);
  return h('li', { className: 'quote-row', 'data-quote': q.id, 'data-status': q.status },
    h('strong', {}, q.number), ' ',
    h('span', { className: `chip quote-status status-${q.status}` }, tq(`status_${q.status}`)), ' ',
    h('span', { className: 'quote-total' }, money(q.total, q.currency)), ' ',
    h('span', { className: 'muted' }, tq('validity', { date: day(q.validUntil) })),
    h('div', { className: 'quote-actions' },
      h('a', { href: `/api/v1/quotes/${q.id}/pdf`, target: '_blank', rel: 'noopener', 'data-action': 'pdf' }, tq('pdf')),
      open ? act(tq('sendWhatsApp'), 'send-whatsapp', 'send', { channel: 'whatsapp' }, 'sent') : null,
      open ? act(tq('sendEmail'), 'send-email', 'send', { channel: 'email' }, 'sent') : null,
      q.status === 'sent' ? act(tq('accept'), 'accept', 'accept', {}) : null,
      q.status === 'sent' ? act(tq('reject'), 'reject', 'reject', {}) : null));
}

async function reload(dlg, state, card) {
  state.quotes = (await get(`/api/v1/quotes?leadId=${state.leadId}&limit=50`)).items;
  if (dlg.isConnected) draw(dlg, state, card);
}

function newQuoteForm(dlg, state, card) {
  const picker = h('select', { id: 'quote-product', 'aria-label': tq('product') }, h('option', { value: '' }, tq('pickProduct')),
    ...state.products.map((p) => h('option', { value: p.id }, `${p.name} · ${money(p.unitPrice, p.currency)}`)));
  const body = h('tbody', {});
  const totals = h('dl', { className: 'quote-totals', id: 'quote-totals' });
  const error = h('div', { className: 'form-error', role: 'alert', id: 'quote-error' });
  const currency = () => state.lines[0]?.product.currency || 'CLP';
  const refresh = () => {
    const sum = state.lines.map(priced).reduce((a, l) => ({ net: a.net + l.net, tax: a.tax + l.tax, total: a.total + l.total }),
      { net: 0, tax: 0, total: 0 });
    clear(totals).append(
      h('dt', {}, tq('net')), h('dd', { id: 'quote-net' }, money(sum.net, currency())),
      h('dt', {}, tq('tax')), h('dd', { id: 'quote-tax' }, money(sum.tax, currency())),
      h('dt', {}, tq('total')), h('dd', { id: 'quote-total' }, money(sum.total, currency())));
  };
  const drawLines = () => {
    clear(body).append(...state.lines.map((line, i) => {
      const total = h('td', { className: 'num line-total' }, money(priced(line).net, line.product.currency));
      const input = (field, step, max) => {
        const el = h('input', { type: 'number', min: '0', max, step, name: `items[${i}].${field}`, value: line[field],
          'aria-label': tq(field === 'quantity' ? 'quantity' : 'discount'), className: `line-${field}` });
        el.addEventListener('input', () => { line[field] = el.value; total.textContent = money(priced(line).net, line.product.currency); refresh(); });
        return h('td', { className: 'field', 'data-field': `items[${i}].${field}` }, el, h('div', { className: 'field-error', role: 'alert' }));
      };
      return h('tr', { 'data-product': line.product.id },
        h('td', {}, line.product.name), input('quantity', '1', null), input('discountPct', '1', '100'),
        h('td', { className: 'num' }, money(line.product.unitPrice, line.product.currency)), total,
        h('td', {}, h('button', { type: 'button', className: 'icon', 'aria-label': tq('remove'), title: tq('remove'),
          onclick: () => { state.lines.splice(i, 1); drawLines(); refresh(); } }, '✕')));
    }));
  };
  const validity = h('input', { type: 'date', id: 'quote-valid-until', name: 'validUntil', value: inDays(30) });
  const language = h('select', { id: 'quote-language', name: 'language' },
    ...['es', 'en'].map((l) => h('option', { value: l, selected: l === lang() }, tq(l))));
  const notes = h('textarea', { id: 'quote-notes', name: 'notes', rows: 2, maxlength: 2000 });
  const form = h('form', { className: 'quote-form', id: 'quote-form', novalidate: true },
    h('h3', {}, tq('newQuote')),
    h('div', { className: 'row' }, picker, h('button', { type: 'button', id: 'quote-add', onclick: () => {
      const product = state.products.find((p) => String(p.id) === picker.value);
      if (!product) return;
      const same = state.lines.find((l) => l.product.id === product.id);
      if (same) same.quantity = String(Number(same.quantity || 0) + 1);
      else state.lines.push({ product, quantity: '1', discountPct: '0' });
      picker.value = '';
      drawLines(); refresh();
    } }, tq('add'))),
    h('table', { className: 'grid quote-lines' },
      h('thead', {}, h('tr', {}, h('th', {}, tq('product')), h('th', {}, tq('quantity')), h('th', {}, tq('discount')),
        h('th', { className: 'num' }, tq('unitPrice')), h('th', { className: 'num' }, tq('lineTotal')), h('th', {}))), body),
    totals,
    h('div', { className: 'quote-meta' },
      h('div', { className: 'field', 'data-field': 'validUntil' }, h('label', { for: 'quote-valid-until' }, tq('validUntil')), validity,
        h('div', { className: 'field-error', role: 'alert' })),
      h('div', { className: 'field', 'data-field': 'language' }, h('label', { for: 'quote-language' }, tq('language')), language,
        h('div', { className: 'field-error', role: 'alert' })),
      h('div', { className: 'field', 'data-field': 'notes' }, h('label', { for: 'quote-notes' }, tq('notes')), notes,
        h('div', { className: 'field-error', role: 'alert' }))),
    error,
    h('div', { className: 'row end' }, h('button', { type: 'submit', className: 'primary', id: 'quote-create' }, tq('create'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    form.querySelectorAll('.field-error').forEach((el) => { el.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    error.textContent = '';
    if (!state.lines.length) { error.textContent = tq('noLines'); return; }
    const submit = form.querySelector('#quote-create');
    submit.disabled = true;
    try {
      const q = await post('/api/v1/quotes', { leadId: state.leadId, language: language.value, validUntil: validity.value || null,
        notes: notes.value.trim() || null,
        items: state.lines.map((l) => ({ productId: l.product.id, quantity: Number(l.quantity), discountPct: Number(l.discountPct || 0) })) });
      toast(tq('created', { number: q.number }));
      state.lines = [];
      await reload(dlg, state, card);
    } catch (err) {
      const shown = localisedQuoteError(err);
      const box = err.field && form.querySelector(`.field[data-field="${CSS.escape(err.field)}"]`);
      if (box) {
        box.querySelector('.field-error').textContent = shown.message;
        box.querySelector('input,select,textarea')?.setAttribute('aria-invalid', 'true');
      } else {
        error.textContent = shown.message;
      }
    } finally {
      submit.disabled = false;
    }
  });
  drawLines(); refresh();
  return form;
}
