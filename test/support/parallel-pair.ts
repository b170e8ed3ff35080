/**
 * Generated translation pairs for the parallel-text editions: a Chinese body and its English
 * version, unit by unit, with the irregularities of real translations. The same seed gives
 * the same pair. Every sentence carries its unit, paragraph and sentence numbers, so no text
 * repeats (Paged.js mislays repeated text that spans pages).
 */

/** One alignment unit of a generated pair, as the tests look for it in the PDF. */
export interface PairUnit {
  /** The alignment id: `s<n>` for a heading (its place among the headings), else the paragraph's anchor. */
  id: string;
  /** Heading level (2–5), or 0 for a unit that starts at an anchored paragraph. */
  level: number;
  /** The unit's first words as printed (short enough to stay on its first line), per language; absent where the language lacks the unit. */
  start: { zh?: string; en?: string };
  /** The English's length over the Chinese's (printed height); 0 when a side lacks the unit. */
  ratio: number;
  /** Which sides carry notes in this unit. */
  notes: { zh: number; en: number };
}

export interface GeneratedPair {
  zh: string;
  en: string;
  units: PairUnit[];
}

export interface PairOptions {
  /** Number of units both languages have (the pair adds a unit missing on each side). */
  units: number;
  seed?: number;
  /** English length over the Chinese, per unit: drawn from this range. */
  ratio?: [number, number];
  /** Units (by index among the shared ones) made longer than a spread. */
  long?: number[];
}

/** Printed lines: 40 Chinese characters of 18 pt a line, about 92 Latin characters of 15 pt (styles/page.css, english.css). */
const ZH_PER_LINE = 40;
const ZH_LEADING = 18;
const EN_PER_LINE = 92;
const EN_LEADING = 15;

const ZH_TOPICS = [
  "地区安全合作的制度基础",
  "多边机制的协商程序",
  "成员国之间的互信建设",
  "非传统安全威胁的应对",
  "经济合作与安全治理的关系",
  "边境地区的军事互信措施",
];
const EN_TOPICS = [
  "the institutional basis of regional security cooperation",
  "the consultation procedures of multilateral mechanisms",
  "confidence building among the member states",
  "the response to non-traditional security threats",
  "the relation between economic cooperation and security governance",
  "military confidence measures in the border areas",
];
const ZH_HEADINGS = ["制度基础", "协商程序", "互信建设", "威胁应对", "治理关系", "军事互信", "合作前景", "历史经验"];
const EN_HEADINGS = [
  "Institutional Basis",
  "Consultation",
  "Mutual Trust",
  "Responding to Threats",
  "Governance",
  "Military Confidence",
  "Prospects",
  "Lessons of History",
];

/** A small deterministic generator (mulberry32): the same seed, the same pair. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A pair of `units` shared units (headings at levels 2–5 and anchored paragraphs), with the
 * English 0.7–2× the Chinese per unit (or the range given), some units longer than a spread,
 * notes on one side only in some units, and one unit that only each language has.
 */
export function generatePair(options: PairOptions): GeneratedPair {
  const rand = random(options.seed ?? 1);
  const [low, high] = options.ratio ?? [0.7, 2];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const long = new Set(options.long ?? [Math.floor(options.units / 3), Math.floor((2 * options.units) / 3)]);
  const zh: string[] = [];
  const en: string[] = [];
  const units: PairUnit[] = [];
  let headings = 0;
  let noteNumber = 0;

  const zhSentence = (u: number, p: number, s: number, clauses: number) =>
    `第${u}单元第${p}段第${s}句讨论${pick(ZH_TOPICS)}，${Array.from({ length: clauses }, (_, c) => `其第${c + 1}层含义涉及${pick(ZH_TOPICS)}`).join("，")}。`;
  const enSentence = (u: number, p: number, s: number, clauses: number) =>
    `Sentence ${u}.${p}.${s} considers ${pick(EN_TOPICS)}, ${Array.from({ length: clauses }, (_, c) => `its layer ${c + 1} touching on ${pick(EN_TOPICS)}`).join(", ")}.`;

  /** Paragraphs of about `lines` printed lines each, adding up to `total` lines. */
  const paragraphs = (total: number, write: (p: number, lines: number) => string): string[] => {
    const out: string[] = [];
    let left = Math.max(1, Math.round(total));
    for (let p = 1; left > 0; p++) {
      const lines = Math.min(left, 2 + Math.floor(rand() * 8));
      out.push(write(p, lines));
      left -= lines;
    }
    return out;
  };
  const zhParagraph = (u: number, p: number, lines: number, first: string) => {
    const text: string[] = [first];
    for (let s = 1; text.join("").length < lines * ZH_PER_LINE - 20; s++) text.push(zhSentence(u, p, s, 1 + Math.floor(rand() * 3)));
    return text.join("");
  };
  const enParagraph = (u: number, p: number, lines: number, first: string) => {
    const text: string[] = [first];
    for (let s = 1; text.join(" ").length < lines * EN_PER_LINE - 40; s++) text.push(enSentence(u, p, s, 1 + Math.floor(rand() * 3)));
    return text.join(" ").trim();
  };
  const note = (lang: "zh" | "en") => {
    noteNumber++;
    const label = `${lang}${noteNumber}`;
    const lines = 1 + Math.floor(rand() * 3);
    const body =
      lang === "zh"
        ? Array.from(
            { length: lines },
            (_, i) =>
              `注${noteNumber}之${i + 1}：参见某某著作第${noteNumber * 10 + i}页关于${pick(ZH_TOPICS)}的论述，及其所引的档案材料与会议纪要。`,
          ).join("")
        : Array.from(
            { length: lines },
            (_, i) =>
              `Note ${noteNumber}.${i + 1}: see the study of ${pick(EN_TOPICS)}, page ${noteNumber * 10 + i}, and the archives it cites.`,
          ).join(" ");
    return { call: `[^${label}]`, body: `[^${label}]: ${body}` };
  };

  /** Writes one unit on one side: its opening (heading or anchored paragraph), then paragraphs with notes. */
  const writeUnit = (out: string[], lang: "zh" | "en", u: number, level: number, id: string, lines: number, notes: number) => {
    const first = pick(EN_HEADINGS);
    const heading = lang === "zh" ? `第${u}节　${pick(ZH_HEADINGS)}与${pick(ZH_HEADINGS)}` : `${u} ${first} and ${pick(EN_HEADINGS)}`;
    const opening = lang === "zh" ? `第${u}单元开篇。` : `Unit ${u} opens here.`;
    if (level > 0) out.push(`${"#".repeat(level)} ${heading}`);
    const body = paragraphs(lines, (p, n) =>
      lang === "zh" ? zhParagraph(u, p, n, p === 1 ? opening : "") : enParagraph(u, p, n, p === 1 ? opening : ""),
    );
    let left = notes;
    body.forEach((text, i) => {
      // Notes on the first paragraphs; an anchored paragraph carries its anchor at its end.
      const calls: string[] = [];
      const bodies: string[] = [];
      if (left > 0 && (i > 0 || body.length === 1 || rand() < 0.5)) {
        const n = note(lang);
        calls.push(n.call);
        bodies.push(n.body);
        left--;
      }
      out.push(`${text}${calls.join("")}${level === 0 && i === 0 ? ` {#${id}}` : ""}`, ...bodies);
    });
    // The unit's first words: its number, and a word or two.
    return level > 0 ? (lang === "zh" ? `第${u}节` : `${u} ${first.split(" ")[0]}`) : opening;
  };

  const alone = Math.floor(options.units / 2);
  for (let u = 1; u <= options.units; u++) {
    // Every fifth unit opens at an anchored paragraph, the others at headings of levels 2–5 in turn.
    const level = u % 5 === 0 ? 0 : 1 + (u % 5);
    if (level > 0) headings++;
    const id = level > 0 ? `s${headings}` : `p${u}`;
    const zhLines = long.has(u - 1) ? 90 + Math.floor(rand() * 40) : 3 + Math.floor(rand() * 18);
    const ratio = low + rand() * (high - low);
    const enLines = (zhLines * ratio * ZH_LEADING) / EN_LEADING;
    // Notes: on both sides, on one side only, or none.
    const kind = Math.floor(rand() * 4);
    const notes = {
      zh: kind === 0 || kind === 1 ? 1 + Math.floor(rand() * 2) : 0,
      en: kind === 0 || kind === 2 ? 1 + Math.floor(rand() * 2) : 0,
    };
    const zhStart = writeUnit(zh, "zh", u, level, id, zhLines, notes.zh);
    const enStart = writeUnit(en, "en", u, level, id, enLines, notes.en);
    units.push({ id, level, start: { zh: zhStart, en: enStart }, ratio, notes });
    if (u === alone) {
      // A passage each language has and the other lacks, in the middle of the text.
      const zhId = `only-zh-${u}`;
      const enId = `only-en-${u}`;
      units.push({ id: zhId, level: 0, start: { zh: writeUnit(zh, "zh", 900 + u, 0, zhId, 4, 0) }, ratio: 0, notes: { zh: 0, en: 0 } });
      units.push({ id: enId, level: 0, start: { en: writeUnit(en, "en", 950 + u, 0, enId, 6, 0) }, ratio: 0, notes: { zh: 0, en: 0 } });
    }
  }
  // A closing section the English lacks (as the sample's 结语).
  headings++;
  units.push({
    id: `s${headings}`,
    level: 2,
    start: { zh: writeUnit(zh, "zh", 999, 2, `s${headings}`, 5, 0) },
    ratio: 0,
    notes: { zh: 0, en: 0 },
  });
  return { zh: zh.join("\n\n"), en: en.join("\n\n"), units };
}
