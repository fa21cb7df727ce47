// A shipping address on one line, in the order its country writes it: a Chinese address from the province
// down with no separators (浙江省杭州市西湖区文三路 1 号), others from the street up, comma-separated.
import type { ShippingAddress } from '@/api/types'

export function formatAddress(a: ShippingAddress | null | undefined): string {
  if (!a) return '—'
  const country = (a.country || 'CN').toUpperCase()
  const text =
    country === 'CN'
      ? [a.province, a.city, a.district, a.line1].filter(Boolean).join('') + (a.postal_code ? ` ${a.postal_code}` : '')
      : [a.line1, a.district, a.city, a.province, a.postal_code, country].filter(Boolean).join(', ')
  return text.trim() || '—'
}

export function emptyAddress(): ShippingAddress {
  return { name: '', phone: '', country: 'CN', province: '', city: '', district: '', line1: '', postal_code: '' }
}
