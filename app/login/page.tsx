import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { PageI18n } from '@/lib/i18n/provider';
import { LOGIN_NAMESPACES } from '@/lib/i18n/namespaces';
import { LoginForm } from '@/components/login/LoginForm';
import { safeNextPath } from '@/lib/mail-url';
import { messageOfCode } from '@/server/errors';
import { getCurrentSession } from '@/server/session/current';

// The form posts to this origin before its JavaScript has loaded; under the site-wide
// `no-referrer` policy the browser would send `Origin: null`, which the Origin check refuses.
// `same-origin` sends this origin to ourselves and still nothing to anyone else.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('login');
  return { title: t('pageTitle'), referrer: 'same-origin' };
}

export default async function LoginPage({ searchParams }: PageProps<'/login'>) {
  // A link that needed sign-in goes on to where it pointed; only a mail view path of this origin.
  const { next, error } = await searchParams;
  const target = safeNextPath(typeof next === 'string' ? next : null);
  if (await getCurrentSession()) redirect(target);
  // The form posted without JavaScript and was refused: the code names why (never the input).
  const refused = messageOfCode(typeof error === 'string' ? error : undefined, await getLocale());
  return (
    <main className="flex min-h-full items-center justify-center bg-slate-50 px-4">
      <PageI18n namespaces={LOGIN_NAMESPACES}>
        <LoginForm next={target} initialError={refused} />
      </PageI18n>
    </main>
  );
}
