// A bench asked for what it cannot do (an option missing or wrong, no server to run on): bench/index.ts says so in
// words, with the bench's usage, rather than a stack trace.
export class BenchUsageError extends Error {
  override name = 'BenchUsageError';
}
