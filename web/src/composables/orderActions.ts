// What can be done to an order or a purchase order, by whom and when, and doing it (asking first, reporting
// the outcome). The roles mirror the API's; the API decides in the end, and its refusal is shown.
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { get, newIdempotencyKey, post } from '@/api/client'
import { kBeforeShipping, type Order, type OrderStatus, type PurchaseOrder, type Role } from '@/api/types'
import { useSession } from '@/stores/session'
import { useActions, type BulkOutcome } from './actions'

const kOrderWriters: Role[] = ['owner', 'operator', 'agent']
const kLedgerReaders: Role[] = ['owner', 'operator', 'finance']
const kPoActors: Role[] = ['owner', 'operator', 'supplier'] // the supplier answers; managers may act for it
// Urging (催发货) makes sense while a supplier has the order and has not shipped all of it.
const kUrgeable: OrderStatus[] = ['purchased', 'partially_shipped']

// Who may do what, for the signed-in role.
export function useOrderPermissions() {
  const session = useSession()
  const role = computed(() => session.role)
  const has = (roles: Role[]) => role.value !== null && roles.includes(role.value)
  const isDistributor = computed(() => role.value === 'distributor')
  return {
    canCreate: computed(() => has(kOrderWriters) || isDistributor.value),
    canApprove: (o: Order) => has(kOrderWriters) && o.status === 'on_hold',
    canCancel: (o: Order) => (has(kOrderWriters) || isDistributor.value) && kBeforeShipping.includes(o.status),
    canUrge: (o: Order) => (has(kOrderWriters) || isDistributor.value) && kUrgeable.includes(o.status),
    canEditAddress: (o: Order) => has(kOrderWriters) && kBeforeShipping.includes(o.status),
    canBulk: computed(() => has(kOrderWriters)),
    canReadLedger: computed(() => has(kLedgerReaders)),
    // A distributor sees its orders without sourcing (suppliers, POs, costs): the API leaves those out.
    seesSourcing: computed(() => session.isStaff),
    canActOnPo: computed(() => has(kPoActors)),
    isDistributor,
  }
}

// The order as it is after an action: the API's answer when it is the order, else read again.
async function orderAfter(id: string, answer: unknown): Promise<Order> {
  if (answer && typeof answer === 'object' && 'status' in answer && 'lines' in answer) return answer as Order
  return get<Order>(`/orders/${id}`)
}

export function useOrderActions() {
  const { t } = useI18n()
  const { confirm, ask, run, runEach } = useActions()

  const callApprove = async (o: Order) => orderAfter(o.id, await post<unknown>(`/orders/${o.id}/approve`, {}, newIdempotencyKey()))
  const callCancel = async (o: Order, reason: string) =>
    orderAfter(o.id, await post<unknown>(`/orders/${o.id}/cancel`, { reason }, newIdempotencyKey()))

  async function approve(o: Order): Promise<Order | null> {
    if (!(await confirm(t('order.approveConfirm', { id: o.external_id }), t('order.approve')))) return null
    return run(() => callApprove(o), t('order.approved'))
  }

  async function cancel(o: Order): Promise<Order | null> {
    const reason = await ask(t('order.cancelConfirm', { id: o.external_id }), {
      confirmText: t('order.cancel'),
      danger: true,
      required: true,
      placeholder: t('order.cancelReason'),
    })
    if (reason === null) return null
    return run(() => callCancel(o, reason), t('order.cancelled'))
  }

  async function urge(o: Order): Promise<Order | null> {
    const note = await ask(t('order.urgeConfirm', { id: o.external_id }), {
      confirmText: t('order.urge'),
      placeholder: t('order.urgeNote'),
    })
    if (note === null) return null
    const body = note ? { note } : {}
    return run(async () => orderAfter(o.id, await post<unknown>(`/orders/${o.id}/urge`, body, newIdempotencyKey())), t('order.urged'))
  }

  async function approveMany(orders: Order[]): Promise<BulkOutcome<Order>[] | null> {
    if (!(await confirm(t('order.approveManyConfirm', { n: orders.length }), t('order.approve')))) return null
    return runEach(orders, callApprove)
  }

  async function cancelMany(orders: Order[]): Promise<BulkOutcome<Order>[] | null> {
    const reason = await ask(t('order.cancelManyConfirm', { n: orders.length }), {
      confirmText: t('order.cancel'),
      danger: true,
      required: true,
      placeholder: t('order.cancelReason'),
    })
    if (reason === null) return null
    return runEach(orders, (o) => callCancel(o, reason))
  }

  return { approve, cancel, urge, approveMany, cancelMany }
}

export function usePurchaseOrderActions() {
  const { t } = useI18n()
  const { confirm, ask, run, runEach } = useActions()

  const after = async (id: string, answer: unknown): Promise<PurchaseOrder> =>
    answer && typeof answer === 'object' && 'ship_to' in answer ? (answer as PurchaseOrder) : get<PurchaseOrder>(`/purchase-orders/${id}`)

  const callAccept = (po: PurchaseOrder) => post<unknown>(`/purchase-orders/${po.id}/accept`, {}, newIdempotencyKey())

  async function accept(po: PurchaseOrder): Promise<PurchaseOrder | null> {
    if (!(await confirm(t('po.acceptConfirm', { id: po.id }), t('po.accept')))) return null
    return run(async () => after(po.id, await callAccept(po)), t('po.accepted'))
  }

  // 批量接单: each purchase order accepted on its own; one that is no longer placed is refused with the API's reason.
  async function acceptMany(pos: PurchaseOrder[]): Promise<BulkOutcome<PurchaseOrder>[] | null> {
    if (!(await confirm(t('po.acceptManyConfirm', { n: pos.length }), t('po.accept')))) return null
    return runEach(pos, callAccept)
  }

  async function reject(po: PurchaseOrder): Promise<PurchaseOrder | null> {
    const reason = await ask(t('po.rejectConfirm', { id: po.id }), {
      confirmText: t('po.reject'),
      danger: true,
      required: true,
      placeholder: t('po.rejectReason'),
    })
    if (reason === null) return null
    return run(
      async () => after(po.id, await post<unknown>(`/purchase-orders/${po.id}/reject`, { reason }, newIdempotencyKey())),
      t('po.rejected'),
    )
  }

  // Shipping has fields of its own (carrier, tracking number) with their errors: ShipDialog calls this.
  async function ship(po: PurchaseOrder, body: { carrier: string; tracking_number: string }, key: string): Promise<PurchaseOrder> {
    return after(po.id, await post<unknown>(`/purchase-orders/${po.id}/ship`, body, key))
  }

  return { accept, acceptMany, reject, ship }
}
