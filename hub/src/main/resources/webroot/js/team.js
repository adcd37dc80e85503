// The team view for supervisors and admins: who is online, load against capacity, the waiting queue and its age.
import { get } from './api.js';
import { h, clear } from './dom.js';
import { t } from './i18n.js';

function age(seconds) {
  const s = Math.max(0, Number(seconds) || 0);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d`;
}

function loadBar(open, capacity) {
  const pct = capacity ? Math.min(100, Math.round((open / capacity) * 100)) : 0;
  return h('div', { className: `bar ${capacity && open >= capacity ? 'full' : ''}`, title: capacity ? `${pct}%` : t('noCapacity') },
    h('span', { style: null, className: 'fill', 'data-pct': pct }), h('span', { className: 'bar-label' }, capacity ? `${open} / ${capacity}` : `${open} / ∞`));
}

/** Loads every team the user may supervise (the API refuses the others) and draws them. */
export async function renderTeamView(main, ctx) {
  const loads = (await Promise.all(ctx.teams.map((tm) => get(`/api/v1/teams/${tm.id}/load`).catch(() => null)))).filter(Boolean);
  if (!main.isConnected) return;
  clear(main);
  main.append(h('div', { className: 'page-head' }, h('h1', {}, t('teamView')),
    h('button', { id: 'team-refresh', onclick: () => renderTeamView(main, ctx) }, '↻ ', t('refresh'))));
  if (!loads.length) { main.append(h('p', { className: 'empty' }, t('noTeams'))); return; }
  for (const team of loads) {
    const online = team.agents.filter((a) => a.availability === 'online');
    main.append(h('section', { className: 'card team', 'data-team': team.id },
      h('h2', {}, team.name, ' ', h('span', { className: 'chip online-count' }, `${online.length} ${t('onlineCount')}`),
        h('span', { className: `chip ${team.waiting.length ? 'warn' : ''}` }, `${team.waiting.length} ${t('waitingCount')}`)),
      h('div', { className: 'team-grid' },
        h('table', { className: 'grid agents' },
          h('thead', {}, h('tr', {}, h('th', {}, t('agent')), h('th', {}, t('presence')), h('th', {}, t('load')))),
          h('tbody', {}, ...team.agents.map((a) => h('tr', { 'data-user': a.userId, 'data-availability': a.availability },
            h('td', {}, a.name, a.supervisor ? h('span', { className: 'chip' }, t('supervisor')) : null),
            h('td', {}, h('span', { className: `dot ${a.availability}` }), ' ', t(a.availability)),
            h('td', {}, loadBar(a.openConversations, a.capacity)))))),
        h('div', {}, h('h3', {}, t('waitingQueue')),
          team.waiting.length ? h('ul', { className: 'plain waiting' }, ...team.waiting.map((w) => h('li', { 'data-conversation': w.conversationId },
            h('button', { className: 'link', onclick: () => ctx.open(w.conversationId) }, w.contactName || w.contactPhone || `#${w.conversationId}`),
            w.priority ? h('span', { className: `chip prio-${w.priority}` }, w.priority) : null,
            w.assigneeName ? h('span', { className: 'muted' }, ` · ${t('assignedTo')} ${w.assigneeName} · `) : null,
            h('span', { className: `age ${w.ageSeconds > 300 ? 'late' : ''}` }, age(w.ageSeconds)))))
            : h('p', { className: 'muted' }, t('nobodyWaiting'))))));
  }
  // Bars are sized here rather than with inline styles: the CSP forbids style attributes.
  main.querySelectorAll('.bar .fill').forEach((el) => { el.style.width = `${el.dataset.pct}%`; });
}
