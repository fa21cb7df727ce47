// Routes and who may open them. The roles here mirror the API's (x-roles in docs/api/openapi.json), so the
// menu never offers a page whose calls would answer 403.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/types'
import { onUnauthorized } from '@/api/client'
import { useSession } from '@/stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    roles?: Role[]
  }
}

const staff: Role[] = ['owner', 'operator', 'agent', 'finance']
const orderWriters: Role[] = ['owner', 'operator', 'agent'] // finance reads orders, never changes them
const managers: Role[] = ['owner', 'operator']

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('@/layout/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: { render: () => null } },
      { path: 'dashboard', name: 'dashboard', component: () => import('@/views/DashboardView.vue'), meta: { roles: staff } },
      { path: 'suppliers', name: 'suppliers', component: () => import('@/views/SuppliersView.vue'), meta: { roles: staff } },
      {
        path: 'distributors',
        name: 'distributors',
        component: () => import('@/views/DistributorsView.vue'),
        meta: { roles: staff },
      },
      {
        path: 'products',
        name: 'products',
        component: () => import('@/views/ProductsView.vue'),
        meta: { roles: [...staff, 'distributor'] },
      },
      {
        path: 'offers',
        name: 'offers',
        component: () => import('@/views/OffersView.vue'),
        meta: { roles: ['owner', 'operator', 'finance', 'supplier'] },
      },
      {
        path: 'channels',
        name: 'channels',
        component: () => import('@/views/ChannelsView.vue'),
        meta: { roles: ['owner', 'operator'] },
      },
      {
        path: 'channels/:id',
        name: 'channel-listings',
        component: () => import('@/views/ListingsView.vue'),
        // A distributor opens its own shops' listings from its profile (prices and live stock, no costs).
        meta: { roles: ['owner', 'operator', 'distributor'] },
        props: true,
      },
      { path: 'orders', name: 'orders', component: () => import('@/views/OrdersView.vue'), meta: { roles: staff } },
      {
        path: 'orders/holds',
        name: 'order-holds',
        component: () => import('@/views/HoldQueueView.vue'),
        meta: { roles: orderWriters },
      },
      { path: 'orders/:id', name: 'order', component: () => import('@/views/OrderView.vue'), meta: { roles: staff }, props: true },
      {
        path: 'my/orders',
        name: 'my-orders',
        component: () => import('@/views/OrdersView.vue'),
        meta: { roles: ['distributor'] },
      },
      {
        path: 'my/orders/:id',
        name: 'my-order',
        component: () => import('@/views/OrderView.vue'),
        meta: { roles: ['distributor'] },
        props: true,
      },
      {
        path: 'purchase-orders',
        name: 'purchase-orders',
        component: () => import('@/views/PurchaseOrdersView.vue'),
        meta: { roles: [...orderWriters, 'supplier'] },
      },
      {
        path: 'purchase-orders/:id',
        name: 'purchase-order',
        component: () => import('@/views/PurchaseOrderView.vue'),
        meta: { roles: [...staff, 'supplier'] },
        props: true,
      },
      {
        path: 'shipments',
        name: 'shipments',
        component: () => import('@/views/ShipmentsView.vue'),
        meta: { roles: [...staff, 'supplier', 'distributor'] },
      },
      {
        path: 'blacklist',
        name: 'blacklist',
        component: () => import('@/views/BlacklistView.vue'),
        meta: { roles: managers },
      },
      {
        path: 'alerts',
        name: 'alerts',
        component: () => import('@/views/AlertsView.vue'),
        meta: { roles: ['owner', 'operator', 'finance', 'supplier'] },
      },
      {
        path: 'stock-journal',
        name: 'stock-journal',
        component: () => import('@/views/StockJournalView.vue'),
        meta: { roles: ['owner', 'operator', 'finance', 'supplier', 'distributor'] },
      },
      {
        path: 'imports',
        name: 'imports',
        component: () => import('@/views/ImportsView.vue'),
        meta: { roles: ['owner', 'operator', 'agent', 'supplier', 'distributor'] },
      },
      { path: 'users', name: 'users', component: () => import('@/views/UsersView.vue'), meta: { roles: ['owner'] } },
      { path: 'tokens', name: 'tokens', component: () => import('@/views/TokensView.vue') },
      {
        path: 'my/supplier',
        name: 'my-supplier',
        component: () => import('@/views/MySupplierView.vue'),
        meta: { roles: ['supplier'] },
      },
      {
        path: 'my/distributor',
        name: 'my-distributor',
        component: () => import('@/views/MyDistributorView.vue'),
        meta: { roles: ['distributor'] },
      },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue') },
    ],
  },
]

// Where each role starts.
export function homeFor(role: Role | null): string {
  if (role === 'supplier') return '/my/supplier'
  if (role === 'distributor') return '/products'
  return '/dashboard'
}

export const router = createRouter({ history: createWebHistory('/'), routes })

router.beforeEach(async (to) => {
  const session = useSession()
  if (!session.loaded) await session.load()
  if (to.meta.public) return to.name === 'login' && session.user ? homeFor(session.role) : true
  if (!session.user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  if (to.name === 'home') return homeFor(session.role)
  const roles = to.meta.roles
  if (roles && !roles.includes(session.role!)) return homeFor(session.role)
  return true
})

// A 401 on any call: the session has ended; go to sign-in and come back afterwards.
onUnauthorized(() => {
  const session = useSession()
  const wasSignedIn = session.user !== null
  session.forget()
  const current = router.currentRoute.value
  if (current.name !== 'login') {
    router.push({ name: 'login', query: { redirect: current.fullPath, ...(wasSignedIn ? { ended: '1' } : {}) } })
  }
})
