// Settings › Seguridad (admins): which roles must sign in with two-step verification, who has it on, and a reset for
// someone who lost their phone and their backup codes (their sessions end; they set it up again at the next sign-in).
import { get, api, del } from './api.js';
import { h } from './dom.js';
import { lang } from './i18n.js';
import { toast } from './forms.js';

const STRINGS = {
  es: {
    requiredTitle: 'Verificación en dos pasos obligatoria',
    requiredHelp: 'Las personas de estos roles deben activarla: si no la tienen, se les pide configurarla al ingresar.',
    role_admin: 'Administradores', role_agent: 'Agentes', role_marketing: 'Marketing', save: 'Guardar',
    saved: 'Guardado', peopleTitle: 'Personas', name: 'Nombre', email: 'Correo', role: 'Rol', status: 'Dos pasos',
    on: 'Activada', off: 'Desactivada', pending: 'Pendiente (su rol la exige)', reset: 'Restablecer',
    confirmReset: (name) => `¿Restablecer la verificación en dos pasos de ${name}? Se cerrarán sus sesiones y, si su rol`
      + ' la exige, deberá configurarla de nuevo al ingresar.',
    resetDone: (name) => `Se restableció la verificación en dos pasos de ${name}.`,
    roleName: { admin: 'Administrador', agent: 'Agente', marketing: 'Marketing' },
  },
  en: {
    requiredTitle: 'Required two-step verification',
    requiredHelp: 'People in these roles must turn it on: without it, they are asked to set it up when they sign in.',
    role_admin: 'Admins', role_agent: 'Agents', role_marketing: 'Marketing', save: 'Save',
    saved: 'Saved', peopleTitle: 'People', name: 'Name', email: 'Email', role: 'Role', status: 'Two-step',
    on: 'On', off: 'Off', pending: 'Pending (their role requires it)', reset: 'Reset',
    confirmReset: (name) => `Reset ${name}'s two-step verification? Their sessions end and, if their role requires it,`
      + ' they set it up again at the next sign-in.',
    resetDone: (name) => `${name}'s two-step verification was reset.`,
    roleName: { admin: 'Admin', agent: 'Agent', marketing: 'Marketing' },
  },
};
const t = (key, ...args) => {
  const v = (STRINGS[lang()] || STRINGS.es)[key] ?? STRINGS.es[key];
  return typeof v === 'function' ? v(...args) : v;
};
const ROLES = ['admin', 'agent', 'marketing'];

export async function securityTab(body, ctx, again) {
  const [required, people] = await Promise.all([get('/api/v1/two-factor/required-roles'), get('/api/v1/two-factor/users')]);
  const boxes = ROLES.map((role) => h('input', { type: 'checkbox', 'data-required-role': role, checked: required.roles.includes(role) }));
  const out = h('div', { className: 'form-error', role: 'alert', id: 'required-roles-message' });
  body.append(h('section', { className: 'card', id: 'required-roles' }, h('h2', {}, t('requiredTitle')),
    h('p', { className: 'muted' }, t('requiredHelp')),
    ...ROLES.map((role, i) => h('label', { className: 'check' }, boxes[i], ' ', t(`role_${role}`))), out,
    h('div', { className: 'row end' }, h('button', { className: 'primary', id: 'required-roles-save', onclick: async () => {
      try {
        await api('PUT', '/api/v1/two-factor/required-roles', { roles: ROLES.filter((r, i) => boxes[i].checked) });
        toast(t('saved'));
        again();
      } catch (err) { out.textContent = err.message; }
    } }, t('save')))),
  h('h2', {}, t('peopleTitle')),
  h('table', { className: 'grid', id: 'two-factor-people' },
    h('thead', {}, h('tr', {}, ...[t('name'), t('email'), t('role'), t('status'), ''].map((x) => h('th', {}, x)))),
    h('tbody', {}, ...people.items.map((u) => h('tr', { 'data-user': u.id },
      h('td', {}, u.name), h('td', {}, u.email), h('td', {}, t('roleName')[u.role] || u.role),
      h('td', {}, h('span', { className: `chip ${u.enabled ? 'ok' : u.required ? 'warn' : ''}` },
        u.enabled ? t('on') : u.required ? t('pending') : t('off'))),
      h('td', {}, u.enabled ? h('button', { className: 'small', 'data-reset-two-factor': u.id, onclick: async () => {
        if (!confirm(t('confirmReset', u.name))) return;
        try { await del(`/api/v1/users/${u.id}/two-factor`); toast(t('resetDone', u.name)); again(); }
        catch (err) { toast(err.message); }
      } }, t('reset')) : null))))));
}
