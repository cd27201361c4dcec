// Attachment contents: files the bot uploads with messages and files a test attaches to a slash command are kept
// in the state and served over HTTP at their attachment URL, as Discord's CDN would (only what the stand-in handed out).
import type { APIAttachment } from 'discord-api-types/v10';
import type { StoredFile } from './model.js';
import type { StandInState } from './state.js';

/** A file sent as a multipart part next to `payload_json`. */
export interface UploadedFile {
  name: string;
  contentType: string | null;
  data: Buffer;
}

/** Keeps a file's contents and returns its attachment object, with a URL the stand-in serves (`/attachments/…`). */
export function storeFile(state: StandInState, folder: string, file: { filename: string; contentType?: string | null; data: Buffer }): APIAttachment {
  const id = state.nextId();
  state.files.set(id, { id, filename: file.filename, contentType: file.contentType ?? null, data: file.data });
  const url = `${state.cdnOrigin}/${folder}/${id}/${encodeURIComponent(file.filename)}`;
  return { id, filename: file.filename, size: file.data.length, url, proxy_url: url, ...(file.contentType ? { content_type: file.contentType } : {}) };
}

/** The file behind an attachment URL the stand-in handed out (`…/<id>/<name>`), if any. */
export function fileAt(state: StandInState, path: string): StoredFile | undefined {
  const m = /^\/(?:ephemeral-)?attachments\/\d+\/(\d+)\/[^/]+$/.exec(path);
  return m ? state.files.get(m[1]!) : undefined;
}
