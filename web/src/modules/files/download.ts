/**
 * File downloads (exports, attachments, the import template): fetched with the session cookie,
 * kept in memory as a Blob and handed to the browser as a download. Nothing goes to browser
 * storage, and no personal data goes into a URL.
 */
import { ApiError } from '../../api/client';

/** The file name of a Content-Disposition header (the UTF-8 form first). */
export function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]*)"/i.exec(header);
  return plain ? plain[1]! : null;
}

/** Reads a file as base64 (without the data: prefix), for the JSON upload routes. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** GETs `path` and saves the answer under the server's file name (or `fallback`). */
export async function downloadFile(path: string, fallback: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', headers: { accept: '*/*' } });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (!response.ok) {
    let body: { error?: { code?: string; message?: string; requestId?: string } } | undefined;
    try {
      body = (await response.json()) as typeof body;
    } catch {
      body = undefined;
    }
    throw new ApiError(response.status, body?.error?.code ?? `http_${response.status}`, body?.error?.message ?? '', [], body?.error?.requestId ?? null);
  }
  const name = dispositionName(response.headers.get('content-disposition')) ?? fallback;
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    // Give the browser a moment to start the download before the memory is released.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return name;
}

/** '1.2 MB', '350 KB'. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
