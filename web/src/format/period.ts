// Days picked in the console (the browser's time zone) as the API's period of creation: [created_since,
// created_before), RFC 3339 times with the browser's offset, e.g. 2026-12-01 … 2026-12-07 in China is
// [2026-12-01T00:00:00+08:00, 2026-12-08T00:00:00+08:00).

const pad = (n: number) => String(n).padStart(2, '0')

function localDay(day: string, plusDays: number): Date {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y, m - 1, d + plusDays)
}

function dayText(t: Date): string {
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`
}

// The browser's offset from UTC at `t` as RFC 3339 writes it: +08:00.
export function offsetText(t: Date = new Date()): string {
  const offset = -t.getTimezoneOffset()
  const abs = Math.abs(offset)
  return `${offset >= 0 ? '+' : '-'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

// The start of `day` (YYYY-MM-DD) + plusDays, local time, with its offset.
export function startOfDay(day: string, plusDays = 0): string {
  const t = localDay(day, plusDays)
  return `${dayText(t)}T00:00:00${offsetText(t)}`
}

// [first, last] picked days → [created_since, created_before].
export function periodOfDays(first: string, last: string): [string, string] {
  return [startOfDay(first), startOfDay(last, 1)]
}

// The inverse: the first and last day of a period made by periodOfDays.
export function daysOfPeriod(since: string, before: string): [string, string] {
  return [since.slice(0, 10), dayText(localDay(before.slice(0, 10), -1))]
}
