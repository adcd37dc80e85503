// The visit dialog of a conversation's side panel: kind, technician (filtered by level: standard or specialist, or
// left to the coordinator), address (from the contact's last visit or account, editable), day, time and length.
// Per-field errors, from this form's own checks and from the API's {"error": {"field"}} answers.
import { get, post } from './api.js';
import { h } from './dom.js';
import { field, dialog, toast } from './forms.js';
import { tv, dmy, hm, parseDmy, instantOf, duration, todayKey, addDays } from './visits-i18n.js';

const KINDS = ['technical_visit', 'potential_client_visit', 'maintenance', 'service_work'];
const LENGTHS = [30, 60, 90, 120, 180, 240, 480];

/** A client-side error shaped like the API's, so showError puts it beside its field. */
const fieldError = (field, message) => Object.assign(new Error(message), { field });

/** Where the visit most likely goes: the contact's last visit, an address on the account or contact, their city. */
export function likelyAddress(contact, account, visits) {
  const last = visits.find((v) => v.address);
  const attr = (o) => o?.customAttributes && (o.customAttributes.direccion || o.customAttributes.address);
  return last?.address || attr(account) || attr(contact) || [account?.city || contact.city].filter(Boolean).join('') || '';
}

export async function openVisitDialog(contact, conv, account, redraw) {
  const [techs, visits] = await Promise.all([get('/api/v1/technicians').then((r) => r.items).catch(() => []),
    get(`/api/v1/service-requests?contactId=${contact.id}&limit=20`).then((r) => r.items).catch(() => [])]);
  const techOptions = (level) => [['', tv('unassigned')], ...techs.filter((x) => !level || x.level === level)
    .map((x) => [String(x.id), `${x.name} · ${tv(`level_${x.level}`)}`])];
  const techField = field({ form: 'visit-dialog', name: 'technicianId', label: tv('technician'), value: '', options: techOptions('') });
  const levelField = field({ form: 'visit-dialog', name: 'level', label: tv('level'), value: '',
    options: [['', tv('anyLevel')], ['standard', tv('level_standard')], ['specialist', tv('level_specialist')]] });
  levelField.querySelector('select').addEventListener('change', (e) => {
    const select = techField.querySelector('select');
    const keep = select.value;
    select.replaceChildren(...techOptions(e.target.value).map(([v, l]) => h('option', { value: v, selected: v === keep }, l)));
    techField.querySelector('.field-error').textContent = select.options.length === 1 ? tv('noTechOfLevel') : '';
  });
  const tomorrow = addDays(todayKey(), 1);
  const fields = [
    field({ form: 'visit-dialog', name: 'kind', label: tv('kind'), value: KINDS[0], options: KINDS.map((k) => [k, tv(`kind_${k}`)]) }),
    h('div', { className: 'row' }, levelField, techField),
    field({ form: 'visit-dialog', name: 'address', label: tv('address'), value: likelyAddress(contact, account, visits) }),
    h('div', { className: 'row' },
      field({ form: 'visit-dialog', name: 'date', label: tv('date'), value: dmy(`${tomorrow}T15:00:00Z`), placeholder: 'dd-mm-aaaa' }),
      field({ form: 'visit-dialog', name: 'time', label: tv('time'), value: '10:00', placeholder: 'hh:mm' }),
      field({ form: 'visit-dialog', name: 'durationMinutes', label: tv('duration'), value: '60', options: LENGTHS.map((m) => [String(m), duration(m)]) })),
    field({ form: 'visit-dialog', name: 'notes', label: tv('notes'), type: 'textarea' })];
  dialog({ id: 'visit-dialog', title: tv('visitTitle'), submitLabel: tv('schedule'), fields,
    onSubmit: async (v) => {
      const day = parseDmy(v.date);
      if (!day) throw fieldError('date', tv('badDate'));
      const at = instantOf(day, v.time);
      if (!at) throw fieldError('time', tv('badTime'));
      try {
        const made = await post('/api/v1/service-requests', { kind: v.kind, contactId: contact.id, accountId: contact.accountId ?? undefined,
          technicianId: v.technicianId ? Number(v.technicianId) : undefined, address: v.address, scheduledFor: at,
          durationMinutes: Number(v.durationMinutes), notes: v.notes ?? undefined });
        toast(`${tv('scheduled')} · ${dmy(made.scheduledFor)} ${hm(made.scheduledFor)}`);
        redraw();
      } catch (err) {
        // The API names scheduledFor; the person typed it in the date box.
        throw err.field === 'scheduledFor' ? fieldError('date', err.message) : err;
      }
    } });
}

/** The contact's visits for the side panel: kind, day and time, length, technician, status. */
export function visitList(visits, users) {
  if (!visits.length) return h('p', { className: 'muted', id: 'visit-list' }, tv('noVisits'));
  const name = (id) => users.find((u) => u.id === id)?.name;
  return h('ul', { className: 'plain', id: 'visit-list' }, ...visits.map((v) => h('li', { 'data-id': v.id, 'data-status': v.status },
    h('strong', {}, tv(`kind_${v.kind}`)), ' · ',
    v.scheduledFor ? `${dmy(v.scheduledFor)} ${hm(v.scheduledFor)} (${duration(v.durationMinutes || 60)})` : tv('needsTime'),
    h('div', { className: 'muted' }, [name(v.technicianId) || tv('unassigned'), tv(`status_${v.status}`), v.address]
      .filter(Boolean).join(' · ')))));
}
