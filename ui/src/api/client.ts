// Every API call of the UI: same-origin fetches that carry the session cookie, or the API key the
// user typed into Settings (kept in sessionStorage, sent as a bearer token). Errors carry the
// server's message, which the pages show as they are.

const KEY_STORAGE = 'sightline.apiKey';

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly path: string) {
    super(message);
  }
}

type Listener = (error: ApiError) => void;
const unauthorizedListeners = new Set<Listener>();

/** Called with every 401, so the app can offer a login or an API key. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function apiKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function setApiKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

export type QueryValue = string | number | boolean | undefined | null | string[];

export function url(path: string, params: Record<string, QueryValue> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    if (Array.isArray(v)) v.forEach((item) => q.append(k, item));
    else q.append(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export async function getJson<T>(path: string, params?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
  return send<T>('GET', url(path, params), undefined, signal);
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return send<T>('POST', path, JSON.stringify(body));
}

export async function putJson<T>(path: string, body: unknown): Promise<T> {
  return send<T>('PUT', path, JSON.stringify(body));
}

export async function deleteJson<T>(path: string): Promise<T> {
  return send<T>('DELETE', path);
}

/** Sends a text body (a rule file) and reads a JSON answer. */
export async function sendText<T>(method: 'POST' | 'PUT', path: string, params: Record<string, QueryValue>, body: string,
  contentType: string, signal?: AbortSignal): Promise<T> {
  return send<T>(method, url(path, params), body, signal, contentType);
}

async function send<T>(method: string, target: string, body?: string, signal?: AbortSignal,
  contentType = 'application/json'): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const key = apiKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = contentType;
  let response: Response;
  try {
    response = await fetch(target, { method, headers, body, signal, credentials: 'same-origin' });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, `the server did not answer (${(e as Error).message})`, target);
  }
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: an error page of a proxy, or plain text
  }
  if (!response.ok || (isObject(json) && json.status === 'error')) {
    const message = isObject(json) && typeof json.error === 'string' ? json.error : text.trim() || response.statusText;
    const error = new ApiError(response.status, message, target);
    if (response.status === 401) unauthorizedListeners.forEach((l) => l(error));
    throw error;
  }
  return json as T;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
