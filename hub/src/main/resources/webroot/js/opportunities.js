// The opportunity board (issue 22): a column per stage with its count and amount per currency, cards to drag from
// stage to stage (Lost asks why), filters, the weighted forecast of what the board shows (by month, salesperson and
// division), and live redraws when someone moves an opportunity.
import { get, patch } from './api.js';
import { h, clear } from './dom.js';
import { lang } from './i18n.js';
import { toast } from './forms.js';
import { redrawOnEvents, liveSubscription } from './live-redraw.js';
import { filterSelect, drawColumns, moveToSelect, moveAskingWhyIfLost } from './stage-board.js';
import { draggableCard } from './drag-cards.js';
import { to, day, monthName, nameOf, money } from './opportunity-i18n.js';
import { openOpportunityDetail } from './opportunity-detail.js';

const FILTERS_KEY = 'conecta.opportunities.filters';
const live = liveSubscription();

/** Stops listening to the event stream (the shell calls it when another view opens). */
export const stopOpportunities = live.stop;

export async function renderOpportunities(main, ctx) {
  live.stop();
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
  live.follow(redrawOnEvents(board.ctx, board.main, ['opportunity.changed'], () => load(board), 300));
}

const divisionName = (board, key) => nameOf(board.divisions.find((d) => d.key === key)?.name) || key;

function drawFilters(board) {
  const f = board.filters;
  const set = (key) => (value) => { f[key] = value; localStorage.setItem(FILTERS_KEY, JSON.stringify(f)); load(board); };
  const users = board.ctx.users.filter((u) => u.role !== 'marketing' && u.id !== board.ctx.me.id);
  clear(document.getElementById('opportunity-filters')).append(
    filterSelect('opportunity-owner', to('owner'), f.owner, [['me', to('mine')], ['all', to('everyone')],
      ...users.map((u) => [String(u.id), u.name])], set('owner')),
    filterSelect('opportunity-team', to('team'), f.teamId, [['', to('anyTeam')], ...board.ctx.teams.map((tm) => [String(tm.id), tm.name])], set('teamId')),
    filterSelect('opportunity-division', to('division'), f.division, [['', to('anyDivision')],
      ...[...new Set(board.lines.map((l) => l.division))].map((k) => [k, divisionName(board, k)])], set('division')),
    filterSelect('opportunity-line', to('line'), f.line, [['', to('anyLine')],
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
  drawColumns(el, board.data.columns, {
    stageName, countTitle: to('opportunities'), amount: (col) => amounts(col.amounts), empty: to('empty'),
    more: (n) => to('more', { n }), card: (card, stages) => drawCard(board, card, stages),
    move: (card, stage) => move(board, card, stage) });
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
      moveToSelect(card, stages, to('moveTo'), stageName, (c, target) => move(board, c, target))));
  return draggableCard(li, card.id);
}

/** Moves a card; a lost stage first asks for the reason, which the API requires. */
async function move(board, card, stage) {
  await moveAskingWhyIfLost(stage,
    { id: 'opportunity-lost-dialog', title: to('lostTitle'), submitLabel: to('lostSubmit'), label: to('lostReason') },
    async (lostReason) => {
      await patch(`/api/v1/opportunities/${card.id}`, lostReason ? { stage: stage.key, lostReason } : { stage: stage.key });
      toast(to('moved', { stage: stageName(stage) }));
      await load(board);
    });
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
