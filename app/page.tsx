import { redirect } from 'next/navigation';
import { getCurrentSession } from '@/server/session/current';

export default async function Home() {
  redirect((await getCurrentSession()) ? '/mail' : '/login');
}
