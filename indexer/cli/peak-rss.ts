// Peak resident memory of this process (worker threads included), as the OS counts it.
export function peakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function currentRssMB(): number {
  return Math.round(process.memoryUsage.rss() / 1024 / 1024);
}
