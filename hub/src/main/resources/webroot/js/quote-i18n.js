// The quote editor's strings, in Spanish (default) and English; the language is the inbox's own switch.
import { lang, translator } from './i18n.js';

const STRINGS = {
  es: {
    title: 'Cotizaciones de {name}', newQuote: 'Nueva cotización', product: 'Producto', pickProduct: 'Elija un producto…',
    add: 'Agregar', quantity: 'Cantidad', discount: 'Desc. %', unitPrice: 'Precio unitario', lineTotal: 'Neto línea',
    remove: 'Quitar', net: 'Neto', tax: 'IVA', total: 'Total', validUntil: 'Válida hasta', language: 'Idioma del documento',
    notes: 'Notas para el cliente', create: 'Crear cotización', close: 'Cerrar', noLines: 'Agregue al menos un producto',
    noQuotes: 'Aún no hay cotizaciones', pdf: 'Ver PDF', sendWhatsApp: 'Enviar por WhatsApp', sendEmail: 'Enviar por correo',
    accept: 'Aceptada', reject: 'Rechazada', created: 'Cotización {number} creada', sent: 'Cotización {number} enviada',
    status_draft: 'Borrador', status_sent: 'Enviada', status_accepted: 'Aceptada', status_rejected: 'Rechazada',
    status_expired: 'Vencida', es: 'Español', en: 'Inglés', quote: 'Cotizar', validity: 'vence {date}',
    err_invalid_field: 'Revise este dato', err_missing_field: 'Este dato es obligatorio', err_quote_closed: 'La cotización ya está cerrada',
    err_quote_not_sent: 'Solo una cotización enviada puede aceptarse', err_forbidden: 'No tiene permiso para esto',
    err_not_found: 'Ya no existe', err_generic: 'No se pudo guardar: revise los datos', err_channel: 'El cliente no tiene ese canal',
  },
  en: {
    title: 'Quotes for {name}', newQuote: 'New quote', product: 'Product', pickProduct: 'Choose a product…',
    add: 'Add', quantity: 'Quantity', discount: 'Disc. %', unitPrice: 'Unit price', lineTotal: 'Line net',
    remove: 'Remove', net: 'Net', tax: 'VAT', total: 'Total', validUntil: 'Valid until', language: 'Document language',
    notes: 'Notes for the customer', create: 'Create quote', close: 'Close', noLines: 'Add at least one product',
    noQuotes: 'No quotes yet', pdf: 'View PDF', sendWhatsApp: 'Send by WhatsApp', sendEmail: 'Send by email',
    accept: 'Accepted', reject: 'Rejected', created: 'Quote {number} created', sent: 'Quote {number} sent',
    status_draft: 'Draft', status_sent: 'Sent', status_accepted: 'Accepted', status_rejected: 'Rejected',
    status_expired: 'Expired', es: 'Spanish', en: 'English', quote: 'Quote', validity: 'valid until {date}',
    err_invalid_field: 'Check this value', err_missing_field: 'This is required', err_quote_closed: 'The quote is already closed',
    err_quote_not_sent: 'Only a sent quote can be accepted', err_forbidden: 'You may not do this',
    err_not_found: 'It no longer exists', err_generic: 'It could not be saved: check the values', err_channel: 'The customer has no such channel',
  },
};

export const tq = translator(STRINGS);

/** The API's error in the reader's words (its messages are English), keeping the field it names. */
export function localisedQuoteError(err) {
  const byField = err?.field === 'channel' ? 'err_channel' : null;
  const key = byField || `err_${err?.code}`;
  const out = new Error(tq(key) === key ? tq('err_generic') : tq(key));
  out.code = err?.code; out.field = err?.field; out.status = err?.status;
  return out;
}

/** A date as people in Chile write it: 31-12-2026 (day first). */
export function day(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return lang() === 'en' ? `${y}-${m}-${d}` : `${d}-${m}-${y}`;
}
