/**
 * Draws the figures of the sample's second article from the census figures it tabulates
 * (content/2021-03/lin-xiao-census-regions): the chart of the regions' shares as SVG (one
 * with Chinese labels, one with English), and the picture of the provinces' populations
 * as a grainy JPEG, the kind of scan a journal receives. Run after changing the data:
 *
 *   node --import tsx scripts/sample-figures.ts
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { pageAssets } from "../src/compose/assets.ts";
import { PROJECT_ROOT } from "../src/config/paths.ts";
import { launchBrowser } from "../src/render/browser.ts";

const DIR = path.join(PROJECT_ROOT, "content", "2021-03", "lin-xiao-census-regions");

/** Resident population of each provincial-level division at the 2010 and 2020 censuses (persons). */
const CENSUS: [string, string, number, number][] = [
  ["北京", "Beijing", 19612368, 21893095],
  ["天津", "Tianjin", 12938693, 13866009],
  ["河北", "Hebei", 71854210, 74610235],
  ["山西", "Shanxi", 35712101, 34915616],
  ["内蒙古", "Inner Mongolia", 24706291, 24049155],
  ["辽宁", "Liaoning", 43746323, 42591407],
  ["吉林", "Jilin", 27452815, 24073453],
  ["黑龙江", "Heilongjiang", 38313991, 31850088],
  ["上海", "Shanghai", 23019196, 24870895],
  ["江苏", "Jiangsu", 78660941, 84748016],
  ["浙江", "Zhejiang", 54426891, 64567588],
  ["安徽", "Anhui", 59500468, 61027171],
  ["福建", "Fujian", 36894217, 41540086],
  ["江西", "Jiangxi", 44567797, 45188635],
  ["山东", "Shandong", 95792719, 101527453],
  ["河南", "Henan", 94029939, 99365519],
  ["湖北", "Hubei", 57237727, 57752557],
  ["湖南", "Hunan", 65700762, 66444864],
  ["广东", "Guangdong", 104320459, 126012510],
  ["广西", "Guangxi", 46023761, 50126804],
  ["海南", "Hainan", 8671485, 10081232],
  ["重庆", "Chongqing", 28846170, 32054159],
  ["四川", "Sichuan", 80417528, 83674866],
  ["贵州", "Guizhou", 34748556, 38562148],
  ["云南", "Yunnan", 45966766, 47209277],
  ["西藏", "Xizang", 3002165, 3648100],
  ["陕西", "Shaanxi", 37327379, 39528999],
  ["甘肃", "Gansu", 25575263, 25019831],
  ["青海", "Qinghai", 5626723, 5923957],
  ["宁夏", "Ningxia", 6301350, 7202654],
  ["新疆", "Xinjiang", 21815815, 25852345],
];

const REGIONS: { zh: string; en: string; members: string[] }[] = [
  { zh: "东部", en: "East", members: ["北京", "天津", "河北", "上海", "江苏", "浙江", "福建", "山东", "广东", "海南"] },
  { zh: "中部", en: "Centre", members: ["山西", "安徽", "江西", "河南", "湖北", "湖南"] },
  { zh: "西部", en: "West", members: ["内蒙古", "广西", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆"] },
  { zh: "东北", en: "Northeast", members: ["辽宁", "吉林", "黑龙江"] },
];

const count = (row: (typeof CENSUS)[number], year: 0 | 1) => (year ? row[3] : row[2]);
const total = (year: 0 | 1) => CENSUS.reduce((sum, row) => sum + count(row, year), 0);
const regionShare = (members: string[], year: 0 | 1) =>
  (100 * CENSUS.filter((row) => members.includes(row[0])).reduce((sum, row) => sum + count(row, year), 0)) / total(year);

/** Grouped bars: each region's share of the population in 2010 and 2020. */
function chart(lang: "zh" | "en"): string {
  const width = 560;
  const height = 300;
  const left = 48;
  const bottom = 250;
  const top = 30;
  const max = 45;
  const y = (value: number) => bottom - ((bottom - top) * value) / max;
  const parts: string[] = [];
  for (let tick = 0; tick <= max; tick += 15) {
    parts.push(`<line x1="${left}" y1="${y(tick)}" x2="${width - 10}" y2="${y(tick)}" stroke="#bbb" stroke-width="0.6"/>`);
    parts.push(`<text x="${left - 8}" y="${y(tick) + 4}" text-anchor="end" font-size="12">${tick}</text>`);
  }
  const band = (width - left - 10) / REGIONS.length;
  REGIONS.forEach((region, i) => {
    const x = left + i * band + band / 2;
    ([0, 1] as const).forEach((year) => {
      const share = regionShare(region.members, year);
      const barX = x - 34 + year * 36;
      parts.push(
        `<rect x="${barX}" y="${y(share).toFixed(1)}" width="32" height="${(bottom - y(share)).toFixed(1)}" fill="${year ? "#333" : "#aaa"}"/>`,
      );
      parts.push(`<text x="${barX + 16}" y="${(y(share) - 5).toFixed(1)}" text-anchor="middle" font-size="11">${share.toFixed(2)}</text>`);
    });
    parts.push(`<text x="${x}" y="${bottom + 20}" text-anchor="middle" font-size="13">${lang === "zh" ? region.zh : region.en}</text>`);
  });
  parts.push(`<line x1="${left}" y1="${bottom}" x2="${width - 10}" y2="${bottom}" stroke="#000" stroke-width="1"/>`);
  parts.push(`<text x="${left - 8}" y="${top - 14}" text-anchor="end" font-size="12">%</text>`);
  const legend = lang === "zh" ? ["2010年", "2020年"] : ["2010", "2020"];
  legend.forEach((label, year) => {
    const lx = width - 170 + year * 80;
    parts.push(`<rect x="${lx}" y="${top - 24}" width="14" height="10" fill="${year ? "#333" : "#aaa"}"/>`);
    parts.push(`<text x="${lx + 20}" y="${top - 15}" font-size="12">${label}</text>`);
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n${parts.join("\n")}\n</svg>\n`;
}

/** Draws the picture on a canvas in the page and returns it as a JPEG data URL. */
const DRAW = `
      await document.fonts.load("400 20px 'Noto Serif SC'", census.map((r) => r[0]).join("") + regions.map((r) => r.zh).join(""));
      const width = 1500;
      const height = 1000;
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const g = canvas.getContext("2d");
      g.fillStyle = "#f1ebdd";
      g.fillRect(0, 0, width, height);
      const margin = 40;
      const sum = census.reduce((s, r) => s + r[3], 0);
      let top = margin;
      regions.forEach((region, ri) => {
        const rows = census.filter((r) => region.members.includes(r[0]));
        const regionSum = rows.reduce((s, r) => s + r[3], 0);
        const bandHeight = ((height - 2 * margin) * regionSum) / sum;
        let left = margin + 90;
        g.fillStyle = "#222";
        g.font = "400 30px 'Noto Serif SC'";
        g.fillText(region.zh, margin, top + bandHeight / 2 + 10);
        for (const row of rows) {
          const w = ((width - 2 * margin - 90) * row[3]) / regionSum;
          g.fillStyle = \`hsl(\${[20, 200, 110, 280][ri]}, 22%, \${58 + (rows.indexOf(row) % 3) * 9}%)\`;
          g.fillRect(left + 2, top + 2, w - 4, bandHeight - 4);
          if (w > 46) {
            g.fillStyle = "#111";
            g.font = \`400 \${Math.min(26, Math.max(16, w / 4))}px 'Noto Serif SC'\`;
            g.fillText(row[0], left + 8, top + Math.min(bandHeight - 10, 34));
          }
          left += w;
        }
        top += bandHeight;
      });
      // Grain and an uneven tone, as a scanner gives a printed page.
      const image = g.getImageData(0, 0, width, height);
      let seed = 7;
      const random = () => {
        seed = (seed * 16807) % 2147483647;
        return seed / 2147483647;
      };
      for (let i = 0; i < image.data.length; i += 4) {
        const x = (i / 4) % width;
        const shade = -10 * (x / width) + (random() - 0.5) * 26;
        for (let c = 0; c < 3; c++) image.data[i + c] = Math.max(0, Math.min(255, image.data[i + c] + shade));
      }
      g.putImageData(image, 0, 0);
      return canvas.toDataURL("image/jpeg", 0.62);
`;

/**
 * The provinces' populations in 2020 as areas (regions in bands, provinces side by side
 * within them), drawn on a canvas in the page, with paper tone and grain, as a JPEG.
 */
async function scan(): Promise<Buffer> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const { styles } = await pageAssets();
    const fonts = [
      ...styles.fontStylesheets.map((url) => `<link rel="stylesheet" href="${url}">`),
      ...styles.fontFaces.map((face) => `<style>${face.css}</style>`),
    ].join("");
    await page.goto("about:blank");
    await page.setContent(
      `<!doctype html><html><head>${fonts}</head><body style="font-family:'Noto Serif SC'">人口东部中部西部东北</body></html>`,
      {
        waitUntil: "load",
      },
    );
    const data = { census: CENSUS, regions: REGIONS };
    // Run as a script of its own in the page (source text: the TypeScript runner would add helpers the page lacks).
    const url = (await page.evaluate(`(async ({ census, regions }) => {${DRAW}})(${JSON.stringify(data)})`)) as string;
    return Buffer.from(url.split(",")[1] ?? "", "base64");
  } finally {
    await browser.close();
  }
}

await writeFile(path.join(DIR, "figures", "regions.svg"), chart("zh"));
await writeFile(path.join(DIR, "figures", "regions-en.svg"), chart("en"));
await writeFile(path.join(DIR, "figures", "provinces-2020.jpg"), await scan());
for (const region of REGIONS) {
  const [a, b] = [regionShare(region.members, 0), regionShare(region.members, 1)];
  console.log(`${region.zh} ${a.toFixed(2)} → ${b.toFixed(2)} (${(b - a).toFixed(2)})`);
}
