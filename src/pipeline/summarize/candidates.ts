// The sentences a summary may be built from: whole sentences of the article's own text, in reading order, without
// page furniture, quoted forum posts, headings, captions without punctuation, or a last sentence cut off by "…".
import { unspacedScript } from '../../text/unspaced.js';
import { cleanSentence, isFurniture, isPageEndMarker, isPostSignature, isQuotedPost } from './furniture.js';
import { endsLikeSentence, splitBlocks, splitSentences } from './sentences.js';

export interface Candidate {
  text: string;
  /** Position among the candidates, 0 = first. */
  rank: number;
  /** Block (line or paragraph) of the article text it comes from, 0 = first. */
  block: number;
}

const SPACE_RUN = /\s+/g;

/** Long enough to summarize with: scripts written without spaces between words are measured in characters. */
function longEnough(sentence: string): boolean {
  if (unspacedScript.test(sentence)) return [...sentence].length >= 8;
  // Four pieces when split at runs of whitespace, i.e. three runs: counted without splitting the whole sentence.
  SPACE_RUN.lastIndex = 0;
  for (let runs = 0; SPACE_RUN.exec(sentence) !== null; ) if (++runs === 3) return true;
  return false;
}

/**
 * Double quotation marks in a sentence: an odd number opens or closes a quotation split at a full stop inside it.
 * Counting all kinds together keeps English “…”, German „…“, French «…» and Swedish ”…” balanced alike.
 */
function quoteMarks(sentence: string): number {
  return (sentence.match(/["“”„«»]/gu) ?? []).length;
}

function normalized(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Blocks (lines) of the article itself, each as its sentences. A quoted earlier forum post goes, and an embedded
 * social post with its signature line; so does a trailing run of furniture with the short promotional blurbs around
 * it ("DOWNLOAD THE APP" / "Ready to dive into…?").
 */
export function articleBlocks(text: string, language: string | undefined): string[][] {
  const blocks = splitBlocks(text);
  // An embedded post's signature line goes with the post's words before it.
  const post = blocks.map(isPostSignature);
  const kept = blocks
    .filter((block, i) => !post[i] && !post[i + 1] && !isQuotedPost(block))
    .map((block) => splitSentences(block, language));
  // Drop from the earliest page-end marker in the second half that only short blurbs (two at most) follow.
  let tail = kept.length;
  let blurbs = 0;
  for (let i = kept.length - 1; i >= Math.floor(kept.length / 2) && blurbs <= 2; i--) {
    const sentences = kept[i] as string[];
    const block = sentences.join(' ');
    if (sentences.every((s) => isFurniture(cleanSentence(s)))) {
      if (isPageEndMarker(cleanSentence(block))) tail = i;
    } else if (sentences.length <= 2 && block.length <= 300) {
      blurbs++;
    } else {
      break;
    }
  }
  return kept.slice(0, tail);
}

export interface CandidateOptions {
  /** Accept sentences of fewer than four words (fall-back for texts made only of short sentences). */
  allowShort?: boolean;
  /** Accept lines without final punctuation (fall-back for texts that have no sentence at all). */
  allowUnterminated?: boolean;
}

export function candidateSentences(title: string, text: string, language?: string, options: CandidateOptions = {}): Candidate[] {
  return candidatesOfBlocks(title, articleBlocks(text, language), options);
}

/** candidateSentences of blocks split beforehand: the offline summarizer's fall-backs read the same blocks again. */
/** Longest line read as one piece of page furniture: banners and captions are short, an article's paragraphs longer. */
const furnitureLineLength = 320;

export function candidatesOfBlocks(title: string, blocks: string[][], options: CandidateOptions = {}): Candidate[] {
  const titleKey = normalized(title);
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  blocks.forEach((sentences, block) => {
    // A short line with furniture in it is furniture throughout: a cookie banner's or a caption's other sentences
    // ("By continuing you agree.", the photo's description before "REUTERS/Name") are not the article's.
    if (sentences.length > 1 && sentences.reduce((n, s) => n + s.length, 0) <= furnitureLineLength && sentences.some((s) => isFurniture(cleanSentence(s)))) return;
    // Whether a quotation opened earlier in the block is still open: a sentence inside one ("We will leave. We will
    // decide when.") is a piece of someone's words, and in a summary it reads as the outlet's own.
    let quoteOpen = false;
    sentences.forEach((raw, i) => {
      const sentence = cleanSentence(raw);
      const marks = quoteMarks(sentence);
      const insideQuote = quoteOpen || marks % 2 === 1;
      if (marks % 2 === 1) quoteOpen = !quoteOpen;
      const key = normalized(sentence);
      if (key === '' || key === titleKey || seen.has(key)) return;
      seen.add(key);
      if (isFurniture(sentence) || insideQuote) return;
      if (!endsLikeSentence(sentence) && !(options.allowUnterminated && longEnough(sentence))) return;
      if (!longEnough(sentence) && !options.allowShort) return;
      // A text cut off mid-thought ("…is a way of...") ends with an ellipsis: that sentence is not whole.
      const last = block === blocks.length - 1 && i === sentences.length - 1;
      if (/(\.\.\.|…)[\p{Pf}'"”’)]*$/u.test(sentence) && last) return;
      candidates.push({ text: sentence, rank: candidates.length, block });
    });
  });
  return candidates;
}
