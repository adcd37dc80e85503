// The opportunity board's and page's strings, in Spanish (default) and English, and how they write money and dates:
// CLP without decimals ($1.234.567), dates dd-mm-aaaa as in Chile, Bolivia and Colombia.
import { lang, translator } from './i18n.js';
import { money as pesos } from './money.js';

const STRINGS = {
  es: {
    title: 'Oportunidades', refresh: 'Actualizar', owner: 'Vendedor', mine: 'Mías', everyone: 'Todas', team: 'Equipo',
    anyTeam: 'Todos los equipos', division: 'División', anyDivision: 'Todas las divisiones', line: 'Línea de negocio',
    anyLine: 'Todas las líneas', opportunities: 'oportunidades', empty: 'Sin oportunidades', more: 'y {n} más: use los filtros para acotar',
    probability: 'Probabilidad', noOwner: 'Sin vendedor', closes: 'cierre {date}', noClose: 'Sin fecha de cierre',
    todayInStage: 'hoy en la etapa', daysInStage: '{n} d en la etapa', detail: 'Ficha', openConversation: 'Abrir chat',
    moveTo: 'Mover a…', moved: 'Movida a {stage}', lostTitle: 'Marcar como perdida', lostReason: 'Motivo de la pérdida',
    lostSubmit: 'Marcar perdida', error: 'No se pudo cargar el tablero', forecast: 'Pronóstico ponderado',
    forecastHint: '(monto × probabilidad de las oportunidades abiertas que muestra el tablero)', byMonth: 'Por mes de cierre',
    bySalesperson: 'Por vendedor', byDivision: 'Por división', count: 'Cant.', amount: 'Monto', weighted: 'Ponderado',
    noForecast: 'Nada abierto', name: 'Nombre', currency: 'Moneda', expectedClose: 'Fecha estimada de cierre',
    stage: 'Etapa', save: 'Guardar', saved: 'Guardado', close: 'Cerrar', account: 'Cuenta', contact: 'Contacto',
    history: 'Historial de etapas', quotes: 'Cotizaciones', activities: 'Actividades', conversations: 'Conversaciones',
    answers: 'Respuestas al bot', none: 'Sin datos', by: 'por {name}', system: 'automático', after: 'después de {time}',
    created: 'Creada en {stage}', reason: 'Motivo: {reason}', salespeople: 'Vendedores', edit: 'Editar',
    status_draft: 'Borrador', status_sent: 'Enviada', status_accepted: 'Aceptada', status_rejected: 'Rechazada',
    status_expired: 'Vencida', done: 'Hecha', pending: 'Pendiente', status_open: 'Abierta', status_won: 'Ganada', status_lost: 'Perdida',
    cause_first_reply: 'primera respuesta de una persona', cause_quote_sent: 'cotización enviada', cause_quote_accepted: 'cotización aceptada',
    probabilityHelp: 'Vacío = la de la etapa',
  },
  en: {
    title: 'Opportunities', refresh: 'Refresh', owner: 'Salesperson', mine: 'Mine', everyone: 'All', team: 'Team',
    anyTeam: 'All teams', division: 'Division', anyDivision: 'All divisions', line: 'Business line', anyLine: 'All lines',
    opportunities: 'opportunities', empty: 'No opportunities', more: 'and {n} more: narrow with the filters',
    probability: 'Probability', noOwner: 'No salesperson', closes: 'closes {date}', noClose: 'No close date',
    todayInStage: 'today in stage', daysInStage: '{n} d in stage', detail: 'Details', openConversation: 'Open chat',
    moveTo: 'Move to…', moved: 'Moved to {stage}', lostTitle: 'Mark as lost', lostReason: 'Why was it lost?',
    lostSubmit: 'Mark lost', error: 'The board could not be loaded', forecast: 'Weighted forecast',
    forecastHint: '(amount × probability of the open opportunities on the board)', byMonth: 'By close month',
    bySalesperson: 'By salesperson', byDivision: 'By division', count: 'Count', amount: 'Amount', weighted: 'Weighted',
    noForecast: 'Nothing open', name: 'Name', currency: 'Currency', expectedClose: 'Expected close date',
    stage: 'Stage', save: 'Save', saved: 'Saved', close: 'Close', account: 'Account', contact: 'Contact',
    history: 'Stage history', quotes: 'Quotes', activities: 'Activities', conversations: 'Conversations',
    answers: 'Answers to the bot', none: 'Nothing yet', by: 'by {name}', system: 'automatic', after: 'after {time}',
    created: 'Created in {stage}', reason: 'Reason: {reason}', salespeople: 'Salespeople', edit: 'Edit',
    status_draft: 'Draft', status_sent: 'Sent', status_accepted: 'Accepted', status_rejected: 'Rejected',
    status_expired: 'Expired', done: 'Done', pending: 'Pending', status_open: 'Open', status_won: 'Won', status_lost: 'Lost',
    cause_first_reply: 'a person\'s first reply', cause_quote_sent: 'quote sent', cause_quote_accepted: 'quote accepted',
    probabilityHelp: 'Empty = the stage\'s',
  },
};

/** A string in the current language, with {name} placeholders filled. */
export const to = translator(STRINGS);

/** A {es, en} name in the reader's language. */
export const nameOf = (name) => name?.[lang()] || name?.es || '';

export const money = (amount, currency) => pesos(amount, currency, lang());

/** 2027-01-15 → 15-01-2027, as the company's customers and staff write dates in either language. */
export function day(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}-${m}-${y}`;
}

/** 2027-01 → "enero 2027". */
export function monthName(key) {
  const [y, m] = key.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 15)).toLocaleDateString(lang() === 'en' ? 'en-US' : 'es-CL',
    { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Seconds as a short duration: 5 min, 3 h, 2 d. */
export function duration(seconds) {
  const s = Number(seconds) || 0;
  if (s < 3600) return `${Math.max(1, Math.round(s / 60))} min`;
  if (s < 86400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
}

/** A time as people here read it: 15-01-2027 14:30. */
export function when(iso) {
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${day(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
