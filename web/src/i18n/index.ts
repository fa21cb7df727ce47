// vue-i18n set-up: zh-CN by default, en-US by the switch in the header; the choice is kept in localStorage.
import { createI18n } from 'vue-i18n'
import enUS from './en-US'
import zhCN from './zh-CN'

export type Locale = 'zh-CN' | 'en-US'
export const kLocales: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en-US', label: 'English' },
]
const kLocaleKey = 'daifa.locale'

function savedLocale(): Locale {
  const saved = localStorage.getItem(kLocaleKey)
  return saved === 'en-US' || saved === 'zh-CN' ? saved : 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'zh-CN',
  warnHtmlMessage: false, // texts are never rendered as HTML (no v-html); "<token>" is just text
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
})

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  localStorage.setItem(kLocaleKey, locale)
  document.documentElement.lang = locale
}

document.documentElement.lang = savedLocale()
