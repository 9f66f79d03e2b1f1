/**
 * The support console's route tree under /console, loaded only when a staff member opens it: a
 * customer's first page never carries the console's code.
 */
import type { RouteObject } from 'react-router';

export const consoleRoutes: RouteObject[] = [
  { path: '/console/signin', lazy: () => import('@/features/console-auth/components/console-sign-in-page').then((m) => ({ Component: m.ConsoleSignInPage })) },
  {
    path: '/console',
    lazy: () => import('./console-layout').then((m) => ({ Component: m.ConsoleLayout })),
    children: [
      { index: true, lazy: () => import('@/features/console-queue/components/queue-page').then((m) => ({ Component: m.QueuePage })) },
      { path: 'transfers/:transferId', lazy: () => import('@/features/console-transfer/components/transfer-page').then((m) => ({ Component: m.TransferPage })) },
      { path: 'accounts', lazy: () => import('@/features/console-accounts/components/accounts-page').then((m) => ({ Component: m.AccountsPage })) },
      { path: 'accounts/:accountId', lazy: () => import('@/features/console-accounts/components/account-page').then((m) => ({ Component: m.AccountPage })) },
      { path: 'staff', lazy: () => import('@/features/console-staff/components/staff-page').then((m) => ({ Component: m.StaffPage })) },
      { path: 'dashboard', lazy: () => import('@/features/console-dashboard/components/dashboard-page').then((m) => ({ Component: m.DashboardPage })) },
    ],
  },
];
