// The one place the console talks HTTP. Every call goes to /api/v1 on the same origin with the session cookie;
// writes carry the CSRF token from sign-in. Failures become ApiError holding the API's problem (detail and
// per-field errors), so forms can show each error next to its field.
import type { FieldError, Page, Problem } from './types'

const kBase = '/api/v1'
const kCsrfKey = 'daifa.csrf'

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly detail: string
  readonly errors: FieldError[]

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`)
    this.status = problem.status
    this.code = problem.code ?? ''
    this.detail = problem.detail || problem.title || ''
    this.errors = problem.errors ?? []
  }
}

// The CSRF token lives in memory and in sessionStorage, so a reload of the tab keeps it but it never outlives
// the tab.
let csrfToken: string | null = sessionStorage.getItem(kCsrfKey)

export function setCsrfToken(token: string | null): void {
  csrfToken = token
  if (token) sessionStorage.setItem(kCsrfKey, token)
  else sessionStorage.removeItem(kCsrfKey)
}

export function getCsrfToken(): string | null {
  return csrfToken
}

let unauthorizedHandler: (() => void) | null = null

// Called when a request answers 401 (the session ended or expired): the app goes to the sign-in page.
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler
}

// An Idempotency-Key for one user action (a dialog's submit), so a retried or double-clicked submit is answered
// once. crypto.getRandomValues works on plain http too, unlike crypto.randomUUID.
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return 'console-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

export type Query = Record<string, string | number | boolean | null | undefined>

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue
    params.set(key, String(value))
  }
  const qs = params.toString()
  return kBase + path + (qs ? '?' + qs : '')
}

export interface RequestOptions {
  query?: Query
  body?: unknown
  idempotencyKey?: string
  // Sign-in answers 401 for a wrong password; that must not bounce to the sign-in page.
  noUnauthorizedRedirect?: boolean
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  return (await send<T>(method, path, options)).body
}

// The same with the answer's status, for the calls whose 200 and 201 mean different things (POST /orders:
// 201 a new order, 200 the one already received with that channel order number).
export async function send<T>(method: string, path: string, options: RequestOptions = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey

  let response: Response
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    })
  } catch (e) {
    throw new ApiError({ status: 0, code: 'network', detail: e instanceof Error ? e.message : String(e) })
  }

  if (response.status === 204) return { status: 204, body: undefined as T }
  const type = response.headers.get('Content-Type') ?? ''
  const payload: unknown = type.includes('json') ? await response.json().catch(() => null) : await response.text()
  if (response.ok) return { status: response.status, body: payload as T }

  const problem: Problem =
    payload && typeof payload === 'object'
      ? { ...(payload as Problem), status: response.status }
      : { status: response.status, detail: typeof payload === 'string' ? payload : response.statusText }
  if (response.status === 429) {
    const retry = response.headers.get('Retry-After')
    if (retry) problem.detail = `${problem.detail ?? ''} (Retry-After: ${retry}s)`.trim()
  }
  if (response.status === 401 && !options.noUnauthorizedRedirect) unauthorizedHandler?.()
  throw new ApiError(problem)
}

export const get = <T>(path: string, query?: Query) => request<T>('GET', path, { query })
export const post = <T>(path: string, body: unknown, idempotencyKey?: string) =>
  request<T>('POST', path, { body, idempotencyKey })
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body })
export const del = (path: string) => request<void>('DELETE', path)

// Reads a whole list by following next_cursor, at most maxPages pages of 500. `complete` says whether the
// end was reached, so a count can say "at least".
export async function listAll<T>(
  path: string,
  query: Query = {},
  maxPages = 20,
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = []
  let cursor: string | null = null
  for (let page = 0; page < maxPages; page++) {
    const result: Page<T> = await get<Page<T>>(path, { ...query, limit: 500, cursor })
    items.push(...result.items)
    cursor = result.next_cursor
    if (!cursor) return { items, complete: true }
  }
  return { items, complete: false }
}

// POST with a JSON body whose answer is a file (a PDF of waybills): the bytes as a Blob, or ApiError.
export async function postForBlob(path: string, body: unknown): Promise<Blob> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken
  let response: Response
  try {
    response = await fetch(apiUrl(path), { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) })
  } catch (e) {
    throw new ApiError({ status: 0, code: 'network', detail: e instanceof Error ? e.message : String(e) })
  }
  if (response.ok) return await response.blob()
  const payload: unknown = await response.json().catch(() => null)
  const problem: Problem =
    payload && typeof payload === 'object' ? { ...(payload as Problem), status: response.status } : { status: response.status, detail: response.statusText }
  if (response.status === 401) unauthorizedHandler?.()
  throw new ApiError(problem)
}

// Sends a file as the raw body (CSV or XLSX imports) with XMLHttpRequest, because fetch cannot report upload
// progress: onProgress gets 0…100 while the bytes go up. Answers the JSON body, or throws ApiError.
export function uploadFile<T>(
  path: string,
  file: Blob,
  contentType: string,
  query: Query,
  onProgress: (percent: number) => void,
  idempotencyKey?: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', apiUrl(path, query))
    xhr.withCredentials = true
    xhr.setRequestHeader('Content-Type', contentType)
    xhr.setRequestHeader('Accept', 'application/json')
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
    if (idempotencyKey) xhr.setRequestHeader('Idempotency-Key', idempotencyKey)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.upload.onload = () => onProgress(100)
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'network', detail: 'the upload failed' }))
    xhr.onload = () => {
      let payload: unknown = null
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        payload = xhr.responseText
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(payload as T)
        return
      }
      const problem: Problem =
        payload && typeof payload === 'object'
          ? { ...(payload as Problem), status: xhr.status }
          : { status: xhr.status, detail: typeof payload === 'string' ? payload : xhr.statusText }
      if (xhr.status === 401) unauthorizedHandler?.()
      reject(new ApiError(problem))
    }
    xhr.send(file)
  })
}
