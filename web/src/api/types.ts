// The shapes of the public API (docs/api/openapi.json), only what the console reads or sends today.

export type Id = string

export interface Money {
  amount: number // minor units (fen, cents)
  currency: string
}

export type Role = 'owner' | 'operator' | 'agent' | 'finance' | 'supplier' | 'distributor'
export const kRoles: Role[] = ['owner', 'operator', 'agent', 'finance', 'supplier', 'distributor']

export interface Page<T> {
  items: T[]
  next_cursor: string | null
}

export interface FieldError {
  field: string
  code: string
  message: string
}

export interface Problem {
  type?: string
  title?: string
  status: number
  code?: string
  detail?: string
  errors?: FieldError[]
}

export interface User {
  id: Id
  email: string
  role: Role
  supplier_id?: Id
  distributor_id?: Id
  created_at: string
  disabled: boolean
}

export interface LoginResponse {
  user: User
  csrf_token: string
  expires_at: string
}

export interface Token {
  id: Id
  name: string
  created_at: string
  revoked_at: string | null
}

export interface TokenCreated extends Token {
  token: string
}

export interface Contact {
  name: string
  phone: string
  email: string
}

export type SupplierKind = 'factory' | 'wholesaler' | 'agent'
export const kSupplierKinds: SupplierKind[] = ['factory', 'wholesaler', 'agent']

export type PaymentTerms = 'prepaid' | 'on_delivery' | 'net_7' | 'net_15' | 'net_30' | 'net_60' | 'monthly'
export const kPaymentTerms: PaymentTerms[] = ['prepaid', 'on_delivery', 'net_7', 'net_15', 'net_30', 'net_60', 'monthly']

export interface Supplier {
  id: Id
  name: string
  kind: SupplierKind
  contact: Contact
  moq: number
  lead_time_days: number
  payment_terms: PaymentTerms
  blind_ship: boolean
  version: number
  created_at: string
  updated_at: string
}

export interface Distributor {
  id: Id
  name: string
  tier: number
  contact: Contact
  referrer_id: Id | null
  version: number
  created_at: string
  updated_at: string
}

export interface Variant {
  id: Id
  sku: string
  options: Record<string, string>
  price: Money
  weight_g: number
}

export interface Product {
  id: Id
  title: string
  title_en: string
  category: string
  tags: string[]
  description: string
  size_chart: Record<string, string>[]
  images: string[]
  variants: Variant[]
  version: number
  created_at: string
  updated_at: string
}

export interface Offer {
  id: Id
  supplier_id: Id
  sku: string
  supplier_sku: string
  cost: Money
  shipping_cost: Money
  stock: number
  lead_time_days: number
  active: boolean
  version: number
  updated_at: string
}

export type ChannelKind = 'api' | 'shopify' | 'woocommerce' | 'csv' | 'manual'
export const kChannelKinds: ChannelKind[] = ['api', 'shopify', 'woocommerce', 'csv', 'manual']

export type PricingMode = 'markup' | 'target_margin'
export type Rounding = 'none' | 'x.99' | 'x.9'

export interface PricingRule {
  mode?: PricingMode
  value_bp?: number
  channel_fee_bp?: number
  channel_fee_fixed_minor?: number
  rounding?: Rounding
  min_margin_bp?: number
}

// The API's defaults for a field a rule leaves out (components/schemas/PricingRule).
export const kPricingDefaults: Required<PricingRule> = {
  mode: 'markup',
  value_bp: 10000,
  channel_fee_bp: 0,
  channel_fee_fixed_minor: 0,
  rounding: 'none',
  min_margin_bp: 0,
}

export interface Channel {
  id: Id
  name: string
  kind: ChannelKind
  has_secret: boolean
  stock_buffer: number
  pricing_rule: PricingRule
  version: number
  created_at: string
  updated_at: string
}

export type ListingStatus = 'listed' | 'no_offer' | 'out_of_stock' | 'currency_mismatch' | 'no_price'

export interface Listing {
  variant_id: Id
  product_id: Id
  sku: string
  title: string
  status: ListingStatus
  list_price: Money
  published_stock: number
  offer_id: Id | null
  supplier_id: Id | null
  landed_cost: Money | null
  price: Money | null
  channel_fee?: Money
  margin?: Money
  margin_bp?: number
  raised_to_min_margin?: boolean
}
