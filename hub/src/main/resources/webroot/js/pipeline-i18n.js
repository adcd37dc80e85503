// The pipeline board's strings, in Spanish (default) and English; the language is the inbox's own switch.
import { lang, translator } from './i18n.js';

const STRINGS = {
  es: {
    title: 'Embudo de ventas', owner: 'Responsable', mine: 'Mías', everyone: 'Todas', team: 'Equipo', anyTeam: 'Todos los equipos',
    source: 'Origen', anySource: 'Todos los orígenes', campaign: 'Campaña', anyCampaign: 'Todas las campañas',
    interest: 'Interés', anyInterest: 'Todos los intereses', division: 'División', anyDivision: 'Todas las divisiones',
    leads: 'leads', more: 'y {n} más: use los filtros para acotar', empty: 'Sin leads', moveTo: 'Mover a…',
    lostTitle: 'Marcar como perdido', lostReason: 'Motivo de la pérdida', lostSubmit: 'Marcar perdido',
    openConversation: 'Abrir chat', detail: 'Ficha', noOwner: 'Sin responsable', daysInStage: '{n} d en la etapa',
    todayInStage: 'hoy en la etapa', moved: 'Movido a {stage}', noMessage: 'Sin mensajes', refresh: 'Actualizar',
    attachment: 'Adjunto', error: 'No se pudo cargar el embudo', source_whatsapp: 'WhatsApp', source_webform: 'Formulario web',
    source_email: 'Correo', source_api: 'API', source_twilio: 'WhatsApp (Twilio)',
    err_lost_reason_required: 'Escriba por qué se perdió', err_invalid_field: 'Etapa no válida', err_forbidden: 'No tiene permiso para mover este lead',
    err_not_found: 'El lead ya no existe', err_generic: 'No se pudo mover el lead',
  },
  en: {
    title: 'Sales pipeline', owner: 'Owner', mine: 'Mine', everyone: 'All', team: 'Team', anyTeam: 'All teams',
    source: 'Source', anySource: 'All sources', campaign: 'Campaign', anyCampaign: 'All campaigns',
    interest: 'Interest', anyInterest: 'All interests', division: 'Division', anyDivision: 'All divisions',
    leads: 'leads', more: 'and {n} more: narrow with the filters', empty: 'No leads', moveTo: 'Move to…',
    lostTitle: 'Mark as lost', lostReason: 'Why was it lost?', lostSubmit: 'Mark lost',
    openConversation: 'Open chat', detail: 'Details', noOwner: 'No owner', daysInStage: '{n} d in stage',
    todayInStage: 'today in stage', moved: 'Moved to {stage}', noMessage: 'No messages', refresh: 'Refresh',
    attachment: 'Attachment', error: 'The pipeline could not be loaded', source_whatsapp: 'WhatsApp', source_webform: 'Web form',
    source_email: 'Email', source_api: 'API', source_twilio: 'WhatsApp (Twilio)',
    err_lost_reason_required: 'Say why it was lost', err_invalid_field: 'Not a valid stage', err_forbidden: 'You may not move this lead',
    err_not_found: 'The lead no longer exists', err_generic: 'The lead could not be moved',
  },
};

/** A board string in the current language, with {name} placeholders filled. */
export const tp = translator(STRINGS);

/** The API's error in the reader's words (its messages are English), keeping the field it names. */
export function localised(err) {
  const key = `err_${err?.code}`;
  const text = tp(key) === key ? tp('err_generic') : tp(key);
  const out = new Error(text);
  out.code = err.code; out.field = err.field; out.status = err.status;
  return out;
}

/** Money as people in Chile, Bolivia and Colombia write it: CLP and COP without decimals, $2.000.000. */
export function money(amount, currency = 'CLP') {
  const n = Number(amount);
  if (amount === null || amount === undefined || Number.isNaN(n)) return '';
  const locale = lang() === 'en' ? 'en-US' : { CLP: 'es-CL', COP: 'es-CO', BOB: 'es-BO' }[currency] || 'es-CL';
  const whole = currency === 'CLP' || currency === 'COP';
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: lang() === 'en' ? 'code' : 'narrowSymbol',
      minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2 }).format(n);
  } catch {
    return `${currency} ${n.toLocaleString(locale)}`;
  }
}
