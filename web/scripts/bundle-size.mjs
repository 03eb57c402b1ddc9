// Reports the built page's size, gzipped (level 9, as a server would send it): the page's own code
// (every file of web/dist but the ECharts chunk) against its 100 KB budget, ECharts, and the total.
// Prints one JSON object; `--check` exits 1 when the own code is over budget. Run after `npm run build`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_OWN_GZIP_BYTES = 100 * 1024;
const dist = fileURLToPath(new URL('../dist', import.meta.url));

const files = (dir) => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
const measured = files(dist).map((path) => {
  const bytes = readFileSync(path);
  return { file: relative(dist, path), bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, echarts: /(^|\/)echarts-[\w-]+\.js$/.test(relative(dist, path)) };
});
const sum = (list, key) => list.reduce((total, file) => total + file[key], 0);
const own = measured.filter((file) => !file.echarts);
const echarts = measured.filter((file) => file.echarts);
const report = {
  own: { bytes: sum(own, 'bytes'), gzipBytes: sum(own, 'gzipBytes') },
  echarts: { bytes: sum(echarts, 'bytes'), gzipBytes: sum(echarts, 'gzipBytes') },
  total: { bytes: sum(measured, 'bytes'), gzipBytes: sum(measured, 'gzipBytes') },
  budgetOwnGzipBytes: BUDGET_OWN_GZIP_BYTES,
  files: measured.map(({ file, bytes, gzipBytes }) => ({ file, bytes, gzipBytes })),
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
if (process.argv.includes('--check') && report.own.gzipBytes > BUDGET_OWN_GZIP_BYTES) {
  process.stderr.write(`the page's own code is ${report.own.gzipBytes} bytes gzipped, over its budget of ${BUDGET_OWN_GZIP_BYTES}\n`);
  process.exit(1);
}
