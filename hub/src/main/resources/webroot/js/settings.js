// Settings for admins: inboxes and channels (secrets write-only), teams and agents with capacity, business hours,
// canned responses; bot flows and templates shown read-only with the file they come from.
import { get, post, patch } from './api.js';
import { h, clear } from './dom.js';
import { t, lang } from './i18n.js';
import { dialog, toast } from './forms.js';
import { renderMetaTemplates } from './wa-templates.js'; // issue 25: WhatsApp templates managed with Meta
import { renderWebhooks } from './webhooks.js'; // outgoing webhooks (issue 25)

import { securityTab } from './security-settings.js';

const TABS = ['inboxes', 'teamsAgents', 'businessHours', 'canned', 'botFlows', 'templatesTab', 'webhooksTab', 'securityTab'];
const SECRET_HINTS = { whatsapp: ['accessToken', 'appSecret'], twilio: ['authToken'], email: ['password'], webform: ['secret'] };
const KNOWN = ['displayPhoneNumber', 'botFlow', 'autoAssign', 'firstReplyMinutes', 'sendRatePerSecond', 'webhookUrl'];
let tab = 'inboxes';

export async function renderSettings(main, ctx) {
  const body = h('div', { className: 'settings-body', id: 'settings-body' });
  clear(main).append(h('div', { className: 'page-head' }, h('h1', {}, t('settings'))),
    h('nav', { className: 'tabs', role: 'tablist' }, ...TABS.map((x) => h('button', { role: 'tab', 'data-settings': x,
      'aria-selected': String(tab === x), onclick: () => { tab = x; renderSettings(main, ctx); } }, t(x)))), body);
  try {
    await ({ inboxes, teamsAgents, businessHours, canned, botFlows, templatesTab, securityTab,
      webhooksTab: (b, c, again) => renderWebhooks(b, again) })[tab](body, ctx, () => renderSettings(main, ctx));
  } catch (e) { body.append(h('p', { className: 'error' }, e.message || t('error'))); }
}

const table = (head, rows) => h('table', { className: 'grid' }, h('thead', {}, h('tr', {}, ...head.map((x) => h('th', {}, x)))),
  h('tbody', {}, ...rows));

async function inboxes(body, ctx, again) {
  const list = (await get('/api/v1/inboxes')).items;
  const full = await Promise.all(list.map((i) => get(`/api/v1/inboxes/${i.id}/settings`).catch(() => ({ ...i, settings: {}, secretsSet: [] }))));
  body.append(table([t('name'), t('channel'), t('account'), t('team'), t('settingsCol'), ''], full.map((i, n) => {
    const pub = list[n];
    const account = pub.displayPhoneNumber || pub.phoneNumberId || pub.from || pub.address || pub.formKey || '';
    return h('tr', { 'data-inbox': i.id }, h('td', {}, i.name), h('td', {}, h('span', { className: `channel ch-${i.channel}` }, i.channel)),
      h('td', {}, account), h('td', {}, ctx.teams.find((tm) => tm.id === i.teamId)?.name || '—'),
      h('td', { className: 'muted' }, Object.keys(i.settings).filter((k) => k !== 'businessHours').map((k) => `${k}: ${JSON.stringify(i.settings[k])}`).join(' · '),
        i.secretsSet.length ? h('div', {}, '🔒 ', i.secretsSet.join(', '), ' ', t('secretSet')) : null),
      h('td', {}, h('button', { className: 'small', onclick: () => editInbox(i, ctx, again) }, t('edit'))));
  })));
}

function editInbox(i, ctx, again) {
  const s = i.settings;
  const keys = [...new Set([...KNOWN, ...Object.keys(s).filter((k) => k !== 'businessHours')])];
  const secrets = [...new Set([...(SECRET_HINTS[i.channel] || []), ...i.secretsSet])];
  dialog({ id: 'inbox-dialog', title: `${t('edit')}: ${i.name}`,
    fields: [{ name: 'name', label: t('name'), value: i.name },
      { name: 'teamId', label: t('team'), value: i.teamId ?? '', options: [['', '—'], ...ctx.teams.map((tm) => [tm.id, tm.name])] },
      ...keys.map((k) => ({ name: `s.${k}`, label: k, value: s[k] === undefined ? '' : typeof s[k] === 'string' ? s[k] : JSON.stringify(s[k]) })),
      ...secrets.map((k) => ({ name: `secret.${k}`, label: `🔒 ${k}`, type: 'password',
        placeholder: i.secretsSet.includes(k) ? t('secretKeep') : t('secretNone') }))],
    onSubmit: (v) => {
      const settings = {};
      for (const [k, raw] of Object.entries(v)) {
        if (k.startsWith('s.')) {
          const key = k.slice(2);
          if (raw === null) { if (s[key] !== undefined) settings[key] = null; continue; }
          try { settings[key] = JSON.parse(raw); } catch { settings[key] = raw; }
        } else if (k.startsWith('secret.') && raw) settings[k.slice(7)] = raw;
      }
      return patch(`/api/v1/inboxes/${i.id}/settings`, { name: v.name, teamId: v.teamId === null ? null : Number(v.teamId), settings })
        .then(() => { toast(t('saved')); again(); });
    } });
}

async function teamsAgents(body, ctx, again) {
  const [users, teams] = await Promise.all([get('/api/v1/users'), get('/api/v1/teams')]);
  ctx.teams = teams.items; ctx.users = users.items;
  const teamName = (id) => teams.items.find((x) => x.id === id)?.name || id;
  body.append(h('div', { className: 'page-head' }, h('h2', {}, t('teams')),
    h('button', { onclick: () => dialog({ id: 'team-dialog', title: t('newTeam'), submitLabel: t('create'),
      fields: [{ name: 'name', label: t('name'), required: true }, { name: 'description', label: t('description') }],
      onSubmit: (v) => post('/api/v1/teams', v).then(again) }) }, '+ ', t('newTeam'))),
  table([t('name'), t('members')], teams.items.map((tm) => h('tr', {}, h('td', {}, tm.name),
    h('td', {}, tm.memberIds.map((id) => users.items.find((u) => u.id === id)?.name || `#${id}`).join(', '))))),
  h('div', { className: 'page-head' }, h('h2', {}, t('agents')),
    h('button', { onclick: () => dialog({ id: 'user-dialog', title: t('newAgent'), submitLabel: t('create'),
      fields: [{ name: 'name', label: t('name'), required: true }, { name: 'email', label: t('email'), type: 'email', required: true },
        { name: 'role', label: t('role'), value: 'agent', options: [['agent', t('role_agent')], ['admin', t('role_admin')], ['marketing', t('role_marketing')]] },
        { name: 'password', label: t('password'), type: 'password', required: true },
        { name: 'maxOpenConversations', label: t('capacity'), type: 'number' },
        { name: 'teamId', label: t('team'), options: [['', '—'], ...teams.items.map((x) => [x.id, x.name])] }],
      onSubmit: (v) => post('/api/v1/users', { name: v.name, email: v.email, role: v.role, password: v.password, locale: lang(),
        maxOpenConversations: v.maxOpenConversations ? Number(v.maxOpenConversations) : undefined,
        teamIds: v.teamId ? [Number(v.teamId)] : [] }).then(again) }) }, '+ ', t('newAgent'))),
  table([t('name'), t('email'), t('role'), t('presence'), t('capacity'), t('teams'), ''], users.items.map((u) => h('tr', { 'data-user': u.id },
    h('td', {}, u.name), h('td', {}, u.email), h('td', {}, t(`role_${u.role}`)), h('td', {}, h('span', { className: `dot ${u.availability}` }), ' ', t(u.availability)),
    h('td', {}, u.maxOpenConversations ?? '∞'), h('td', {}, u.teamIds.map(teamName).join(', ')),
    h('td', {}, u.role === 'marketing' ? null : h('button', { className: 'small', onclick: () => dialog({ id: 'agent-dialog', title: u.name,
      fields: [{ name: 'maxOpenConversations', label: t('capacity'), type: 'number', value: u.maxOpenConversations ?? '' },
        h('fieldset', { className: 'checks', 'data-field': 'teamIds' }, h('legend', {}, t('teams')),
          ...teams.items.map((x) => h('label', {}, h('input', { type: 'checkbox', value: x.id, 'data-team': x.id, checked: u.teamIds.includes(x.id) }), ' ', x.name)))],
      onSubmit: (v, form) => patch(`/api/v1/users/${u.id}`, {
        maxOpenConversations: v.maxOpenConversations === null ? null : Number(v.maxOpenConversations),
        teamIds: [...form.querySelectorAll('[data-team]')].filter((c) => c.checked).map((c) => Number(c.dataset.team)) }).then(again) }) }, t('edit')))))));
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
async function businessHours(body) {
  const list = (await get('/api/v1/inboxes')).items;
  const full = await Promise.all(list.map((i) => get(`/api/v1/inboxes/${i.id}/settings`).catch(() => null)));
  body.append(h('p', { className: 'muted' }, t('hoursHelp')));
  for (const i of full.filter(Boolean)) {
    const bh = i.settings.businessHours || {};
    const weekly = bh.weekly || {};
    const tz = h('input', { value: bh.timeZone || 'America/Santiago', 'aria-label': 'timeZone' });
    const rows = DAYS.map((d) => {
      const on = h('input', { type: 'checkbox', checked: !!weekly[d], 'aria-label': t(`day_${d}`) });
      const from = h('input', { type: 'time', value: weekly[d]?.[0] || '09:00' });
      const to = h('input', { type: 'time', value: weekly[d]?.[1] || '18:00' });
      return { d, on, from, to, el: h('div', { className: 'row' }, h('label', { className: 'day' }, on, ' ', t(`day_${d}`)), from, '–', to) };
    });
    const holidays = h('input', { value: (bh.holidays || []).join(', '), placeholder: '2026-12-25, 2027-01-01', 'aria-label': t('holidays') });
    const always = h('input', { type: 'checkbox', checked: !i.settings.businessHours });
    body.append(h('section', { className: 'card hours', 'data-inbox': i.id }, h('h3', {}, i.name),
      h('label', {}, always, ' ', t('alwaysOpen')),
      h('div', { className: 'row' }, h('label', {}, t('timeZone'), ' '), tz), ...rows.map((r) => r.el),
      h('div', { className: 'row' }, h('label', {}, t('holidays'), ' '), holidays),
      h('div', { className: 'row end' }, h('button', { className: 'primary', onclick: async () => {
        const value = always.checked ? null : { timeZone: tz.value.trim() || 'America/Santiago',
          weekly: Object.fromEntries(rows.filter((r) => r.on.checked).map((r) => [r.d, [r.from.value, r.to.value]])),
          holidays: holidays.value.split(/[,\s]+/).filter(Boolean) };
        try { await patch(`/api/v1/inboxes/${i.id}/settings`, { settings: { businessHours: value } }); toast(t('saved')); }
        catch (e) { toast(e.message); }
      } }, t('save')))));
  }
}

async function canned(body, ctx, again) {
  const items = (await get('/api/v1/canned-responses?limit=100')).items;
  const edit = (c) => dialog({ id: 'canned-dialog', title: c ? `/${c.shortCode}` : t('newCanned'), submitLabel: t('save'),
    fields: [{ name: 'shortCode', label: t('shortCode'), value: c?.shortCode, required: true },
      { name: 'content', label: t('content'), type: 'textarea', value: c?.content, required: true }],
    onSubmit: (v) => (c ? patch(`/api/v1/canned-responses/${c.id}`, v) : post('/api/v1/canned-responses', v)).then(() => {
      get('/api/v1/canned-responses?limit=100').then((r) => { ctx.canned.length = 0; ctx.canned.push(...r.items); }); again(); }) });
  body.append(h('div', { className: 'page-head' }, h('h2', {}, t('canned')), h('button', { id: 'new-canned', onclick: () => edit(null) }, '+ ', t('newCanned'))),
    table([t('shortCode'), t('content'), ''], items.map((c) => h('tr', {}, h('td', {}, `/${c.shortCode}`), h('td', {}, c.content),
      h('td', {}, h('button', { className: 'small', onclick: () => edit(c) }, t('edit')))))));
}

async function botFlows(body) {
  const flows = (await get('/api/v1/bot-flows')).items;
  body.append(h('p', { className: 'muted' }, t('readOnlySource')));
  for (const f of flows) {
    body.append(h('details', { className: 'card' }, h('summary', {}, h('strong', {}, f.id), ' · ', h('code', {}, f.source)),
      h('pre', { className: 'code' }, f.text)));
  }
}

async function templatesTab(body, ctx) {
  // The account's templates at Meta first; below, the catalogue in code that notices and reminders use.
  await renderMetaTemplates(body, ctx).catch((e) => body.append(h('p', { className: 'error' }, e.message || t('error'))));
  const items = (await get('/api/v1/templates')).items;
  body.append(h('h2', {}, t('systemTemplates')), h('p', { className: 'muted' }, t('readOnlySource')),
    table([t('name'), t('category'), t('params'), t('content'), t('source')], items.map((x) => h('tr', {},
      h('td', {}, x.name), h('td', {}, x.category), h('td', {}, (x.params || []).join(', ')),
      h('td', {}, ...Object.entries(x.languages || {}).map(([code, l]) => h('div', {}, h('span', { className: 'chip' }, code), ' ', l.body))),
      h('td', {}, h('code', {}, x.source))))));
}
