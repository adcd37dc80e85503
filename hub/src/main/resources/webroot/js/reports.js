// The reports page: a report per tab, filters in the address bar (so a link, like the weekly email's, opens the
// same view), each section drawn as a chart (Chart.js, served by the hub) and a table. Every value is set as text.
import { get } from './api.js';
import { h, clear } from './dom.js';
import { lang, setLang } from './i18n.js';
import { money } from './money.js';
import { REPORT_STRINGS } from './reports-i18n.js';

const root = document.getElementById('reports');
const s = (key) => REPORT_STRINGS[lang()][key] ?? REPORT_STRINGS.es[key] ?? key;
const column = (key) => REPORT_STRINGS[lang()].columns[key] ?? key.replaceAll('_', ' ');
const COLORS = ['#0f766e', '#2563eb', '#d97706', '#9333ea', '#dc2626', '#0891b2', '#65a30d', '#db2777'];
const FILTERS = ['from', 'to', 'teamId', 'agentId', 'inboxId', 'channel'];
const charts = [];

const state = { me: null, catalogue: [], teams: [], users: [], inboxes: [], params: new URLSearchParams(location.search) };

async function start() {
  try {
    state.me = await get('/api/v1/auth/me');
  } catch {
    location.href = '/';
    return;
  }
  if (state.me.locale && !localStorage.getItem('conecta.lang')) setLang(state.me.locale);
  const optional = (p) => get(p).then((r) => r.items).catch(() => []);
  const [catalogue, teams, users, inboxes, lines] = await Promise.all([get('/api/v1/reports').then((r) => r.items),
    optional('/api/v1/teams'), optional('/api/v1/users'), optional('/api/v1/inboxes'), optional('/api/v1/business-lines')]);
  Object.assign(state, { catalogue, teams, users, inboxes, lines });
  if (!state.params.get('key')) state.params.set('key', catalogue[0].key);
  render();
}

function select(name, label, options) {
  const el = h('select', { name, id: 'filter-' + name },
    h('option', { value: '' }, s('any')),
    options.map((o) => h('option', { value: o.value, selected: state.params.get(name) === String(o.value) }, o.label)));
  return h('label', { for: 'filter-' + name }, label, el);
}

function dateInput(name, label) {
  return h('label', { for: 'filter-' + name }, label,
    h('input', { type: 'date', name, id: 'filter-' + name, value: state.params.get(name) || '' }));
}

function query() {
  const q = new URLSearchParams();
  for (const f of FILTERS) if (state.params.get(f)) q.set(f, state.params.get(f));
  return q;
}

function render() {
  const key = state.params.get('key');
  const csv = query(); csv.set('format', 'csv'); csv.set('lang', lang());
  const form = h('form', { className: 'reports-filters', onsubmit: (e) => {
    e.preventDefault();
    for (const f of FILTERS) {
      const v = form.elements[f]?.value;
      if (v) state.params.set(f, v); else state.params.delete(f);
    }
    history.replaceState(null, '', '?' + state.params);
    render();
  } },
    dateInput('from', s('from')), dateInput('to', s('to')),
    select('teamId', s('team'), state.teams.map((t) => ({ value: t.id, label: t.name }))),
    select('agentId', s('agent'), state.users.filter((u) => u.role === 'agent').map((u) => ({ value: u.id, label: u.name }))),
    select('inboxId', s('inbox'), state.inboxes.map((i) => ({ value: i.id, label: i.name }))),
    select('channel', s('channel'), ['whatsapp', 'twilio', 'email', 'webform', 'api'].map((c) => ({ value: c, label: c }))),
    h('button', { type: 'submit', className: 'primary', id: 'apply-filters' }, s('apply')),
    h('a', { href: `/api/v1/reports/${encodeURIComponent(key)}?${csv}`, id: 'download-csv', download: '' }, s('csv')));
  const tabs = h('div', { className: 'reports-tabs', role: 'tablist' }, state.catalogue.map((r) =>
    h('button', { role: 'tab', 'aria-selected': String(r.key === key), 'data-report': r.key, onclick: () => {
      state.params.set('key', r.key);
      history.replaceState(null, '', '?' + state.params);
      render();
    } }, r.title[lang()] || r.title.es)));
  const grid = h('div', { className: 'report-grid', id: 'report-grid' });
  const status = h('div', { className: 'report-status', role: 'alert', id: 'report-status' });
  clear(root).append(
    h('header', { className: 'topbar' }, h('span', { className: 'brand' }, 'Conecta · ' + s('title')),
      h('a', { href: '/' }, s('back')),
      h('button', { type: 'button', onclick: () => { setLang(lang() === 'es' ? 'en' : 'es'); render(); } }, s('language'))),
    tabs, form, status, grid);
  load(key, grid, status);
}

async function load(key, grid, status) {
  charts.splice(0).forEach((c) => c.destroy());
  try {
    const report = await get(`/api/v1/reports/${encodeURIComponent(key)}?${query()}`);
    // Without dates the hub uses the last 30 days: show which.
    for (const f of ['from', 'to']) {
      const input = document.getElementById('filter-' + f);
      if (input && !input.value) input.value = report.filters[f];
    }
    for (const section of report.sections) grid.append(card(section));
  } catch (e) {
    status.textContent = `${s('error')}: ${e.message}`;
  }
}

function card(section) {
  const el = h('section', { className: 'report-card', 'data-section': section.key },
    h('h2', {}, section.title[lang()] || section.title.es));
  if (section.rows.length === 0) {
    el.append(h('p', { className: 'report-empty' }, s('empty')));
    return el;
  }
  const numeric = section.columns.slice(1).filter((c) => section.rows.some((r) => typeof r[c] === 'number'));
  if (section.chart !== 'table' && numeric.length > 0 && window.Chart) {
    const canvas = h('canvas', { role: 'img', 'aria-label': section.title[lang()] || section.title.es });
    el.append(h('div', { className: 'report-chart' }, canvas));
    charts.push(new window.Chart(canvas, chartConfig(section, numeric)));
  }
  el.append(table(section));
  return el;
}

function chartConfig(section, numeric) {
  const labelColumn = section.columns[0];
  const funnel = section.chart === 'funnel';
  return {
    type: section.chart === 'line' ? 'line' : 'bar',
    data: {
      labels: section.rows.map((r) => named(labelColumn, r[labelColumn] ?? '—')),
      datasets: numeric.map((c, i) => ({ label: column(c), data: section.rows.map((r) => r[c] ?? 0),
        backgroundColor: COLORS[i % COLORS.length], borderColor: COLORS[i % COLORS.length] })),
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false, indexAxis: funnel ? 'y' : 'x',
      locale: lang() === 'es' ? 'es-CL' : 'en-US',
      plugins: { legend: { display: numeric.length > 1, position: 'bottom' } } },
  };
}

// Amount columns, shown as people write money ($745.904 for CLP) in the row's currency.
const MONEY = new Set(['not_yet_due', 'd1_30', 'd31_60', 'd61_90', 'over_90', 'total',
  'amount_paid_after', 'billed', 'previous_month', 'accepted_total', 'won_amount', 'pipeline_amount', 'weighted_amount']);

// Issue 22: a business line's key as its catalogue name; "seguridad · 2027-01" as "Cámaras y seguridad · enero 2027".
function lineName(key) {
  const line = (state.lines || []).find((l) => l.key === key);
  return line ? (lang() === 'en' ? line.nameEn : line.nameEs) : key;
}
function named(c, v) {
  if (c === 'business_line') return lineName(v);
  if (c === 'business_line_month' && typeof v === 'string') {
    const [key, month] = v.split(' · ');
    const m = /^(\d{4})-(\d{2})$/.exec(month || '');
    const when = m ? new Date(Date.UTC(+m[1], +m[2] - 1, 15)).toLocaleDateString(lang() === 'en' ? 'en-US' : 'es-CL',
      { month: 'long', year: 'numeric', timeZone: 'UTC' }) : month;
    return `${lineName(key)} · ${when}`;
  }
  return String(v);
}

function table(section) {
  // es-CL groups every thousand (4.096), where plain "es" leaves four-digit numbers ungrouped.
  const fmt = new Intl.NumberFormat(lang() === 'es' ? 'es-CL' : lang(), { maximumFractionDigits: 2 });
  const value = (v, c, r) => v === null || v === undefined ? '—'
    : typeof v === 'number' && MONEY.has(c) ? money(v, r.currency || 'CLP', lang())
    : typeof v === 'number' ? fmt.format(v) : typeof v === 'boolean' ? (v ? '✓' : '✗') : named(c, v);
  return h('table', { className: 'report-table' },
    h('thead', {}, h('tr', {}, section.columns.map((c) => h('th', { scope: 'col' }, column(c))))),
    h('tbody', {}, section.rows.map((r) => h('tr', {}, section.columns.map((c) => h('td', {}, value(r[c], c, r)))))));
}

start();
