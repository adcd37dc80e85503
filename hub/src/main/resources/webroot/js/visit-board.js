// The coordinator's board: a column per technician, a row per day of the week, the visits nobody has beside it.
// Drag a visit onto a technician's day to assign or reschedule it (its time of day is kept; a visit without one asks),
// or use its "Asignar" button (phone, keyboard). Overlaps with the same technician's other visits are marked.
// Redraws live when any visit changes.
import { get, patch, post } from './api.js';
import { h, clear } from './dom.js';
import { redrawOnEvents, liveSubscription } from './live-redraw.js';
import { draggableCard, acceptDroppedCards } from './drag-cards.js';
import { field, dialog, toast } from './forms.js';
import { tv, dmy, hm, dayKey, todayKey, monday, addDays, dayLabel, duration, instantOf, parseDmy } from './visits-i18n.js';

const live = liveSubscription();

/** Stops listening to the event stream (the shell calls it when another view opens). */
export const stopVisitBoard = live.stop;

export async function renderVisitBoard(main, ctx) {
  live.stop();
  const board = { main, ctx, week: monday(todayKey()), data: null, token: 0 };
  clear(main).append(
    h('div', { className: 'page-head' }, h('h1', {}, tv('boardTitle')),
      h('div', { className: 'row' },
        h('button', { id: 'board-prev', onclick: () => { board.week = addDays(board.week, -7); load(board); } }, tv('prevWeek')),
        h('button', { id: 'board-today', onclick: () => { board.week = monday(todayKey()); load(board); } }, tv('today')),
        h('button', { id: 'board-next', onclick: () => { board.week = addDays(board.week, 7); load(board); } }, tv('nextWeek')))),
    h('p', { className: 'muted' }, tv('dropHint')),
    h('div', { className: 'visit-board-wrap' }, h('div', { className: 'visit-board', id: 'visit-board', 'aria-busy': 'true' }),
      h('aside', { className: 'visit-pool', id: 'visit-pool' })));
  live.follow(redrawOnEvents(ctx, main, ['service.changed'], () => load(board), 300));
  await load(board);
}

async function load(board) {
  const token = ++board.token;
  const data = await get(`/api/v1/service-board?from=${board.week}&days=7`);
  if (token !== board.token || !board.main.isConnected) return;
  board.data = data;
  draw(board);
}

function draw(board) {
  const { data } = board;
  const grid = clear(document.getElementById('visit-board'));
  grid.removeAttribute('aria-busy');
  grid.dataset.week = board.week;
  if (!data.technicians.length) {
    grid.append(h('p', { className: 'muted' }, tv('noTechnicians')));
  } else {
    grid.style.gridTemplateColumns = `120px repeat(${data.technicians.length}, minmax(150px, 1fr))`;
    grid.append(h('div', { className: 'vb-corner' }), ...data.technicians.map((tech) => h('div', { className: 'vb-tech', 'data-technician': tech.id },
      h('strong', {}, tech.name), h('span', { className: 'muted' }, ` · ${tv(`level_${tech.level}`)}`))));
    for (const day of data.days) {
      grid.append(h('div', { className: `vb-day${day === todayKey() ? ' today' : ''}` }, dayLabel(day)));
      for (const tech of data.technicians) {
        const items = data.visits.filter((v) => v.technicianId === tech.id && dayKey(v.scheduledFor) === day);
        const cell = h('ul', { className: 'vb-cell', 'data-technician': tech.id, 'data-day': day }, ...items.map((v) => card(board, v)));
        dropTarget(board, cell, tech, day);
        grid.append(cell);
      }
    }
  }
  const pool = clear(document.getElementById('visit-pool'));
  pool.append(h('h2', {}, tv('toAssign'), ' ', h('span', { className: 'pipeline-count' }, String(data.unassigned.length))),
    data.unassigned.length ? h('ul', { className: 'vb-pool', id: 'unassigned' }, ...data.unassigned.map((v) => card(board, v)))
      : h('p', { className: 'muted', id: 'unassigned' }, tv('nothingToAssign')));
}

function card(board, v) {
  const when = v.scheduledFor ? `${board.data.days.includes(dayKey(v.scheduledFor)) && v.technicianId ? '' : `${dmy(v.scheduledFor)} `}`
    + `${hm(v.scheduledFor)}–${hm(new Date(Date.parse(v.scheduledFor) + v.durationMinutes * 60000).toISOString())}` : tv('needsTime');
  const li = h('li', { className: `vb-card${v.conflictsWith.length ? ' conflict' : ''}`, draggable: 'true', tabindex: '0',
    'data-request': v.id, 'data-status': v.status },
    h('div', { className: 'vb-when' }, when),
    h('div', { className: 'vb-who' }, v.contactName || `#${v.contactId}`),
    h('div', { className: 'muted vb-what' }, [tv(`kind_${v.kind}`), v.address].filter(Boolean).join(' · ')),
    v.status === 'not_done' ? h('div', { className: 'chip' }, tv('status_not_done')) : null,
    v.conflictsWith.length ? h('div', { className: 'vb-conflict', role: 'note' }, '⚠ ', tv('conflict', { ids: v.conflictsWith.join(', #') })) : null,
    h('button', { className: 'link small', 'data-action': 'assign', onclick: () => assignDialog(board, v) }, tv(v.technicianId ? 'reschedule' : 'assign')));
  return draggableCard(li, v.id);
}

function dropTarget(board, cell, tech, day) {
  acceptDroppedCards(cell, (id) => {
    const v = [...board.data.visits, ...board.data.unassigned].find((x) => x.id === id);
    if (!v) return;
    // The time of day is kept; a visit that has none yet asks for it.
    if (!v.scheduledFor) { assignDialog(board, v, tech.id, day); return; }
    plan(board, v, tech.id, instantOf(day, hm(v.scheduledFor))).catch((err) => toast(err.message));
  });
}

/** Assigns or reschedules; a visit that could not be done goes back to scheduled with its new slot. */
async function plan(board, v, technicianId, at) {
  const saved = v.status === 'not_done'
    ? await post(`/api/v1/service-requests/${v.id}/status`, { status: 'scheduled', scheduledFor: at, technicianId })
    : await patch(`/api/v1/service-requests/${v.id}`, { technicianId, scheduledFor: at });
  const who = board.data.technicians.find((x) => x.id === technicianId)?.name || '';
  toast(tv('assigned', { id: v.id, who, when: `${dmy(saved.scheduledFor)} ${hm(saved.scheduledFor)}` }));
  await load(board);
}

function assignDialog(board, v, technicianId, day) {
  const techs = board.data.technicians;
  dialog({ id: 'assign-dialog', title: tv('assignTitle', { id: v.id }), submitLabel: tv('assign'),
    fields: [
      field({ form: 'assign-dialog', name: 'technicianId', label: tv('technician'), value: String(technicianId ?? v.technicianId ?? techs[0]?.id ?? ''),
        options: techs.map((x) => [String(x.id), `${x.name} · ${tv(`level_${x.level}`)}`]) }),
      field({ form: 'assign-dialog', name: 'date', label: tv('date'), value: dmy(`${day || (v.scheduledFor ? dayKey(v.scheduledFor) : todayKey())}T15:00:00Z`) }),
      field({ form: 'assign-dialog', name: 'time', label: tv('time'), value: v.scheduledFor ? hm(v.scheduledFor) : '09:00' })],
    onSubmit: async (x) => {
      const key = parseDmy(x.date);
      if (!key) throw Object.assign(new Error(tv('badDate')), { field: 'date' });
      const at = instantOf(key, x.time);
      if (!at) throw Object.assign(new Error(tv('badTime')), { field: 'time' });
      await plan(board, v, Number(x.technicianId), at).catch((err) => {
        throw err.field === 'scheduledFor' ? Object.assign(err, { field: 'date' }) : err;
      });
    } });
}
