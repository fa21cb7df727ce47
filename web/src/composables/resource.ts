// One thing read from the API for a page (an order, its history…): the value, whether it is loading, the
// reason it failed. A reload replaces it; an answer to an older reload is dropped.
import { ref, shallowRef } from 'vue'
import { useProblems } from './problems'

export function useResource<T>(load: () => Promise<T>) {
  const data = shallowRef<T | null>(null)
  const loading = ref(false)
  const error = ref('')
  const { reason } = useProblems()
  let generation = 0

  async function reload(): Promise<void> {
    const mine = ++generation
    loading.value = true
    error.value = ''
    try {
      const value = await load()
      if (mine === generation) data.value = value
    } catch (e) {
      if (mine === generation) error.value = reason(e)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  // Puts a value the page already has (an action's answer) in place without reading again.
  function set(value: T): void {
    generation++
    loading.value = false
    error.value = ''
    data.value = value
  }

  return { data, loading, error, reload, set }
}
