// Formatting for people, in the console's locale. Money never goes through floating point: the decimal string
// is cut out of the integer count of minor units; Intl only groups the integer part's digits.
import type { Money } from '@/api/types'

// Minor digits per currency, as the server knows them (src/domain/common/money.cc).
const kMinorDigits: Record<string, number> = { JPY: 0, KRW: 0, VND: 0 }
const kSymbols: Record<string, string> = {
  CNY: '¥',
  USD: '$',
  EUR: '€',
  GBP: '£',
  HKD: 'HK$',
  JPY: 'JP¥',
  TWD: 'NT$',
}

export function minorDigits(currency: string): number {
  return kMinorDigits[currency] ?? 2
}

function groupDigits(integerDigits: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { useGrouping: true }).format(BigInt(integerDigits))
  } catch {
    return integerDigits
  }
}

// "5990" with 2 digits → "59.90"; "-5" → "-0.05". Exact for every integer a JSON number can hold.
export function decimalString(amountMinor: number | bigint, digits: number, locale = 'en-US', group = false): string {
  const big = BigInt(amountMinor)
  const negative = big < 0n
  let text = (negative ? -big : big).toString()
  if (digits > 0) text = text.padStart(digits + 1, '0')
  const integerPart = digits > 0 ? text.slice(0, text.length - digits) : text
  const fraction = digits > 0 ? text.slice(text.length - digits) : ''
  const shownInteger = group ? groupDigits(integerPart, locale) : integerPart
  return (negative ? '-' : '') + shownInteger + (fraction ? '.' + fraction : '')
}

export function formatMoney(money: Money | null | undefined, locale: string): string {
  if (!money) return '—'
  if (!Number.isSafeInteger(money.amount)) return `${money.currency} ${money.amount}` // never the API's; shown, not guessed
  const digits = minorDigits(money.currency)
  const text = decimalString(money.amount, digits, locale, true)
  const symbol = kSymbols[money.currency]
  if (!symbol) return `${money.currency} ${text}`
  return text.startsWith('-') ? `-${symbol}${text.slice(1)}` : `${symbol}${text}`
}

// Basis points as a percentage: 4811 → "48.11%".
export function formatBp(bp: number | null | undefined): string {
  if (bp === null || bp === undefined) return '—'
  return decimalString(bp, 2) + '%'
}

// "48.11" (percent, at most 2 decimals) → 4811 basis points; null when it is not such a number.
export function parsePercentToBp(text: string): number | null {
  return parseDecimalToMinor(text, 2)
}

// "59.9" with 2 digits → 5990; null for anything that is not a plain non-negative decimal with at most
// `digits` fraction digits. String operations only.
export function parseDecimalToMinor(text: string, digits: number): number | null {
  const trimmed = text.trim()
  const pattern = digits > 0 ? new RegExp(`^(\\d+)(?:\\.(\\d{0,${digits}}))?$`) : /^(\d+)$/
  const match = pattern.exec(trimmed)
  if (!match) return null
  const fraction = (match[2] ?? '').padEnd(digits, '0')
  const value = BigInt(match[1] + fraction)
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return null
  return Number(value)
}

export function formatNumber(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—'
  return new Intl.NumberFormat(locale).format(value)
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()

export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  let format = dateTimeFormats.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
    dateTimeFormats.set(locale, format)
  }
  return format.format(date)
}

// The same-currency sum of two amounts (a landed cost = cost + shipping); null when the currencies differ,
// because Daifa never converts.
export function addMoney(a: Money, b: Money): Money | null {
  if (a.currency !== b.currency) return null
  return { amount: a.amount + b.amount, currency: a.currency }
}
