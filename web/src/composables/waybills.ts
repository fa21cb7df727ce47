// Printing waybills (电子面单): POST /waybills answers one PDF for the batch. It opens in a new tab from a Blob
// URL (the session cookie never leaves the page); when the browser blocks the tab, the link stays on the page
// to open or download it.
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { postForBlob } from '@/api/client'
import { useProblems } from './problems'

export function useWaybills() {
  const { t } = useI18n()
  const { reportFailure } = useProblems()
  const printing = ref(false)
  const pdfUrl = ref('')
  const pdfName = ref('')

  async function print(shipmentIds: string[]): Promise<boolean> {
    if (!shipmentIds.length) return false
    printing.value = true
    try {
      const blob = await postForBlob('/waybills', { shipment_ids: shipmentIds })
      if (pdfUrl.value) URL.revokeObjectURL(pdfUrl.value)
      pdfUrl.value = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }))
      pdfName.value = `waybills-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '')}.pdf`
      window.open(pdfUrl.value, '_blank')
      ElMessage.success(t('shipment.printed', { n: shipmentIds.length }))
      return true
    } catch (e) {
      reportFailure(e)
      return false
    } finally {
      printing.value = false
    }
  }

  return { print, printing, pdfUrl, pdfName }
}
