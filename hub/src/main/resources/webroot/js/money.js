// Amounts as people in Chile, Bolivia and Colombia write them: CLP without decimals and with dots ($2.000.000).
const PESO_LOCALE = { CLP: 'es-CL', COP: 'es-CO', BOB: 'es-BO' };

export function money(amount, currency = 'CLP', lang = 'es') {
  if (amount === null || amount === undefined || amount === '') return '';
  const n = Number(amount);
  if (!Number.isFinite(n)) return String(amount);
  const locale = PESO_LOCALE[currency] || (lang === 'en' ? 'en-US' : 'es-CL');
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency,
      maximumFractionDigits: currency === 'CLP' ? 0 : 2, minimumFractionDigits: currency === 'CLP' ? 0 : undefined }).format(n);
  } catch (e) {
    // A code Intl does not know (UF): the number in the local grouping, then the code.
    return `${new Intl.NumberFormat('es-CL', { maximumFractionDigits: 2 }).format(n)} ${currency}`;
  }
}
