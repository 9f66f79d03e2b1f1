/**
 * The customer's route tree. Public pages (sign up, sign in, code) sit in the public layout;
 * everything else needs a session and sits in the app layout with its navigation. The support
 * console has its own tree, session and layout under /console (app/console/routes.tsx).
 */
import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, Navigate } from 'react-router';
import { AdvancesPage } from '@/features/advances/components/advances-page';
import { ApplyPage } from '@/features/apply/components/apply-page';
import { CodePage } from '@/features/auth/components/code-page';
import { SecondFactorPage } from '@/features/auth/components/second-factor-page';
import { SignInPage } from '@/features/auth/components/sign-in-page';
import { SignUpPage } from '@/features/auth/components/sign-up-page';
import { LinkBankPage } from '@/features/bank/components/link-bank-page';
import { HomePage } from '@/features/home/components/home-page';
import { SettingsPage } from '@/features/settings/components/settings-page';
import { SecurityPage } from '@/features/security/components/security-page';
import { consoleRoutes } from './console/routes';
import { AppLayout } from './layouts/app-layout';
import { PublicLayout } from './layouts/public-layout';
import { NotFound } from './not-found';
import { RouteError } from './route-error';

export function createAppRouter(_queryClient: QueryClient) {
  return createBrowserRouter([
    {
      errorElement: <RouteError />,
      children: [
        {
          element: <PublicLayout />,
          children: [
            { path: '/signup', element: <SignUpPage /> },
            { path: '/signin', element: <SignInPage /> },
            { path: '/verify', element: <CodePage /> },
            { path: '/verify/second-step', element: <SecondFactorPage /> },
          ],
        },
        {
          element: <AppLayout />,
          children: [
            { path: '/', element: <HomePage /> },
            { path: '/link', element: <LinkBankPage /> },
            { path: '/apply', element: <ApplyPage /> },
            { path: '/apply/:applicationId', element: <ApplyPage /> },
            { path: '/advances', element: <AdvancesPage /> },
            { path: '/settings', element: <SettingsPage /> },
            { path: '/settings/security', element: <SecurityPage /> },
          ],
        },
        ...consoleRoutes,
        { path: '/home', element: <Navigate to="/" replace /> },
        { path: '*', element: <NotFound /> },
      ],
    },
  ]);
}
