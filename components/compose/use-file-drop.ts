'use client';

import { useState } from 'react';

const hasFiles = (event: React.DragEvent) => event.dataTransfer.types.includes('Files');

/** Files dragged onto an element: `dragging` while they hover, `onFiles` when dropped. */
export function useFileDrop(onFiles: (files: File[]) => void) {
  const [dragging, setDragging] = useState(false);
  const handlers = {
    onDragOver(event: React.DragEvent) {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragging(true);
    },
    onDragLeave(event: React.DragEvent) {
      // Moving over a child element is not leaving.
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop(event: React.DragEvent) {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragging(false);
      onFiles([...event.dataTransfer.files]);
    },
  };
  return { dragging, handlers };
}
