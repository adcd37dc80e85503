// Settings → Webhooks (issue 25): admins subscribe an integrator's URL to events, see the secret once, switch
// subscriptions on and off, and read each one's delivery log with a button to send a delivery again.
import { get, post, patch, del } from './api.js';
import { h, clear } from './dom.js';
import { lang } from './i18n.js';
import { dialog, toast } from './forms.js';

const STRINGS = {
  es: {
    title: 'Webhooks', help: 'Conecta avisa a otros sistemas (su ERP, su CRM, una planilla) cuando algo pasa: envía un POST con JSON firmado con HMAC-SHA256 (encabezado X-Conecta-Signature) y reintenta durante 24 horas si el receptor no responde 2xx.',
    add: 'Nuevo webhook', url: 'Dirección (URL)', description: 'Descripción', events: 'Eventos', status: 'Estado',
    queued: 'En cola', lastDelivered: 'Última entrega', on: 'Activo', off: 'Desactivado', switchOn: 'Activar',
    switchOff: 'Desactivar', edit: 'Editar', remove: 'Eliminar', deliveries: 'Entregas', create: 'Crear', save: 'Guardar',
    confirmRemove: '¿Eliminar el webhook {url}? Se borra también su registro de entregas.', removed: 'Webhook eliminado',
    saved: 'Guardado', none: 'Todavía no hay webhooks.', secretTitle: 'Secreto del webhook',
    secretHelp: 'Guárdelo ahora en el sistema que recibe los eventos: no se volverá a mostrar. Con él se verifica la firma X-Conecta-Signature = sha256=HMAC(secreto, "<X-Conecta-Timestamp>.<cuerpo>").',
    copy: 'Copiar', copied: 'Copiado', close: 'Cerrar', failures: '{n} fallos seguidos', log: 'Entregas de {url}',
    when: 'Fecha', event: 'Evento', code: 'Código', attempts: 'Intentos', next: 'Entregado / próximo intento', error: 'Error',
    redeliver: 'Reenviar', redelivered: 'Reenvío en cola', noDeliveries: 'Sin entregas todavía.', hide: 'Ocultar',
    more: 'Ver más', erased: 'contenido borrado', refresh: 'Actualizar',
    st_pending: 'En espera', st_sending: 'Enviando', st_delivered: 'Entregado', st_failed: 'Fallido', st_cancelled: 'Cancelado',
    'message.created': 'Mensaje nuevo', 'conversation.created': 'Conversación nueva', 'conversation.assigned': 'Conversación asignada',
    'conversation.resolved': 'Conversación resuelta', 'lead.created': 'Lead nuevo', 'lead.stage_changed': 'Lead cambia de etapa',
    'lead.won': 'Lead ganado', 'lead.lost': 'Lead perdido', 'quote.accepted': 'Cotización aceptada',
    'campaign.completed': 'Campaña terminada', 'contact.opted_out': 'Contacto se da de baja',
  },
  en: {
    title: 'Webhooks', help: 'Conecta tells your other systems (ERP, CRM, a spreadsheet) when something happens: it POSTs JSON signed with HMAC-SHA256 (header X-Conecta-Signature) and retries for 24 hours until the receiver answers 2xx.',
    add: 'New webhook', url: 'URL', description: 'Description', events: 'Events', status: 'Status',
    queued: 'Queued', lastDelivered: 'Last delivery', on: 'On', off: 'Off', switchOn: 'Switch on',
    switchOff: 'Switch off', edit: 'Edit', remove: 'Delete', deliveries: 'Deliveries', create: 'Create', save: 'Save',
    confirmRemove: 'Delete the webhook {url}? Its delivery log goes too.', removed: 'Webhook deleted',
    saved: 'Saved', none: 'No webhooks yet.', secretTitle: 'Webhook secret',
    secretHelp: 'Store it now in the system that receives the events: it is not shown again. It verifies X-Conecta-Signature = sha256=HMAC(secret, "<X-Conecta-Timestamp>.<body>").',
    copy: 'Copy', copied: 'Copied', close: 'Close', failures: '{n} failures in a row', log: 'Deliveries to {url}',
    when: 'Date', event: 'Event', code: 'Code', attempts: 'Attempts', next: 'Delivered / next attempt', error: 'Error',
    redeliver: 'Redeliver', redelivered: 'Redelivery queued', noDeliveries: 'No deliveries yet.', hide: 'Hide',
    more: 'More', erased: 'content erased', refresh: 'Refresh',
    st_pending: 'Waiting', st_sending: 'Sending', st_delivered: 'Delivered', st_failed: 'Failed', st_cancelled: 'Cancelled',
    'message.created': 'New message', 'conversation.created': 'New conversation', 'conversation.assigned': 'Conversation assigned',
    'conversation.resolved': 'Conversation resolved', 'lead.created': 'New lead', 'lead.stage_changed': 'Lead changes stage',
    'lead.won': 'Lead won', 'lead.lost': 'Lead lost', 'quote.accepted': 'Quote accepted',
    'campaign.completed': 'Campaign completed', 'contact.opted_out': 'Contact opts out',
  },
};
const w = (key, vars = {}) => Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, v),
  STRINGS[lang()]?.[key] ?? STRINGS.es[key] ?? key);

/** dd-mm-aaaa hh:mm:ss, as people in Chile, Bolivia and Colombia write it. */
function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getDate())}-${p(d.getMonth() + 1)}-${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

let openLog = null;

export async function renderWebhooks(body, again) {
  const [subs, types] = await Promise.all([get('/api/v1/webhook-subscriptions'), get('/api/v1/webhook-event-types')]);
  const events = types.items;
  body.append(h('div', { className: 'page-head' }, h('h2', {}, w('title')),
    h('button', { id: 'new-webhook', onclick: () => edit(null, events, again) }, '+ ', w('add'))),
  h('p', { className: 'muted' }, w('help')));
  if (!subs.items.length) body.append(h('p', { className: 'muted', id: 'no-webhooks' }, w('none')));
  else {
    body.append(h('table', { className: 'grid', id: 'webhooks' },
      h('thead', {}, h('tr', {}, ...[w('url'), w('events'), w('status'), w('queued'), w('lastDelivered'), ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, ...subs.items.map((s) => h('tr', { 'data-webhook': s.id },
        h('td', {}, h('code', {}, s.url), s.description ? h('div', { className: 'muted' }, s.description) : null),
        h('td', {}, ...s.events.map((e) => h('span', { className: 'chip', title: e }, w(e)))),
        h('td', {}, h('span', { className: `chip ${s.active ? 'status-completed' : 'warn'}` }, s.active ? w('on') : w('off')),
          s.consecutiveFailures ? h('div', { className: 'muted' }, w('failures', { n: s.consecutiveFailures })) : null,
          !s.active && s.disabledAt ? h('div', { className: 'muted' }, when(s.disabledAt)) : null),
        h('td', {}, String(s.queued)), h('td', {}, when(s.lastDeliveredAt)),
        h('td', { className: 'actions' },
          h('button', { className: 'small', 'data-action': 'log', onclick: () => { openLog = s.id; again(); } }, w('deliveries')), ' ',
          h('button', { className: 'small', 'data-action': 'edit', onclick: () => edit(s, events, again) }, w('edit')), ' ',
          h('button', { className: 'small', 'data-action': 'toggle', onclick: () => patch(`/api/v1/webhook-subscriptions/${s.id}`,
            { active: !s.active }).then(() => { toast(w('saved')); again(); }, (e) => toast(e.message)) },
          s.active ? w('switchOff') : w('switchOn')), ' ',
          h('button', { className: 'small', 'data-action': 'delete', onclick: () => {
            if (!window.confirm(w('confirmRemove', { url: s.url }))) return;
            del(`/api/v1/webhook-subscriptions/${s.id}`).then(() => { if (openLog === s.id) openLog = null; toast(w('removed')); again(); },
              (e) => toast(e.message));
          } }, w('remove'))))))));
  }
  const shown = subs.items.find((s) => s.id === openLog);
  if (shown) body.append(await deliveryLog(shown, again));
}

function eventChecks(events, chosen) {
  return h('fieldset', { className: 'checks field', 'data-field': 'events' }, h('legend', {}, w('events')),
    ...events.map((e) => h('label', {}, h('input', { type: 'checkbox', 'data-event': e, checked: chosen.includes(e) }), ' ', w(e),
      ' ', h('code', { className: 'muted' }, e))),
    h('div', { className: 'field-error', role: 'alert' }));
}

function edit(s, events, again) {
  dialog({ id: 'webhook-dialog', title: s ? `${w('edit')}: ${s.url}` : w('add'), submitLabel: s ? w('save') : w('create'),
    fields: [{ name: 'url', label: w('url'), value: s?.url, required: true, placeholder: 'https://erp.ejemplo.cl/hooks/conecta' },
      { name: 'description', label: w('description'), value: s?.description },
      eventChecks(events, s ? s.events : ['message.created'])],
    onSubmit: (v, form) => {
      const chosen = [...form.querySelectorAll('[data-event]')].filter((c) => c.checked).map((c) => c.dataset.event);
      const payload = { url: v.url ?? '', description: v.description, events: chosen };
      return (s ? patch(`/api/v1/webhook-subscriptions/${s.id}`, payload) : post('/api/v1/webhook-subscriptions', payload))
        .then((saved) => { again(); if (!s) showSecret(saved.secret); else toast(w('saved')); });
    } });
}

function showSecret(secret) {
  const value = h('input', { id: 'webhook-secret', readonly: true, value: secret, spellcheck: 'false' });
  value.style.width = '100%'; // set through the CSSOM: the CSP refuses inline style attributes
  value.style.boxSizing = 'border-box';
  value.style.fontFamily = 'monospace';
  const dlg = h('dialog', { id: 'webhook-secret-dialog', className: 'modal' }, h('form', { method: 'dialog', className: 'dialog-form' },
    h('h2', {}, w('secretTitle')), h('p', { className: 'muted' }, w('secretHelp')), value,
    h('div', { className: 'row end' },
      h('button', { type: 'button', onclick: () => navigator.clipboard?.writeText(secret).then(() => toast(w('copied'))) }, w('copy')),
      h('button', { type: 'submit', className: 'primary' }, w('close')))));
  dlg.addEventListener('close', () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
  value.select();
}

async function deliveryLog(s, again) {
  const page = await get(`/api/v1/webhook-subscriptions/${s.id}/deliveries?limit=50`);
  const card = h('section', { className: 'card', id: 'webhook-log', 'data-webhook': s.id },
    h('div', { className: 'page-head' }, h('h2', {}, w('log', { url: s.url })),
      h('div', {}, h('button', { className: 'small', onclick: again }, w('refresh')), ' ',
        h('button', { className: 'small', onclick: () => { openLog = null; again(); } }, w('hide')))));
  if (!page.items.length) {
    card.append(h('p', { className: 'muted' }, w('noDeliveries')));
    return card;
  }
  card.append(h('table', { className: 'grid' },
    h('thead', {}, h('tr', {}, ...[w('when'), w('event'), w('status'), w('code'), w('attempts'), w('next'), w('error'), ''].map((x) => h('th', {}, x)))),
    h('tbody', {}, ...page.items.map((d) => h('tr', { 'data-delivery': d.id },
      h('td', {}, when(d.createdAt)), h('td', { title: d.eventId }, w(d.event)),
      h('td', {}, h('span', { className: `chip ${d.status === 'delivered' ? 'status-completed' : d.status === 'failed' ? 'warn' : ''}` },
        w(`st_${d.status}`)), d.payload ? null : h('div', { className: 'muted' }, w('erased'))),
      h('td', {}, d.responseCode ?? '—'), h('td', {}, String(d.attempts)),
      h('td', {}, d.status === 'delivered' ? when(d.deliveredAt) : d.status === 'pending' ? when(d.nextAttemptAt) : '—'),
      h('td', { className: 'muted' }, d.error || ''),
      h('td', {}, d.payload ? h('button', { className: 'small', 'data-action': 'redeliver', onclick: () =>
        post(`/api/v1/webhook-subscriptions/${s.id}/deliveries/${d.id}/redeliver`).then(() => { toast(w('redelivered')); again(); },
          (e) => toast(e.message)) }, w('redeliver')) : null))))));
  return card;
}
