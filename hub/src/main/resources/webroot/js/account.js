// Forgotten password: the "¿Olvidaste tu contraseña?" link under the sign-in form, the form that asks for a link by
// email, and the page the emailed link opens (#restablecer=<token>) to choose a new password.
import { h, clear } from './dom.js';
import { lang } from './i18n.js';

const STRINGS = {
  es: {
    forgot: '¿Olvidaste tu contraseña?', forgotTitle: 'Restablecer la contraseña',
    forgotHelp: 'Escribe el correo de tu cuenta y te enviaremos un enlace para elegir una contraseña nueva.',
    email: 'Correo', sendLink: 'Enviar enlace', back: 'Volver a ingresar',
    sent: 'Si el correo tiene una cuenta en Conecta, te enviamos un enlace. Sirve una sola vez y vence en 30 minutos.',
    badEmail: 'Escribe un correo válido.', tooMany: 'Pediste demasiados enlaces. Espera unos minutos e inténtalo de nuevo.',
    newTitle: 'Elige una contraseña nueva', newPassword: 'Contraseña nueva', repeat: 'Repite la contraseña nueva',
    save: 'Guardar contraseña', tooShort: 'La contraseña debe tener entre 10 y 200 caracteres.',
    mismatch: 'Las dos contraseñas no coinciden.',
    invalidLink: 'Este enlace ya no sirve: se usó, venció o pediste otro después. Pide un enlace nuevo.',
    askAgain: 'Pedir un enlace nuevo', done: 'Listo: tu contraseña cambió y se cerraron todas tus sesiones. Ingresa con la nueva.',
    signIn: 'Ingresar', error: 'Algo salió mal. Inténtalo de nuevo.',
  },
  en: {
    forgot: 'Forgot your password?', forgotTitle: 'Reset your password',
    forgotHelp: 'Type your account\'s email and we will send you a link to choose a new password.',
    email: 'Email', sendLink: 'Send link', back: 'Back to sign-in',
    sent: 'If the address has a Conecta account, we sent it a link. It works once and expires in 30 minutes.',
    badEmail: 'Type a valid email address.', tooMany: 'You asked for too many links. Wait a few minutes and try again.',
    newTitle: 'Choose a new password', newPassword: 'New password', repeat: 'Repeat the new password',
    save: 'Save password', tooShort: 'A password has 10 to 200 characters.', mismatch: 'The two passwords differ.',
    invalidLink: 'This link no longer works: it was used, it expired or you asked for another since. Ask for a new one.',
    askAgain: 'Ask for a new link', done: 'Done: your password changed and all your sessions ended. Sign in with the new one.',
    signIn: 'Sign in', error: 'Something went wrong. Try again.',
  },
};
/**
 * Posts without the session cookie: these two calls are for people who are not signed in, and a cookie left over from
 * another session would make the hub ask for that session's CSRF token.
 */
async function postAnonymous(path, body) {
  const res = await fetch(path, { method: 'POST', credentials: 'omit',
    headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  if (res.ok) return;
  const json = await res.json().catch(() => null);
  const err = new Error(json?.error?.message || res.statusText);
  err.status = res.status; err.code = json?.error?.code; err.field = json?.error?.field;
  throw err;
}

const t = (key) => (STRINGS[lang()] || STRINGS.es)[key] ?? STRINGS.es[key];

/** The token of an emailed reset link (#restablecer=...), or null. */
export function resetTokenFromHash() {
  const m = /^#restablecer=([A-Za-z0-9_-]+)$/.exec(location.hash);
  return m ? m[1] : null;
}

/** The link under the sign-in form. */
export function forgotLink(root, backToLogin) {
  return h('div', { className: 'row' }, h('button', { type: 'button', className: 'link', id: 'forgot-password',
    onclick: () => renderForgot(root, backToLogin) }, t('forgot')));
}

function backButton(backToLogin) {
  return h('button', { type: 'button', className: 'link', id: 'reset-back', onclick: () => {
    history.replaceState(null, '', location.pathname);
    backToLogin();
  } }, t('back'));
}

export function renderForgot(root, backToLogin) {
  const email = h('input', { type: 'email', id: 'forgot-email', name: 'email', autocomplete: 'username', required: true });
  const message = h('div', { className: 'error', role: 'alert', id: 'forgot-message' });
  const form = h('form', { className: 'login', onsubmit: async (e) => {
    e.preventDefault();
    message.className = 'error';
    try {
      await postAnonymous('/api/v1/auth/password-reset', { email: email.value.trim() });
      message.className = 'notice';
      message.textContent = t('sent');
    } catch (err) {
      message.textContent = err.status === 429 ? t('tooMany') : err.status === 422 ? t('badEmail') : t('error');
    }
  } },
    h('h1', {}, 'Conecta'), h('h2', {}, t('forgotTitle')), h('p', {}, t('forgotHelp')),
    h('label', { for: 'forgot-email' }, t('email')), email,
    h('div', { className: 'row' }, h('button', { className: 'primary', type: 'submit', id: 'forgot-submit' }, t('sendLink'))),
    message, h('div', { className: 'row' }, backButton(backToLogin)));
  clear(root).append(form);
  email.focus();
}

export function renderReset(root, token, backToLogin) {
  const first = h('input', { type: 'password', id: 'reset-password', autocomplete: 'new-password', required: true,
    minlength: 10, maxlength: 200 });
  const second = h('input', { type: 'password', id: 'reset-repeat', autocomplete: 'new-password', required: true });
  const message = h('div', { className: 'error', role: 'alert', id: 'reset-message' });
  const save = h('button', { className: 'primary', type: 'submit', id: 'reset-submit' }, t('save'));
  const form = h('form', { className: 'login', onsubmit: async (e) => {
    e.preventDefault();
    message.className = 'error';
    if (first.value.length < 10 || first.value.length > 200) { message.textContent = t('tooShort'); return; }
    if (first.value !== second.value) { message.textContent = t('mismatch'); return; }
    try {
      await postAnonymous('/api/v1/auth/password-reset/confirm', { token, newPassword: first.value });
      history.replaceState(null, '', location.pathname);
      clear(form).append(h('h1', {}, 'Conecta'), h('p', { className: 'notice', id: 'reset-done' }, t('done')),
        h('div', { className: 'row' }, h('button', { className: 'primary', type: 'button', onclick: backToLogin }, t('signIn'))));
    } catch (err) {
      if (err.code === 'reset_link_invalid') {
        message.textContent = t('invalidLink');
        save.disabled = true;
        message.after(h('div', { className: 'row' }, h('button', { type: 'button', className: 'link',
          onclick: () => { history.replaceState(null, '', location.pathname); renderForgot(root, backToLogin); } }, t('askAgain'))));
      } else {
        message.textContent = err.status === 422 ? t('tooShort') : t('error');
      }
    }
  } },
    h('h1', {}, 'Conecta'), h('h2', {}, t('newTitle')),
    h('label', { for: 'reset-password' }, t('newPassword')), first,
    h('label', { for: 'reset-repeat' }, t('repeat')), second,
    h('div', { className: 'row' }, save), message, h('div', { className: 'row' }, backButton(backToLogin)));
  clear(root).append(form);
  first.focus();
}
