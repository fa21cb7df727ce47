// The key of a rounding's label under channel.roundings (message keys cannot hold dots).
import type { Rounding } from '@/api/types'

export function roundingKey(r: Rounding): string {
  return r === 'x.99' ? 'x99' : r === 'x.9' ? 'x9' : 'none'
}
