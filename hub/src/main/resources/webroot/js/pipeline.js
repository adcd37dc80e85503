// The pipeline board ("Embudo"): a column per configured lead stage with its count and amount, cards to drag from
// stage to stage (Lost asks why), filters, and live redraws when a lead moves or its conversation changes.
import { get, post } from './api.js';
import { h, clear } from './dom.js';
import { lang } from './i18n.js';
import { toast } from './forms.js';
import { redrawOnEvents, liveSubscription } from './live-redraw.js';
import { filterSelect, drawColumns, moveToSelect, moveAskingWhyIfLost } from './stage-board.js';
import { draggableCard } from './drag-cards.js';
import { tp, money, localised } from './pipeline-i18n.js';
import { openQuoteEditor } from './quote-editor.js';
import { openLeadDetail } from './lead-detail.js';
import { tq } from './quote-i18n.js';

const FILTERS_KEY = 'conecta.pipeline.filters';
const live = liveSubscription();

/** Stops listening to the event stream (the shell calls it when another view opens). */
export const stopPipeline = live.stop;

export async function renderPipeline(main, ctx) {
  live.stop();
  const [lines, divisions] = await Promise.all([get('/api/v1/business-lines'), get('/api/v1/business-divisions')]);
  const board = {
    main, ctx, lines: lines.items, divisions: divisions.items, data: null, token: 0,
    filters: { owner: ctx.me.role === 'admin' ? 'all' : 'me', teamId: '', source: '', campaign: '', interest: '', division: '',
      ...JSON.parse(localStorage.getItem(FILTERS_KEY) || '{}') },
  };
  clear(main).append(
    h('div', { className: 'page-head' }, h('h1', {}, tp('title')),
      h('button', { id: 'pipeline-refresh', onclick: () => load(board) }, '↻ ', tp('refresh'))),
    h('div', { className: 'pipeline-filters', id: 'pipeline-filters' }),
    h('div', { className: 'pipeline-board', id: 'pipeline-board', 'aria-busy': 'true' }));
  drawFilters(board);
  listen(board);
  await load(board);
}

function listen(board) {
  const onTheBoard = (e) => e.type !== 'message.created' || board.data?.conversations.has(JSON.parse(e.data).conversationId);
  live.follow(redrawOnEvents(board.ctx, board.main, ['lead.moved', 'lead.assigned', 'conversation.created', 'message.created'],
    () => load(board), 400, onTheBoard));
}

function drawFilters(board) {
  const f = board.filters;
  const set = (key) => (value) => { f[key] = value; localStorage.setItem(FILTERS_KEY, JSON.stringify(f)); load(board); };
  const facets = board.data?.facets || { sources: [], campaigns: [] };
  const divisionKeys = [...new Set(board.lines.map((l) => l.division))];
  const divisionName = (key) => {
    const d = board.divisions.find((x) => x.key === key);
    return d?.name?.[lang()] || d?.name?.es || key;
  };
  const users = board.ctx.users.filter((u) => u.role !== 'marketing');
  clear(document.getElementById('pipeline-filters')).append(
    filterSelect('pipeline-owner', tp('owner'), f.owner, [['me', tp('mine')], ['all', tp('everyone')],
      ...users.filter((u) => u.id !== board.ctx.me.id).map((u) => [String(u.id), u.name])], set('owner')),
    filterSelect('pipeline-team', tp('team'), f.teamId, [['', tp('anyTeam')], ...board.ctx.teams.map((tm) => [String(tm.id), tm.name])], set('teamId')),
    filterSelect('pipeline-source', tp('source'), f.source, [['', tp('anySource')],
      ...withCurrent(facets.sources, f.source).map((s) => [s, tp(`source_${s}`) === `source_${s}` ? s : tp(`source_${s}`)])], set('source')),
    filterSelect('pipeline-campaign', tp('campaign'), f.campaign, [['', tp('anyCampaign')],
      ...withCurrent(facets.campaigns, f.campaign).map((c) => [c, c])], set('campaign')),
    filterSelect('pipeline-interest', tp('interest'), f.interest, [['', tp('anyInterest')],
      ...board.lines.map((l) => [l.key, lang() === 'en' ? l.nameEn : l.nameEs])], set('interest')),
    filterSelect('pipeline-division', tp('division'), f.division, [['', tp('anyDivision')],
      ...divisionKeys.map((k) => [k, divisionName(k)])], set('division')));
}

const withCurrent = (list, current) => (current && !list.includes(current) ? [...list, current] : list);

async function load(board) {
  const token = ++board.token;
  const f = board.filters;
  const q = new URLSearchParams({ owner: f.owner });
  for (const key of ['teamId', 'source', 'campaign', 'interest', 'division']) if (f[key]) q.set(key, f[key]);
  const el = document.getElementById('pipeline-board');
  try {
    const data = await get(`/api/v1/pipeline/leads?${q}`);
    if (token !== board.token || !el?.isConnected) return;
    data.conversations = new Set(data.columns.flatMap((c) => c.cards.map((card) => card.conversationId)).filter(Boolean));
    const firstDraw = !board.data;
    board.data = data;
    if (firstDraw) drawFilters(board);
    drawBoard(board, el);
  } catch (err) {
    if (token !== board.token) return;
    clear(el).append(h('p', { className: 'error', role: 'alert' }, tp('error')));
  }
}

function stageName(stage) {
  return stage.name?.[lang()] || stage.name?.es || stage.key;
}

function drawBoard(board, el) {
  drawColumns(el, board.data.columns, {
    stageName, countTitle: tp('leads'), amount: (col) => money(col.amount, 'CLP'), empty: tp('empty'),
    more: (n) => tp('more', { n }), card: (card, stages) => drawCard(board, card, stages),
    move: (card, stage) => move(board, card, stage) });
}

function lineName(board, key) {
  const line = board.lines.find((l) => l.key === key || (l.aliases || []).includes(key));
  return line ? (lang() === 'en' ? line.nameEn : line.nameEs) : key;
}

function drawCard(board, card, stages) {
  const days = Math.floor((Date.now() - new Date(card.stageChangedAt).getTime()) / 86400000);
  const last = card.lastMessage;
  const preview = last ? (last.text || tp('attachment')) : tp('noMessage');
  const li = h('li', { className: 'pipeline-card', draggable: 'true', 'data-lead': card.id, tabindex: '0' },
    h('div', { className: 'pipeline-card-head' },
      h('strong', { className: 'pipeline-card-name' }, card.contactName || card.title || card.contactPhone || `#${card.id}`),
      card.priority ? h('span', { className: `chip prio-${card.priority}`, title: `${card.score ?? 0}` }, `${card.priority} · ${card.score ?? 0}`) : null),
    card.interestArea ? h('div', { className: 'pipeline-card-interest' }, lineName(board, card.interestArea)) : null,
    card.amount !== null && card.amount !== undefined ? h('div', { className: 'pipeline-card-amount' }, money(card.amount, card.currency)) : null,
    h('div', { className: 'pipeline-card-meta muted' },
      h('span', {}, card.ownerName || tp('noOwner')), ' · ',
      h('span', { className: 'pipeline-card-days' }, days < 1 ? tp('todayInStage') : tp('daysInStage', { n: days }))),
    h('p', { className: `pipeline-card-last ${last?.direction === 'in' ? 'in' : ''}` }, preview),
    h('div', { className: 'pipeline-card-actions' },
      card.conversationId ? h('button', { type: 'button', className: 'link', 'data-action': 'open-conversation',
        onclick: () => board.ctx.open(card.conversationId) }, tp('openConversation')) : null,
      h('button', { type: 'button', className: 'link', 'data-action': 'detail',
        onclick: () => openLeadDetail(card, stages, board.ctx, () => load(board)).catch(() => toast(tp('error'))) }, tp('detail')),
      card.contactId ? h('button', { type: 'button', className: 'link', 'data-action': 'quote',
        onclick: () => openQuoteEditor(card).catch((err) => toast(err.message)) }, tq('quote')) : null,
      moveToSelect(card, stages, tp('moveTo'), stageName, (c, target) => move(board, c, target))));
  return draggableCard(li, card.id);
}

/** Moves a card; a lost stage first asks for the reason, which the API requires. */
async function move(board, card, stage) {
  await moveAskingWhyIfLost(stage, { id: 'lost-dialog', title: tp('lostTitle'), submitLabel: tp('lostSubmit'), label: tp('lostReason') },
    async (lostReason) => {
      await post(`/api/v1/leads/${card.id}/stage`, lostReason ? { stage: stage.key, lostReason } : { stage: stage.key })
        .catch((err) => { throw localised(err); });
      toast(tp('moved', { stage: stageName(stage) }));
      await load(board);
    });
}
