/** A small fetch client for the Jiandu API: JSON in and out, the session cookie, and typed errors. */

export interface ApiIssue {
  path: string;
  message: string;
}

/** An error answer of the API: `message` is Chinese and meant for the user. */
export class ApiError extends Error {
  readonly status: number;
  readonly error: string;
  readonly requestId: string | undefined;
  readonly issues: ApiIssue[];

  constructor(status: number, body: { error?: string; message?: string; requestId?: string; issues?: ApiIssue[] }) {
    super(body.message ?? `请求失败（${status}）`);
    this.name = 'ApiError';
    this.status = status;
    this.error = body.error ?? 'unknown';
    this.requestId = body.requestId;
    this.issues = body.issues ?? [];
  }
}

export type AuthFailure = 'unauthenticated' | 'must_change_password';
type AuthFailureHandler = (kind: AuthFailure) => void;

let onAuthFailure: AuthFailureHandler = () => {};

/** The app decides what a lost session or a forced password change does (it navigates). */
export function setAuthFailureHandler(handler: AuthFailureHandler): void {
  onAuthFailure = handler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not run the global 401 handler (the login page and the session probe handle it themselves). */
  quietAuth?: boolean;
  /**
   * Sent as the Idempotency-Key header. With a key the request is retried automatically (same key) when the
   * answer is lost — no connection, or a gateway's 502/503/504 — since the server then answers a retry
   * with the first answer instead of writing twice.
   */
  idempotencyKey?: string;
}

/** Waits before each automatic retry of a keyed request (ms). */
export const RETRY_DELAYS_MS = [400, 1500];

/** A fresh Idempotency-Key (a UUID v4). crypto.randomUUID needs a secure context; getRandomValues does not. */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const answerLost = (e: unknown) => e instanceof ApiError && (e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504);

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  if (!opts.idempotencyKey) return requestOnce<T>(method, path, opts);
  for (let attempt = 0; ; attempt++) {
    try {
      return await requestOnce<T>(method, path, opts);
    } catch (e) {
      if (!answerLost(e) || attempt >= RETRY_DELAYS_MS.length) throw e;
      await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt]));
    }
  }
}

async function requestOnce<T>(method: string, path: string, opts: RequestOptions): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {}) },
  };
  if (opts.body instanceof FormData) {
    // multipart: the browser writes the content-type with its boundary.
    init.body = opts.body;
  } else if (opts.body !== undefined) {
    init.headers = { ...init.headers, 'content-type': 'application/json' };
    init.body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), init);
  } catch {
    throw new ApiError(0, { error: 'network', message: '无法连接服务器，请检查网络后重试' });
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const body = (data && typeof data === 'object' ? data : {}) as ConstructorParameters<typeof ApiError>[1];
    const err = new ApiError(res.status, body);
    if (!opts.quietAuth) {
      if (res.status === 401) onAuthFailure('unauthenticated');
      else if (res.status === 403 && err.error === 'must_change_password') onAuthFailure('must_change_password');
    }
    throw err;
  }
  return data as T;
}

/**
 * Sends a file as the raw request body (application/octet-stream), reporting upload progress (0–100).
 * XMLHttpRequest rather than fetch: fetch cannot report how much of the body has been sent.
 */
function upload<T>(path: string, query: Query, file: Blob, onProgress?: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withQuery(path, query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    if (onProgress) xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.floor((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new ApiError(0, { error: 'network', message: '无法连接服务器，请检查网络后重试' }));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data as T);
        return;
      }
      const err = new ApiError(xhr.status, (data && typeof data === 'object' ? data : {}) as ConstructorParameters<typeof ApiError>[1]);
      if (xhr.status === 401) onAuthFailure('unauthenticated');
      else if (xhr.status === 403 && err.error === 'must_change_password') onAuthFailure('must_change_password');
      reject(err);
    };
    xhr.send(file);
  });
}

export const api = {
  upload,
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query' | 'body'>) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('PATCH', path, { ...opts, body }),
  /** A multipart form (fields and files). */
  postForm: <T>(path: string, form: FormData, opts?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...opts, body: form }),
};

/** The Chinese message to show for any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return '操作失败';
}
