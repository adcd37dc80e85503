// The second step of sign-in: a code from the authenticator app (or a backup code), or, when the user's role requires
// two-factor sign-in and it is not set up yet, the setup itself: QR code, the key to type by hand, the first code,
// then the backup codes shown once.
import { h, clear } from './dom.js';
import { lang } from './i18n.js';

const STRINGS = {
  es: {
    title: 'Verificación en dos pasos', codeHelp: 'Escribe el código de 6 dígitos de tu aplicación de autenticación.'
      + ' Si no tienes el teléfono, escribe uno de tus códigos de respaldo.',
    code: 'Código', verify: 'Verificar', back: 'Volver a ingresar', wrongCode: 'El código no es correcto o ya se usó.',
    expired: 'Pasó demasiado tiempo o hubo demasiados intentos. Ingresa de nuevo.', error: 'Algo salió mal. Inténtalo de nuevo.',
    enrolTitle: 'Activa la verificación en dos pasos',
    enrolHelp: 'Tu rol exige un segundo paso al ingresar. Escanea este código QR con una aplicación de autenticación'
      + ' (Google Authenticator, Microsoft Authenticator, 1Password…) o escribe la clave a mano.',
    manualKey: 'Clave para escribir a mano', qrAlt: 'Código QR para la aplicación de autenticación',
    firstCode: 'Código que muestra la aplicación', activate: 'Activar',
    codesTitle: 'Guarda tus códigos de respaldo',
    codesHelp: 'Cada código sirve una sola vez, si pierdes el teléfono. Guárdalos en un lugar seguro: no se vuelven a mostrar.',
    continue: 'Continuar',
  },
  en: {
    title: 'Two-step verification', codeHelp: 'Type the 6-digit code from your authenticator app.'
      + ' Without your phone, type one of your backup codes.',
    code: 'Code', verify: 'Verify', back: 'Back to sign-in', wrongCode: 'The code is not right or was already used.',
    expired: 'Too much time passed or there were too many tries. Sign in again.', error: 'Something went wrong. Try again.',
    enrolTitle: 'Turn on two-step verification',
    enrolHelp: 'Your role requires a second step to sign in. Scan this QR code with an authenticator app'
      + ' (Google Authenticator, Microsoft Authenticator, 1Password…) or type the key by hand.',
    manualKey: 'Key to type by hand', qrAlt: 'QR code for the authenticator app',
    firstCode: 'Code the app shows', activate: 'Turn on',
    codesTitle: 'Keep your backup codes',
    codesHelp: 'Each code works once, if you lose your phone. Keep them somewhere safe: they are not shown again.',
    continue: 'Continue',
  },
};
const t = (key) => (STRINGS[lang()] || STRINGS.es)[key] ?? STRINGS.es[key];

/** Posts the challenge without the session cookie: the person is not signed in yet. */
async function postChallenge(path, body) {
  const res = await fetch(path, { method: 'POST', credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json().catch(() => null);
  if (res.ok) return json;
  const err = new Error(json?.error?.message || res.statusText);
  err.status = res.status; err.code = json?.error?.code;
  throw err;
}

function failureText(err) {
  return err.code === 'invalid_code' ? t('wrongCode') : err.code === 'second_step_expired' ? t('expired') : t('error');
}

/** Shows the step the password led to; {@code onSignedIn(user)} enters the app, {@code backToLogin()} starts over. */
export function renderSecondStep(root, step, onSignedIn, backToLogin) {
  if (step.kind === 'enrol') return renderEnrolment(root, step.challenge, onSignedIn, backToLogin);
  const code = h('input', { id: 'second-step-code', name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code',
    required: true, maxlength: 20 });
  const message = h('div', { className: 'error', role: 'alert', id: 'second-step-message' });
  const form = h('form', { className: 'login', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const res = await postChallenge('/api/v1/auth/second-step', { challenge: step.challenge, code: code.value.trim() });
      await onSignedIn(res.user);
    } catch (err) {
      message.textContent = failureText(err);
      code.select();
    }
  } },
    h('h1', {}, 'Conecta'), h('h2', {}, t('title')), h('p', {}, t('codeHelp')),
    h('label', { for: 'second-step-code' }, t('code')), code,
    h('div', { className: 'row' }, h('button', { className: 'primary', type: 'submit', id: 'second-step-submit' }, t('verify'))),
    message, h('div', { className: 'row' }, h('button', { type: 'button', className: 'link', onclick: backToLogin }, t('back'))));
  clear(root).append(form);
  code.focus();
}

async function renderEnrolment(root, challenge, onSignedIn, backToLogin) {
  const message = h('div', { className: 'error', role: 'alert', id: 'enrol-message' });
  let setup;
  try {
    setup = await postChallenge('/api/v1/auth/second-step/enrolment', { challenge });
  } catch (err) {
    clear(root).append(h('div', { className: 'login' }, h('h1', {}, 'Conecta'), h('p', { className: 'error' }, failureText(err)),
      h('button', { type: 'button', className: 'link', onclick: backToLogin }, t('back'))));
    return;
  }
  // The SVG is the hub's own drawing; as an <img> source it cannot run anything.
  const qr = h('img', { id: 'enrol-qr', className: 'qr', alt: t('qrAlt'), width: 200, height: 200,
    src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(setup.qrSvg) });
  const code = h('input', { id: 'enrol-code', inputmode: 'numeric', autocomplete: 'one-time-code', required: true, maxlength: 6 });
  const form = h('form', { className: 'login', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const res = await postChallenge('/api/v1/auth/second-step/enrolment/confirm', { challenge, code: code.value.trim() });
      showBackupCodes(root, res.backupCodes, () => onSignedIn(res.user));
    } catch (err) {
      message.textContent = failureText(err);
    }
  } },
    h('h1', {}, 'Conecta'), h('h2', {}, t('enrolTitle')), h('p', {}, t('enrolHelp')), qr,
    h('label', {}, t('manualKey')), h('code', { id: 'enrol-key', className: 'secret-key' }, setup.secret),
    h('label', { for: 'enrol-code' }, t('firstCode')), code,
    h('div', { className: 'row' }, h('button', { className: 'primary', type: 'submit', id: 'enrol-submit' }, t('activate'))),
    message, h('div', { className: 'row' }, h('button', { type: 'button', className: 'link', onclick: backToLogin }, t('back'))));
  clear(root).append(form);
  code.focus();
}

function showBackupCodes(root, codes, next) {
  clear(root).append(h('div', { className: 'login' }, h('h1', {}, 'Conecta'), h('h2', {}, t('codesTitle')),
    h('p', {}, t('codesHelp')), h('ul', { className: 'backup-codes', id: 'backup-codes' }, codes.map((c) => h('li', {}, c))),
    h('div', { className: 'row' }, h('button', { className: 'primary', type: 'button', id: 'backup-continue', onclick: next },
      t('continue')))));
}
