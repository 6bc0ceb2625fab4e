'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { apiRequest } from '@/lib/api-client';
import { withFolderCounts } from '@/lib/live-merge';
import type { FolderDto } from '@/lib/types';
import type { FolderCounts } from '../mail/use-live-updates';

/**
 * The folder tree's data: loaded with the page, fetched again after actions, and kept current by
 * the live stream's counts. "Show unsubscribed" lists every folder.
 */
export function useFolders(initialFolders: FolderDto[] | null) {
  const [folders, setFolders] = useState<FolderDto[] | null>(initialFolders);
  const [error, setError] = useState<string | null>(null);
  const [showUnsubscribed, setShowUnsubscribed] = useState(false);

  const refreshFolders = useCallback(
    () =>
      apiRequest<{ folders: FolderDto[] }>(`/api/folders${showUnsubscribed ? '?all=1' : ''}`).then(
        (data) => {
          setFolders(data.folders);
          setError(null);
        },
        (failure: Error) => setError(failure.message),
      ),
    [showUnsubscribed],
  );

  const firstLoad = useRef(true);
  useEffect(() => {
    // First paint came with folders unless the mail server was down; later runs follow the
    // "show unsubscribed" toggle.
    if (!firstLoad.current || !initialFolders) void refreshFolders();
    firstLoad.current = false;
  }, [initialFolders, refreshFolders]);

  /**
   * Counts from the live stream (every folder): only folders already listed change. One of the
   * user's own listed and not counted was deleted elsewhere: the tree is fetched again. (Other
   * users' folders may be listed from share hints, which the counts leave out.)
   */
  const applyCounts = useCallback(
    (counts: FolderCounts) => {
      if (folders?.some((f) => f.namespace === 'personal' && !counts.some((c) => c.path === f.path))) void refreshFolders();
      setFolders((prev) => withFolderCounts(prev, counts));
    },
    [folders, refreshFolders],
  );

  /** One message of `path` read or unread here: the count follows at once. */
  const adjustUnread = useCallback((path: string | undefined, seen: boolean) => {
    setFolders((prev) => prev?.map((f) => (f.path === path && f.unread !== null ? { ...f, unread: Math.max(0, f.unread + (seen ? -1 : 1)) } : f)) ?? prev);
  }, []);

  return { folders, error, showUnsubscribed, setShowUnsubscribed, refreshFolders, applyCounts, adjustUnread };
}
