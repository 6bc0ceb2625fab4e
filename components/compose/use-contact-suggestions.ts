'use client';

import { useEffect, useState } from 'react';
import { apiRequest } from '@/lib/api-client';
import type { AddressDto } from '@/lib/types';

const DEBOUNCE_MS = 150;

/** Contacts matching what is being typed, asked ~150 ms after the last key; older answers dropped. */
export function useContactSuggestions(typed: string): AddressDto[] {
  const [answer, setAnswer] = useState<{ q: string; contacts: AddressDto[] }>({ q: '', contacts: [] });
  const q = typed.trim();
  useEffect(() => {
    if (!q) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      apiRequest<{ contacts: AddressDto[] }>(`/api/contacts?q=${encodeURIComponent(q)}`, { signal: controller.signal }).then(
        ({ contacts }) => setAnswer({ q, contacts }),
        () => undefined,
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);
  return q && answer.q === q ? answer.contacts : [];
}
