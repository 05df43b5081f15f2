// The article's text as one string, with a map from its offsets back to the DOM text nodes it came from,
// so that mentions found in the string can be painted on the page. Basic DOM only (browser and linkedom).

export interface TextSegment {
  node: Text;
  /** offset of node.data[0] in the extracted text */
  start: number;
}
export interface ExtractedText {
  text: string;
  segments: TextSegment[];
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const BLOCK_SEPARATOR = '\n\n';
const SKIPPED_TAGS =
  /^(?:script|style|noscript|template|svg|math|button|figcaption|iframe|object|video|audio|canvas|select|textarea)$/;
// Photo captions and credits often live in classed divs/spans rather than <figcaption>.
const CAPTION_CLASS = /(?:^|[\s_-])(?:caption|credit)/i;
// Our UI hosts hold no article text; our mention wrappers (<backstory-mention>) do.
const OWN_UI_TAGS = /^backstory-(?:sidebar|card)$/;

function skipped(el: Element): boolean {
  const tag = (el.tagName ?? '').toLowerCase();
  if (tag.startsWith('backstory-')) return OWN_UI_TAGS.test(tag);
  return (
    SKIPPED_TAGS.test(tag) ||
    el.getAttribute('hidden') !== null ||
    el.getAttribute('aria-hidden') === 'true' ||
    el.getAttribute('data-backstory') !== null ||
    CAPTION_CLASS.test(el.getAttribute('class') ?? '')
  );
}

/** Concatenates the text nodes under the blocks verbatim (offsets map 1:1), blocks separated by "\n\n". */
export function extractText(blocks: Element[]): ExtractedText {
  const parts: string[] = [];
  const segments: TextSegment[] = [];
  // A block may sit inside another (a lead inside the body's container): it is read once, where it
  // is first reached. Only blocks are remembered; a long article has tens of thousands of nodes.
  const isBlock = new Set<Node>(blocks);
  const read = new Set<Node>();
  let length = 0;
  for (const block of blocks) {
    let blockHasText = false;
    // An explicit stack: malformed pages can nest thousands of unclosed elements.
    const stack: Node[] = [block];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.nodeType === TEXT_NODE) {
        const data = (node as Text).data;
        if (!data) continue;
        if (!blockHasText && parts.length) {
          parts.push(BLOCK_SEPARATOR);
          length += BLOCK_SEPARATOR.length;
        }
        blockHasText = true;
        segments.push({ node: node as Text, start: length });
        parts.push(data);
        length += data.length;
      } else if (node.nodeType === ELEMENT_NODE && !skipped(node as Element)) {
        if (isBlock.has(node)) {
          if (read.has(node)) continue;
          read.add(node);
        }
        for (let kid = node.lastChild; kid; kid = kid.previousSibling) stack.push(kid);
      }
    }
  }
  return { text: parts.join(''), segments };
}

/** Maps [start, end) of the extracted text to DOM pieces (one per text node it crosses), skipping separators. */
export function locate(
  extracted: ExtractedText,
  start: number,
  end: number,
): { node: Text; startOffset: number; endOffset: number }[] {
  const out: { node: Text; startOffset: number; endOffset: number }[] = [];
  const segs = extracted.segments;
  // Binary search for the last segment starting at or before `start`.
  let lo = 0;
  let hi = segs.length - 1;
  let i = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid]!.start <= start) {
      i = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (; i < segs.length && segs[i]!.start < end; i++) {
    const { node, start: s } = segs[i]!;
    const a = Math.max(start, s) - s;
    const b = Math.min(end, s + node.data.length) - s;
    if (b > a) out.push({ node, startOffset: a, endOffset: b });
  }
  return out;
}
