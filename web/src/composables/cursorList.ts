// A list read page by page with the API's cursors ("load more"). A reload (new filters) drops the rows and any
// answer still on its way for the old filters.
import { ref, shallowRef } from 'vue'
import { get, type Query } from '@/api/client'
import type { Page } from '@/api/types'
import { useProblems } from './problems'

export function useCursorList<T>(path: () => string, filters: () => Query, pageSize = 50) {
  const rows = shallowRef<T[]>([])
  const nextCursor = ref<string | null>(null)
  const loading = ref(false)
  const done = ref(false)
  const error = ref('')
  const { reason } = useProblems()
  let generation = 0

  async function more(): Promise<void> {
    if (done.value) return
    const mine = generation
    loading.value = true
    error.value = ''
    try {
      const page = await get<Page<T>>(path(), { ...filters(), limit: pageSize, cursor: nextCursor.value })
      if (mine !== generation) return
      rows.value = [...rows.value, ...page.items]
      nextCursor.value = page.next_cursor
      done.value = page.next_cursor === null
    } catch (e) {
      if (mine === generation) error.value = reason(e)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  async function reload(): Promise<void> {
    generation++
    rows.value = []
    nextCursor.value = null
    done.value = false
    await more()
  }

  // Puts a changed row in place (after an edit) without reading the list again.
  function replace(key: keyof T, row: T): void {
    rows.value = rows.value.map((r) => (r[key] === row[key] ? row : r))
  }

  function prepend(row: T): void {
    rows.value = [row, ...rows.value]
  }

  return { rows, loading, done, error, more, reload, replace, prepend }
}
