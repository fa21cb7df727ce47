// The shape of every action that changes something: ask first (a confirmation, or a reason to type), then do
// it and say so — success, or the API's reason it failed. Bulk actions do each item on its own and report
// each item's outcome, because one refused order must not hide that the others went through.
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { useProblems } from './problems'

export interface BulkOutcome<I> {
  item: I
  ok: boolean
  reason: string
}

export interface AskOptions {
  confirmText: string
  danger?: boolean
  required?: boolean // the typed text must not be empty (a cancel or reject reason)
  placeholder?: string
}

export function useActions() {
  const { t } = useI18n()
  const { reason, reportFailure } = useProblems()

  // true when the person confirmed.
  async function confirm(message: string, confirmText: string, danger = false): Promise<boolean> {
    try {
      await ElMessageBox.confirm(message, t('common.confirmTitle'), {
        type: 'warning',
        confirmButtonText: confirmText,
        cancelButtonText: t('common.cancel'),
        confirmButtonClass: danger ? 'el-button--danger' : undefined,
      })
      return true
    } catch {
      return false
    }
  }

  // The text typed (trimmed), or null when the person backed out.
  async function ask(message: string, options: AskOptions): Promise<string | null> {
    try {
      const answer = await ElMessageBox.prompt(message, t('common.confirmTitle'), {
        confirmButtonText: options.confirmText,
        cancelButtonText: t('common.cancel'),
        confirmButtonClass: options.danger ? 'el-button--danger' : undefined,
        inputPlaceholder: options.placeholder,
        inputValidator: (value: string | null) => !options.required || (value ?? '').trim() !== '' || t('errors.codes.required'),
        customClass: 'ask-box',
      })
      return ((answer as { value: string | null }).value ?? '').trim()
    } catch {
      return null
    }
  }

  // Runs one change: the success message, or the failure with the API's reason. null when it failed.
  async function run<T>(call: () => Promise<T>, success: string): Promise<T | null> {
    try {
      const result = await call()
      ElMessage.success(success)
      return result
    } catch (e) {
      reportFailure(e)
      return null
    }
  }

  // One change per item, in turn (the server writes one at a time anyway), each outcome kept.
  async function runEach<I>(items: I[], call: (item: I) => Promise<unknown>): Promise<BulkOutcome<I>[]> {
    const outcomes: BulkOutcome<I>[] = []
    for (const item of items) {
      try {
        await call(item)
        outcomes.push({ item, ok: true, reason: '' })
      } catch (e) {
        outcomes.push({ item, ok: false, reason: reason(e) })
      }
    }
    const failed = outcomes.filter((o) => !o.ok).length
    const message = t('common.bulkDone', { ok: outcomes.length - failed, failed })
    ElMessage({ type: failed === 0 ? 'success' : failed === outcomes.length ? 'error' : 'warning', message, showClose: true })
    return outcomes
  }

  return { confirm, ask, run, runEach }
}
