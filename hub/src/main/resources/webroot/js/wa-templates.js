// WhatsApp templates managed with Meta (issue 25), in Settings › Templates: the account's templates with their review
// status (Pendiente / Aprobada / Rechazada and Meta's reason), sync, delete, and a form that checks Meta's limits as
// the admin types, with a live preview of the message as the customer will see it. Texts go in as text, never HTML.
import { get, post, del } from './api.js';
import { h, clear } from './dom.js';
import { lang } from './i18n.js';
import { dialog, toast } from './forms.js';

const STRINGS = {
  es: {
    title: 'Plantillas de WhatsApp (Meta)', help: 'Las plantillas que Meta aprueba para la cuenta de WhatsApp Business del canal. Solo las aprobadas se ofrecen en campañas y fuera de la ventana de 24 horas, en el idioma del contacto.',
    inbox: 'Canal', sync: 'Sincronizar con Meta', synced: '{n} plantillas sincronizadas', create: 'Nueva plantilla',
    name: 'Nombre', language: 'Idioma', category: 'Categoría', status: 'Estado', content: 'Contenido', updated: 'Actualizada',
    remove: 'Eliminar', removed: 'Plantilla {name} eliminada en Meta', confirmRemove: '¿Eliminar «{name}» en Meta? Se borran todos sus idiomas.',
    none: 'Esta cuenta aún no tiene plantillas. Cree una o sincronice con Meta.', noInbox: 'No hay canales de WhatsApp Cloud API.',
    PENDING: 'Pendiente', APPROVED: 'Aprobada', REJECTED: 'Rechazada', PAUSED: 'Pausada', DISABLED: 'Desactivada', IN_APPEAL: 'En apelación',
    reason: 'Motivo', INVALID_FORMAT: 'formato no válido', SCAM: 'posible estafa', ABUSIVE_CONTENT: 'contenido abusivo',
    INCORRECT_CATEGORY: 'categoría incorrecta', PROMOTIONAL: 'contenido promocional', TAG_CONTENT_MISMATCH: 'el contenido no coincide con la categoría',
    MARKETING: 'Marketing', UTILITY: 'Utilidad', AUTHENTICATION: 'Autenticación',
    nameHint: 'minúsculas, números y _ (ej.: aviso_despacho)', header: 'Encabezado (opcional, hasta 60)', body: 'Cuerpo (hasta 1.024; variables {{1}}, {{2}}…)',
    examples: 'Ejemplos de las variables (Meta los pide para revisar)', example: 'Ejemplo de {{{n}}}', footer: 'Pie (opcional, hasta 60)',
    quickReplies: 'Respuestas rápidas (una por línea, hasta 10, 25 caracteres c/u)', urlText: 'Botón con enlace: texto', url: 'Botón con enlace: dirección https://',
    preview: 'Vista previa', submit: 'Enviar a revisión', submitted: 'Plantilla {name} enviada a Meta: queda pendiente de revisión',
    count: '{n} / {max}', noBody: 'El cuerpo aparece aquí mientras escribe.',
  },
  en: {
    title: 'WhatsApp templates (Meta)', help: 'The templates Meta approves for the channel\'s WhatsApp Business Account. Only approved ones are offered in campaigns and outside the 24-hour window, in the contact\'s language.',
    inbox: 'Channel', sync: 'Sync with Meta', synced: '{n} templates synced', create: 'New template',
    name: 'Name', language: 'Language', category: 'Category', status: 'Status', content: 'Content', updated: 'Updated',
    remove: 'Delete', removed: 'Template {name} deleted at Meta', confirmRemove: 'Delete "{name}" at Meta? All its languages go.',
    none: 'This account has no templates yet. Create one or sync with Meta.', noInbox: 'There are no WhatsApp Cloud API channels.',
    PENDING: 'Pending', APPROVED: 'Approved', REJECTED: 'Rejected', PAUSED: 'Paused', DISABLED: 'Disabled', IN_APPEAL: 'In appeal',
    reason: 'Reason', INVALID_FORMAT: 'invalid format', SCAM: 'possible scam', ABUSIVE_CONTENT: 'abusive content',
    INCORRECT_CATEGORY: 'incorrect category', PROMOTIONAL: 'promotional content', TAG_CONTENT_MISMATCH: 'content does not match the category',
    MARKETING: 'Marketing', UTILITY: 'Utility', AUTHENTICATION: 'Authentication',
    nameHint: 'lower case, digits and _ (e.g. order_shipped)', header: 'Header (optional, up to 60)', body: 'Body (up to 1,024; variables {{1}}, {{2}}…)',
    examples: 'Examples of the variables (Meta needs them for review)', example: 'Example of {{{n}}}', footer: 'Footer (optional, up to 60)',
    quickReplies: 'Quick replies (one a line, up to 10, 25 characters each)', urlText: 'Link button: text', url: 'Link button: https:// address',
    preview: 'Preview', submit: 'Submit for review', submitted: 'Template {name} sent to Meta: pending review',
    count: '{n} / {max}', noBody: 'The body shows here as you type.',
  },
};
const LANGUAGES = ['es', 'es_CL', 'es_MX', 'es_AR', 'es_CO', 'es_ES', 'en', 'en_US', 'pt_BR'];
const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

export function tw(key, params = {}) {
  const text = STRINGS[lang()]?.[key] ?? STRINGS.es[key] ?? key;
  // Keys start with a letter, so that WhatsApp's own {{1}} in a text stays as it is.
  return text.replace(/\{([a-zA-Z]\w*)\}/g, (_, k) => String(params[k] ?? ''));
}

/** A Meta language code as a person reads it: es_CL → español (Chile). */
export function languageName(code) {
  try {
    const name = new Intl.DisplayNames([lang()], { type: 'language' }).of(String(code).replace('_', '-'));
    return name ? name.charAt(0).toUpperCase() + name.slice(1) : code;
  } catch { return code; }
}

const when = (iso) => {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getDate())}-${p(d.getMonth() + 1)}-${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

const part = (tpl, type) => (tpl.components || []).find((c) => (c.type || '').toUpperCase() === type);

/** The status as a coloured badge, with Meta's reason for a rejection. */
function badge(tpl) {
  const reason = tpl.rejectionReason ? ` · ${tw('reason')}: ${tw(tpl.rejectionReason)}` : '';
  return h('span', { className: `tpl-status tpl-${(tpl.status || '').toLowerCase()}`, 'data-status': tpl.status },
    tw(tpl.status), reason);
}

/** Renders the section into {@code body}; {@code ctx.inboxes} gives the WhatsApp channels. */
export async function renderMetaTemplates(body, ctx) {
  const inboxes = (ctx.inboxes || []).filter((i) => i.channel === 'whatsapp');
  const section = h('section', { className: 'card wa-templates', id: 'wa-templates' });
  body.append(section);
  if (!inboxes.length) { section.append(h('h2', {}, tw('title')), h('p', { className: 'muted' }, tw('noInbox'))); return; }
  let inboxId = inboxes[0].id;
  const select = h('select', { id: 'wa-tpl-inbox', 'aria-label': tw('inbox'), onchange: () => { inboxId = Number(select.value); load(); } },
    ...inboxes.map((i) => h('option', { value: i.id }, i.name)));
  const list = h('div', { id: 'wa-tpl-list' });
  let timer = null;
  const load = async () => {
    clearTimeout(timer);
    if (!section.isConnected) return;
    const items = (await get(`/api/v1/whatsapp-templates?inboxId=${inboxId}`)).items;
    clear(list).append(items.length ? table(items, load) : h('p', { className: 'muted' }, tw('none')));
    // Meta's decision comes by webhook within minutes: look again while any is pending.
    if (items.some((x) => x.status === 'PENDING')) timer = setTimeout(() => load().catch(() => {}), 2000);
  };
  section.append(h('div', { className: 'page-head' }, h('h2', {}, tw('title')), select,
      h('button', { id: 'wa-tpl-sync', onclick: async () => {
        try { const r = await post('/api/v1/whatsapp-templates/sync', { inboxId }); toast(tw('synced', { n: r.synced })); load(); }
        catch (e) { toast(e.message); }
      } }, '⟳ ', tw('sync')),
      h('button', { id: 'wa-tpl-new', className: 'primary', onclick: () => createDialog(inboxId, load) }, '+ ', tw('create'))),
    h('p', { className: 'muted' }, tw('help')), list);
  await load();
}

function table(items, reload) {
  return h('table', { className: 'grid' },
    h('thead', {}, h('tr', {}, ...['name', 'language', 'category', 'status', 'content', 'updated', ''].map((k) => h('th', {}, k ? tw(k) : '')))),
    h('tbody', {}, ...items.map((x) => h('tr', { 'data-template': x.name, 'data-language': x.language },
      h('td', {}, h('code', {}, x.name)), h('td', {}, h('span', { className: 'chip', title: x.language }, languageName(x.language))), h('td', {}, tw(x.category || '')),
      h('td', {}, badge(x)), h('td', { className: 'tpl-body' }, part(x, 'BODY')?.text || ''), h('td', { className: 'muted' }, when(x.updatedAt)),
      h('td', {}, h('button', { className: 'small', 'data-delete': x.id, onclick: async () => {
        if (!window.confirm(tw('confirmRemove', { name: x.name }))) return;
        try { await del(`/api/v1/whatsapp-templates/${x.id}`); toast(tw('removed', { name: x.name })); reload(); }
        catch (e) { toast(e.message); }
      } }, tw('remove')))))));
}

/** The create form: Meta's limits shown as counters, the examples asked for each {{n}}, and a live preview. */
function createDialog(inboxId, reload) {
  const input = (name, label, attrs = {}) => {
    const el = attrs.tag === 'textarea' ? h('textarea', { id: `wa-${name.replace(/\W/g, '_')}`, name, rows: 4 })
      : h('input', { id: `wa-${name.replace(/\W/g, '_')}`, name, autocomplete: 'off', placeholder: attrs.placeholder });
    const counter = attrs.max ? h('span', { className: 'muted tpl-count' }, '') : null;
    const box = h('div', { className: 'field', 'data-field': name }, h('label', { for: el.id }, label, ' ', counter || ''), el,
      h('div', { className: 'field-error', role: 'alert' }));
    return { el, box, counter, max: attrs.max };
  };
  const name = input('name', `${tw('name')} (${tw('nameHint')})`, { placeholder: 'aviso_despacho' });
  const language = h('select', { id: 'wa-language', name: 'language' }, ...LANGUAGES.map((l) => h('option', { value: l, selected: l === 'es' }, languageName(l))));
  const category = h('select', { id: 'wa-category', name: 'category' }, ...['UTILITY', 'MARKETING'].map((c) => h('option', { value: c }, tw(c))));
  const header = input('components.header.text', tw('header'), { max: 60 });
  const bodyText = input('components.body.text', tw('body'), { tag: 'textarea', max: 1024 });
  const examples = h('div', { className: 'field', 'data-field': 'components.body.example' }, h('label', {}, tw('examples')),
    h('div', { className: 'tpl-examples' }), h('div', { className: 'field-error', role: 'alert' }));
  const footer = input('components.footer.text', tw('footer'), { max: 60 });
  const replies = input('components.buttons', tw('quickReplies'), { tag: 'textarea' });
  const urlText = input('urlText', tw('urlText'));
  const url = input('url', tw('url'), { placeholder: 'https://' });
  const preview = h('div', { className: 'tpl-preview', id: 'wa-tpl-preview', 'aria-live': 'polite' });
  const exampleValues = [];

  const placeholders = (text) => [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => Number(m[1])))].sort((a, b) => a - b);
  const fill = (text) => text.replace(PLACEHOLDER, (m, n) => exampleValues[Number(n) - 1] || m);
  const quick = () => replies.el.value.split('\n').map((s) => s.trim()).filter(Boolean);
  const refresh = () => {
    for (const f of [header, bodyText, footer]) {
      f.counter.textContent = tw('count', { n: f.el.value.length.toLocaleString('es-CL'), max: f.max.toLocaleString('es-CL') });
      f.counter.classList.toggle('over', f.el.value.length > f.max);
    }
    const wanted = placeholders(bodyText.el.value);
    const holder = examples.querySelector('.tpl-examples');
    if (holder.children.length !== wanted.length) {
      clear(holder).append(...wanted.map((n, i) => {
        const ex = h('input', { 'data-example': i, placeholder: tw('example', { n: i + 1 }), 'aria-label': tw('example', { n: i + 1 }),
          oninput: (e) => { exampleValues[i] = e.target.value; refresh(); } });
        ex.value = exampleValues[i] || '';
        return ex;
      }));
    }
    examples.hidden = wanted.length === 0;
    const bubble = h('div', { className: 'tpl-bubble' },
      header.el.value ? h('strong', { className: 'tpl-header' }, header.el.value) : null,
      h('div', { className: 'tpl-text' }, bodyText.el.value ? fill(bodyText.el.value) : tw('noBody')),
      footer.el.value ? h('div', { className: 'tpl-footer' }, footer.el.value) : null);
    const buttons = [...quick(), ...(urlText.el.value ? [`↗ ${urlText.el.value}`] : [])];
    clear(preview).append(h('div', { className: 'muted' }, tw('preview')), bubble,
      ...buttons.map((b) => h('div', { className: 'tpl-button' }, b)));
  };
  [header, bodyText, footer, replies, urlText].forEach((f) => f.el.addEventListener('input', refresh));

  const fields = [name.box, h('div', { className: 'row' },
    h('div', { className: 'field', 'data-field': 'language' }, h('label', { for: 'wa-language' }, tw('language')), language, h('div', { className: 'field-error', role: 'alert' })),
    h('div', { className: 'field', 'data-field': 'category' }, h('label', { for: 'wa-category' }, tw('category')), category, h('div', { className: 'field-error', role: 'alert' }))),
  header.box, bodyText.box, examples, footer.box, replies.box, h('div', { className: 'row' }, urlText.box, url.box)];
  const dlg = dialog({ id: 'wa-template-dialog', title: tw('create'), submitLabel: tw('submit'), fields, extra: preview,
    onSubmit: async () => {
      const components = [];
      if (header.el.value.trim()) components.push({ type: 'HEADER', format: 'TEXT', text: header.el.value.trim() });
      const bodyComponent = { type: 'BODY', text: bodyText.el.value.trim() };
      const n = placeholders(bodyText.el.value).length;
      if (n) bodyComponent.example = { body_text: [exampleValues.slice(0, n).map((v) => (v || '').trim())] };
      components.push(bodyComponent);
      if (footer.el.value.trim()) components.push({ type: 'FOOTER', text: footer.el.value.trim() });
      const buttons = quick().map((text) => ({ type: 'QUICK_REPLY', text }));
      if (urlText.el.value.trim() || url.el.value.trim()) buttons.push({ type: 'URL', text: urlText.el.value.trim(), url: url.el.value.trim() });
      if (buttons.length) components.push({ type: 'BUTTONS', buttons });
      const t = await post('/api/v1/whatsapp-templates', { inboxId, name: name.el.value.trim(), language: language.value,
        category: category.value, components }).catch((e) => {
        // "components.buttons[1].text" is shown beside the buttons it belongs to.
        if (e.field && e.field.startsWith('components.buttons')) e.field = e.field.includes('url') ? 'url' : 'components.buttons';
        throw e;
      });
      toast(tw('submitted', { name: t.name }));
      reload();
    } });
  dlg.classList.add('wide');
  refresh();
}

/**
 * The pickers' list: the catalogue in code (templates/whatsapp.yaml, what notices use) plus the templates Meta approved
 * for the accounts, in the catalogue's shape ({name, category, params, languages: {code: {body, footer, quickReplies}}}).
 * A Meta template's languages are Meta's codes (es_CL), marked {meta: true} so that a send names its exact language.
 */
export function withApproved(catalogue, approved) {
  const out = catalogue.map((x) => ({ ...x, languages: { ...(x.languages || {}) } }));
  for (const a of approved || []) {
    const body = part(a, 'BODY')?.text || '';
    const n = new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1])).size;
    let entry = out.find((x) => x.name === a.name);
    if (!entry) {
      entry = { name: a.name, category: a.category, source: 'meta', params: Array.from({ length: n }, (_, i) => `{{${i + 1}}}`), languages: {} };
      out.push(entry);
    }
    const buttons = part(a, 'BUTTONS')?.buttons || [];
    entry.languages[a.language] = { body, footer: part(a, 'FOOTER')?.text || null, meta: true,
      quickReplies: buttons.filter((b) => b.type === 'QUICK_REPLY').map((b) => b.text) };
  }
  return out;
}

/** The template's language code for a person's language (es → es, else es_CL…); undefined when it has none. */
export function languageFor(tpl, language) {
  const codes = Object.keys(tpl?.languages || {});
  return codes.find((c) => c === language) || codes.find((c) => c.split('_')[0] === language);
}

/** The pickers' list without what Meta approved (the catalogue in code as it came). */
export function catalogueOnly(templates) {
  return templates.filter((x) => x.source !== 'meta').map((x) => ({ ...x,
    languages: Object.fromEntries(Object.entries(x.languages || {}).filter(([, l]) => !l.meta)) }));
}
