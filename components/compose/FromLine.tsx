'use client';

import type { AddressDto } from '@/lib/types';

const NAME_KEY = 'wren.displayName';

/** The display name the user chose last time (kept in this browser), else the server's. */
export function readDisplayName(fallback: string): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? fallback;
  } catch {
    return fallback;
  }
}

function storeDisplayName(name: string) {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // Private mode or storage full: the name still goes with this message.
  }
}

/** "From: [name] <address>": the address is the account's; the name is the user's to choose. */
export function FromLine({ from, name, onName }: { from: AddressDto; name: string; onName: (name: string) => void }) {
  return (
    <div className="flex items-center gap-2 border-b border-slate-100 px-4 py-1.5 text-sm">
      <span className="w-10 shrink-0 text-slate-500">From</span>
      <input
        aria-label="Your name"
        placeholder="Your name"
        value={name}
        maxLength={200}
        onChange={(e) => {
          onName(e.target.value);
          storeDisplayName(e.target.value);
        }}
        className="min-w-0 flex-1 rounded px-1 py-0.5 outline-none hover:bg-slate-50 focus:bg-slate-50 sm:max-w-48"
      />
      <span className="truncate text-slate-600" data-testid="from-address">
        &lt;{from.address}&gt;
      </span>
    </div>
  );
}
