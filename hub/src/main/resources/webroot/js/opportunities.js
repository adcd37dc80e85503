// The opportunity board (issue 22): a column per stage with its count and amount per currency, cards to drag from
// stage to stage (Lost asks why), filters, the weighted forecast of what the board shows (by month, salesperson and
// division), and live redraws when someone moves an opportunity.
import { get, patch } from './api.js';
import { h, clear } from './dom.js';
import { lang } from './i18n.js';
import { dialog, toast } from './forms.js';
import { to, day, monthName, nameOf, money } from './opportunity-i18n.js';
import { openOpportunityDetail } from './opportunity-detail.js';

const FILTERS_KEY = 'conecta.opportunities.filters';
let live = null;

/** Stops listening to the event stream (the shell calls it when another view opens). */
export function stopOpportunities() {
  if (live) live.stop();
  live = null;
}

export async function renderOpportunities(main, ctx) {
  stopOpportunities();
  const [lines, divisions] = await Promise.all([get('/api/v1/business-lines'), get('/api/v1/business-divisions')]);
  const board = {
    main, ctx, lines: lines.items, divisions: divisions.items, data: null, token: 0,
    filters: { owner: ctx.me.role === 'admin' ? 'all' : 'me', teamId: '', division: '', line: '',
      ...JSON.parse(localStorage.getItem(FILTERS_KEY) || '{}') },
  };
  clear(main).append(
    h('div', { className: 'page-head' }, h('h1', {}, to('title')),
      h('button', { id: 'opportunities-refresh', onclick: () => load(board) }, '↻ ', to('refresh'))),
    h('div', { className: 'pipeline-filters', id: 'opportunity-filters' }),
    h('div', { className: 'pipeline-board', id: 'opportunity-board', 'aria-busy': 'true' }),
    h('section', { className: 'forecast-panel', id: 'forecast', 'aria-label': to('forecast') }));
  drawFilters(board);
  listen(board);
  await load(board);
}

function listen(board) {
  const source = board.ctx.events?.();
  if (!source) return;
  let timer = null;
  const soon = () => { clearTimeout(timer); timer = setTimeout(() => { if (board.main.isConnected) load(board); }, 300); };
  source.addEventListener('opportunity.changed', soon);
  live = { stop: () => { clearTimeout(timer); source.removeEventListener('opportunity.changed', soon); } };
}

function select(id, label, value, options, onchange) {
  return h('label', { className: 'pipeline-filter', for: id }, h('span', {}, label),
    h('select', { id, onchange: (e) => onchange(e.target.value) },
      ...options.map(([v, l]) => h('option', { value: v, selected: String(value) === String(v) }, l))));
}

const divisionName = (board, key) => nameOf(board.divisions.find((d) => d.key === key)?.name) || key;

function drawFilters(board) {
  const f = board.filters;
  const set = (key) => (value) => { f[key] = value; localStorage.setItem(FILTERS_KEY, JSON.stringify(f)); load(board); };
  const users = board.ctx.users.filter((u) => u.role !== 'marketing' && u.id !== board.ctx.me.id);
  clear(document.getElementById('opportunity-filters')).append(
    select('opportunity-owner', to('owner'), f.owner, [['me', to('mine')], ['all', to('everyone')],
      ...users.map((u) => [String(u.id), u.name])], set('owner')),
    select('opportunity-team', to('team'), f.teamId, [['', to('anyTeam')], ...board.ctx.teams.map((tm) => [String(tm.id), tm.name])], set('teamId')),
    select('opportunity-division', to('division'), f.division, [['', to('anyDivision')],
      ...[...new Set(board.lines.map((l) => l.division))].map((k) => [k, divisionName(board, k)])], set('division')),
    select('opportunity-line', to('line'), f.line, [['', to('anyLine')],
      ...board.lines.map((l) => [l.key, lang() === 'en' ? l.nameEn : l.nameEs])], set('line')));
}

async function load(board) {
  const token = ++board.token;
  const f = board.filters;
  const q = new URLSearchParams({ owner: f.owner });
  for (const key of ['teamId', 'division', 'line']) if (f[key]) q.set(key, f[key]);
  const el = document.getElementById('opportunity-board');
  try {
    const data = await get(`/api/v1/pipeline/opportunities?${q}`);
    if (token !== board.token || !el?.isConnected) return;
    board.data = data;
    drawBoard(board, el);
    drawForecast(board, document.getElementById('forecast'));
  } catch (err) {
    if (token !== board.token) return;
    clear(el).append(h('p', { className: 'error', role: 'alert' }, to('error')));
  }
}

const stageName = (stage) => nameOf(stage.name) || stage.key;

/** Several currencies are never added together: "$2.000.000 + USD 1.500,00". */
const amounts = (byCurrency) => {
  const parts = Object.entries(byCurrency || {}).filter(([, v]) => Number(v) !== 0).map(([c, v]) => money(v, c));
  return parts.length ? parts.join(' + ') : money(0, 'CLP');
};

function drawBoard(board, el) {
  el.setAttribute('aria-busy', 'false');
  el.dataset.drawnAt = String(performance.now());
  const stages = board.data.columns.map((c) => c.stage);
  clear(el).append(...board.data.columns.map((col) => {
    const column = h('section', { className: `pipeline-column outcome-${col.stage.outcome}`, 'data-stage': col.stage.key,
      'aria-label': stageName(col.stage) },
    h('header', {},
      h('h2', {}, stageName(col.stage)),
      h('span', { className: 'pipeline-count', title: to('opportunities') }, String(col.count)),
      h('span', { className: 'pipeline-amount' }, amounts(col.amounts))),
    col.cards.length ? h('ul', { className: 'pipeline-cards' }, ...col.cards.map((card) => drawCard(board, card, stages)))
      : h('p', { className: 'muted pipeline-empty' }, to('empty')),
    col.count > col.cards.length ? h('p', { className: 'muted pipeline-more' }, to('more', { n: col.count - col.cards.length })) : null);
    column.addEventListener('dragover', (e) => { e.preventDefault(); column.classList.add('drop-target'); });
    column.addEventListener('dragleave', () => column.classList.remove('drop-target'));
    column.addEventListener('drop', (e) => {
      e.preventDefault();
      column.classList.remove('drop-target');
      const id = Number(e.dataTransfer.getData('text/plain'));
      const card = board.data.columns.flatMap((c) => c.cards).find((c) => c.id === id);
      if (card && card.stage !== col.stage.key) move(board, card, col.stage);
    });
    return column;
  }));
}

function drawCard(board, card, stages) {
  const days = Math.floor((Date.now() - new Date(card.stageChangedAt).getTime()) / 86400000);
  const who = [...new Set([card.accountName, card.contactName].filter(Boolean))].join(' · ');
  const li = h('li', { className: 'pipeline-card opportunity-card', draggable: 'true', 'data-opportunity': card.id, tabindex: '0' },
    h('div', { className: 'pipeline-card-head' },
      h('strong', { className: 'pipeline-card-name' }, card.name),
      h('span', { className: 'chip', title: to('probability') }, `${card.probability} %`)),
    who ? h('div', { className: 'pipeline-card-account' }, who) : null,
    card.divisions.length ? h('div', { className: 'pipeline-card-interest' }, card.divisions.map((d) => divisionName(board, d)).join(', ')) : null,
    h('div', { className: 'pipeline-card-amount' }, money(card.amount, card.currency)),
    h('div', { className: 'pipeline-card-meta muted' },
      h('span', {}, card.ownerNames || to('noOwner')), ' · ',
      h('span', { className: 'opportunity-close' }, card.expectedClose ? to('closes', { date: day(card.expectedClose) }) : to('noClose')), ' · ',
      h('span', { className: 'pipeline-card-days' }, days < 1 ? to('todayInStage') : to('daysInStage', { n: days }))),
    h('div', { className: 'pipeline-card-actions' },
      h('button', { type: 'button', className: 'link', 'data-action': 'detail',
        onclick: () => openOpportunityDetail(card.id, board.ctx, () => load(board)).catch((err) => toast(err.message)) }, to('detail')),
      card.conversationId ? h('button', { type: 'button', className: 'link', 'data-action': 'open-conversation',
        onclick: () => board.ctx.open(card.conversationId) }, to('openConversation')) : null,
      h('select', { 'aria-label': to('moveTo'), 'data-action': 'move', onchange: (e) => {
        const target = stages.find((s) => s.key === e.target.value);
        e.target.value = '';
        if (target) move(board, card, target);
      } }, h('option', { value: '' }, to('moveTo')),
      ...stages.filter((s) => s.key !== card.stage).map((s) => h('option', { value: s.key }, stageName(s))))));
  li.addEventListener('dragstart', (e) => { e.dataTransfer.setData('text/plain', String(card.id)); e.dataTransfer.effectAllowed = 'move'; });
  return li;
}

/** Moves a card; a lost stage first asks for the reason, which the API requires. */
async function move(board, card, stage) {
  const send = async (lostReason) => {
    await patch(`/api/v1/opportunities/${card.id}`, lostReason ? { stage: stage.key, lostReason } : { stage: stage.key });
    toast(to('moved', { stage: stageName(stage) }));
    await load(board);
  };
  if (stage.outcome === 'lost') {
    dialog({ id: 'opportunity-lost-dialog', title: to('lostTitle'), submitLabel: to('lostSubmit'),
      fields: [{ name: 'lostReason', label: to('lostReason'), type: 'textarea', required: true }],
      onSubmit: (v) => send(v.lostReason) });
    return;
  }
  try {
    await send(null);
  } catch (err) {
    toast(err.message);
  }
}

/** The weighted forecast (amount × probability) of the open opportunities the board shows, three ways. */
function drawForecast(board, el) {
  const f = board.data.forecast;
  const table = (id, title, groups, label) => h('div', { className: 'forecast-table' },
    h('h3', {}, title),
    groups.length ? h('table', { id },
      h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, to('count')), h('th', {}, to('amount')), h('th', {}, to('weighted')))),
      h('tbody', {}, ...groups.map((g) => h('tr', { 'data-key': g.key, 'data-currency': g.currency },
        h('th', { scope: 'row' }, label(g)), h('td', {}, String(g.count)), h('td', {}, money(g.amount, g.currency)),
        h('td', { className: 'forecast-weighted' }, money(g.weighted, g.currency))))))
      : h('p', { className: 'muted' }, to('noForecast')));
  clear(el).append(h('h2', {}, to('forecast'), ' ', h('span', { className: 'muted' }, to('forecastHint'))),
    h('div', { className: 'forecast-tables' },
      table('forecast-month', to('byMonth'), f.month, (g) => (g.key === 'none' ? to('noClose') : monthName(g.key))),
      table('forecast-salesperson', to('bySalesperson'), f.salesperson, (g) => g.label),
      table('forecast-division', to('byDivision'), f.division, (g) => divisionName(board, g.key))));
}
