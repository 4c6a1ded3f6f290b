// The JSON API, as the page uses it. Every failure becomes an Error whose message is the
// sentence the server gave (a 400 or 404 says what was wrong), ready to show.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function answer(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // A body that is not JSON (a proxy's page, a timeout) still gets a message below.
  }
  if (!response.ok) {
    const message = body && typeof body.error === 'string'
      ? body.error
      : `The server answered ${response.status} ${response.statusText}.`;
    throw new ApiError(response.status, message);
  }
  return body;
}

async function request(path, options) {
  let response;
  try {
    response = await fetch(path, options);
  } catch {
    throw new ApiError(0, 'The server could not be reached; is `whosaid serve` still running?');
  }
  return answer(response);
}

/** GET `path` with the non-empty `params` as its query. */
export function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') query.set(name, value);
  }
  const text = query.toString();
  return request(text ? `${path}?${text}` : path, { headers: { accept: 'application/json' } });
}

/** POST `body` as JSON to `path`. */
export function post(path, body) {
  return request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
}
