// The columns of an order list, shared by the order list, the distributor's "my orders" and the hold queue.
import { h } from 'vue'
import { RouterLink } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { ElTag } from 'element-plus'
import type { Order } from '@/api/types'
import type { Column } from '@/components/DataTable.vue'
import HoldReasons from '@/components/HoldReasons.vue'
import StatusTag from '@/components/StatusTag.vue'
import { useDirectory } from '@/stores/directory'
import { useSession } from '@/stores/session'
import { useFormat } from './format'

// The order page's route for the signed-in role: a distributor's is under "my orders".
export function useOrderLink() {
  const session = useSession()
  return (id: string) => (session.role === 'distributor' ? { name: 'my-order', params: { id } } : { name: 'order', params: { id } })
}

export function useOrderColumns() {
  const { t } = useI18n()
  const f = useFormat()
  const directory = useDirectory()
  const orderLink = useOrderLink()

  function skus(o: Order): string {
    const first = o.lines.slice(0, 2).map((l) => `${l.sku} ×${l.quantity}`)
    return o.lines.length > 2 ? `${first.join(', ')} …(${o.lines.length})` : first.join(', ')
  }

  // `holds` (the hold queue, where every order is on hold): the reasons instead of the status; elsewhere the
  // reasons sit next to the status.
  return (options: { holds?: boolean; channel?: boolean } = {}): Column<Order>[] => {
    const cols: Column<Order>[] = [
      {
        key: 'external_id',
        title: t('order.externalId'),
        width: 170,
        cell: (o) => h(RouterLink, { to: orderLink(o.id), 'data-test': 'order-' + o.id }, () => o.external_id),
      },
      options.holds
        ? { key: 'hold_reasons', title: t('order.holdReason'), width: 200, cell: (o) => h(HoldReasons, { reasons: o.hold_reasons }) }
        : {
            key: 'status',
            title: t('order.status'),
            width: 200,
            cell: (o) =>
              h('span', { class: 'status-cell' }, [
                h(StatusTag, { kind: 'order', status: o.status }),
                o.hold_reasons.length ? h(HoldReasons, { reasons: o.hold_reasons }) : null,
              ]),
          },
    ]
    if (options.channel) cols.push({ key: 'channel_id', title: t('order.channel'), width: 160, cell: (o) => directory.channelName(o.channel_id) })
    cols.push(
      {
        key: 'customer',
        title: t('order.customer'),
        width: 170,
        cell: (o) => h('span', [o.customer.name || '—', ' ', h('span', { class: 'muted num' }, o.customer.phone)]),
      },
      { key: 'lines', title: t('order.lines'), width: 220, cell: (o) => skus(o) },
      { key: 'total', title: t('order.total'), width: 110, align: 'right', cell: (o) => h('span', { class: 'num' }, f.money(o.totals.total)) },
      {
        key: 'urge_count',
        title: t('order.urges'),
        width: 80,
        align: 'right',
        cell: (o) => (o.urge_count > 0 ? h(ElTag, { type: 'danger', size: 'small' }, () => f.num(o.urge_count)) : '—'),
      },
      { key: 'created_at', title: t('common.createdAt'), width: 170, cell: (o) => f.date(o.created_at) },
    )
    return cols
  }
}
