// Strings of the visit dialog, the coordinator's board and the calendar (es default, en), and the way people in
// Chile, Bolivia and Colombia write dates and times: dd-mm-aaaa and 24-hour times, in the company's time zone.
import { lang } from './i18n.js';

export const ZONE = 'America/Santiago';

const STRINGS = {
  es: {
    visitTitle: 'Agendar visita', kind: 'Tipo de visita', level: 'Nivel del técnico', anyLevel: 'Cualquiera',
    technician: 'Técnico', unassigned: 'Sin asignar (lo asigna el coordinador)', address: 'Dirección', date: 'Fecha (dd-mm-aaaa)',
    time: 'Hora (24 h)', duration: 'Duración', notes: 'Notas', schedule: 'Agendar', scheduled: 'Visita agendada',
    badDate: 'Escriba la fecha como dd-mm-aaaa, por ejemplo 05-03-2027', badTime: 'Escriba la hora como hh:mm (24 h), por ejemplo 14:30',
    noTechOfLevel: 'No hay técnicos de ese nivel',
    level_standard: 'estándar', level_specialist: 'especialista',
    kind_potential_client_visit: 'Visita a cliente potencial', kind_technical_visit: 'Visita técnica',
    kind_maintenance: 'Mantención', kind_service_work: 'Servicio / obra',
    status_scheduled: 'Agendada', status_in_progress: 'En curso', status_done: 'Realizada', status_not_done: 'No realizada',
    status_invoiced: 'Facturada', status_cancelled: 'Cancelada',
    visits: 'Visitas', noVisits: 'Sin visitas', minutes: '{n} min', hours: '{n} h',
    boardTitle: 'Visitas por técnico', prevWeek: '← Semana anterior', nextWeek: 'Semana siguiente →', today: 'Hoy',
    toAssign: 'Por asignar', nothingToAssign: 'No hay visitas por asignar', noTechnicians: 'No hay técnicos: márquelos en Ajustes',
    dropHint: 'Arrastre una visita a un técnico y un día', conflict: 'Se superpone con #{ids}', assignTitle: 'Asignar visita #{id}',
    assign: 'Asignar', assigned: 'Visita #{id}: {who}, {when}', needsTime: 'Sin hora: elija una', reschedule: 'Reprogramar',
    calendarTitle: 'Calendario', day: 'Día', week: 'Semana', person: 'Persona', teamLabel: 'Equipo', me: 'Yo', noTeam: '—',
    prev: '←', next: '→', nothing: 'Nada agendado', type_activity: 'Actividad', type_service_request: 'Visita', type_reminder: 'Recordatorio',
    act_task: 'Tarea', act_call: 'Llamada', act_visit: 'Visita', act_meeting: 'Reunión', act_follow_up: 'Seguimiento',
    rem_quote_followup: 'Seguimiento de cotización',
    feedTitle: 'Suscribirse desde Google Calendar u Outlook', feedNone: 'Aún no tiene un enlace de calendario.',
    feedMake: 'Crear enlace secreto', feedRemake: 'Generar uno nuevo (el anterior deja de funcionar)', feedRevoke: 'Revocar',
    feedActive: 'Enlace activo desde el {when}.', feedCopy: 'Copiar', feedCopied: 'Copiado',
    feedOnce: 'Guárdelo ahora: por seguridad no se vuelve a mostrar. Quien lo tenga ve su calendario.',
    feedRevoked: 'Enlace revocado', feedLastRead: 'Última lectura: {when}.', error: 'No se pudo cargar',
  },
  en: {
    visitTitle: 'Schedule a visit', kind: 'Kind of visit', level: 'Technician level', anyLevel: 'Any',
    technician: 'Technician', unassigned: 'Unassigned (the coordinator assigns it)', address: 'Address', date: 'Date (dd-mm-yyyy)',
    time: 'Time (24 h)', duration: 'Duration', notes: 'Notes', schedule: 'Schedule', scheduled: 'Visit scheduled',
    badDate: 'Write the date as dd-mm-yyyy, for example 05-03-2027', badTime: 'Write the time as hh:mm (24 h), for example 14:30',
    noTechOfLevel: 'No technicians of that level',
    level_standard: 'standard', level_specialist: 'specialist',
    kind_potential_client_visit: 'Potential-client visit', kind_technical_visit: 'Technical visit',
    kind_maintenance: 'Maintenance', kind_service_work: 'Service work',
    status_scheduled: 'Scheduled', status_in_progress: 'In progress', status_done: 'Done', status_not_done: 'Not done',
    status_invoiced: 'Invoiced', status_cancelled: 'Cancelled',
    visits: 'Visits', noVisits: 'No visits', minutes: '{n} min', hours: '{n} h',
    boardTitle: 'Visits by technician', prevWeek: '← Previous week', nextWeek: 'Next week →', today: 'Today',
    toAssign: 'To assign', nothingToAssign: 'No visits to assign', noTechnicians: 'No technicians: mark them in Settings',
    dropHint: 'Drag a visit onto a technician and a day', conflict: 'Overlaps #{ids}', assignTitle: 'Assign visit #{id}',
    assign: 'Assign', assigned: 'Visit #{id}: {who}, {when}', needsTime: 'No time yet: pick one', reschedule: 'Reschedule',
    calendarTitle: 'Calendar', day: 'Day', week: 'Week', person: 'Person', teamLabel: 'Team', me: 'Me', noTeam: '—',
    prev: '←', next: '→', nothing: 'Nothing scheduled', type_activity: 'Activity', type_service_request: 'Visit', type_reminder: 'Reminder',
    act_task: 'Task', act_call: 'Call', act_visit: 'Visit', act_meeting: 'Meeting', act_follow_up: 'Follow-up',
    rem_quote_followup: 'Quote follow-up',
    feedTitle: 'Subscribe from Google Calendar or Outlook', feedNone: 'You have no calendar link yet.',
    feedMake: 'Create a secret link', feedRemake: 'Make a new one (the old one stops working)', feedRevoke: 'Revoke',
    feedActive: 'Link active since {when}.', feedCopy: 'Copy', feedCopied: 'Copied',
    feedOnce: 'Keep it now: for safety it is not shown again. Whoever has it sees your calendar.',
    feedRevoked: 'Link revoked', feedLastRead: 'Last read: {when}.', error: 'Could not load',
  },
};

export const tv = (key, vars = {}) => Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, v),
  STRINGS[lang()]?.[key] ?? STRINGS.es[key] ?? key);

const parts = (date) => Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: '2-digit',
  day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' }).formatToParts(date).map((p) => [p.type, p.value]));

/** dd-mm-aaaa of an instant, in the company's zone. */
export const dmy = (iso) => { const p = parts(new Date(iso)); return `${p.day}-${p.month}-${p.year}`; };
/** hh:mm (24 h) of an instant, in the company's zone. */
export const hm = (iso) => { const p = parts(new Date(iso)); return `${p.hour}:${p.minute}`; };
/** yyyy-mm-dd (the API's day) of an instant, in the company's zone. */
export const dayKey = (iso) => { const p = parts(new Date(iso)); return `${p.year}-${p.month}-${p.day}`; };
export const todayKey = () => dayKey(new Date().toISOString());
export const addDays = (key, n) => { const d = new Date(`${key}T12:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };
/** Monday of the week of a yyyy-mm-dd day. */
export const monday = (key) => { const d = new Date(`${key}T12:00:00Z`); return addDays(key, -((d.getUTCDay() + 6) % 7)); };
/** "lun 05-03-2027" for a yyyy-mm-dd day. */
export const dayLabel = (key) => {
  const d = new Date(`${key}T12:00:00Z`);
  const wd = new Intl.DateTimeFormat(lang() === 'en' ? 'en-GB' : 'es-CL', { weekday: 'short', timeZone: 'UTC' }).format(d);
  return `${wd} ${key.slice(8, 10)}-${key.slice(5, 7)}-${key.slice(0, 4)}`;
};
export const duration = (min) => (min % 60 === 0 ? tv('hours', { n: min / 60 }) : min > 60
  ? `${tv('hours', { n: Math.floor(min / 60) })} ${tv('minutes', { n: min % 60 })}` : tv('minutes', { n: min }));

/** The instant (ISO, UTC) of a wall-clock day and time in the company's zone; null if they are not a real time. */
export function instantOf(key, time) {
  const m = /^(\d{2}):(\d{2})$/.exec(time || '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(key || '') || !m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  const wall = Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10)), Number(m[1]), Number(m[2]));
  let guess = wall;
  // Two passes settle the zone's offset at that moment (daylight saving changes included).
  for (let i = 0; i < 2; i++) {
    const p = parts(new Date(guess));
    const shown = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
    guess += wall - shown;
  }
  return new Date(guess).toISOString();
}

/** dd-mm-aaaa typed by a person → yyyy-mm-dd, or null when it is not a real day. */
export function parseDmy(text) {
  const m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec((text || '').trim());
  if (!m) return null;
  const key = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  const d = new Date(`${key}T12:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== key ? null : key;
}
