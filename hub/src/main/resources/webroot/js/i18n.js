// Every string a person reads, in Spanish (default) and English.
const STRINGS = {
  es: {
    signIn: 'Ingresar', email: 'Correo', password: 'Contraseña', badLogin: 'Correo o contraseña incorrectos',
    mine: 'Mías', unassigned: 'Sin asignar', all: 'Todas', search: 'Buscar contacto o mensaje…',
    anyStatus: 'Todos los estados', open: 'Abiertas', pending: 'Pendientes', snoozed: 'Pospuestas', resolved: 'Resueltas',
    anyInbox: 'Todas las entradas', anyTeam: 'Todos los equipos', noConversations: 'No hay conversaciones aquí',
    pick: 'Elija una conversación', reply: 'Responder', note: 'Nota privada', send: 'Enviar', resolve: 'Resolver',
    reopen: 'Reabrir', snooze: 'Posponer 1 h', assignMe: 'Tomar', unassign: 'Liberar', assignTo: 'Asignar a…',
    label: 'Etiqueta…', online: 'En línea', away: 'Ausente', signOut: 'Salir', contact: 'Contacto',
    leads: 'Oportunidades', tickets: 'Tickets', activities: 'Actividades', none: 'Ninguno',
    phone: 'Teléfono', city: 'Ciudad', stage: 'Etapa', priority: 'Prioridad', score: 'Puntaje',
    interest: 'Interés', sent: 'Enviado', delivered: 'Entregado', read: 'Leído', failed: 'Falló', queued: 'En cola',
    composerHint: 'Enter envía · Shift+Enter nueva línea · / respuestas rápidas', noteHint: 'Solo visible para el equipo',
    newMessage: 'Nuevo mensaje', unsupported: 'Mensaje no soportado', location: 'Ubicación', attachment: 'Adjunto',
    sound: 'Sonido', language: 'English', waiting: 'esperando', error: 'Algo salió mal',
    windowClosed: 'Pasaron más de 24 h desde el último mensaje del cliente: solo puede enviar una plantilla aprobada.',
  },
  en: {
    signIn: 'Sign in', email: 'Email', password: 'Password', badLogin: 'Wrong email or password',
    mine: 'Mine', unassigned: 'Unassigned', all: 'All', search: 'Search contact or message…',
    anyStatus: 'Any status', open: 'Open', pending: 'Pending', snoozed: 'Snoozed', resolved: 'Resolved',
    anyInbox: 'All inboxes', anyTeam: 'All teams', noConversations: 'No conversations here',
    pick: 'Pick a conversation', reply: 'Reply', note: 'Private note', send: 'Send', resolve: 'Resolve',
    reopen: 'Reopen', snooze: 'Snooze 1 h', assignMe: 'Take', unassign: 'Release', assignTo: 'Assign to…',
    label: 'Label…', online: 'Online', away: 'Away', signOut: 'Sign out', contact: 'Contact',
    leads: 'Leads', tickets: 'Tickets', activities: 'Activities', none: 'None',
    phone: 'Phone', city: 'City', stage: 'Stage', priority: 'Priority', score: 'Score',
    interest: 'Interest', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Failed', queued: 'Queued',
    composerHint: 'Enter sends · Shift+Enter new line · / canned responses', noteHint: 'Only your team sees this',
    newMessage: 'New message', unsupported: 'Unsupported message', location: 'Location', attachment: 'Attachment',
    sound: 'Sound', language: 'Español', waiting: 'waiting', error: 'Something went wrong',
    windowClosed: 'More than 24 h since the customer last wrote: only an approved template can be sent.',
  },
};

let current = localStorage.getItem('conecta.lang') || (navigator.language || 'es').slice(0, 2);
if (!STRINGS[current]) current = 'es';

export const t = (key) => STRINGS[current][key] ?? STRINGS.es[key] ?? key;
export const lang = () => current;
export function setLang(value) {
  current = STRINGS[value] ? value : 'es';
  localStorage.setItem('conecta.lang', current);
  document.documentElement.lang = current;
}
document.documentElement.lang = current;
