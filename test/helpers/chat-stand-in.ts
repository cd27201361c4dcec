// A stand-in OpenAI-compatible chat-completions server on 127.0.0.1 for the LLM summarizer's and the translator's
// tests: it records each request and answers with whatever behaviour the test set last.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ChatBehaviour = (res: ServerResponse) => void;

export interface SeenChatRequest {
  url: string;
  authorization: string | undefined;
  body: { model: string; messages: { role: string; content: string }[]; max_tokens?: number };
}

/**
 * A 200 answer whose first choice's message content is `content` (any JSON value, to test malformed answers), stopped
 * for `finishReason` ('length' when max_tokens cut it; undefined leaves the field out, as some servers do).
 */
export function chatAnswer(content: unknown, finishReason: string | undefined = 'stop'): ChatBehaviour {
  return (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const choice = { index: 0, message: { role: 'assistant', content }, finish_reason: finishReason };
    res.end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [choice] }));
  };
}

export interface ChatStandIn {
  /** `http://127.0.0.1:<port>/v1` */
  base: string;
  seen: SeenChatRequest[];
  answerWith(behaviour: ChatBehaviour): void;
  close(): Promise<void>;
}

export async function startChatStandIn(initial: ChatBehaviour): Promise<ChatStandIn> {
  let behaviour = initial;
  const seen: SeenChatRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(raw) as SeenChatRequest['body'] });
      behaviour(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    seen,
    answerWith: (next) => void (behaviour = next),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
