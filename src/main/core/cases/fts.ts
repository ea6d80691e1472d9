/**
 * How Chinese is made searchable in the case library.
 *
 * Measured on SQLite's FTS5 (tests/unit/console-cases.test.ts keeps the proof):
 *  - `unicode61` splits on spaces and punctuation only. Chinese has neither
 *    between words, so "浦东新区暴雨积水严重" is ONE token, and a search for
 *    积水 finds nothing.
 *  - `trigram` indexes every 3-character window, so substrings of ≥3 characters
 *    match, but a 2-character query (积水, 燃气, 地铁, 火灾 — most Chinese words
 *    are two characters) matches nothing through MATCH and LIKE falls back to a
 *    full scan, which misses the 50 ms budget at a million cases. It also
 *    roughly triples the index size.
 *  - Chosen: keep `unicode61` (good for English, Latin refs like WF-20261129-0042,
 *    diacritics) and feed it CJK runs pre-split into overlapping bigrams, plus the
 *    run's last character on its own. A query is split the same way and its
 *    bigrams are searched as a phrase, so 积水 and 暴雨积水 both match exactly,
 *    and a single character (水) becomes a prefix query (水*), which matches
 *    both a bigram starting with it and the trailing unigram.
 */

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2a6df}]+/gu;
const HAS_CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

function bigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1]);
  out.push(chars[chars.length - 1]);
  return out;
}

/** Text as it goes into the index: every CJK run replaced by its bigrams. */
export function toIndexText(text: string): string {
  return text.replace(CJK, (run) => ` ${bigrams(run).join(' ')} `);
}

/**
 * An FTS5 MATCH expression for what an operator typed. Terms are ANDed; each
 * is quoted, so FTS syntax in the input (NEAR, *, quotes, column filters) is
 * treated as text rather than letting a typo become a syntax error.
 * Returns null when nothing searchable is left.
 */
export function toMatchQuery(input: string): string | null {
  const parts: string[] = [];
  const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  for (const raw of input.split(/[\s,，。;；、]+/u)) {
    if (!raw) continue;
    // Split each whitespace term into its CJK and non-CJK pieces.
    const pieces = raw.split(/([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)/u).filter((p) => p.length > 0);
    for (const piece of pieces) {
      if (HAS_CJK.test(piece)) {
        const chars = Array.from(piece);
        if (chars.length === 1) {
          parts.push(`${quote(piece)}*`);
        } else {
          const grams: string[] = [];
          for (let i = 0; i < chars.length - 1; i++) grams.push(chars[i] + chars[i + 1]);
          parts.push(quote(grams.join(' ')));
        }
      } else {
        const word = piece.replace(/[^\p{L}\p{N}_-]+/gu, ' ').trim();
        for (const w of word.split(/\s+/)) {
          if (!w) continue;
          // Words of 3+ letters match as prefixes too: "waterlog" finds "waterlogging".
          parts.push(w.length >= 3 ? `${quote(w)}*` : quote(w));
        }
      }
    }
  }
  return parts.length > 0 ? parts.join(' AND ') : null;
}
