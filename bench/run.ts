// `npm run bench [-- NAME]`: the schedule micro-benchmark by default; `load` for the load
// benchmark (bench/load.ts, issue #8).
const which = process.argv[2] ?? 'schedule';
if (which === 'load') {
  const { main } = await import('./load.js');
  await main();
} else if (which === 'schedule') {
  await import('./schedule.js');
} else {
  throw new Error(`unknown benchmark ${which}: schedule or load`);
}
