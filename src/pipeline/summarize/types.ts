// The summarize stage's contract, shared by the offline and the LLM summarizer.

export interface SummaryInput {
  title: string;
  /** Extracted article text, paragraphs separated by blank lines. */
  text: string;
  /** ISO 639-1 code when known. */
  language?: string | undefined;
}

export interface Summarizer {
  readonly name: string;
  /** Pure CPU work equal to `summarizeOffline` with default weights: the pipeline may run it in a worker instead. */
  readonly cpuOnly?: boolean | undefined;
  /** 2–4 whole sentences (fewer only when the text has fewer) that join to at most 600 characters. */
  summarize(input: SummaryInput, signal?: AbortSignal): Promise<string[]>;
}
