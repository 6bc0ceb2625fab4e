import { ApiError, clientWords } from '@/lib/api-client';
import type { ApiErrorBody } from '@/lib/types';

export interface UploadedFile {
  id: string;
  filename: string;
  size: number;
  contentType: string;
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  try {
    const body = JSON.parse(xhr.responseText) as Partial<ApiErrorBody>;
    if (body.error) return new ApiError(xhr.status, body.error.code, body.error.message);
  } catch {
    // not our JSON
  }
  return new ApiError(xhr.status, 'http_error', clientWords.requestFailed(xhr.status));
}

/**
 * POST /api/uploads with XMLHttpRequest: fetch cannot report upload progress. The raw file is
 * the body; its name travels URI-encoded in X-Filename (headers are Latin-1).
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void): { done: Promise<UploadedFile>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadedFile>((resolve, reject) => {
    xhr.open('POST', '/api/uploads');
    xhr.setRequestHeader('X-Filename', encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => (xhr.status === 201 ? resolve(JSON.parse(xhr.responseText) as UploadedFile) : reject(errorOf(xhr)));
    xhr.onerror = () => reject(new ApiError(0, 'network', clientWords.network));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
