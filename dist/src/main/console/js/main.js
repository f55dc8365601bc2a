// The console's shell: settings, sign-in, panels, live refresh (polling every 5 s, paused while the tab is hidden).
import { h } from './dom.js';
import { ApiError, createApi } from './api.js';
import * as auth from './auth.js';
import overview from './panels/overview.js';
import plugins from './panels/plugins.js';
import routes from './panels/routes.js';
import jobs from './panels/jobs.js';
import cache from './panels/cache.js';
import webhooks from './panels/webhooks.js';
import audit from './panels/audit.js';
import cluster from './panels/cluster.js';

const POLL_MS = 5000;
// A panel appears while its endpoint answers (a 404 hides it), so a panel whose feature a gateway lacks stays hidden.
const PANELS = [overview, plugins, routes, jobs, cache, webhooks, audit, cluster];

const $ = (id) => document.getElementById(id);
let settings;
let api;
let readOnly = false;
let busy = 0;
let refreshing = null;
let sections = [];

function showProblem(error) {
  const box = $('problem');
  const title = error instanceof ApiError ? error.title : 'Something went wrong';
  const detail = error instanceof ApiError ? error.detail : error.message;
  box.replaceChildren(
    h('strong', { className: 'problem-title' }, title),
    h('span', { className: 'problem-detail' }, detail),
    h('button', { type: 'button', className: 'link', onclick: clearProblem }, 'Dismiss'));
  box.hidden = false;
}

function clearProblem() {
  $('problem').hidden = true;
  $('problem').replaceChildren();
}

function status(text) {
  $('status').textContent = text;
}

/** Asks for confirmation in a modal dialog; resolves true if confirmed. Refreshes wait while it is open. */
function confirm({ title, body, ok }) {
  const dialog = $('confirm');
  $('confirm-title').textContent = title;
  $('confirm-body').replaceChildren(...[body].flat());
  $('confirm-ok').textContent = ok;
  busy++;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      busy--;
      resolve(dialog.returnValue === 'ok');
    }, { once: true });
    dialog.returnValue = '';
    dialog.showModal();
  });
}

/** Runs a change through the ops API: a failure shows the problem's title and detail; then everything refreshes. */
async function change(action, done) {
  clearProblem();
  try {
    const result = await action();
    if (done) status(done(result));
  } catch (error) {
    status('');
    if (error instanceof ApiError && error.status === 403) setReadOnly();
    showProblem(error);
  }
  await refresh(true);
}

/** Read-only (a viewer): every change control (`data-change`) is disabled, now and after each refresh. */
function setReadOnly() {
  if (readOnly) return;
  readOnly = true;
  document.body.classList.add('read-only');
  $('session').append(h('span', { className: 'badge badge-readonly' }, 'read-only'));
  disableChanges(document);
}

function disableChanges(root) {
  for (const control of root.querySelectorAll('[data-change]')) {
    control.disabled = true;
    control.title = 'Read-only: changes need the ops role';
  }
}

function createSections(ctx) {
  const main = $('panels');
  const nav = $('nav');
  sections = PANELS.map((panel) => {
    const heading = `panel-${panel.id}-title`;
    const body = h('div', { className: 'panel-body' }, h('p', { className: 'empty' }, 'Loading…'));
    const section = h('section', { id: panel.id, className: 'panel', role: 'region', 'aria-labelledby': heading, hidden: true },
      h('h2', { id: heading }, panel.title), body);
    const link = h('a', { href: `#${panel.id}`, hidden: true }, panel.title);
    main.append(section);
    nav.append(link);
    return { panel: panel.create(ctx), section, body, link };
  });
}

/** Refreshes every panel; `force` also when a control inside a panel has focus (after a change). */
async function refresh(force = false) {
  if (refreshing) return refreshing;
  if (busy > 0) return null;
  refreshing = (async () => {
    const memo = new Map();
    const get = (path) => {
      if (!memo.has(path)) memo.set(path, api.get(path));
      return memo.get(path);
    };
    await Promise.all(sections.map((entry) => refreshSection(entry, get, force)));
    document.body.dataset.refreshed = String(Date.now());
  })();
  try {
    await refreshing;
  } finally {
    refreshing = null;
  }
  return null;
}

async function refreshSection({ panel, section, body, link }, get, force) {
  const active = document.activeElement;
  const editing = active && section.contains(active) && (active.tagName === 'SELECT' || active.tagName === 'INPUT');
  if (editing && !force) return;
  const key = active && section.contains(active) ? active.dataset.key : undefined;
  let content;
  try {
    content = await panel.render(get);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      section.hidden = true;
      link.hidden = true;
      return;
    }
    content = h('p', { className: 'panel-error' }, h('strong', {}, error.title || 'Not loaded'), ' ',
      error.detail || error.message);
  }
  body.replaceChildren(...[content].flat().filter((node) => node !== null && node !== undefined));
  if (readOnly) disableChanges(body);
  section.hidden = false;
  link.hidden = false;
  if (key) body.querySelector(`[data-key="${CSS.escape(key)}"]`)?.focus();
}

function startPolling() {
  let timer = null;
  const schedule = () => {
    clearInterval(timer);
    timer = document.hidden ? null : setInterval(() => refresh(), POLL_MS);
  };
  document.addEventListener('visibilitychange', () => {
    schedule();
    if (!document.hidden) refresh();
  });
  schedule();
}

function signedInAs() {
  const claims = auth.claims();
  const who = claims.preferred_username || claims.name || claims.sub || 'signed in';
  $('session').replaceChildren(h('span', {}, who),
    h('button', { type: 'button', onclick: () => { auth.forget(); window.location.reload(); } }, 'Sign out'));
}

function signInPrompt(reason) {
  $('panels').hidden = true;
  const button = h('button', { type: 'button', className: 'primary', onclick: () => auth.signIn(settings).catch(showProblem) },
    'Sign in');
  $('session').replaceChildren(button);
  status(reason);
}

async function start() {
  try {
    settings = await (await fetch('config.json', { credentials: 'omit' })).json();
  } catch (error) {
    showProblem(new ApiError(0, 'Console settings not loaded', error.message));
    return;
  }
  document.body.dataset.version = settings.version;
  api = createApi(auth.token, () => {
    if (settings.signIn) {
      auth.forget();
      signInPrompt('Your session ended: sign in again.');
    }
  });
  const ctx = { api, confirm, change, status, settings, isReadOnly: () => readOnly };
  if (settings.signIn) {
    if (!settings.clientId) {
      showProblem(new ApiError(0, 'Sign-in not configured',
        'Set security.console.client-id (GATEWAY_SECURITY_CONSOLE_CLIENT_ID) to a public client at the issuer'));
      return;
    }
    try {
      if (!await auth.completeSignIn(settings)) {
        signInPrompt('Sign in to see the gateway.');
        return;
      }
    } catch (error) {
      showProblem(new ApiError(0, 'Sign-in failed', error.message));
      signInPrompt('Sign in to see the gateway.');
      return;
    }
    signedInAs();
    // A JWT without the ops role is a viewer's: changes are greyed out from the start (an opaque token finds out at the
    // first 403). The API refuses them either way.
    const roles = auth.roles(settings.rolesClaim);
    if (roles !== null && !roles.includes(settings.opsRole)) setReadOnly();
  } else {
    $('session').replaceChildren(h('span', { className: 'badge' }, 'security off: loopback only'));
  }
  createSections(ctx);
  await refresh(true);
  document.body.dataset.ready = 'true';
  startPolling();
}

start();
