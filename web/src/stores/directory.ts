// Names of suppliers and distributors by id, for showing "who" in other lists (offers, users, referrers).
// Read once per session from the list endpoints and extended as the console creates or edits rows.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { listAll } from '@/api/client'
import type { Distributor, Supplier } from '@/api/types'

export const useDirectory = defineStore('directory', () => {
  const suppliers = ref(new Map<string, Supplier>())
  const distributors = ref(new Map<string, Distributor>())
  let suppliersLoading: Promise<void> | null = null
  let distributorsLoading: Promise<void> | null = null

  function loadSuppliers(): Promise<void> {
    suppliersLoading ??= listAll<Supplier>('/suppliers')
      .then(({ items }) => {
        suppliers.value = new Map(items.map((s) => [s.id, s]))
      })
      .catch((e) => {
        suppliersLoading = null
        throw e
      })
    return suppliersLoading
  }

  function loadDistributors(): Promise<void> {
    distributorsLoading ??= listAll<Distributor>('/distributors')
      .then(({ items }) => {
        distributors.value = new Map(items.map((d) => [d.id, d]))
      })
      .catch((e) => {
        distributorsLoading = null
        throw e
      })
    return distributorsLoading
  }

  function putSupplier(s: Supplier): void {
    suppliers.value = new Map(suppliers.value).set(s.id, s)
  }

  function putDistributor(d: Distributor): void {
    distributors.value = new Map(distributors.value).set(d.id, d)
  }

  function supplierName(id: string | null | undefined): string {
    if (!id) return '—'
    return suppliers.value.get(id)?.name ?? id
  }

  function distributorName(id: string | null | undefined): string {
    if (!id) return '—'
    return distributors.value.get(id)?.name ?? id
  }

  function reset(): void {
    suppliers.value = new Map()
    distributors.value = new Map()
    suppliersLoading = null
    distributorsLoading = null
  }

  return {
    suppliers,
    distributors,
    loadSuppliers,
    loadDistributors,
    putSupplier,
    putDistributor,
    supplierName,
    distributorName,
    reset,
  }
})
