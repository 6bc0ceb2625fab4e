import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login/LoginForm';
import { safeNextPath } from '@/lib/mail-url';
import { getCurrentSession } from '@/server/session/current';

export const metadata = { title: 'Sign in – Wren' };

export default async function LoginPage({ searchParams }: PageProps<'/login'>) {
  // A link that needed sign-in goes on to where it pointed; only a mail view path of this origin.
  const { next } = await searchParams;
  const target = safeNextPath(typeof next === 'string' ? next : null);
  if (await getCurrentSession()) redirect(target);
  return (
    <main className="flex min-h-full items-center justify-center bg-slate-50 px-4">
      <LoginForm next={target} />
    </main>
  );
}
