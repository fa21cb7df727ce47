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

// Distributor tiers (等级) 1..5; 5 is the top tier.
export const kTiers = [1, 2, 3, 4, 5] as const

// A distributor tier's price (分销价) for a variant, as staff read and write it.
export interface TierPrice {
  tier: number
  price: Money
}

// What a distributor pays for a variant: its own tier's price, or the nearest lower tier's that has one
// (from_tier), or the list price (from_tier null).
export interface DistributorTierPrice {
  tier: number
  price: Money
  from_tier: number | null
}

export interface Variant {
  id: Id
  sku: string
  options: Record<string, string>
  price: Money
  weight_g: number
  available: number // what the active supplier offers can still sell (stock minus reservations)
  tier_prices?: TierPrice[] // staff only, sorted by tier
  tier_price?: DistributorTierPrice // a distributor only
}

// A stored product image: a JPEG of at most ~200 KB and its thumbnail, both served only to signed-in readers.
export interface ProductImage {
  id: Id
  url: string
  thumbnail_url: string
  width: number
  height: number
  bytes: number
  created_at: string
}

export interface Product {
  id: Id
  title: string
  title_en: string
  category: string
  tags: string[]
  description: string
  size_chart: Record<string, string>[]
  images: ProductImage[]
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
  pricing_rule?: PricingRule // staff only: a distributor reads its shops without it
  distributor_id?: Id | null // a distributor's own shop: its orders are that distributor's
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

// ---- Orders and purchase orders (issue #5) ----

export type OrderStatus =
  | 'received'
  | 'on_hold'
  | 'routed'
  | 'purchased'
  | 'partially_shipped'
  | 'shipped'
  | 'delivered'
  | 'completed'
  | 'cancelled'
export const kOrderStatuses: OrderStatus[] = [
  'received',
  'on_hold',
  'routed',
  'purchased',
  'partially_shipped',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
]
// Before anything has shipped an order can still be cancelled or changed (the API's before_shipping).
export const kBeforeShipping: OrderStatus[] = ['received', 'on_hold', 'routed', 'purchased']

export type HoldReason =
  | 'out_of_stock'
  | 'address_incomplete'
  | 'blacklisted'
  | 'cod_limit'
  | 'margin_below_floor'
  | 'duplicate_suspected'
  | 'offer_unavailable'
  | 'currency_mismatch'
  | 'unknown_sku'
export const kHoldReasons: HoldReason[] = [
  'out_of_stock',
  'address_incomplete',
  'blacklisted',
  'cod_limit',
  'margin_below_floor',
  'duplicate_suspected',
  'offer_unavailable',
  'currency_mismatch',
  'unknown_sku',
]

export interface Customer {
  name: string
  phone: string
  email: string
}

export interface ShippingAddress {
  name: string
  phone: string
  country: string // ISO 3166-1 alpha-2
  province: string
  city: string
  district: string
  line1: string
  postal_code: string
}
export const kAddressFields: (keyof ShippingAddress)[] = [
  'name',
  'phone',
  'country',
  'province',
  'city',
  'district',
  'line1',
  'postal_code',
]

export type PaymentMethod = 'prepaid' | 'cod'

// A distributor reads its orders without the sourcing fields (offer, supplier, PO, cost, route reason).
export interface OrderLine {
  line_no: number
  sku: string
  quantity: number
  unit_price: Money
  offer_id?: Id | null
  supplier_id?: Id | null
  purchase_order_id?: Id | null
  unit_cost?: Money | null
  reserved?: number // units reserved on the offer (0 or quantity)
  route_reason?: string
}

export interface Order {
  id: Id
  channel_id: Id
  distributor_id: Id | null
  external_id: string
  status: OrderStatus
  hold_reasons: HoldReason[]
  customer: Customer
  shipping_address: ShippingAddress
  lines: OrderLine[]
  totals: { goods: Money; shipping_fee: Money; total: Money; paid: Money }
  payment: { method: PaymentMethod; paid: Money }
  blind_ship: boolean
  note: string
  urge_count: number
  last_urged_at: string | null
  version: number
  created_at: string
  updated_at: string
}

export interface NewOrderLine {
  sku: string
  quantity: number
  unit_price: Money
}

export interface NewOrder {
  channel_id: Id
  external_id: string
  customer: Customer
  shipping_address: ShippingAddress
  lines: NewOrderLine[]
  shipping_fee?: Money
  payment: { method: PaymentMethod; paid?: Money }
  blind_ship?: boolean
  note?: string
}

export interface HistoryRow {
  id: Id
  at: string
  from: OrderStatus | null
  to: OrderStatus
  actor: string
  reason: string
  purchase_order_id: Id | null
}

// One side of a double-entry ledger entry: debit positive, credit negative.
export interface LedgerPosting {
  id: Id
  entry_id: Id
  account: string
  amount: Money
  order_id: Id | null
  purchase_order_id: Id | null
  memo: string
  reverses: Id | null
  at: string
}

export type PoStatus = 'placed' | 'accepted' | 'rejected' | 'shipped' | 'delivered' | 'cancelled'
export const kPoStatuses: PoStatus[] = ['placed', 'accepted', 'rejected', 'shipped', 'delivered', 'cancelled']

export interface PoLine {
  order_line_no: number
  sku: string
  supplier_sku: string
  offer_id: Id
  quantity: number
  unit_cost: Money
}

export interface PurchaseOrder {
  id: Id
  order_id: Id
  supplier_id: Id
  status: PoStatus
  lines: PoLine[]
  cost_total: Money
  shipping_cost: Money
  payment: 'prepaid' | 'credit'
  packaging: { neutral: boolean; no_inserts: boolean }
  ship_to: ShippingAddress
  carrier: string
  tracking_number: string
  reject_reason: string
  urge_count: number
  last_urged_at: string | null
  last_urge_note?: string // what the merchant wrote with the latest urge (催发货)
  version: number
  created_at: string
  updated_at: string
}

// ---- Fulfilment, reports, blacklist, alerts, stock journal, imports (issues #6, #7) ----

export type ShipmentStatus = 'label_created' | 'in_transit' | 'delivered' | 'exception' | 'returned'
export const kShipmentStatuses: ShipmentStatus[] = ['label_created', 'in_transit', 'delivered', 'exception', 'returned']

export interface TrackingEvent {
  at: string
  text: string
}

export interface Shipment {
  id: Id
  order_id: Id
  purchase_order_id: Id
  supplier_id: Id
  carrier: string
  tracking_number: string
  parcels: number
  status: ShipmentStatus
  // Tracking (being added to the API): shown when present, never required.
  events?: TrackingEvent[]
  last_event_at?: string | null
  created_at: string
  updated_at: string
}

// A sum of order totals in one currency: integer minor units, like Money.
export interface CurrencyAmount {
  currency: string
  amount_minor: number
}

export interface DashboardDay {
  date: string // "2026-11-25", a China day
  orders: number
  revenue: CurrencyAmount[]
}

export interface DashboardReport {
  as_of: string
  timezone: string // "+08:00"
  today: {
    orders: number
    revenue: CurrencyAmount[]
    on_hold: number
    late_purchase_orders: number
    stuck_shipments: number
    open_alerts: number
  }
  days: DashboardDay[]
}

export type BlacklistKind = 'phone' | 'name' | 'address'
export const kBlacklistKinds: BlacklistKind[] = ['phone', 'name', 'address']

export interface BlacklistEntry {
  id: Id
  kind: BlacklistKind
  value: string
  note: string
  created_by: string
  created_at: string
}

// The first four concern an offer; the fulfilment ones a purchase order (late_shipping) or a shipment.
export type AlertKind =
  | 'out_of_stock'
  | 'cost_up'
  | 'margin_below_floor'
  | 'feed_late'
  | 'late_shipping'
  | 'stuck_parcel'
  | 'shipment_exception'
export const kAlertKinds: AlertKind[] = [
  'out_of_stock',
  'cost_up',
  'margin_below_floor',
  'feed_late',
  'late_shipping',
  'stuck_parcel',
  'shipment_exception',
]
export type AlertStatus = 'open' | 'acknowledged'
export const kAlertStatuses: AlertStatus[] = ['open', 'acknowledged']

export interface Alert {
  id: Id
  kind: AlertKind
  status: AlertStatus
  supplier_id: Id
  offer_id: Id | null
  purchase_order_id?: Id | null
  shipment_id?: Id | null
  sku: string
  message: string
  detail: Record<string, unknown>
  raised_at: string
  acknowledged_at: string | null
  acknowledged_by: Id | null
}

export type JournalField = 'stock' | 'cost'

export interface JournalEntry {
  id: Id
  at: string
  offer_id: Id
  sku: string
  field: JournalField
  old: number | Money | null // stock: a count; cost: money
  new: number | Money | null
  reason: string
  actor: string | null // null for a distributor
}

export interface ImportRowError {
  field: string
  code: string
  message: string
}

// POST /imports/offers
export interface OfferImportReport {
  file: string
  rows: { row: number; supplier_sku: string; status: 'applied' | 'unchanged' | 'refused'; error?: ImportRowError }[]
  applied: number
  unchanged: number
  refused: number
}

// POST /imports/tracking
export interface TrackingImportReport {
  shipped: number
  unchanged: number
  skipped: number
  rows_refused: number
  results: { row: number; status: 'shipped' | 'unchanged' | 'skipped' | 'refused'; purchase_order_id?: Id; error?: ImportRowError }[]
}

// POST /imports/orders
export interface OrderImportReport {
  file: string
  orders_created: number
  orders_existing: number
  rows_refused: number
  results: {
    row: number
    status: 'created' | 'existing' | 'refused'
    order_id?: Id
    external_id?: string
    order_status?: OrderStatus
    error?: ImportRowError
  }[]
}

// GET /suppliers/{id}/scorecard (docs/scorecard.md defines each metric).
export interface ScorecardMetric {
  name: 'on_time_ship_rate' | 'rejection_rate' | 'stock_accuracy' | 'response_time' | 'price_stability' | 'exception_rate'
  value_bp?: number | null
  value_ms?: number | null
  score_bp: number
  weight_bp: number
  inputs: { numerator: number; denominator: number } & Record<string, number>
}

export interface SupplierScorecard {
  supplier_id: Id
  window_days: number
  computed_at: string
  score_bp: number
  metrics: ScorecardMetric[]
}
