import type { AppDeps } from './deps.js';

/**
 * The file behind a signed link, when this process serves its own links (the embedded runtime); undefined
 * for a forged or expired link, or where the links point at the bucket (AWS).
 */
export async function openSignedFile(
  deps: Pick<AppDeps, 'files'>,
  query: URLSearchParams,
): Promise<{ bytes: Uint8Array; fileName: string; contentType: string } | undefined> {
  return deps.files.open?.(query);
}
