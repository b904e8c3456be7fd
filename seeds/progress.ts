/** A one-line progress bar on stderr (a plain log line per step when stderr is not a terminal). */
export function progressBar(label: string) {
  const tty = process.stderr.isTTY;
  const started = Date.now();
  let lastStep = '';
  return (step: string, done: number, total: number) => {
    const pct = total ? done / total : 1;
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (tty) {
      const width = 30;
      const bar = '█'.repeat(Math.round(pct * width)).padEnd(width, '░');
      process.stderr.write(`\r${label} ${bar} ${(pct * 100).toFixed(0).padStart(3)}%  ${step.padEnd(20)} ${secs}s`);
      if (pct >= 1 && step === 'campaigns') process.stderr.write('\n');
    } else if (step !== lastStep || pct >= 1) {
      if (pct >= 1) process.stderr.write(`${label}: ${step} done (${secs}s)\n`);
    }
    lastStep = step;
  };
}
