'use client';

import { useTranslations } from '@/lib/i18n/client';
import { lazy, Suspense, type ComponentProps } from 'react';

// React.lazy rather than next/dynamic: the same code splitting without next/dynamic's loader
// in the mail view's first download. The composer is never server-rendered (it opens on a click).
const Composer = lazy(() => import('./Composer').then((m) => ({ default: m.Composer })));

/**
 * The composer, loaded when first opened: its code and the editor library stay out of the
 * mail view's first download.
 */
export function LazyComposer(props: ComponentProps<typeof Composer>) {
  const t = useTranslations('compose');
  return (
    <Suspense
      fallback={
        <div className="fixed right-6 bottom-0 z-40 rounded-t-xl bg-slate-800 px-4 py-2 text-sm text-white shadow-2xl" role="status">
          {t('opening')}
        </div>
      }
    >
      <Composer {...props} />
    </Suspense>
  );
}
