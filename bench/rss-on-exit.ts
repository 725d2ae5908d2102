// Preloaded into a `precipitate` process by bench/service.ts (node --import): prints the process's peak
// RSS (KB) as a JSON line on stderr when it exits.
process.on('exit', () => {
  process.stderr.write(`${JSON.stringify({ max_rss_kb: process.resourceUsage().maxRSS })}\n`);
});
