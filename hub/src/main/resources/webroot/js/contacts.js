// The contacts screen for admins and marketing: the list with its filters, and bringing lists in (CSV import with a
// column mapping, a preview, live progress and the rows that failed) and out (CSV export) — issue 25.
import { get, post, upload } from './api.js';
import { h, clear } from './dom.js';
import { lang, translator } from './i18n.js';
import { toast } from './forms.js';

const STRINGS = {
  es: {
    title: 'Contactos', search: 'Buscar nombre, teléfono o correo…', label: 'Etiqueta', import: 'Importar', export: 'Exportar',
    name: 'Nombre', phone: 'Teléfono', email: 'Correo', city: 'Ciudad', optedOut: 'Dado de baja', empty: 'No hay contactos con estos filtros',
    shown: 'Se muestran los primeros {n}', importTitle: 'Importar contactos',
    importHelp: 'Suba un CSV como lo tenga: de Excel (punto y coma, Windows-1252) o UTF-8 con comas. La primera fila debe nombrar las columnas. Los contactos se actualizan si coinciden por teléfono, correo o identificador.',
    file: 'Archivo CSV', upload: 'Subir y revisar', uploading: 'Subiendo…', detected: 'Detectado: {encoding}, separado por {delimiter}, {rows} filas de muestra.',
    semicolon: 'punto y coma', comma: 'comas', tab: 'tabulaciones', column: 'Columna del archivo', becomes: 'Se importa como',
    country: 'Números locales de', start: 'Importar', cancel: 'Cancelar', close: 'Cerrar',
    t_name: 'Nombre', t_phone: 'Teléfono', t_email: 'Correo', t_identifier: 'Identificador (RUT, código)', t_labels: 'Etiquetas',
    t_city: 'Ciudad', t_optin: 'Estado de suscripción', t_ignore: 'No importar', t_custom: 'Campo: {label}',
    progress: '{done} de {total} filas', waiting: 'En cola…', counting: 'Contando filas…',
    result: '{created} nuevos, {updated} actualizados, filas con errores: {errors}', doneTitle: 'Importación terminada',
    failed: 'La importación falló: {reason}', downloadErrors: 'Descargar filas con errores (CSV)', preview: 'Vista previa',
    exportTitle: 'Exportar contactos', exportHelp: 'Se exportan los contactos que muestran los filtros actuales.',
    excel: 'Excel (Chile, Bolivia, Colombia): punto y coma, Windows-1252', utf8: 'UTF-8 con comas (Google Sheets, otros sistemas)',
    download: 'Descargar', CL: 'Chile (+56)', BO: 'Bolivia (+591)', CO: 'Colombia (+57)',
    err_generic: 'No se pudo completar. Revise el archivo e intente de nuevo.', err_mapping: 'Elija al menos una columna de teléfono, correo o identificador.',
    err_file: 'El archivo no se pudo leer como CSV con títulos en la primera fila.', err_too_large: 'El archivo es demasiado grande.',
  },
  en: {
    title: 'Contacts', search: 'Search name, phone or email…', label: 'Label', import: 'Import', export: 'Export',
    name: 'Name', phone: 'Phone', email: 'Email', city: 'City', optedOut: 'Unsubscribed', empty: 'No contacts match these filters',
    shown: 'Showing the first {n}', importTitle: 'Import contacts',
    importHelp: 'Upload a CSV as you have it: from Excel (semicolons, Windows-1252) or UTF-8 with commas. The first row must name the columns. Contacts are updated when they match by phone, email or identifier.',
    file: 'CSV file', upload: 'Upload and review', uploading: 'Uploading…', detected: 'Detected: {encoding}, separated by {delimiter}, {rows} sample rows.',
    semicolon: 'semicolons', comma: 'commas', tab: 'tabs', column: 'File column', becomes: 'Imported as',
    country: 'Local numbers are from', start: 'Import', cancel: 'Cancel', close: 'Close',
    t_name: 'Name', t_phone: 'Phone', t_email: 'Email', t_identifier: 'Identifier (tax id, code)', t_labels: 'Labels',
    t_city: 'City', t_optin: 'Subscription status', t_ignore: 'Do not import', t_custom: 'Field: {label}',
    progress: '{done} of {total} rows', waiting: 'Queued…', counting: 'Counting rows…',
    result: '{created} new, {updated} updated, rows with errors: {errors}', doneTitle: 'Import finished',
    failed: 'The import failed: {reason}', downloadErrors: 'Download rows with errors (CSV)', preview: 'Preview',
    exportTitle: 'Export contacts', exportHelp: 'The contacts the current filters show are exported.',
    excel: 'Excel (Chile, Bolivia, Colombia): semicolons, Windows-1252', utf8: 'UTF-8 with commas (Google Sheets, other systems)',
    download: 'Download', CL: 'Chile (+56)', BO: 'Bolivia (+591)', CO: 'Colombia (+57)',
    err_generic: 'It could not be done. Check the file and try again.', err_mapping: 'Choose at least a phone, email or identifier column.',
    err_file: 'The file could not be read as a CSV with titles in its first row.', err_too_large: 'The file is too large.',
  },
};
const tc = translator(STRINGS);
const num = (n) => Number(n || 0).toLocaleString(lang() === 'en' ? 'en-US' : 'es-CL');
const TARGETS = ['name', 'phone', 'email', 'identifier', 'labels', 'city', 'optin', 'ignore'];

let poll = null;
const filters = { q: '', label: '' };

export function stopContacts() { clearTimeout(poll); poll = null; }

function query(extra = {}) {
  const p = new URLSearchParams(extra);
  if (filters.q.trim()) p.set('q', filters.q.trim());
  if (filters.label.trim()) p.set('label', filters.label.trim());
  return p;
}

export async function renderContacts(main) {
  const table = h('div', { id: 'contacts-table' });
  let timer = null;
  const reload = () => { clearTimeout(timer); timer = setTimeout(() => loadList(table), 250); };
  clear(main).append(
    h('div', { className: 'page-head' }, h('h1', {}, tc('title')),
      h('button', { id: 'contacts-import', className: 'primary', onclick: () => importDialog(() => loadList(table)) }, tc('import')),
      h('button', { id: 'contacts-export', onclick: exportDialog }, tc('export'))),
    h('div', { className: 'filters row' },
      h('input', { type: 'search', id: 'contacts-q', placeholder: tc('search'), value: filters.q, oninput: (e) => { filters.q = e.target.value; reload(); } }),
      h('input', { type: 'search', id: 'contacts-label', placeholder: tc('label'), 'aria-label': tc('label'), value: filters.label,
        oninput: (e) => { filters.label = e.target.value; reload(); } })),
    table);
  await loadList(table);
}

async function loadList(table) {
  let page;
  try {
    page = await get('/api/v1/contacts?' + query({ limit: '100' }));
  } catch (e) {
    clear(table).append(h('p', { className: 'error' }, e.message));
    return;
  }
  clear(table).append(page.items.length ? h('table', { className: 'grid' },
    h('thead', {}, h('tr', {}, ...['name', 'phone', 'email', 'city'].map((k) => h('th', {}, tc(k))), h('th', {}))),
    h('tbody', {}, ...page.items.map((c) => h('tr', { 'data-contact': c.id },
      h('td', {}, c.name || ''), h('td', {}, c.phone || ''), h('td', {}, c.email || ''), h('td', {}, c.city || ''),
      h('td', {}, c.doNotContact ? h('span', { className: 'badge muted' }, tc('optedOut')) : '')))))
    : h('p', { className: 'muted', id: 'contacts-empty' }, tc('empty')));
  if (page.nextCursor) table.append(h('p', { className: 'muted' }, tc('shown', { n: page.items.length })));
}

function message(err) {
  if (err.status === 413 || /larger than/.test(err.message || '')) return tc('err_too_large');
  if (err.field === 'mapping') return tc('err_mapping');
  if (err.field === 'file') return tc('err_file');
  return lang() === 'es' && err.message ? err.message : (err.message || tc('err_generic'));
}

function modal(id, title, ...body) {
  const dlg = h('dialog', { id, className: 'modal contacts-dialog' }, h('h2', {}, title), ...body);
  dlg.addEventListener('close', () => { stopContacts(); dlg.remove(); });
  document.body.append(dlg);
  dlg.showModal();
  return dlg;
}

function importDialog(onDone) {
  const file = h('input', { type: 'file', id: 'import-file', accept: '.csv,text/csv', required: true });
  const error = h('div', { className: 'form-error error', role: 'alert' });
  const step = h('div', { id: 'import-step' });
  const send = h('button', { type: 'button', className: 'primary', id: 'import-upload', onclick: async () => {
    if (!file.files[0]) return;
    send.disabled = true; send.textContent = tc('uploading'); error.textContent = '';
    try {
      const job = await upload('/api/v1/contact-imports', file.files[0]);
      showMapping(dlg, step, job, onDone);
    } catch (err) {
      error.textContent = message(err);
      send.disabled = false; send.textContent = tc('upload');
    }
  } }, tc('upload'));
  clear(step).append(h('p', { className: 'muted' }, tc('importHelp')),
    h('label', { for: 'import-file' }, tc('file')), file, error,
    h('div', { className: 'row end' }, h('button', { type: 'button', onclick: () => dlg.close() }, tc('cancel')), send));
  const dlg = modal('import-dialog', tc('importTitle'), step);
}

function targetOptions(job, chosen) {
  const opts = TARGETS.map((t) => h('option', { value: t, selected: chosen.target === t }, tc(`t_${t}`)));
  for (const f of job.customFields || []) {
    const label = (lang() === 'en' ? f.label.en : f.label.es) || f.key;
    opts.splice(opts.length - 1, 0, h('option', { value: `custom:${f.key}`, selected: chosen.target === 'custom' && chosen.key === f.key },
      tc('t_custom', { label })));
  }
  return opts;
}

function showMapping(dlg, step, job, onDone) {
  dlg.classList.add('wide');
  const error = h('div', { className: 'form-error error', role: 'alert' });
  const selects = job.guess.map((g) => h('select', { 'data-column': g.column, 'aria-label': `${tc('becomes')}: ${g.header}` }, ...targetOptions(job, g)));
  const country = h('select', { id: 'import-country' },
    ...[['56', 'CL'], ['591', 'BO'], ['57', 'CO']].map(([cc, k]) => h('option', { value: cc, selected: job.countryCode === cc }, tc(k))));
  const preview = h('table', { className: 'grid import-preview', id: 'import-preview' },
    h('thead', {}, h('tr', {}, ...job.header.map((hd, i) => h('th', {}, hd || `#${i + 1}`, h('div', {}, selects[i]))))),
    h('tbody', {}, ...job.preview.map((row) => h('tr', {}, ...job.header.map((_, i) => h('td', {}, row[i] ?? ''))))));
  const start = h('button', { type: 'button', className: 'primary', id: 'import-start', onclick: async () => {
    start.disabled = true; error.textContent = '';
    const mapping = selects.map((s) => {
      const [target, key] = s.value.split(':');
      return key ? { column: Number(s.dataset.column), target, key } : { column: Number(s.dataset.column), target };
    });
    try {
      const queued = await post(`/api/v1/contact-imports/${job.id}/start`, { mapping, countryCode: country.value });
      showProgress(dlg, step, queued, onDone);
    } catch (err) {
      error.textContent = message(err);
      start.disabled = false;
    }
  } }, tc('start'));
  clear(step).append(
    h('p', { id: 'import-detected' }, tc('detected', { encoding: job.encoding, delimiter: tc(job.delimiter), rows: job.preview.length })),
    h('div', { className: 'row' }, h('label', { for: 'import-country' }, tc('country')), country),
    h('h3', {}, tc('preview')), h('div', { className: 'scroll-x' }, preview), error,
    h('div', { className: 'row end' }, h('button', { type: 'button', onclick: () => dlg.close() }, tc('cancel')), start));
}

function showProgress(dlg, step, job, onDone) {
  const bar = h('progress', { id: 'import-progress', max: '1', value: '0' });
  const text = h('p', { id: 'import-progress-text', 'aria-live': 'polite' }, tc('waiting'));
  const result = h('div', { id: 'import-result' });
  clear(step).append(bar, text, result,
    h('div', { className: 'row end' }, h('button', { type: 'button', id: 'import-close', onclick: () => dlg.close() }, tc('close'))));
  const tick = async () => {
    let now;
    try {
      now = await get(`/api/v1/contact-imports/${job.id}`);
    } catch {
      poll = setTimeout(tick, 2000);
      return;
    }
    if (now.totalRows) { bar.max = String(now.totalRows); bar.value = String(now.rowsDone); }
    text.textContent = now.status === 'queued' ? tc('waiting') : now.totalRows === null ? tc('counting')
      : tc('progress', { done: num(now.rowsDone), total: num(now.totalRows) });
    if (now.status === 'done' || now.status === 'failed') {
      clear(result).append(h('p', { className: now.status === 'done' ? 'ok' : 'error', id: 'import-summary' },
        now.status === 'done' ? `${tc('doneTitle')}: ${tc('result', { created: num(now.created), updated: num(now.updated), errors: num(now.errors) })}`
          : tc('failed', { reason: now.failure || '' })),
      now.errors > 0 ? h('a', { id: 'import-errors', href: `/api/v1/contact-imports/${job.id}/errors?lang=${lang()}`, download: '' }, tc('downloadErrors')) : null);
      if (now.status === 'done') { toast(tc('result', { created: num(now.created), updated: num(now.updated), errors: num(now.errors) })); onDone(); }
      return;
    }
    poll = setTimeout(tick, 700);
  };
  tick();
}

function exportDialog() {
  const choice = (value, checked) => h('label', { className: 'choice' },
    h('input', { type: 'radio', name: 'dialect', value, checked }), ' ', tc(value));
  const excel = choice('excel', true);
  const utf8 = choice('utf8', false);
  const link = h('a', { className: 'button primary', id: 'export-download', download: '', onclick: () => setTimeout(() => dlg.close(), 0) }, tc('download'));
  const update = () => {
    const dialect = dlg.querySelector('input[name=dialect]:checked')?.value || 'excel';
    link.href = '/api/v1/contact-export?' + query({ dialect, lang: lang() });
  };
  const dlg = modal('export-dialog', tc('exportTitle'), h('p', { className: 'muted' }, tc('exportHelp')),
    h('div', { className: 'stack', onchange: update }, excel, utf8),
    h('div', { className: 'row end' }, h('button', { type: 'button', onclick: () => dlg.close() }, tc('cancel')), link));
  update();
}
