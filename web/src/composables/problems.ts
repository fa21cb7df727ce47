// Turning the API's problems into what people see: each field error next to its field (el-form-item :error),
// anything else in a message with the problem's detail.
import { reactive, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { ApiError } from '@/api/client'
import type { FieldError } from '@/api/types'

export function useProblems() {
  const { t, te, locale } = useI18n()

  // English shows the server's own message (it names the limits); Chinese translates the code and keeps the
  // server's message in brackets when the code alone would lose a detail such as a range.
  function fieldMessage(e: FieldError): string {
    const key = `errors.codes.${e.code}`
    const english = e.message ? e.message.charAt(0).toUpperCase() + e.message.slice(1) : e.code
    if (locale.value === 'en-US' || !te(key)) return english
    const detailed = ['out_of_range', 'too_long', 'too_short'].includes(e.code) && e.message
    return detailed ? `${t(key)}（${e.message}）` : t(key)
  }

  function reason(e: unknown): string {
    if (e instanceof ApiError) {
      if (e.status === 0) return t('errors.network')
      if (e.status === 403 && e.code === 'forbidden') return t('errors.forbidden')
      return e.detail || e.message
    }
    return e instanceof Error ? e.message : String(e)
  }

  function reportFailure(e: unknown): void {
    ElMessage({ type: 'error', message: t('common.failed', { reason: reason(e) }), showClose: true, duration: 6000 })
  }

  return { fieldMessage, reason, reportFailure }
}

// Per-form field errors. `fields` are the paths the form shows (or a test for them, when the form has rows such
// as lines[3].quantity); errors for other paths are listed above the form so nothing the server said is lost.
export function useFieldErrors(fields: string[] | ((field: string) => boolean)) {
  const shows = typeof fields === 'function' ? fields : (field: string) => fields.includes(field)
  const { t } = useI18n()
  const { fieldMessage, reason, reportFailure } = useProblems()
  const errors = reactive<Record<string, string>>({})
  const others = ref<string[]>([])

  function clear(): void {
    for (const key of Object.keys(errors)) delete errors[key]
    others.value = []
  }

  // Shows a failed submit: true when it was about fields (the form stays open to fix them).
  function show(e: unknown): boolean {
    clear()
    if (e instanceof ApiError && e.errors.length > 0 && (e.status === 422 || e.status === 400)) {
      for (const fe of e.errors) {
        const message = fieldMessage(fe)
        if (shows(fe.field)) errors[fe.field] = errors[fe.field] ? `${errors[fe.field]}; ${message}` : message
        else others.value.push(fe.field ? `${fe.field}: ${message}` : message)
      }
      // The fields say what is wrong; the message only points at them.
      ElMessage({ type: 'error', message: t('common.fixFields'), showClose: true, duration: 6000 })
      return true
    }
    if (e instanceof ApiError) others.value.push(reason(e))
    reportFailure(e)
    return false
  }

  // The errors of a field and of the fields inside it, in one line: a price field shows "lines[1].unit_price"
  // as well as "lines[1].unit_price.currency".
  function under(path: string): string {
    const found = Object.entries(errors).filter(([field]) => field === path || field.startsWith(path + '.'))
    return found.map(([, message]) => message).join('; ')
  }

  return { errors, others, clear, show, under }
}

// A dialog's save: runs `save` with `busy` set. A version conflict (someone changed the record meanwhile) closes
// the dialog with a message and calls `onConflict`, for the caller to reload; any other failure is shown by
// `show`, after `adjust` (which may move field paths to where the dialog shows them).
export function useDialogSave(options: {
  busy: Ref<boolean>
  visible: Ref<boolean>
  show: (e: unknown) => unknown
  onConflict: () => void
  conflictMessage?: string // an i18n key; common.versionConflict by default
}) {
  const { t } = useI18n()
  return async (save: () => Promise<void>, adjust?: (e: unknown) => void): Promise<void> => {
    options.busy.value = true
    try {
      await save()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version_conflict') {
        ElMessage.error(t(options.conflictMessage ?? 'common.versionConflict'))
        options.visible.value = false
        options.onConflict()
        return
      }
      adjust?.(e)
      options.show(e)
    } finally {
      options.busy.value = false
    }
  }
}
