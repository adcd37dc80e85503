// The sandbox phone: what is typed goes to the hub as a signed WhatsApp webhook; the hub's answers come back from
// the fake Graph API. Everything shown is set as text.
const $ = (id) => document.getElementById(id);
const state = { name: '', number: '', inbox: '', seen: new Set(), mine: [] };

function bubble(text, me, meta, buttons) {
  const b = document.createElement('div');
  b.className = 'bubble' + (me ? ' me' : '');
  b.append(document.createTextNode(text));
  if (buttons && buttons.length) {
    const box = document.createElement('div');
    box.className = 'buttons';
    for (const btn of buttons) {
      const el = document.createElement('button');
      el.type = 'button';
      el.textContent = btn.title;
      el.addEventListener('click', () => send({ buttonId: btn.id, title: btn.title }, btn.title));
      box.append(el);
    }
    b.append(box);
  }
  const m = document.createElement('div');
  m.className = 'meta';
  m.textContent = meta || '';
  b.append(m);
  $('bubbles').append(b);
  $('bubbles').scrollTop = $('bubbles').scrollHeight;
}

function describe(msg) {
  switch (msg.type) {
    case 'text': return { text: msg.text?.body ?? '' };
    case 'template': return { text: `[${msg.template?.name}] ` + (msg.template?.components || []).flatMap((c) => (c.parameters || []).map((p) => p.text || '')).join(' · ') };
    case 'interactive': {
      const i = msg.interactive || {};
      const buttons = i.type === 'button' ? (i.action?.buttons || []).map((b) => ({ id: b.reply.id, title: b.reply.title }))
        : (i.action?.sections || []).flatMap((s) => s.rows || []).map((r) => ({ id: r.id, title: r.title }));
      return { text: i.body?.text ?? '', buttons };
    }
    case 'location': return { text: `📍 ${msg.location?.name ?? ''} ${msg.location?.latitude}, ${msg.location?.longitude}` };
    default: return { text: `[${msg.type}] ${msg[msg.type]?.caption ?? msg[msg.type]?.link ?? ''}` };
  }
}

async function poll() {
  if (!state.number) return;
  try {
    const res = await fetch(`/sandbox/api/messages?waId=${encodeURIComponent(state.number)}`);
    const json = await res.json();
    for (const item of json.items) {
      if (state.seen.has(item.wamid) || item.phoneNumberId !== state.inbox) continue;
      state.seen.add(item.wamid);
      const d = describe(item.message);
      bubble(d.text, false, new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }), d.buttons);
    }
  } catch { /* the hub may be restarting */ }
}

async function send(extra, shown) {
  bubble(shown, true, '🕓');
  const last = $('bubbles').lastChild.querySelector('.meta');
  const res = await fetch('/sandbox/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phoneNumberId: state.inbox, waId: state.number, name: state.name, ...extra }) });
  last.textContent = res.ok ? '✓✓' : '⚠';
}

async function start() {
  const res = await fetch('/sandbox/api/inboxes');
  const json = await res.json();
  for (const i of json.items) {
    const o = document.createElement('option');
    o.value = i.phoneNumberId;
    o.textContent = `${i.name} (${i.displayPhoneNumber ?? i.phoneNumberId})`;
    $('inbox').append(o);
  }
  $('who').addEventListener('submit', (e) => {
    e.preventDefault();
    state.name = $('name').value.trim();
    state.number = $('number').value.trim();
    state.inbox = $('inbox').value;
    $('chat-title').textContent = $('inbox').selectedOptions[0].textContent;
    $('who').hidden = true;
    $('chat').hidden = false;
    $('text').focus();
  });
  $('back').addEventListener('click', () => { $('chat').hidden = true; $('who').hidden = false; });
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('text').value.trim();
    if (!text) return;
    $('text').value = '';
    send({ text }, text);
  });
  setInterval(poll, 1000);
}

start();
