// "Mi cuenta": a signed-in person's own password, two-step verification (turn on with a QR code or the key typed by
// hand, new backup codes, turn off) and signing out on every device. Every role has it, marketing included.
import { get, post } from './api.js';
import { h, clear } from './dom.js';
import { lang } from './i18n.js';

const STRINGS = {
  es: {
    title: 'Mi cuenta', passwordTitle: 'Contraseña', current: 'Contraseña actual', next: 'Contraseña nueva',
    repeat: 'Repite la contraseña nueva', savePassword: 'Cambiar contraseña',
    passwordSaved: 'Listo: tu contraseña cambió y se cerraron tus otras sesiones.',
    tooShort: 'La contraseña debe tener entre 10 y 200 caracteres.', mismatch: 'Las dos contraseñas no coinciden.',
    tfaTitle: 'Verificación en dos pasos',
    tfaOff: 'Desactivada. Al ingresar solo se pide la contraseña.',
    tfaOn: (n) => `Activada. Te quedan ${n} ${n === 1 ? 'código' : 'códigos'} de respaldo sin usar.`,
    tfaRequired: 'Tu rol la exige: no se puede desactivar.',
    turnOn: 'Activar', turnOff: 'Desactivar', newCodes: 'Generar códigos de respaldo nuevos',
    scanHelp: 'Escanea este código QR con una aplicación de autenticación (Google Authenticator, Microsoft'
      + ' Authenticator, 1Password…) o escribe la clave a mano. Luego escribe el código de 6 dígitos que muestra.',
    manualKey: 'Clave para escribir a mano', qrAlt: 'Código QR para la aplicación de autenticación',
    firstCode: 'Código que muestra la aplicación', confirm: 'Confirmar', cancel: 'Cancelar',
    codePrompt: 'Escribe un código de tu aplicación (o un código de respaldo) para confirmar.', code: 'Código',
    codesTitle: 'Guarda tus códigos de respaldo',
    codesHelp: 'Cada código sirve una sola vez, si pierdes el teléfono. Guárdalos en un lugar seguro: no se vuelven a mostrar.',
    done: 'Listo', turnedOff: 'La verificación en dos pasos quedó desactivada.',
    sessionsTitle: 'Sesiones', sessionsHelp: 'Cierra la sesión en todos los navegadores y teléfonos donde ingresaste, este incluido.',
    signOutAll: 'Cerrar sesión en todos los dispositivos', error: 'Algo salió mal. Inténtalo de nuevo.',
  },
  en: {
    title: 'My account', passwordTitle: 'Password', current: 'Current password', next: 'New password',
    repeat: 'Repeat the new password', savePassword: 'Change password',
    passwordSaved: 'Done: your password changed and your other sessions ended.',
    tooShort: 'A password has 10 to 200 characters.', mismatch: 'The two passwords differ.',
    tfaTitle: 'Two-step verification',
    tfaOff: 'Off. Signing in asks only for the password.',
    tfaOn: (n) => `On. You have ${n} unused backup ${n === 1 ? 'code' : 'codes'} left.`,
    tfaRequired: 'Your role requires it: it cannot be turned off.',
    turnOn: 'Turn on', turnOff: 'Turn off', newCodes: 'Make new backup codes',
    scanHelp: 'Scan this QR code with an authenticator app (Google Authenticator, Microsoft Authenticator,'
      + ' 1Password…) or type the key by hand. Then type the 6-digit code it shows.',
    manualKey: 'Key to type by hand', qrAlt: 'QR code for the authenticator app',
    firstCode: 'Code the app shows', confirm: 'Confirm', cancel: 'Cancel',
    codePrompt: 'Type a code from your app (or a backup code) to confirm.', code: 'Code',
    codesTitle: 'Keep your backup codes',
    codesHelp: 'Each code works once, if you lose your phone. Keep them somewhere safe: they are not shown again.',
    done: 'Done', turnedOff: 'Two-step verification is off.',
    sessionsTitle: 'Sessions', sessionsHelp: 'Signs you out of every browser and phone you signed in on, this one included.',
    signOutAll: 'Sign out on every device', error: 'Something went wrong. Try again.',
  },
};
const t = (key, ...args) => {
  const v = (STRINGS[lang()] || STRINGS.es)[key] ?? STRINGS.es[key];
  return typeof v === 'function' ? v(...args) : v;
};

/** The hub answers errors in the page's language; these are shown next to the form that caused them. */
const message = (id) => h('div', { className: 'form-error', role: 'alert', id });

export async function renderMyAccount(main) {
  clear(main).append(h('div', { className: 'page-head' }, h('h1', {}, t('title'))),
    h('div', { className: 'account-page' }, passwordCard(), await twoFactorCard(), sessionsCard()));
}

function passwordCard() {
  const current = h('input', { type: 'password', id: 'account-current', autocomplete: 'current-password', required: true });
  const next = h('input', { type: 'password', id: 'account-new', autocomplete: 'new-password', required: true });
  const repeat = h('input', { type: 'password', id: 'account-repeat', autocomplete: 'new-password', required: true });
  const out = message('account-password-message');
  const form = h('form', { className: 'card account-card', id: 'account-password', onsubmit: async (e) => {
    e.preventDefault();
    out.className = 'form-error';
    if (next.value.length < 10 || next.value.length > 200) { out.textContent = t('tooShort'); return; }
    if (next.value !== repeat.value) { out.textContent = t('mismatch'); return; }
    try {
      await post('/api/v1/auth/password', { currentPassword: current.value, newPassword: next.value });
      form.reset();
      out.className = 'notice';
      out.textContent = t('passwordSaved');
    } catch (err) { out.textContent = err.message || t('error'); }
  } },
    h('h2', {}, t('passwordTitle')),
    h('label', { for: 'account-current' }, t('current')), current,
    h('label', { for: 'account-new' }, t('next')), next,
    h('label', { for: 'account-repeat' }, t('repeat')), repeat,
    out, h('div', { className: 'row end' }, h('button', { className: 'primary', type: 'submit' }, t('savePassword'))));
  return form;
}

async function twoFactorCard() {
  const card = h('section', { className: 'card account-card', id: 'account-two-factor' });
  const draw = async () => {
    const status = await get('/api/v1/auth/two-factor');
    // Element.append would write a null as the text "null": build the children with h(), which skips them.
    clear(card).append(...h('div', {}, h('h2', {}, t('tfaTitle')),
      h('p', { id: 'two-factor-status' }, status.enabled ? t('tfaOn', status.backupCodesLeft) : t('tfaOff')),
      status.required && status.enabled ? h('p', { className: 'muted' }, t('tfaRequired')) : null,
      status.enabled
        ? h('div', { className: 'row' },
          h('button', { type: 'button', id: 'two-factor-new-codes', onclick: () => askCode(card, 'codes', draw) }, t('newCodes')),
          status.required ? null
            : h('button', { type: 'button', id: 'two-factor-off', onclick: () => askCode(card, 'off', draw) }, t('turnOff')))
        : h('div', { className: 'row' }, h('button', { type: 'button', className: 'primary', id: 'two-factor-on',
          onclick: () => enrol(card, draw) }, t('turnOn')))).childNodes);
  };
  await draw();
  return card;
}

async function enrol(card, done) {
  const out = message('two-factor-message');
  let setup;
  try { setup = await post('/api/v1/auth/two-factor/enrolment', {}); } catch (err) { card.append(out); out.textContent = err.message; return; }
  // The SVG is the hub's own drawing; as an <img> source it cannot run anything.
  const qr = h('img', { id: 'two-factor-qr', className: 'qr', alt: t('qrAlt'), width: 200, height: 200,
    src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(setup.qrSvg) });
  const code = h('input', { id: 'two-factor-code', inputmode: 'numeric', autocomplete: 'one-time-code', required: true, maxlength: 6 });
  const form = h('form', { className: 'account-step', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const res = await post('/api/v1/auth/two-factor/enrolment/confirm', { code: code.value.trim() });
      showCodes(card, res.backupCodes, done);
    } catch (err) { out.textContent = err.message || t('error'); code.select(); }
  } },
    h('p', {}, t('scanHelp')), qr,
    h('label', {}, t('manualKey')), h('code', { id: 'two-factor-key', className: 'secret-key' }, setup.secret),
    h('label', { for: 'two-factor-code' }, t('firstCode')), code, out,
    h('div', { className: 'row end' }, h('button', { type: 'button', onclick: done }, t('cancel')),
      h('button', { className: 'primary', type: 'submit', id: 'two-factor-confirm' }, t('confirm'))));
  clear(card).append(h('h2', {}, t('tfaTitle')), form);
  code.focus();
}

/** New backup codes or turning it off both ask for a current code first. */
function askCode(card, what, done) {
  const code = h('input', { id: 'two-factor-code', autocomplete: 'one-time-code', required: true, maxlength: 20 });
  const out = message('two-factor-message');
  const form = h('form', { className: 'account-step', onsubmit: async (e) => {
    e.preventDefault();
    try {
      if (what === 'codes') {
        const res = await post('/api/v1/auth/two-factor/backup-codes', { code: code.value.trim() });
        showCodes(card, res.backupCodes, done);
      } else {
        await post('/api/v1/auth/two-factor/disable', { code: code.value.trim() });
        await done();
        card.append(h('p', { className: 'notice', id: 'two-factor-off-done' }, t('turnedOff')));
      }
    } catch (err) { out.textContent = err.message || t('error'); code.select(); }
  } },
    h('p', {}, t('codePrompt')), h('label', { for: 'two-factor-code' }, t('code')), code, out,
    h('div', { className: 'row end' }, h('button', { type: 'button', onclick: done }, t('cancel')),
      h('button', { className: 'primary', type: 'submit', id: 'two-factor-submit' }, what === 'codes' ? t('newCodes') : t('turnOff'))));
  clear(card).append(h('h2', {}, t('tfaTitle')), form);
  code.focus();
}

function showCodes(card, codes, done) {
  clear(card).append(h('h2', {}, t('codesTitle')), h('p', {}, t('codesHelp')),
    h('ul', { className: 'backup-codes', id: 'backup-codes' }, codes.map((c) => h('li', {}, c))),
    h('div', { className: 'row end' }, h('button', { className: 'primary', type: 'button', id: 'backup-codes-done', onclick: done }, t('done'))));
}

function sessionsCard() {
  return h('section', { className: 'card account-card' }, h('h2', {}, t('sessionsTitle')), h('p', { className: 'muted' }, t('sessionsHelp')),
    h('div', { className: 'row' }, h('button', { type: 'button', id: 'sign-out-everywhere', onclick: async () => {
      await post('/api/v1/auth/logout-everywhere', {}).catch(() => {});
      location.reload();
    } }, t('signOutAll'))));
}
