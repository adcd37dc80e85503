// The technician's page, made for a phone: today's and upcoming visits assigned to me; start one, write the visit
// report (times, findings, materials, risks, a fault found), take before and after photos with the phone's camera,
// and finish it or say why it could not be done. Every text from the server is set as text.
import { get, post, setCsrf, upload } from './api.js';
import { h, clear } from './dom.js';
import { lang, setLang } from './i18n.js';
import { dmy, hm, duration } from './visits-i18n.js';

const STRINGS = {
  es: { title: 'Mis visitas', back: 'Bandeja', none: 'No tiene visitas pendientes', start: 'Iniciar visita',
    report: 'Informe de visita', startedAt: 'Inicio', endedAt: 'Término', findings: 'Hallazgos',
    materials: 'Materiales usados (uno por línea: nombre; cantidad; unidad)', risks: 'Riesgos',
    faultFound: 'Se encontró una falla (abre una orden de trabajo)', saveReport: 'Guardar informe',
    before: 'Foto antes', after: 'Foto después', done: 'Terminar', notDone: 'No se pudo realizar',
    reason: '¿Por qué no se pudo?', saved: 'Guardado', photoSaved: 'Foto guardada', language: 'English',
    kind_potential_client_visit: 'Visita a cliente potencial', kind_technical_visit: 'Visita técnica (diagnóstico)',
    kind_maintenance: 'Mantención periódica', kind_service_work: 'Servicio / obra',
    status_scheduled: 'Agendada', status_in_progress: 'En curso', status_done: 'Realizada', status_not_done: 'No realizada' },
  en: { title: 'My visits', back: 'Inbox', none: 'You have no pending visits', start: 'Start visit',
    report: 'Visit report', startedAt: 'Started', endedAt: 'Ended', findings: 'Findings',
    materials: 'Materials used (one per line: name; quantity; unit)', risks: 'Risks',
    faultFound: 'A fault was found (opens a work order)', saveReport: 'Save report',
    before: 'Photo before', after: 'Photo after', done: 'Finish', notDone: 'Could not be done',
    reason: 'Why could it not be done?', saved: 'Saved', photoSaved: 'Photo saved', language: 'Español',
    kind_potential_client_visit: 'Potential-client visit', kind_technical_visit: 'Technical visit (diagnosis)',
    kind_maintenance: 'Periodic maintenance', kind_service_work: 'Service / work',
    status_scheduled: 'Scheduled', status_in_progress: 'In progress', status_done: 'Done', status_not_done: 'Not done' },
};
const s = (key) => STRINGS[lang()][key] ?? STRINGS.es[key] ?? key;
const root = document.getElementById('technician');
let me = null;

async function start() {
  try {
    me = await get('/api/v1/auth/me');
  } catch {
    location.href = '/';
    return;
  }
  setCsrf(me.csrfToken);
  if (me.locale && !localStorage.getItem('conecta.lang')) setLang(me.locale);
  render();
}

async function render() {
  const list = h('ul', { className: 'visits', id: 'visits' });
  clear(root).append(
    h('header', { className: 'topbar' }, h('span', { className: 'brand' }, 'Conecta · ' + s('title')),
      h('a', { href: '/' }, s('back')),
      h('button', { type: 'button', onclick: () => { setLang(lang() === 'es' ? 'en' : 'es'); render(); } }, s('language'))),
    list);
  const [scheduled, running] = await Promise.all(['scheduled', 'in_progress'].map((status) =>
    get(`/api/v1/service-requests?technicianId=${me.id}&status=${status}&limit=100`).then((r) => r.items)));
  const visits = [...running, ...scheduled];
  if (visits.length === 0) list.append(h('li', { className: 'visit' }, s('none')));
  for (const v of visits) list.append(card(v));
}

const localNow = () => { const d = new Date(); d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 16); };
const iso = (local) => (local ? new Date(local).toISOString() : null);

function card(v) {
  const error = h('div', { className: 'error', role: 'alert' });
  const fail = (e) => { error.textContent = e.message; };
  const status = (body) => post(`/api/v1/service-requests/${v.id}/status`, body).then(render).catch(fail);
  const el = h('li', { className: 'visit', 'data-request': v.id },
    h('h2', {}, s(`kind_${v.kind}`)),
    // dd-mm-aaaa and 24-hour times in the company's zone, as the coordinator planned it
    h('div', { className: 'meta' }, [v.scheduledFor ? `${dmy(v.scheduledFor)} ${hm(v.scheduledFor)} (${duration(v.durationMinutes || 60)})` : '', v.address || '']
      .filter(Boolean).join(' · ')),
    v.notes ? h('p', {}, v.notes) : null,
    h('div', { className: 'status' }, s(`status_${v.status}`)));
  if (v.status === 'scheduled') {
    el.append(h('div', { className: 'row' }, h('button', { className: 'primary', 'data-action': 'start',
      onclick: () => status({ status: 'in_progress' }) }, s('start'))), error);
    return el;
  }
  const form = h('form', { 'data-form': 'report' },
    h('h3', {}, s('report')),
    h('label', { for: `started-${v.id}` }, s('startedAt')),
    h('input', { type: 'datetime-local', id: `started-${v.id}`, name: 'startedAt', value: localNow() }),
    h('label', { for: `ended-${v.id}` }, s('endedAt')),
    h('input', { type: 'datetime-local', id: `ended-${v.id}`, name: 'endedAt', value: localNow() }),
    h('label', { for: `findings-${v.id}` }, s('findings')), h('textarea', { id: `findings-${v.id}`, name: 'findings', rows: 3 }),
    h('label', { for: `materials-${v.id}` }, s('materials')), h('textarea', { id: `materials-${v.id}`, name: 'materials', rows: 3 }),
    h('label', { for: `risks-${v.id}` }, s('risks')), h('textarea', { id: `risks-${v.id}`, name: 'risks', rows: 2 }),
    h('label', {}, h('input', { type: 'checkbox', name: 'faultFound' }), ' ', s('faultFound')),
    h('div', { className: 'row' }, h('button', { type: 'submit', 'data-action': 'save-report' }, s('saveReport'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = form.elements;
    const materials = f.materials.value.split('\n').map((line) => line.split(';').map((x) => x.trim()))
      .filter(([name]) => name).map(([name, quantity, unit]) => ({ name, quantity: quantity ? Number(quantity) : 1, unit: unit || 'un' }));
    post(`/api/v1/service-requests/${v.id}/report`, { startedAt: iso(f.startedAt.value), endedAt: iso(f.endedAt.value),
      findings: f.findings.value, materials, risks: f.risks.value, faultFound: f.faultFound.checked })
      .then(() => { error.textContent = ''; form.dataset.saved = 'true'; form.querySelector('[data-action=save-report]').textContent = '✓ ' + s('saved'); })
      .catch(fail);
  });
  const photo = (phase) => h('label', {}, s(phase), h('input', { type: 'file', accept: 'image/*', capture: 'environment',
    'data-phase': phase, onchange: (e) => {
      const file = e.target.files[0];
      if (!file) return;
      upload(`/api/v1/service-requests/${v.id}/photos?phase=${phase}`, file)
        .then(() => { e.target.closest('label').dataset.saved = 'true'; error.textContent = s('photoSaved'); })
        .catch(fail);
    } }));
  el.append(form, h('div', { className: 'photos' }, photo('before'), photo('after')),
    h('div', { className: 'row' },
      h('button', { className: 'primary', 'data-action': 'done', onclick: () => status({ status: 'done' }) }, s('done')),
      h('button', { 'data-action': 'not-done', onclick: () => {
        const reason = prompt(s('reason'));
        if (reason) status({ status: 'not_done', reason });
      } }, s('notDone'))),
    error);
  return el;
}

start();
