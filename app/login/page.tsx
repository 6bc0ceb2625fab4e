import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login/LoginForm';
import { getCurrentSession } from '@/server/session/current';

export const metadata = { title: 'Sign in – Wren' };

export default async function LoginPage() {
  if (await getCurrentSession()) redirect('/mail');
  return (
    <main className="flex min-h-full items-center justify-center bg-slate-50 px-4">
      <LoginForm />
    </main>
  );
}
