// The web inbox: sign-in, the views (inbox, team, campaigns, settings), the conversation list, the thread with its
// composer, live updates and keyboard shortcuts. The other views live in their own modules.
import { get, post, setCsrf, upload } from './api.js';
import { h, clear, timeAgo } from './dom.js';
import { t, lang, setLang } from './i18n.js';
import { renderMessage } from './timeline.js';
import { renderSide as drawSide } from './side.js';
import { emojiButton } from './emoji.js';
import { renderTeamView } from './team.js';
import { renderCampaigns, stopCampaigns } from './campaigns.js';
import { renderSettings } from './settings.js';
import { renderPipeline, stopPipeline } from './pipeline.js';
import { renderOpportunities, stopOpportunities } from './opportunities.js';
import { renderProducts } from './products.js';
// Visits board and calendar (issue 22, visits half)
import { renderVisitBoard, stopVisitBoard } from './visit-board.js';
import { renderCalendar, stopCalendar } from './calendar.js';
import { toast } from './forms.js';
import { createBell } from './bell.js';
import { renderFormAnswer } from './formanswer.js';
import { forgotLink, renderReset, resetTokenFromHash } from './account.js';
import { renderSecondStep } from './twofactor.js';
import { renderContacts, stopContacts } from './contacts.js'; // contact import and export (issue 25)
import { withApproved, languageFor, catalogueOnly } from './wa-templates.js'; // issue 25
import { renderMyAccount } from './my-account.js';

const root = document.getElementById('app');
const state = {
  me: null, inboxes: [], users: [], teams: [], canned: [], templates: [],
  tab: 'mine', status: 'open', inboxId: '', teamId: '', q: '',
  conversations: [], selected: null, messages: [], mode: 'reply', view: 'inbox', supervises: false, pending: [],
  availability: 'online', sound: localStorage.getItem('conecta.sound') !== 'off', unseen: 0,
};
let heartbeat = null;
let bell = null;
let events = null;
let listTimer = null;

const channelLabel = { whatsapp: 'WA', twilio: 'WA·T', email: 'Mail', webform: 'Web', api: 'API' };

async function start() {
  const resetToken = resetTokenFromHash();
  if (resetToken) return renderReset(root, resetToken, renderLogin);
  try {
    const me = await get('/api/v1/auth/me');
    await enter(me);
  } catch {
    renderLogin();
  }
}

function renderLogin(error) {
  const email = h('input', { type: 'email', id: 'login-email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', required: true });
  const message = h('div', { className: 'error', role: 'alert' }, error || '');
  const form = h('form', { className: 'login', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const res = await post('/api/v1/auth/login', { email: email.value, password: password.value });
      if (res.secondStep) return renderSecondStep(root, res.secondStep, enter, () => renderLogin());
      await enter(res.user);
    } catch (err) {
      // A paused sign-in must not read as a wrong password: the right one is refused too until the pause ends.
      message.textContent = err.status === 429 ? signInPaused(err.retryAfter) : t('badLogin');
    }
  } },
    h('h1', {}, 'Conecta'),
    h('label', { for: 'login-email' }, t('email')), email,
    h('label', { for: 'login-password' }, t('password')), password,
    h('div', { className: 'row' }, h('button', { className: 'primary', type: 'submit', id: 'login-submit' }, t('signIn'))),
    message, forgotLink(root, () => renderLogin()));
  clear(root).append(form);
  email.focus();
}

/** "Sign-in is paused … try again in N minutes", from the server's Retry-After seconds (rounded up). */
function signInPaused(seconds) {
  const minutes = Math.max(1, Math.ceil((seconds || 60) / 60));
  return t('signInPaused').replace('{n}', minutes).replace('{unit}', t(minutes === 1 ? 'minute' : 'minutes'));
}

async function enter(me) {
  state.me = me;
  setCsrf(me.csrfToken);
  if (me.locale && !localStorage.getItem('conecta.lang')) setLang(me.locale);
  const [inboxes, users, teams, canned, templates] = await Promise.all([get('/api/v1/inboxes'), get('/api/v1/users'),
    get('/api/v1/teams'), get('/api/v1/canned-responses?limit=100').catch(() => ({ items: [] })),
    get('/api/v1/templates').catch(() => ({ items: [] }))]);
  state.inboxes = inboxes.items; state.users = users.items; state.teams = teams.items; state.canned = canned.items;
  // Issue 25: the templates Meta approved for the accounts join the catalogue's in both pickers.
  state.templates = withApproved(templates.items, (await get('/api/v1/whatsapp-templates/approved').catch(() => ({ items: [] }))).items);
  if (me.role === 'marketing') state.view = 'campaigns';
  state.supervises = me.role === 'admin' || (me.role === 'agent' && (await Promise.all(state.teams.map((tm) =>
    get(`/api/v1/teams/${tm.id}/load`).then(() => true, () => false)))).some(Boolean));
  const wanted = location.hash.slice(1);
  if (views().includes(wanted)) state.view = wanted;
  if (me.role !== 'marketing') {
    bell = createBell({ open: (id) => viewContext().open(id), ring });
    bell.refresh();
  }
  renderShell();
  if (me.role !== 'marketing') {
    sendPresence();
    heartbeat = setInterval(sendPresence, 20000);
    connectEvents();
  }
}

/** "g" then a key opens a view; the menu's hints read this same table, so they never promise a key that does not work. */
const GO_KEYS = { inbox: 'i', pipeline: 'p', opportunities: 'o', team: 't', visits: 'v', calendar: 'l', campaigns: 'c',
  contacts: 'n', products: 'r', settings: 's', account: 'm' };

/** The views this user may open, in menu order. */
function views() {
  const role = state.me?.role;
  // 'account' (Mi cuenta) is every person's own page, opened from their name in the top bar.
  if (role === 'marketing') return ['campaigns', 'contacts', 'account'];
  const list = ['inbox', 'pipeline', 'opportunities'];
  if (state.supervises) list.push('team', 'visits');
  list.push('calendar');
  if (role === 'admin') list.push('campaigns', 'contacts', 'products', 'settings');
  list.push('account');
  return list;
}

function go(view) {
  if (!views().includes(view)) return;
  state.view = view;
  history.replaceState(null, '', `#${view}`);
  renderShell();
}

const viewContext = () => ({ me: state.me, teams: state.teams, users: state.users, inboxes: state.inboxes, templates: state.templates,
  canned: state.canned, events: () => events, open: (id) => { state.view = 'inbox'; state.selected = id; history.replaceState(null, '', '#inbox'); renderShell(); } });

function sendPresence() {
  post('/api/v1/presence', { availability: state.availability }).catch(() => {});
}

function renderShell() {
  const presence = h('select', { id: 'presence', 'aria-label': 'presence', onchange: (e) => { state.availability = e.target.value; sendPresence(); } },
    h('option', { value: 'online', selected: state.availability === 'online' }, t('online')),
    h('option', { value: 'away', selected: state.availability === 'away' }, t('away')));
  const sound = h('label', { className: 'sound' }, h('input', { type: 'checkbox', checked: state.sound, onchange: (e) => {
    state.sound = e.target.checked; localStorage.setItem('conecta.sound', state.sound ? 'on' : 'off'); } }), ' ', t('sound'));
  const top = h('header', { className: 'topbar' },
    h('span', { className: 'brand' }, 'Conecta'),
    h('span', { id: 'unseen', className: 'badge', hidden: true }, '0'),
    h('nav', { className: 'views', 'aria-label': t('menu') }, ...views().filter((v) => v !== 'account').map((v, i) => h('button', { 'data-view': v,
      'aria-current': String(state.view === v), title: GO_KEYS[v] ? `${t(`view_${v}`)} (g ${GO_KEYS[v]})` : t(`view_${v}`), onclick: () => go(v) }, t(`view_${v}`))),
      // Reports are their own page (charts); admins, marketing and team supervisors may read them.
      state.me.role !== 'agent' || state.supervises ? h('a', { href: '/reports.html', id: 'reports-link' }, t('view_reports')) : null,
      // Technicians work their visits on a page made for the phone.
      state.me.role !== 'marketing' ? h('a', { href: '/tecnico.html', id: 'technician-link' }, t('view_technician')) : null),
    h('button', { className: 'me link', id: 'my-account', title: t('view_account'), 'aria-current': String(state.view === 'account'),
      onclick: () => go('account') }, state.me.name), bell ? bell.element : null,
    state.me.role === 'marketing' ? null : presence, state.me.role === 'marketing' ? null : sound,
    h('button', { className: 'icon', title: t('shortcuts'), 'aria-label': t('shortcuts'), onclick: showShortcuts }, '⌨'),
    h('button', { id: 'language', onclick: () => { setLang(lang() === 'es' ? 'en' : 'es'); renderShell(); } }, t('language')),
    h('button', { id: 'logout', onclick: async () => { await post('/api/v1/auth/logout').catch(() => {}); location.reload(); } }, t('signOut')));
  stopCampaigns();
  stopPipeline();
  stopVisitBoard();
  stopCalendar();
  stopContacts();
  stopOpportunities();
  if (state.view !== 'inbox') {
    const main = h('main', { className: `page page-${state.view}`, id: 'page' });
    clear(root).append(top, main);
    const draw = { team: renderTeamView, campaigns: renderCampaigns, settings: renderSettings, pipeline: renderPipeline,
      products: renderProducts, visits: renderVisitBoard, calendar: renderCalendar, contacts: renderContacts,
      opportunities: renderOpportunities, account: renderMyAccount }[state.view];
    draw(main, viewContext()).catch((e) => main.append(h('p', { className: 'error' }, e.message || t('error'))));
    return;
  }
  const tabs = h('div', { className: 'tabs', role: 'tablist' },
    ...['mine', 'unassigned', 'all'].map((tab) => h('button', { role: 'tab', 'data-tab': tab, 'aria-selected': String(state.tab === tab),
      onclick: () => { state.tab = tab; renderShell(); } }, t(tab))));
  const statusSel = h('select', { 'aria-label': 'status', onchange: (e) => { state.status = e.target.value; loadList(); } },
    ...[['open', t('open')], ['pending', t('pending')], ['snoozed', t('snoozed')], ['resolved', t('resolved')], ['all', t('anyStatus')]]
      .map(([v, l]) => h('option', { value: v, selected: state.status === v }, l)));
  const inboxSel = h('select', { 'aria-label': 'inbox', onchange: (e) => { state.inboxId = e.target.value; loadList(); } },
    h('option', { value: '' }, t('anyInbox')),
    ...state.inboxes.map((i) => h('option', { value: i.id, selected: String(state.inboxId) === String(i.id) }, i.name)));
  const teamSel = h('select', { 'aria-label': 'team', onchange: (e) => { state.teamId = e.target.value; loadList(); } },
    h('option', { value: '' }, t('anyTeam')),
    ...state.teams.map((tm) => h('option', { value: tm.id, selected: String(state.teamId) === String(tm.id) }, tm.name)));
  const search = h('input', { type: 'search', id: 'search', placeholder: t('search'), value: state.q,
    oninput: (e) => { state.q = e.target.value; clearTimeout(listTimer); listTimer = setTimeout(loadList, 250); } });
  const list = h('section', { className: 'list', 'aria-label': 'conversations' }, tabs,
    h('div', { className: 'filters' }, search, statusSel, inboxSel, teamSel),
    h('ul', { className: 'conversations', id: 'conversation-list' }));
  const thread = h('section', { className: 'thread', id: 'thread' }, h('div', { className: 'empty' }, t('pick')));
  const side = h('aside', { className: 'side', id: 'side' });
  clear(root).append(top, h('main', { className: 'layout', id: 'layout' }, list, thread, side));
  loadList();
  if (state.selected) openConversation(state.selected, false);
}

async function loadList() {
  const params = new URLSearchParams({ status: state.status, limit: '50' });
  if (state.tab === 'mine') params.set('assignee', 'me');
  if (state.tab === 'unassigned') params.set('assignee', 'unassigned');
  if (state.inboxId) params.set('inboxId', state.inboxId);
  if (state.teamId) params.set('teamId', state.teamId);
  if (state.q.trim()) params.set('q', state.q.trim());
  try {
    const page = await get('/api/v1/conversations?' + params);
    state.conversations = page.items;
    renderList();
  } catch (e) {
    toast(e.message || t('error'));
  }
}

function renderList() {
  const ul = document.getElementById('conversation-list');
  if (!ul) return;
  clear(ul);
  if (!state.conversations.length) ul.append(h('li', { className: 'empty' }, t('noConversations')));
  for (const c of state.conversations) {
    const inbox = state.inboxes.find((i) => i.id === c.inboxId);
    // One meaning of waiting, the API's (the conversation_waiting view): with the bot is not waiting for a person.
    const waiting = c.waiting?.state === 'waiting' ? ` · ${t('waiting')} ${timeAgo(c.waiting.since, lang())}`
      : c.waiting?.state === 'bot' ? ` · ${t('withBot')}` : '';
    ul.append(h('li', { 'data-id': c.id, 'aria-current': String(state.selected === c.id), tabindex: 0,
      onclick: () => openConversation(c.id, true), onkeydown: (e) => { if (e.key === 'Enter') openConversation(c.id, true); } },
      h('span', { className: 'name' }, h('span', { className: `channel ch-${inbox?.channel || 'api'}` }, channelLabel[inbox?.channel] || ''), ' ',
        c.contact.name || c.contact.phone || c.contact.email || '#' + c.contact.id),
      h('span', { className: 'meta' }, timeAgo(c.lastActivityAt, lang()),
        c.priority ? h('span', { className: `chip prio-${c.priority}` }, c.priority) : null,
        c.unreadCount ? h('span', { className: 'badge' }, c.unreadCount) : null),
      h('span', { className: 'preview' }, (c.lastMessagePreview || '') + waiting)));
  }
}

async function openConversation(id, markRead) {
  if (state.selected !== id) state.pending = [];
  state.selected = id;
  document.getElementById('layout')?.classList.add('has-thread');
  renderList();
  const [conv, page] = await Promise.all([get(`/api/v1/conversations/${id}`), get(`/api/v1/conversations/${id}/messages?limit=100`)]);
  // A status that came live while the page was being fetched is newer than the page: keep the furthest.
  state.messages = page.items.map((m) => {
    const early = lateStatus.get(m.id);
    return early ? { ...m, status: furthest(m.status, early.status), errorCode: early.errorCode ?? m.errorCode,
      errorTitle: early.errorTitle ?? m.errorTitle } : m;
  });
  renderThread(conv);
  renderSide(conv);
  if (markRead && conv.unreadCount) post(`/api/v1/conversations/${id}/read`).catch(() => {});
}

function renderThread(conv) {
  const thread = document.getElementById('thread');
  if (!thread) return;
  const assignee = state.users.find((u) => u.id === conv.assigneeId);
  const actions = [];
  if (conv.status === 'resolved') actions.push(h('button', { id: 'reopen', onclick: () => setStatus(conv.id, 'open') }, t('reopen')));
  else actions.push(h('button', { id: 'resolve', className: 'primary', onclick: () => setStatus(conv.id, 'resolved') }, t('resolve')));
  actions.push(h('button', { onclick: () => setStatus(conv.id, 'snoozed', new Date(Date.now() + 3600e3).toISOString()) }, t('snooze')));
  if (!conv.assigneeId) actions.push(h('button', { id: 'take', onclick: () => assign(conv.id, state.me.id) }, t('assignMe')));
  else if (conv.assigneeId === state.me.id) actions.push(h('button', { onclick: () => assign(conv.id, null) }, t('unassign')));
  if (state.me.role === 'admin') {
    actions.push(h('select', { 'aria-label': t('assignTo'), onchange: (e) => e.target.value && assign(conv.id, Number(e.target.value)) },
      h('option', { value: '' }, t('assignTo')),
      ...state.users.filter((u) => u.role !== 'marketing').map((u) => h('option', { value: u.id }, u.name))));
  }
  actions.push(h('input', { placeholder: t('label'), size: 10, 'aria-label': t('label'), onkeydown: (e) => {
    if (e.key === 'Enter' && e.target.value.trim()) { post(`/api/v1/conversations/${conv.id}/labels`, { labels: [e.target.value.trim()] })
      .then(() => openConversation(conv.id, false)).catch((err) => toast(err.message)); } } }));
  const layout = document.getElementById('layout');
  const header = h('header', {},
    h('button', { className: 'narrow-only', id: 'back', 'aria-label': t('scBack'), onclick: () => { state.selected = null; layout?.classList.remove('has-thread'); renderList(); } }, '←'),
    h('span', { className: 'title', id: 'thread-title' }, conv.contact.name || conv.contact.phone || ''),
    h('button', { className: 'narrow-only', id: 'show-contact', onclick: () => layout?.classList.add('show-side') }, t('contact')),
    h('span', { className: 'chip' }, t(conv.status)), assignee ? h('span', { className: 'chip' }, assignee.name) : null,
    ...conv.labels.map((l) => h('span', { className: 'chip' }, l)), ...actions);
  const list = h('div', { className: 'messages', id: 'messages' }, ...state.messages.map(renderMessage));
  clear(thread).append(header, list, renderComposer(conv));
  list.scrollTop = list.scrollHeight;
}

// Outside WhatsApp's 24-hour window only an approved template may be sent: pick one and fill its parameters.
function renderTemplateComposer(conv) {
  const wrap = h('div', { className: 'composer', id: 'template-composer' });
  const params = h('div', { className: 'row' });
  const preview = h('div', { className: 'hint', id: 'template-preview' });
  // Only templates in the contact's language are offered (issue 25), each sent in its exact language code.
  // The catalogue's at once; those Meta approved for this inbox's account join when they arrive.
  const locale = conv.contact?.locale || 'es';
  let offered = catalogueOnly(state.templates).filter((tpl) => languageFor(tpl, locale));
  const select = h('select', { id: 'template-name', 'aria-label': 'template' },
    ...offered.map((tpl) => h('option', { value: tpl.name }, tpl.name)));
  get(`/api/v1/whatsapp-templates/approved?inboxId=${conv.inboxId}&language=${locale}`).then((r) => {
    offered = withApproved(offered, r.items).filter((tpl) => languageFor(tpl, locale));
    const keep = select.value;
    clear(select).append(...offered.map((tpl) => h('option', { value: tpl.name, selected: tpl.name === keep }, tpl.name)));
    refresh();
  }).catch(() => {});
  const refresh = () => {
    const tpl = offered.find((x) => x.name === select.value);
    clear(params);
    (tpl?.params || []).forEach((p, i) => params.append(h('input', { 'data-param': i, placeholder: p, 'aria-label': p,
      value: i === 0 && p === 'contact.name' ? (conv.contact.name || '') : '', oninput: update })));
    update();
  };
  const values = () => [...params.querySelectorAll('input')].map((i) => i.value.trim());
  function update() {
    const tpl = offered.find((x) => x.name === select.value);
    const body = tpl?.languages?.[languageFor(tpl, locale)]?.body || '';
    const v = values();
    preview.textContent = body.replace(/\{\{(\d+)}}/g, (_, n) => v[Number(n) - 1] || `{{${n}}}`);
  }
  select.addEventListener('change', refresh);
  const send = async () => {
    try {
      const tpl = offered.find((x) => x.name === select.value);
      const code = languageFor(tpl, locale);
      // A Meta template goes as name + exact language + body parameters, as the Cloud API sends it.
      const template = tpl?.languages?.[code]?.meta
        ? { name: select.value, language: code, params: values(), components: values().length ? [{ type: 'body',
          parameters: values().map((text) => ({ type: 'text', text })) }] : [] }
        : { name: select.value, language: code, params: values() };
      const m = await post(`/api/v1/conversations/${conv.id}/messages`, { template, clientMessageId: crypto.randomUUID() });
      addMessage(m);
      refresh();
    } catch (e) { toast(e.message); }
  };
  wrap.append(h('div', { className: 'hint' }, t('windowClosed')), h('div', { className: 'row' }, select), params, preview,
    h('div', { className: 'row' }, h('span', { className: 'hint' }, ''), h('button', { className: 'primary', id: 'send-template', onclick: send }, t('send'))));
  setTimeout(refresh, 0);
  return wrap;
}

function renderComposer(conv) {
  if (conv.channel === 'webform' && state.mode !== 'note') {
    return renderFormAnswer(conv, { templates: state.templates, toNote: () => { state.mode = 'note'; renderThread(conv); },
      onSent: (m, option) => { toast(t(option.channel === 'email' ? 'formAnsweredEmail' : 'formAnsweredWhatsApp'));
        openConversation(m.conversationId, false); loadList(); } });
  }
  if (conv.window && !conv.window.open && state.mode !== 'note') {
    const box = renderTemplateComposer(conv);
    box.prepend(h('div', { className: 'row' }, h('button', { 'data-mode': 'note', onclick: () => { state.mode = 'note'; renderThread(conv); } }, t('note'))));
    return box;
  }
  const box = h('textarea', { id: 'composer-text', 'aria-label': t('reply'), placeholder: state.mode === 'note' ? t('noteHint') : t('reply') });
  const suggestions = h('ul', { className: 'suggestions', hidden: true, role: 'listbox' });
  const wrap = h('div', { className: `composer ${state.mode === 'note' ? 'note' : ''}` });
  const chips = h('div', { className: 'pending', id: 'pending-attachments' });
  const drawChips = () => {
    clear(chips).append(...state.pending.map((a, i) => h('span', { className: 'chip file' }, '📎 ', a.fileName,
      h('button', { type: 'button', className: 'link', 'aria-label': t('remove'), onclick: () => { state.pending.splice(i, 1); drawChips(); } }, '×'))));
  };
  const file = h('input', { type: 'file', id: 'attach-input', hidden: true, multiple: true, onchange: async (e) => {
    for (const f of [...e.target.files]) {
      try {
        const saved = await upload(`/api/v1/conversations/${conv.id}/attachments`, f);
        state.pending.push(saved); drawChips();
      } catch (err) { toast(`${f.name}: ${err.message}`); }
    }
    e.target.value = '';
  } });
  const send = async () => {
    const text = box.value.trim();
    const note = state.mode === 'note';
    const attachments = note ? [] : state.pending.map((a) => ({ storageKey: a.storageKey }));
    if (!text && !attachments.length) return;
    box.value = '';
    try {
      const path = note ? 'notes' : 'messages';
      const body = { clientMessageId: crypto.randomUUID() };
      if (text) body.text = text;
      if (attachments.length) body.attachments = attachments;
      const m = await post(`/api/v1/conversations/${conv.id}/${path}`, body);
      if (!note) { state.pending = []; drawChips(); }
      addMessage(m);
    } catch (e) { box.value = text; toast(e.message); }
  };
  drawChips();
  box.addEventListener('input', () => {
    const v = box.value;
    clear(suggestions);
    if (v.startsWith('/')) {
      const q = v.slice(1).toLowerCase();
      state.canned.filter((c) => c.shortCode.startsWith(q)).slice(0, 8).forEach((c, i) => suggestions.append(
        h('li', { role: 'option', 'aria-selected': String(i === 0), onclick: () => { box.value = c.content; suggestions.hidden = true; box.focus(); } },
          `/${c.shortCode} — ${c.content}`)));
    }
    suggestions.hidden = !suggestions.firstChild;
  });
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      const first = suggestions.hidden ? null : suggestions.querySelector('[aria-selected="true"]');
      if (first) { first.click(); return; }
      send();
    }
    if (e.key === 'Escape') suggestions.hidden = true;
  });
  const modeBtn = (mode) => h('button', { 'data-mode': mode, 'aria-pressed': String(state.mode === mode), onclick: () => {
    state.mode = mode; renderThread(conv); document.getElementById('composer-text')?.focus(); } }, t(mode));
  const attach = state.mode === 'note' ? null : h('button', { type: 'button', id: 'attach', title: t('attach'), 'aria-label': t('attach'),
    onclick: () => file.click() }, '📎 ', t('attachShort'));
  wrap.append(suggestions, chips, box, file, h('div', { className: 'row' }, modeBtn('reply'), modeBtn('note'), attach, emojiButton(box),
    h('span', { className: 'hint' }, t('composerHint')), h('button', { className: 'primary', id: 'send', onclick: send }, t('send'))));
  return wrap;
}

// Events and HTTP answers race: a status may arrive before the message it belongs to, and an older status may
// arrive after a newer one. Keep the furthest status ever seen for each message.
const RANK = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 };
const lateStatus = new Map();
const furthest = (a, b) => ((RANK[b] ?? -1) > (RANK[a] ?? -1) ? b : a);

function addMessage(m) {
  if (state.selected !== m.conversationId) return;
  const early = lateStatus.get(m.id);
  if (early) { m = { ...m, status: furthest(m.status, early.status), errorCode: early.errorCode ?? m.errorCode, errorTitle: early.errorTitle ?? m.errorTitle }; }
  const existing = state.messages.findIndex((x) => x.id === m.id);
  if (existing >= 0) {
    const old = state.messages[existing];
    state.messages[existing] = { ...old, ...m, status: furthest(old.status, m.status) };
  } else state.messages.push(m);
  const list = document.getElementById('messages');
  if (!list) return;
  const old = list.querySelector(`[data-id="${m.id}"]`);
  const el = renderMessage(existing >= 0 ? state.messages[existing] : m);
  if (old) old.replaceWith(el); else list.append(el);
  list.scrollTop = list.scrollHeight;
}

function renderSide(conv) {
  const side = document.getElementById('side');
  if (!side) return;
  drawSide(side, { ...viewContext(), conv, open: (id) => openConversation(id, true) }).catch((e) => toast(e.message || t('error')));
}

async function setStatus(id, status, snoozedUntil) {
  try { await post(`/api/v1/conversations/${id}/status`, { status, snoozedUntil }); await openConversation(id, false); loadList(); }
  catch (e) { toast(e.message); }
}

async function assign(id, assigneeId) {
  try { await post(`/api/v1/conversations/${id}/assignment`, { assigneeId }); await openConversation(id, false); loadList(); }
  catch (e) { toast(e.message); }
}

function connectEvents() {
  if (events) events.close();
  events = new EventSource('/api/v1/events');
  events.addEventListener('message.created', (e) => {
    const ev = JSON.parse(e.data);
    if (ev.data.direction === 'in') { notify(); }
    if (ev.conversationId === state.selected) addMessage(ev.data);
    scheduleList();
  });
  events.addEventListener('message.updated', (e) => {
    const ev = JSON.parse(e.data);
    if (ev.data.attachmentsReady && ev.conversationId === state.selected) { openConversation(state.selected, false); return; }
    if (!ev.data.status) return;
    const m = state.messages.find((x) => x.id === ev.data.id);
    if (m) addMessage({ ...m, status: ev.data.status, errorCode: ev.data.errorCode ?? m.errorCode, errorTitle: ev.data.errorTitle ?? m.errorTitle });
    else {
      const prev = lateStatus.get(ev.data.id);
      lateStatus.set(ev.data.id, { ...ev.data, status: furthest(prev?.status, ev.data.status) });
    }
  });
  events.addEventListener('notification.created', (e) => bell?.onCreated(JSON.parse(e.data).data));
  for (const type of ['conversation.created', 'conversation.updated', 'conversation.assigned', 'presence.changed']) {
    events.addEventListener(type, () => scheduleList());
  }
}

function scheduleList() {
  clearTimeout(listTimer);
  listTimer = setTimeout(() => {
    if (state.view === 'inbox') loadList();
    else if (state.view === 'team') { const main = document.getElementById('page'); if (main) renderTeamView(main, viewContext()); }
  }, 150);
}

function notify() {
  if (document.hidden) {
    state.unseen += 1;
    const badge = document.getElementById('unseen');
    if (badge) { badge.hidden = false; badge.textContent = String(state.unseen); }
    document.title = `(${state.unseen}) Conecta`;
  }
  ring();
}

function ring() {
  if (state.sound) {
    try {
      const ctx = new AudioContext(); const osc = ctx.createOscillator();
      osc.connect(ctx.destination); osc.frequency.value = 880; osc.start(); osc.stop(ctx.currentTime + 0.12);
    } catch { /* sound is optional */ }
  }
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden) {
    state.unseen = 0; document.title = 'Conecta';
    const badge = document.getElementById('unseen'); if (badge) badge.hidden = true;
  }
});

// Keyboard: j/k move through the list, r reply, n note, e resolve, a attach, / search, Esc back to the list,
// g then a view's key (GO_KEYS) opens that view, ? lists them all: only the views this user may open.
const shortcuts = () => [['j / k', 'scNext'], ['r', 'scReply'], ['n', 'scNote'], ['e', 'scResolve'], ['a', 'scAttach'],
  ['/', 'scSearch'], ['Esc', 'scBack'], ...views().filter((v) => GO_KEYS[v]).map((v) => [`g ${GO_KEYS[v]}`, `view_${v}`]),
  ['?', 'shortcuts']];
let pendingG = false;

function showShortcuts() {
  const dlg = h('dialog', { className: 'modal', id: 'shortcuts' }, h('h2', {}, t('shortcuts')),
    h('dl', { className: 'keys' }, ...shortcuts().flatMap(([k, label]) => [h('dt', {}, h('kbd', {}, k)), h('dd', {}, t(label))])),
    h('div', { className: 'row end' }, h('button', { onclick: () => dlg.close() }, t('close'))));
  dlg.addEventListener('close', () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
}

document.addEventListener('keydown', (e) => {
  const typing = ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName) || document.querySelector('dialog[open]');
  if (typing || e.ctrlKey || e.metaKey || e.altKey || !state.me) return;
  if (pendingG) {
    pendingG = false;
    const view = Object.keys(GO_KEYS).find((v) => GO_KEYS[v] === e.key);
    if (view) { e.preventDefault(); go(view); }
    return;
  }
  if (e.key === 'g') { pendingG = true; setTimeout(() => { pendingG = false; }, 1200); return; }
  if (e.key === '?') { e.preventDefault(); showShortcuts(); return; }
  if (state.view !== 'inbox') return;
  const idx = state.conversations.findIndex((c) => c.id === state.selected);
  if (e.key === 'j' && state.conversations[idx + 1]) openConversation(state.conversations[idx + 1].id, true);
  else if (e.key === 'k' && idx > 0) openConversation(state.conversations[idx - 1].id, true);
  else if (e.key === 'r' || e.key === 'n') { state.mode = e.key === 'r' ? 'reply' : 'note'; if (state.selected) openConversation(state.selected, false).then(() => document.getElementById('composer-text')?.focus()); }
  else if (e.key === 'e' && state.selected) setStatus(state.selected, 'resolved');
  else if (e.key === 'a' && state.selected) document.getElementById('attach-input')?.click();
  else if (e.key === '/') { e.preventDefault(); document.getElementById('search')?.focus(); }
  else if (e.key === 'Escape') { state.selected = null; document.getElementById('layout')?.classList.remove('has-thread'); }
  else return;
  e.preventDefault();
});

start();
