// A small sequential test runner for the browser tests: named tests, one line per result, "N passed, M failed".
// Tests share one server and browser (starting them is the slow part) and run in order.
import { statSync } from 'node:fs'
import { join } from 'node:path'

const tests = []

export function test(name, fn) {
  tests.push({ name, fn })
}

// `only`: run the tests whose name contains it, or one of its '|'-separated parts.
export async function runAll({ only } = {}) {
  const parts = only ? only.split('|') : []
  let passed = 0
  let failed = 0
  const failures = []
  for (const t of tests) {
    if (only && !parts.some((p) => t.name.includes(p))) continue
    const started = Date.now()
    try {
      await t.fn()
      passed++
      console.log(`ok   ${t.name} (${Date.now() - started} ms)`)
    } catch (e) {
      failed++
      failures.push({ name: t.name, error: e })
      console.log(`FAIL ${t.name} (${Date.now() - started} ms)\n     ${String(e?.stack ?? e).split('\n').slice(0, 8).join('\n     ')}`)
    }
  }
  console.log(`\n${passed} passed, ${failed} failed`)
  return { passed, failed, failures }
}

// A screenshot that must show something: the page has visible text, and the PNG is not a near-empty image
// (a blank 1366×860 page compresses to a few kilobytes; a drawn console page is tens of kilobytes).
const kMinPngBytes = 12_000
export const shots = []

export async function shot(page, dir, name) {
  await page.evaluate(() => document.fonts.ready)
  const text = await page.evaluate(() => document.body.innerText.trim())
  if (text.length < 20) throw new Error(`screenshot ${name}: the page shows almost no text (${JSON.stringify(text)})`)
  const path = join(dir, `${name}.png`)
  await page.screenshot({ path, animations: 'disabled' })
  const bytes = statSync(path).size
  if (bytes < kMinPngBytes) throw new Error(`screenshot ${name}: ${bytes} bytes, looks blank`)
  shots.push({ name, path, bytes })
  return path
}
