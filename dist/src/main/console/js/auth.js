// OIDC sign-in: authorization code with PKCE as a public client. The access token lives in this module only (memory):
// a reload signs in again (the identity provider's own session usually makes that a redirect without a prompt).
// Only the PKCE verifier and state cross the redirect, in sessionStorage; they are removed on return.

import { sha256 } from './sha256.js';

const PENDING = 'miro-gateway-console-pkce';
let accessToken = null;
let expiresAt = 0;

/** The access token, or null when signed out or expired. */
export function token() {
  return accessToken && Date.now() < expiresAt ? accessToken : null;
}

/** Forgets the token (sign out, or the gateway answered 401). */
export function forget() {
  accessToken = null;
  expiresAt = 0;
}

/**
 * The claims of a JWT access token, or {} for an opaque one: for showing who is signed in and greying out what a viewer
 * may not change, never for access decisions (the gateway makes those).
 */
export function claims() {
  try {
    const payload = accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload));
  } catch {
    return {};
  }
}

/**
 * The roles in the access token's claim `path` (a name, or a dotted path such as realm_access.roles; an array of strings
 * or one string of space- or comma-separated names), as the gateway reads them; null for an opaque token.
 */
export function roles(path) {
  const all = claims();
  if (Object.keys(all).length === 0) return null;
  const value = Object.hasOwn(all, path) ? all[path] : path.split('.').reduce((node, key) => (node && typeof node === 'object' ? node[key] : undefined), all);
  if (Array.isArray(value)) return value.filter((role) => typeof role === 'string' && role.trim() !== '');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

async function discovery(issuer) {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { credentials: 'omit' });
  if (!response.ok) throw new Error(`the issuer's discovery document answered ${response.status}`);
  return response.json();
}

function redirectUri() {
  return `${window.location.origin}/console/`;
}

function random(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Sends the browser to the issuer's authorization endpoint. */
export async function signIn(settings) {
  const provider = await discovery(settings.issuer);
  const verifier = random(32);
  const state = random(16);
  const challenge = base64url(await sha256(new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    scope: settings.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/**
 * On the return from the issuer (?code=&state=), exchanges the code for tokens and cleans the URL.
 *
 * @returns true if signed in now, false if this was no return from the issuer
 * @throws Error if the issuer reported an error or the exchange failed
 */
export async function completeSignIn(settings) {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  window.history.replaceState(null, '', '/console/');
  if (params.has('error')) throw new Error(`${params.get('error')}: ${params.get('error_description') || 'sign-in failed'}`);
  if (!pending || pending.state !== params.get('state')) throw new Error('the sign-in answer does not match the request (state)');
  const provider = await discovery(settings.issuer);
  const response = await fetch(provider.token_endpoint, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: settings.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.access_token) {
    throw new Error(`the token endpoint answered ${response.status}${body.error ? `: ${body.error}` : ''}`);
  }
  accessToken = body.access_token;
  expiresAt = Date.now() + (Number(body.expires_in) || 300) * 1000;
  return true;
}
