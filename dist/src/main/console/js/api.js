// Calls to the gateway's ops API with the signed-in user's bearer token (kept in memory by auth.js; no cookies).

/** A failed call: the problem's title and detail (RFC 9457), or what the browser knows. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(`${title}: ${detail}`);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

/** The ops API client; `token()` gives the current access token or null. */
export function createApi(token, onUnauthorized) {
  // `body`: a value sent as JSON, or bytes (an ArrayBuffer) sent as they are with the content type in `extra` headers.
  async function call(method, path, body, extra = {}) {
    const headers = { Accept: 'application/json, application/problem+json' };
    const bearer = token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    const bytes = body instanceof ArrayBuffer;
    if (body !== undefined && !bytes) headers['Content-Type'] = 'application/json';
    Object.assign(headers, extra);
    let response;
    try {
      response = await fetch(path, {
        method, headers, body: body === undefined || bytes ? body : JSON.stringify(body), credentials: 'omit', cache: 'no-store',
      });
    } catch (e) {
      throw new ApiError(0, 'Gateway unreachable', `${method} ${path} failed: ${e.message}`);
    }
    if (response.status === 401) onUnauthorized();
    if (!response.ok) throw await problem(method, path, response);
    if (response.status === 204) return null;
    return response.json();
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    /** PUTs bytes with the given headers (a plugin archive with its Content-Type and Content-Digest). */
    putBytes: (path, bytes, headers) => call('PUT', path, bytes, headers),
    del: (path) => call('DELETE', path),
  };
}

async function problem(method, path, response) {
  let title = `${response.status} ${response.statusText}`.trim();
  let detail = `${method} ${path} answered ${response.status}`;
  try {
    const body = await response.json();
    title = body.title || title;
    detail = body.detail || detail;
  } catch {
    // not a problem body: keep what the status says
  }
  return new ApiError(response.status, title, detail);
}
