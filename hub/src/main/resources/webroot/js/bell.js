// The inbox's bell: the signed-in user's notifications (hand-offs, assignments, reminders) with the unread count,
// live from the event stream, marked read when opened; hand-offs and assignments also raise a browser notification
// once the user allowed them (asked once, on their first click of the bell: browsers only ask on a user gesture).
import { get, post } from './api.js';
import { h, clear, timeAgo } from './dom.js';
import { t, lang } from './i18n.js';

const ASKED = 'conecta.notifyAsked';
/** The kinds that mean "a conversation is now yours": worth a system notification when allowed. */
const URGENT = new Set(['bot_handoff', 'assignment']);

/**
 * One bell for the page. open(conversationId) shows a conversation; ring() plays the app's sound.
 * Answers { element, refresh, onCreated }: element is the header button with its panel.
 */
export function createBell({ open, ring }) {
  let items = [];
  let unread = 0;
  const count = h('span', { id: 'bell-count', className: 'badge', hidden: true, 'aria-live': 'polite' }, '0');
  const button = h('button', { type: 'button', id: 'bell', className: 'icon bell', 'aria-haspopup': 'true',
    'aria-expanded': 'false', title: t('notices'), 'aria-label': t('notices'), onclick: () => toggle() }, '🔔', count);
  const list = h('ul', { id: 'bell-list', className: 'bell-list' });
  const permission = h('div', { className: 'bell-permission', id: 'bell-permission' });
  const panel = h('div', { id: 'bell-panel', className: 'bell-panel', role: 'region', 'aria-label': t('notices'), hidden: true },
    h('div', { className: 'row' }, h('strong', {}, t('notices')),
      h('button', { type: 'button', className: 'link', id: 'bell-read-all', onclick: () => readAll() }, t('markAllRead'))),
    permission, list);
  const element = h('span', { className: 'bell-wrap' }, button, panel);

  function drawCount() {
    count.hidden = unread <= 0;
    count.textContent = String(unread);
    button.setAttribute('aria-label', unread > 0 ? `${t('notices')}: ${unread} ${t('unreadNotices')}` : t('notices'));
  }

  function drawPermission() {
    clear(permission);
    if (!('Notification' in window)) return;
    if (Notification.permission === 'default') {
      permission.append(h('button', { type: 'button', id: 'bell-allow', onclick: () => ask() }, t('enableBrowserNotices')));
    } else if (Notification.permission === 'denied') {
      permission.append(h('span', { className: 'hint' }, t('browserNoticesBlocked')));
    }
  }

  function drawList() {
    clear(list);
    if (!items.length) list.append(h('li', { className: 'empty' }, t('noNotices')));
    for (const n of items) {
      list.append(h('li', { 'data-id': n.id, 'data-read': String(!!n.read), className: n.read ? 'notice' : 'notice unread',
        tabindex: 0, onclick: () => choose(n), onkeydown: (e) => { if (e.key === 'Enter') choose(n); } },
        h('span', { className: 'subject' }, n.subject || ''),
        h('span', { className: 'body' }, (n.body || '').split('\n')[0]),
        h('span', { className: 'meta' }, timeAgo(n.createdAt, lang()))));
    }
  }

  async function refresh() {
    try {
      const page = await get('/api/v1/notifications?limit=20');
      items = page.items; unread = page.unread;
      drawCount(); drawList();
    } catch { /* the bell stays as it was; the next event or reload tries again */ }
  }

  function ask() {
    localStorage.setItem(ASKED, 'yes');
    Promise.resolve(Notification.requestPermission()).then(drawPermission, drawPermission);
  }

  function toggle(show = panel.hidden) {
    panel.hidden = !show;
    button.setAttribute('aria-expanded', String(show));
    if (!show) return;
    if ('Notification' in window && Notification.permission === 'default' && !localStorage.getItem(ASKED)) ask();
    drawPermission();
    refresh();
  }

  async function markRead(n) {
    if (n.read) return;
    n.read = true;
    try { unread = (await post(`/api/v1/notifications/${n.id}/read`)).unread; } catch { unread = Math.max(0, unread - 1); }
    drawCount(); drawList();
  }

  function choose(n) {
    markRead(n);
    toggle(false);
    const conversationId = n.payload?.conversationId;
    if (conversationId) open(conversationId);
  }

  async function readAll() {
    for (const n of items.filter((x) => !x.read)) await markRead(n);
  }

  /** A notification.created event for this user. */
  function onCreated(data) {
    const n = { id: data.id, kind: data.kind, subject: data.subject, body: data.body, payload: data.payload || {},
      createdAt: data.createdAt, read: false };
    if (items.some((x) => x.id === n.id)) return;
    items = [n, ...items].slice(0, 20);
    unread += 1;
    drawCount(); drawList();
    ring();
    if (URGENT.has(n.kind) && 'Notification' in window && Notification.permission === 'granted') {
      try {
        // One system notification per conversation: a hand-off that is also an assignment replaces, not stacks.
        const shown = new Notification(n.subject || t('notices'), { body: (n.body || '').split('\n')[0], lang: lang(),
          tag: n.payload.conversationId ? `conecta-conversation-${n.payload.conversationId}` : `conecta-${n.id}` });
        shown.onclick = () => { window.focus(); choose(n); shown.close(); };
      } catch { /* some browsers only allow notifications from a service worker */ }
    }
  }

  document.addEventListener('click', (e) => { if (!panel.hidden && !element.contains(e.target)) toggle(false); });
  drawCount();
  return { element, refresh, onCreated };
}
