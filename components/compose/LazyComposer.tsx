'use client';

import dynamic from 'next/dynamic';

/**
 * The composer, loaded when first opened: its code and the editor library stay out of the
 * mail view's first download.
 */
export const LazyComposer = dynamic(() => import('./Composer').then((m) => m.Composer), {
  ssr: false,
  loading: () => (
    <div className="fixed right-6 bottom-0 z-40 rounded-t-xl bg-slate-800 px-4 py-2 text-sm text-white shadow-2xl" role="status">
      Opening…
    </div>
  ),
});
