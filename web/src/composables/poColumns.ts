// The columns of a purchase-order list: the supplier's portal and the staff's list (which adds the order and
// the supplier).
import { h } from 'vue'
import { RouterLink } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { ElTag } from 'element-plus'
import type { PurchaseOrder } from '@/api/types'
import type { Column } from '@/components/DataTable.vue'
import StatusTag from '@/components/StatusTag.vue'
import { useDirectory } from '@/stores/directory'
import { useFormat } from './format'

export function usePoColumns() {
  const { t } = useI18n()
  const f = useFormat()
  const directory = useDirectory()

  function items(p: PurchaseOrder): string {
    const first = p.lines.slice(0, 2).map((l) => `${l.supplier_sku || l.sku} ×${l.quantity}`)
    return p.lines.length > 2 ? `${first.join(', ')} …(${p.lines.length})` : first.join(', ')
  }

  return (options: { staff: boolean }): Column<PurchaseOrder>[] => {
    const cols: Column<PurchaseOrder>[] = [
      {
        key: 'id',
        title: t('po.number'),
        width: 170,
        cell: (p) => h(RouterLink, { to: { name: 'purchase-order', params: { id: p.id } }, 'data-test': 'po-' + p.id }, () => p.id),
      },
      { key: 'status', title: t('po.status'), width: 100, cell: (p) => h(StatusTag, { kind: 'po', status: p.status }) },
      {
        key: 'urge_count',
        title: t('po.urges'),
        width: 80,
        align: 'right',
        cell: (p) => (p.urge_count > 0 ? h(ElTag, { type: 'danger', size: 'small', 'data-test': 'po-urged' }, () => f.num(p.urge_count)) : '—'),
      },
    ]
    if (options.staff) {
      cols.push(
        {
          key: 'order_id',
          title: t('po.order'),
          width: 170,
          cell: (p) => h(RouterLink, { to: { name: 'order', params: { id: p.order_id } } }, () => p.order_id),
        },
        { key: 'supplier_id', title: t('po.supplier'), width: 180, cell: (p) => directory.supplierName(p.supplier_id) },
      )
    }
    cols.push(
      { key: 'ship_to', title: t('po.shipTo'), width: 160, cell: (p) => `${p.ship_to.name || '—'} · ${p.ship_to.city || p.ship_to.province || ''}` },
      { key: 'lines', title: t('po.items'), width: 220, cell: (p) => items(p) },
      { key: 'cost_total', title: t('po.costTotal'), width: 100, align: 'right', cell: (p) => h('span', { class: 'num' }, f.money(p.cost_total)) },
      { key: 'tracking', title: t('po.tracking'), width: 180, cell: (p) => (p.tracking_number ? `${p.carrier} ${p.tracking_number}` : '—') },
      { key: 'created_at', title: t('common.createdAt'), width: 170, cell: (p) => f.date(p.created_at) },
    )
    return cols
  }
}
