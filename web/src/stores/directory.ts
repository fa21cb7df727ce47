// Names of suppliers, distributors and channels by id, for showing "who" in other lists (offers, users,
// referrers, orders). Read once per session from the list endpoints and extended as the console creates or
// edits rows.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { listAll } from '@/api/client'
import type { Channel, Distributor, Supplier } from '@/api/types'

export const useDirectory = defineStore('directory', () => {
  const suppliers = ref(new Map<string, Supplier>())
  const distributors = ref(new Map<string, Distributor>())
  const channels = ref(new Map<string, Channel>())
  let suppliersLoading: Promise<void> | null = null
  let distributorsLoading: Promise<void> | null = null
  let channelsLoading: Promise<void> | null = null

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

  function loadChannels(): Promise<void> {
    channelsLoading ??= listAll<Channel>('/channels')
      .then(({ items }) => {
        channels.value = new Map(items.map((c) => [c.id, c]))
      })
      .catch((e) => {
        channelsLoading = null
        throw e
      })
    return channelsLoading
  }

  function putSupplier(s: Supplier): void {
    suppliers.value = new Map(suppliers.value).set(s.id, s)
  }

  function putDistributor(d: Distributor): void {
    distributors.value = new Map(distributors.value).set(d.id, d)
  }

  function putChannel(c: Channel): void {
    if (channelsLoading) channels.value = new Map(channels.value).set(c.id, c)
  }

  function supplierName(id: string | null | undefined): string {
    if (!id) return '—'
    return suppliers.value.get(id)?.name ?? id
  }

  function distributorName(id: string | null | undefined): string {
    if (!id) return '—'
    return distributors.value.get(id)?.name ?? id
  }

  function channelName(id: string | null | undefined): string {
    if (!id) return '—'
    return channels.value.get(id)?.name ?? id
  }

  function reset(): void {
    suppliers.value = new Map()
    distributors.value = new Map()
    channels.value = new Map()
    suppliersLoading = null
    distributorsLoading = null
    channelsLoading = null
  }

  return {
    suppliers,
    distributors,
    channels,
    loadSuppliers,
    loadDistributors,
    loadChannels,
    putSupplier,
    putDistributor,
    putChannel,
    supplierName,
    distributorName,
    channelName,
    reset,
  }
})
