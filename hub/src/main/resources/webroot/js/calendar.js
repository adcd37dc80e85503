// The calendar: a day or a week of one person's or one team's activities, visits and reminders (quote follow-ups,
// activity due times), in the company's time zone with dd-mm-aaaa dates and 24-hour times; and my secret iCalendar
// link for Google Calendar or Outlook (made, remade or revoked here; shown only once). Redraws when a visit changes.
import { get, post, del } from './api.js';
import { h, clear } from './dom.js';
import { redrawOnEvents, liveSubscription } from './live-redraw.js';
import { toast } from './forms.js';
import { tv, dmy, hm, dayKey, todayKey, monday, addDays, dayLabel, instantOf } from './visits-i18n.js';

const live = liveSubscription();

/** Stops listening to the event stream (the shell calls it when another view opens). */
export const stopCalendar = live.stop;

export async function renderCalendar(main, ctx) {
  live.stop();
  const cal = { main, ctx, mode: 'week', day: todayKey(), who: 'me', token: 0 };
  const admin = ctx.me.role === 'admin';
  const mine = new Set(ctx.me.teamIds || []);
  const people = admin ? ctx.users.filter((u) => u.id !== ctx.me.id && u.role !== 'marketing') : [];
  const teams = admin ? ctx.teams : ctx.teams.filter((tm) => mine.has(tm.id));
  const whoSelect = h('select', { id: 'calendar-who', 'aria-label': tv('person'), onchange: (e) => { cal.who = e.target.value; load(cal); } },
    h('option', { value: 'me' }, tv('me')),
    ...people.map((u) => h('option', { value: `user:${u.id}` }, u.name)),
    ...teams.map((tm) => h('option', { value: `team:${tm.id}` }, `${tv('teamLabel')}: ${tm.name}`)));
  const modeButton = (mode) => h('button', { 'data-mode': mode, 'aria-pressed': String(cal.mode === mode), onclick: (e) => {
    cal.mode = mode;
    e.target.parentElement.querySelectorAll('[data-mode]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.mode === mode)));
    load(cal);
  } }, tv(mode));
  const step = (n) => { cal.day = addDays(cal.day, cal.mode === 'week' ? 7 * n : n); load(cal); };
  clear(main).append(
    h('div', { className: 'page-head' }, h('h1', {}, tv('calendarTitle')),
      h('div', { className: 'row' }, modeButton('day'), modeButton('week'),
        h('button', { id: 'calendar-prev', 'aria-label': 'prev', onclick: () => step(-1) }, tv('prev')),
        h('button', { id: 'calendar-today', onclick: () => { cal.day = todayKey(); load(cal); } }, tv('today')),
        h('button', { id: 'calendar-next', 'aria-label': 'next', onclick: () => step(1) }, tv('next')), whoSelect)),
    h('div', { className: 'calendar-grid', id: 'calendar-grid', 'aria-busy': 'true' }),
    h('section', { className: 'calendar-feed', id: 'calendar-feed' }));
  live.follow(redrawOnEvents(ctx, main, ['service.changed'], () => load(cal), 300));
  drawFeed(document.getElementById('calendar-feed'));
  await load(cal);
}

async function load(cal) {
  const token = ++cal.token;
  const first = cal.mode === 'week' ? monday(cal.day) : cal.day;
  const days = Array.from({ length: cal.mode === 'week' ? 7 : 1 }, (_, i) => addDays(first, i));
  const params = new URLSearchParams({ from: instantOf(first, '00:00'), to: instantOf(addDays(first, days.length), '00:00') });
  if (cal.who.startsWith('user:')) params.set('userId', cal.who.slice(5));
  if (cal.who.startsWith('team:')) params.set('teamId', cal.who.slice(5));
  const grid = document.getElementById('calendar-grid');
  let items;
  try {
    items = (await get(`/api/v1/calendar?${params}`)).items;
  } catch (err) {
    if (token === cal.token) clear(grid).append(h('p', { className: 'error' }, err.message || tv('error')));
    return;
  }
  if (token !== cal.token || !grid.isConnected) return;
  grid.removeAttribute('aria-busy');
  grid.className = `calendar-grid mode-${cal.mode}`;
  const users = new Map(cal.ctx.users.map((u) => [u.id, u.name]));
  clear(grid).append(...days.map((day) => {
    const today = items.filter((x) => dayKey(x.start) === day);
    return h('div', { className: `calendar-day${day === todayKey() ? ' today' : ''}`, 'data-day': day },
      h('h2', {}, dayLabel(day)),
      today.length ? h('ul', { className: 'plain' }, ...today.map((x) => entry(x, cal.who.startsWith('team:') ? users.get(x.userId) : null)))
        : h('p', { className: 'muted' }, tv('nothing')));
  }));
}

function entry(x, person) {
  const what = x.type === 'service_request' ? tv(`kind_${x.kind}`) : x.type === 'reminder' ? tv(`rem_${x.kind}`) : tv(`act_${x.kind}`);
  const title = x.type === 'reminder' ? `${x.title}${x.contactName ? ` · ${x.contactName}` : ''}` : x.title;
  return h('li', { className: `calendar-item type-${x.type}${x.done ? ' done' : ''}`, 'data-type': x.type, 'data-id': x.id },
    h('span', { className: 'calendar-time' }, `${hm(x.start)}–${hm(x.end)}`),
    h('span', { className: 'calendar-kind' }, what),
    h('span', { className: 'calendar-title' }, title || ''),
    x.location ? h('span', { className: 'muted calendar-place' }, x.location) : null,
    person ? h('span', { className: 'muted' }, person) : null);
}

async function drawFeed(box) {
  const status = await get('/api/v1/calendar/feed').catch(() => null);
  if (!box.isConnected) return;
  const redraw = () => drawFeed(box);
  const make = async () => {
    try {
      const made = await post('/api/v1/calendar/feed');
      // The hub may sit behind a proxy: the link is this page's origin plus the feed's path.
      const url = `${location.origin}${made.path}`;
      const input = h('input', { id: 'calendar-feed-url', readonly: true, value: url, onfocus: (e) => e.target.select() });
      clear(box).append(h('h2', {}, tv('feedTitle')), h('div', { className: 'row' }, input,
        h('button', { onclick: () => navigator.clipboard?.writeText(url).then(() => toast(tv('feedCopied'))) }, tv('feedCopy'))),
        h('p', { className: 'muted' }, tv('feedOnce')), actions(true, make, redraw));
    } catch (err) { toast(err.message); }
  };
  clear(box).append(h('h2', {}, tv('feedTitle')),
    h('p', { id: 'calendar-feed-status' }, status?.active ? tv('feedActive', { when: `${dmy(status.createdAt)} ${hm(status.createdAt)}` })
      + (status.lastReadAt ? ` ${tv('feedLastRead', { when: `${dmy(status.lastReadAt)} ${hm(status.lastReadAt)}` })}` : '') : tv('feedNone')),
    actions(!!status?.active, make, redraw));
}

function actions(active, make, redraw) {
  return h('div', { className: 'row' },
    h('button', { id: 'calendar-feed-make', className: active ? '' : 'primary', onclick: make }, tv(active ? 'feedRemake' : 'feedMake')),
    active ? h('button', { id: 'calendar-feed-revoke', onclick: () => del('/api/v1/calendar/feed')
      .then(() => { toast(tv('feedRevoked')); redraw(); }).catch((err) => toast(err.message)) }, tv('feedRevoke')) : null);
}
