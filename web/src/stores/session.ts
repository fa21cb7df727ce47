// Who is signed in. The session itself is the HttpOnly cookie; the console keeps the user and the CSRF token.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError, get, getCsrfToken, post, request, setCsrfToken } from '@/api/client'
import type { LoginResponse, Role, User } from '@/api/types'
import { useDirectory } from './directory'

// A new tab shares the cookie but not sessionStorage, and the API gives the CSRF token only at sign-in. Tabs of
// the same session hand it over on this channel; the answer is only used if it is for the same user.
const kChannelName = 'daifa.session'
const kAskTimeoutMs = 400

// ask/answer: a new tab asks for the token. signed-in/signed-out: another tab changed the session the cookie
// holds, so this tab follows (the cookie is shared by all tabs).
interface CsrfMessage {
  kind: 'ask' | 'answer' | 'signed-in' | 'signed-out'
  userId: string
  token?: string
}

const channel: BroadcastChannel | null = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(kChannelName)

export const useSession = defineStore('session', () => {
  const user = ref<User | null>(null)
  const loaded = ref(false)
  const canWrite = ref(getCsrfToken() !== null)

  const role = computed<Role | null>(() => user.value?.role ?? null)
  const isStaff = computed(() => ['owner', 'operator', 'agent', 'finance'].includes(role.value ?? ''))
  const canEditParties = computed(() => role.value === 'owner' || role.value === 'operator')

  channel?.addEventListener('message', (event: MessageEvent<CsrfMessage>) => {
    const msg = event.data
    const token = getCsrfToken()
    if (msg.kind === 'ask' && user.value && msg.userId === user.value.id && token) {
      channel.postMessage({ kind: 'answer', userId: user.value.id, token } satisfies CsrfMessage)
    } else if (msg.kind === 'signed-in' && user.value) {
      if (msg.userId === user.value.id && msg.token) {
        setCsrfToken(msg.token)
        canWrite.value = true
      } else {
        window.location.reload() // someone else signed in: this tab now acts as them, so start over
      }
    } else if (msg.kind === 'signed-out' && user.value) {
      forget()
      window.location.assign('/login')
    }
  })

  function askOtherTabs(userId: string): Promise<string | null> {
    if (!channel) return Promise.resolve(null)
    return new Promise((resolve) => {
      const listener = (event: MessageEvent<CsrfMessage>) => {
        if (event.data.kind === 'answer' && event.data.userId === userId && event.data.token) {
          finish(event.data.token)
        }
      }
      const timer = window.setTimeout(() => finish(null), kAskTimeoutMs)
      function finish(token: string | null) {
        window.clearTimeout(timer)
        channel!.removeEventListener('message', listener)
        resolve(token)
      }
      channel.addEventListener('message', listener)
      channel.postMessage({ kind: 'ask', userId } satisfies CsrfMessage)
    })
  }

  // GET /auth/me once at start: a valid cookie means signed in.
  async function load(): Promise<void> {
    try {
      const me = await request<User & { csrf_token?: string }>('GET', '/auth/me', { noUnauthorizedRedirect: true })
      const { csrf_token: sessionToken, ...who } = me
      user.value = who
      if (sessionToken) setCsrfToken(sessionToken)  // a new tab of a signed-in session
      if (!getCsrfToken()) {
        const token = await askOtherTabs(me.id)
        if (token) setCsrfToken(token)
      }
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) throw e
      user.value = null
      setCsrfToken(null)
    } finally {
      canWrite.value = getCsrfToken() !== null
      loaded.value = true
    }
  }

  async function login(email: string, password: string): Promise<void> {
    const answer = await request<LoginResponse>('POST', '/auth/login', {
      body: { email, password },
      noUnauthorizedRedirect: true,
    })
    useDirectory().reset()
    setCsrfToken(answer.csrf_token)
    canWrite.value = true
    user.value = answer.user
    loaded.value = true
    channel?.postMessage({ kind: 'signed-in', userId: answer.user.id, token: answer.csrf_token } satisfies CsrfMessage)
  }

  async function logout(): Promise<void> {
    try {
      await post<void>('/auth/logout', undefined)
    } finally {
      const userId = user.value?.id ?? ''
      forget()
      channel?.postMessage({ kind: 'signed-out', userId } satisfies CsrfMessage)
    }
  }

  // The session is gone (401): drop what the console knew.
  function forget(): void {
    useDirectory().reset()
    user.value = null
    setCsrfToken(null)
    canWrite.value = false
  }

  async function refresh(): Promise<void> {
    user.value = await get<User>('/auth/me')
  }

  return { user, loaded, canWrite, role, isStaff, canEditParties, load, login, logout, forget, refresh }
})
