// One message of the timeline, for every content type the API stores. Everything from a customer goes in as text:
// an email's HTML body is never rendered, only its plain text and subject.
import { h, clock } from './dom.js';
import { t, lang } from './i18n.js';
import { labelFormFields } from './labels.js';

const TICKS = { queued: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠' };

export function ticks(status) {
  return h('span', { className: `ticks ${status || ''}`, title: t(status || 'queued'), 'data-status': status || '' }, TICKS[status] || '');
}

const kind = (...parts) => h('div', { className: 'kind' }, ...parts);
const str = (v) => (v === null || v === undefined ? '' : String(v));

function sizeOf(bytes) {
  if (!bytes) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1048576) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

function media(a, type, createdAt) {
  const mime = a.mimeType || '';
  const url = a.downloadUrl;
  const label = a.fileName || t(type || 'attachment');
  // The hub fetches provider media in the background; after a few minutes without it, say so rather than wait forever.
  if (!url) {
    const late = createdAt && Date.now() - new Date(createdAt).getTime() > 180000;
    return kind(late ? '⚠ ' : '⏳ ', t(late ? 'mediaMissing' : 'mediaPending'), ' · ', label);
  }
  if (type === 'image' || type === 'sticker' || (!type && mime.startsWith('image/'))) {
    return h('a', { href: url, target: '_blank', rel: 'noopener', className: 'media' },
      h('img', { src: url, alt: a.caption || label, loading: 'lazy', className: type === 'sticker' ? 'sticker' : '' }));
  }
  if (type === 'video' || mime.startsWith('video/')) return h('video', { src: url, controls: true, preload: 'metadata', className: 'media' });
  if (type === 'audio' || mime.startsWith('audio/')) return h('audio', { src: url, controls: true, preload: 'metadata' });
  return h('a', { href: url, className: 'doc', download: a.fileName || '' }, '📄 ', label,
    a.sizeBytes ? h('span', { className: 'kind' }, ` · ${sizeOf(a.sizeBytes)}`) : null);
}

function contactCard(c) {
  const name = c?.name?.formatted_name || [c?.name?.first_name, c?.name?.last_name].filter(Boolean).join(' ') || t('contact');
  const lines = [...(c?.phones || []).map((p) => `📞 ${str(p.phone || p.wa_id)}`), ...(c?.emails || []).map((e) => `✉ ${str(e.email)}`),
    c?.org?.company ? `🏢 ${str(c.org.company)}` : null].filter(Boolean);
  return h('div', { className: 'card' }, h('strong', {}, name), ...lines.map((l) => h('div', {}, l)));
}

function body(m) {
  const c = m.content || {};
  const out = [];
  const atts = m.attachments || [];
  switch (m.contentType) {
    case 'image': case 'sticker': case 'video': case 'audio': case 'document':
      if (c.voice) out.push(kind('🎤 ', t('voiceNote')));
      if (!atts.length) out.push(kind(t(m.contentType)));
      atts.forEach((a) => out.push(media(a, m.contentType, m.createdAt)));
      if (m.text) out.push(h('div', { className: 'caption' }, m.text));
      return out;
    case 'location': {
      out.push(kind('📍 ', t('location')));
      if (c.name) out.push(h('strong', {}, str(c.name)));
      if (c.address) out.push(h('div', {}, str(c.address)));
      const lat = Number(c.latitude); const lon = Number(c.longitude);
      if (Number.isFinite(lat) && Number.isFinite(lon)) {
        out.push(h('a', { href: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`, target: '_blank',
          rel: 'noopener noreferrer', className: 'maplink' }, `${lat.toFixed(5)}, ${lon.toFixed(5)}`));
      }
      return out;
    }
    case 'contacts':
      out.push(kind('👤 ', t('sharedContacts')));
      (Array.isArray(c.contacts) ? c.contacts : []).forEach((x) => out.push(contactCard(x)));
      return out;
    case 'reaction':
      out.push(c.removed ? kind(t('reactionRemoved')) : h('span', { className: 'reaction' }, str(c.emoji || m.text)));
      out.push(kind(t('reactedTo')));
      return out;
    case 'interactive_reply': case 'button_reply':
      out.push(kind('↩ ', t('buttonReply')), h('strong', {}, str(c.title || m.text)));
      if (c.description) out.push(h('div', { className: 'kind' }, str(c.description)));
      return out;
    case 'interactive': {
      if (m.text) out.push(m.text);
      const options = c.buttons || c.list?.rows || [];
      if (options.length) {
        out.push(h('div', { className: 'options' }, ...options.map((o) => h('span', { className: 'option' }, str(o.title)))));
      }
      return out;
    }
    case 'template':
      out.push(kind('🧾 ', t('templateMsg'), ' · ', str(c.name), c.language ? ` (${c.language})` : ''));
      if (m.text) out.push(m.text);
      return out;
    case 'email':
      if (c.subject) out.push(h('strong', { className: 'subject' }, str(c.subject)));
      if (m.text) out.push(h('div', {}, m.text));
      atts.forEach((a) => out.push(media(a, null, m.createdAt)));
      return out;
    case 'form': {
      out.push(kind('📝 ', t('formMsg')));
      const fields = c.fields && typeof c.fields === 'object' ? Object.entries(c.fields) : [];
      if (fields.length) {
        const dl = h('dl', { className: 'fields' }, ...fields.flatMap(([k, v]) => [h('dt', { 'data-key': k }, k), h('dd', {}, str(v))]));
        labelFormFields(dl, c.form);
        out.push(dl);
      }
      else if (m.text) out.push(m.text);
      return out;
    }
    case 'order':
      out.push(kind('🛒 ', t('orderMsg'), c.order?.product_items ? ` · ${c.order.product_items.length} ${t('items')}` : ''));
      if (m.text) out.push(m.text);
      return out;
    case 'unsupported': {
      const err = Array.isArray(c.errors) && c.errors[0] ? c.errors[0] : null;
      out.push(kind('⚠ ', t('unsupported')));
      if (err) out.push(h('div', { className: 'kind' }, str(err.title || err.message || err.code)));
      return out;
    }
    default:
      if (m.text) out.push(m.text);
      atts.forEach((a) => out.push(media(a, null, m.createdAt)));
      return out;
  }
}

export function renderMessage(m) {
  const cls = m.senderKind === 'system' || m.contentType === 'system' ? 'system' : m.private ? 'note' : m.direction === 'out' ? 'out' : 'in';
  const parts = body(m);
  const referral = m.content?.referral;
  if (referral) parts.unshift(kind('📣 ', t('fromAd'), ' ', str(referral.headline || referral.source_url)));
  const who = m.senderKind === 'bot' ? h('span', { className: 'who' }, 'Bot') : null;
  const meta = h('div', { className: 'when' }, who, clock(m.createdAt, lang()),
    cls === 'out' && m.senderKind !== 'system' ? ticks(m.status) : null,
    m.status === 'failed' && (m.errorCode || m.errorTitle) ? h('span', { className: 'ticks failed reason' }, `${str(m.errorCode)} ${str(m.errorTitle)}`.trim()) : null);
  return h('div', { className: `msg ${cls} type-${m.contentType || 'text'}`, 'data-id': m.id, 'data-type': m.contentType || 'text' },
    ...parts, cls === 'system' ? null : meta);
}
