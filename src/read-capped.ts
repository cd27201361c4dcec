// Reading a body of unknown size whole, up to a bound: an attachment, a model's answer, a request to the REST proxy.
// Each held the whole of what a peer sent before, and one answering hundreds of megabytes ran the bot out of memory.

/**
 * The body's bytes, or undefined once they pass `maxBytes`: the loop is left there, which cancels the rest (a web
 * stream) or destroys the stream (Node's), so nothing more is read or held.
 */
export async function readCapped(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
