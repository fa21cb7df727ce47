// Formatting bound to the console's current locale, for templates.
import { useI18n } from 'vue-i18n'
import type { Money } from '@/api/types'
import { formatBp, formatDateTime, formatMoney, formatNumber } from '@/format'

export function useFormat() {
  const { locale } = useI18n()
  return {
    money: (m: Money | null | undefined) => formatMoney(m, locale.value),
    date: (iso: string | null | undefined) => formatDateTime(iso, locale.value),
    num: (n: number | null | undefined) => formatNumber(n, locale.value),
    bp: formatBp,
  }
}
