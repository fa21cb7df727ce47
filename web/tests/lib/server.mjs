// A real `daifa serve` for the browser tests: a temporary SQLite file with the demo data, a free port chosen by
// the server (--listen 127.0.0.1:0), the URL read from its JSON "listening" log line.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const kStartLimitMs = 60_000
const kStopLimitMs = 15_000

export async function startDaifa(binary, webDist) {
  const dir = mkdtempSync(join(tmpdir(), 'daifa-console-test-'))
  const db = `sqlite:${join(dir, 'daifa.db')}`
  const demo = spawnSync(binary, ['demo', '--db', db], { encoding: 'utf8' })
  if (demo.status !== 0) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`daifa demo failed (${demo.status}): ${demo.stderr || demo.stdout}`)
  }

  const child = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', webDist], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DAIFA_LOG_LEVEL: 'info' },
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr += chunk
    if (stderr.length > 20_000) stderr = stderr.slice(-20_000)
  })
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), kStopLimitMs)
      await exited
      clearTimeout(timer)
    }
    rmSync(dir, { recursive: true, force: true })
  }

  try {
    const url = await new Promise((resolve, reject) => {
      const lines = createInterface({ input: child.stdout })
      const timer = setTimeout(() => reject(new Error(`daifa serve did not log its URL within ${kStartLimitMs} ms`)), kStartLimitMs)
      lines.on('line', (line) => {
        try {
          const entry = JSON.parse(line)
          if (entry.msg === 'listening' && entry.url) {
            clearTimeout(timer)
            if (!entry.console_files) reject(new Error(`daifa serve found no console files in ${webDist}`))
            else resolve(entry.url)
          }
        } catch {
          // not a JSON log line
        }
      })
      exited.then(({ code, signal }) => {
        clearTimeout(timer)
        reject(new Error(`daifa serve exited early (code ${code}, signal ${signal}): ${stderr}`))
      })
    })
    return { url, stop, dir }
  } catch (e) {
    await stop()
    throw e
  }
}

// A signed-in API client for checking what the console shows against the API itself.
export async function apiSession(baseUrl, email, password = 'daifa-demo-2026') {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (res.status !== 200) throw new Error(`API sign-in as ${email}: ${res.status} ${await res.text()}`)
  const body = await res.json()
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]
  const call = async (method, path, payload, headers = {}) => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        Cookie: cookie,
        'X-CSRF-Token': body.csrf_token,
        ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    })
    const text = await r.text()
    return { status: r.status, body: text && r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text }
  }
  const all = async (path) => {
    const items = []
    let cursor = null
    for (;;) {
      const sep = path.includes('?') ? '&' : '?'
      const r = await call('GET', `${path}${sep}limit=500${cursor ? `&cursor=${cursor}` : ''}`)
      if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`)
      items.push(...r.body.items)
      cursor = r.body.next_cursor
      if (!cursor) return items
    }
  }
  return { user: body.user, csrf: body.csrf_token, call, all }
}
